import { inflateRawSync } from 'node:zlib';
import type { Database } from './database.js';
import { num } from './rows.js';

/**
 * The record a listen was stored from. Most listens keep it in `raw` as the source gave it; a listen
 * a bulk import read (ingest/bulk-entry.ts) has a reference there instead, to its line in a deflated
 * block of the file (raw_blocks, migration 006): `listenhouse:raw/<block id>/<line>`.
 */
const REFERENCE = /^listenhouse:raw\/(\d+)\/(\d+)$/;

/** The reference a bulk import stores in `raw` for one line of a block. */
export function rawReference(blockId: number | bigint, line: number): string {
  return `listenhouse:raw/${blockId}/${line}`;
}

export function isRawReference(raw: string | null): boolean {
  return raw !== null && REFERENCE.test(raw);
}

interface Block {
  firstLine: number;
  lines: string[];
}

/** Blocks kept inflated: a page of listens or an export reads many lines of the same few blocks. */
const KEPT_BLOCKS = 4;

/**
 * Resolves `raw` values to the records' text. One per reader of raw records (a page of listens, an
 * export): it keeps the last few blocks it inflated.
 */
export class RawRecords {
  private readonly blocks = new Map<bigint, Promise<Block | null>>();

  constructor(private readonly db: Database) {}

  /** The record's text: `raw` itself, or the line it refers to (null when the block is gone). */
  async text(raw: string | null): Promise<string | null> {
    const ref = raw === null ? null : REFERENCE.exec(raw);
    if (!ref) return raw;
    const block = await this.block(BigInt(ref[1]!));
    return block?.lines[Number(ref[2]) - block.firstLine] ?? null;
  }

  private block(id: bigint): Promise<Block | null> {
    let block = this.blocks.get(id);
    if (block) this.blocks.delete(id); // re-added below: most recently used last
    block ??= this.inflate(id);
    this.blocks.set(id, block);
    if (this.blocks.size > KEPT_BLOCKS) this.blocks.delete(this.blocks.keys().next().value!);
    return block;
  }

  private async inflate(id: bigint): Promise<Block | null> {
    const pieces = await this.db.all<{ first_line: unknown; data: unknown }>(
      'SELECT first_line, data FROM raw_blocks WHERE id = $id ORDER BY piece',
      { id },
    );
    const row = pieces[0];
    if (!row) return null;
    let text = inflateRawSync(Buffer.concat(pieces.map((p) => bytesOf(p.data)))).toString('utf8');
    const firstLine = num(row.first_line, 'first_line');
    if (firstLine === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
    return { firstLine, lines };
  }
}

/** A BLOB as DuckDB's JavaScript values give it. */
function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'object' && value !== null && 'bytes' in value && value.bytes instanceof Uint8Array)
    return value.bytes;
  throw new Error('raw_blocks.data is not a BLOB');
}
