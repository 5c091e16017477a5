import { idList } from '../store/rows.js';

/** Ids bound as one list parameter; an empty list holds -1 (no row has it), as DuckDB types no empty list. */
export function anyIds(ids: readonly (number | bigint)[]) {
  return idList(ids.length > 0 ? ids : [-1]);
}
