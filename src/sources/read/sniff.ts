import { parse as parseCsvText } from 'csv-parse/sync';
import { isRecord } from '../common/values.js';
import type { Entry, Sniff } from '../types.js';
import { JsonArraySplitter } from './json-array-splitter.js';

/** How much of an entry detection sees. */
export const SNIFF_BYTES = 64 * 1024;

/** Reads the first 64 KiB of an entry, decoded as UTF-8 with replacement characters, without its BOM. */
export async function readSniff(entry: Entry): Promise<Sniff> {
  const stream = await entry.open();
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= SNIFF_BYTES) break;
    }
  } finally {
    stream.destroy();
  }
  const bytes = Buffer.concat(chunks).subarray(0, SNIFF_BYTES);
  return sniffOf(entry.name, bytes);
}

/** A Sniff from bytes already in memory (tests, and callers that hold the head). */
export function sniffOf(name: string, bytes: Uint8Array | string): Sniff {
  const text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8').decode(bytes);
  return { name, head: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/**
 * The complete lines of the head. The last line is dropped when the head fills the sniff window,
 * because it is probably cut; a short file's last line is complete even without a newline.
 */
export function headLines(head: string, max = 50): string[] {
  const lines = head.split('\n');
  const full = Buffer.byteLength(head) >= SNIFF_BYTES - 4;
  if (full && lines.length > 1) lines.pop();
  const out: string[] = [];
  for (const raw of lines) {
    if (out.length >= max) break;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() !== '') out.push(line);
  }
  return out;
}

export function startsWithChar(head: string, char: '[' | '{'): boolean {
  return head.trimStart().startsWith(char);
}

/** JSON objects from the first lines of a JSON-lines head (lines that do not parse are left out). */
export function headJsonLines(head: string, max = 5): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const line of headLines(head, max)) {
    try {
      const value: unknown = JSON.parse(line);
      if (isRecord(value)) out.push(value);
    } catch {
      // Not JSON lines, or a cut line: detection just sees fewer samples.
    }
  }
  return out;
}

/** The first element of a top-level JSON array in the head, when it is complete within the head. */
export function firstArrayElement(head: string): unknown {
  if (!startsWithChar(head, '[')) return undefined;
  const first = new JsonArraySplitter('utf8').push(Buffer.from(head))[0];
  return first && first.error === undefined ? first.value : undefined;
}

/** CSV rows of the head's complete lines, or [] when csv-parse cannot read them. */
export function headCsvRows(head: string, delimiter = ',', max = 50): string[][] {
  const lines = headLines(head, max);
  if (lines.length === 0) return [];
  try {
    return parseCsvText(lines.join('\n'), {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    });
  } catch {
    return [];
  }
}
