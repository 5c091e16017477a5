/**
 * Checked readers of DuckDB row values (BIGINT → bigint, TIMESTAMP → Date, LIST → array), for the
 * repositories' row mappers: a column of an unexpected type is an INTERNAL error naming the column,
 * not a wrong value passed on. The same style as src/stats/mappers.ts.
 */
import { listValue } from '@duckdb/node-api';
import type { SqlList } from './database.js';
import { AppError } from '../domain/errors.js';

export type Row = Record<string, unknown>;

function wrongType(value: unknown, kind: string, field: string): AppError {
  return new AppError('INTERNAL', `A query returned ${typeof value} for the ${kind} column '${field}'.`);
}

export function num(value: unknown, field: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw wrongType(value, 'numeric', field);
}

export function numOrNull(value: unknown, field: string): number | null {
  return value === null || value === undefined ? null : num(value, field);
}

export function big(value: unknown, field: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  throw wrongType(value, 'integer', field);
}

export function str(value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  throw wrongType(value, 'text', field);
}

export function strOrNull(value: unknown, field: string): string | null {
  return value === null || value === undefined ? null : str(value, field);
}

export function strsOrNull(value: unknown, field: string): string[] | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v, i) => str(v, `${field}[${i}]`));
  throw wrongType(value, 'list', field);
}

export function bool(value: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value;
  throw wrongType(value, 'boolean', field);
}

/** Ids bound as one list parameter (`list_contains($ids, id)`), never joined into the SQL text. */
export function idList(ids: readonly (number | bigint)[]): SqlList {
  // A DuckDB list value underneath; the Database binds it as it is.
  return listValue(ids.map((id) => BigInt(id))) as unknown as SqlList;
}

/** Text values bound as one list parameter (`list_contains($keys, key)`). */
export function textList(values: readonly string[]): SqlList {
  return listValue([...values]) as unknown as SqlList;
}
