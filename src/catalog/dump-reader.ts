/**
 * Opens what `catalog import` is given: a dump archive as MusicBrainz publishes it (`artist.tar.xz`,
 * member `mbdump/artist`), a plain `.tar`, or a JSON-lines file (`recording.jsonl`, an extracted
 * `mbdump/recording`, optionally `.xz` or `.gz`). Everything streams: `.xz` through Debian's `xz -dc`
 * (package xz-utils) in a child process, so a 20 GB dump never sits in memory and no npm package is
 * needed; `.gz` through zlib.
 */
import { spawn } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { AppError } from '../domain/errors.js';
import type { MbEntity } from '../store/catalog-rows.js';
import { DUMP_ENTITIES, isDumpEntity } from './dump-entities.js';
import { readTar, TruncatedArchiveError } from './tar-reader.js';

export { TruncatedArchiveError } from './tar-reader.js';

export interface DumpLine {
  text: string;
  /** 1-based line number within the member (or file). */
  line: number;
}

/** One stream of entity lines: a whole JSON-lines file, or one member of an archive. */
export interface DumpPart {
  /** How reports name it: `artist.tar.xz:mbdump/artist` or the file's path. */
  name: string;
  entity: MbEntity;
  /** Compressed bytes read so far of the file, for progress (0 when unknown). */
  bytesRead(): number;
  totalBytes: number;
  lines: AsyncIterable<DumpLine>;
}

/** What else an archive held: its TIMESTAMP and members that are not kept. */
export interface DumpExtras {
  timestamp: string | null;
  /** Members skipped, e.g. `mbdump/label` ("listenhouse keeps artist, release-group, release and recording"). */
  skipped: string[];
}

const MEMBER = /(?:^|\/)mbdump\/([a-z-]+)$/;

/** The entity a file name names: `artist.tar.xz`, `release-group.jsonl`, `recording.sample100.jsonl`. */
export function entityFromName(path: string): MbEntity | null {
  const name = basename(path).toLowerCase();
  // Longest first: "release-group" before "release".
  for (const entity of ['release-group', 'recording', 'release', 'artist'] as const) {
    if (name === entity || name.startsWith(`${entity}.`) || name.startsWith(`${entity}_`)) return entity;
  }
  return null;
}

/** Entities of other dumps, by a key only they have: named in the message that refuses them. */
const OTHER_ENTITIES: ReadonlyArray<[string, string]> = [
  ['label-code', 'labels'],
  ['iso-3166-1-codes', 'areas'],
  ['iswcs', 'works'],
  ['coordinates', 'places'],
  ['ordering-attribute', 'series'],
];

/** What other dump a line belongs to ('labels' …), or null. */
export function otherEntityOf(line: string): string | null {
  try {
    const value = JSON.parse(line) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    for (const [key, what] of OTHER_ENTITIES) if (key in value) return what;
  } catch {
    return null;
  }
  return null;
}

/** The entity a dump line's keys give away (for a file whose name says nothing). */
export function entityFromLine(line: string): MbEntity | null {
  if (otherEntityOf(line) !== null) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const keys = value as Record<string, unknown>;
  if ('media' in keys || 'release-group' in keys || 'release-events' in keys) return 'release';
  if ('primary-type' in keys || 'secondary-types' in keys) return 'release-group';
  if ('isrcs' in keys || ('length' in keys && 'title' in keys)) return 'recording';
  if ('sort-name' in keys && 'name' in keys && ('life-span' in keys || 'gender' in keys || 'type' in keys))
    return 'artist';
  return null;
}

const KEPT = DUMP_ENTITIES.join(', ');

/**
 * The parts of one input, in order; `extras` is complete once the iteration has ended. A truncated
 * archive throws TruncatedArchiveError after the last whole line it held.
 */
export function openDump(
  path: string,
  options: { entity?: MbEntity } = {},
): { parts: AsyncIterable<DumpPart>; extras: DumpExtras } {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory())
      throw new AppError(
        'INVALID_INPUT',
        `${path} is a folder: give the dump archive (artist.tar.xz …) or an mbdump/<entity> file inside it.`,
      );
    size = stat.size;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      'UNREADABLE_INPUT',
      `Cannot read ${path}: ${(err as Error).message}. Check the path.`,
      {
        cause: err,
      },
    );
  }
  const extras: DumpExtras = { timestamp: null, skipped: [] };
  const lower = path.toLowerCase();
  const isTar = /\.tar(\.xz|\.gz)?$|\.t[gx]z$/.test(lower);
  const compression = /\.(xz|txz)$/.test(lower) ? 'xz' : /\.(gz|tgz)$/.test(lower) ? 'gz' : null;
  let bytesRead = 0;
  const raw = (): AsyncIterable<Buffer> => {
    // Counted as the next stage pulls them (a 'data' listener would start the flow before it reads).
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
        bytesRead += chunk.length;
        yield chunk;
      }
    }
    if (compression === 'gz') return Readable.from(counted()).pipe(createGunzip());
    if (compression === 'xz') return xzStream(path, Readable.from(counted()));
    return counted();
  };

  async function* parts(): AsyncGenerator<DumpPart> {
    if (!isTar) {
      const bytes = raw();
      const entity = options.entity ?? entityFromName(path.replace(/\.(xz|gz)$/i, ''));
      const lines = splitLines(bytes, path);
      if (entity) {
        yield { name: path, entity, bytesRead: () => bytesRead, totalBytes: size, lines };
        return;
      }
      // No name to go by: the first line says what the file holds.
      const iterator = lines[Symbol.asyncIterator]();
      const first = await iterator.next();
      if (first.done) return;
      const sniffed = entityFromLine(first.value.text);
      const other = otherEntityOf(first.value.text);
      if (other)
        throw new AppError(
          'UNKNOWN_FORMAT',
          `${path} holds MusicBrainz ${other} (line 1), which listenhouse does not keep: import the ${KEPT} dumps.`,
        );
      if (!sniffed)
        throw new AppError(
          'UNKNOWN_FORMAT',
          `${path}:1 is not a MusicBrainz ${KEPT} line. Name the entity with --entity, or give a file named after it (artist.jsonl, mbdump/recording …).`,
        );
      async function* again(): AsyncGenerator<DumpLine> {
        yield first.value as DumpLine;
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      }
      yield { name: path, entity: sniffed, bytesRead: () => bytesRead, totalBytes: size, lines: again() };
      return;
    }
    for await (const member of readTar(raw())) {
      if (member.type !== '0' && member.type !== '\0' && member.type !== '7') continue;
      if (/(^|\/)mbdump\/TIMESTAMP$/.test(member.name)) {
        const chunks: Buffer[] = [];
        for await (const c of member.body) chunks.push(c);
        extras.timestamp = Buffer.concat(chunks).toString('utf8').trim() || null;
        continue;
      }
      const m = MEMBER.exec(member.name);
      if (!m) continue;
      const entity = options.entity ?? (isDumpEntity(m[1]!) ? m[1] : null);
      if (!entity) {
        if (
          ![
            'README',
            'COPYING',
            'JSON_DUMPS_SCHEMA_NUMBER',
            'REPLICATION_SEQUENCE',
            'SCHEMA_SEQUENCE',
          ].includes(m[1]!)
        )
          extras.skipped.push(member.name);
        continue;
      }
      yield {
        name: `${path}:${member.name}`,
        entity,
        bytesRead: () => bytesRead,
        totalBytes: size,
        lines: splitLines(member.body, `${path}:${member.name}`),
      };
    }
  }
  return { parts: parts(), extras };
}

/** `xz -dc`'s output; its failure (a truncated or corrupt file) is thrown at the end of the stream. */
async function* xzStream(path: string, file: NodeJS.ReadableStream): AsyncGenerator<Buffer> {
  const child = spawn('xz', ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let spawnError: Error | null = null;
  child.on('error', (err) => (spawnError = err));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.on('error', () => undefined); // xz stopping early closes its stdin; its exit code says why
  file.pipe(child.stdin);
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) yield chunk;
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (spawnError !== null) {
    const err: Error = spawnError;
    throw new AppError(
      'UNREADABLE_INPUT',
      `Cannot read ${path}: the program xz is needed for .xz files and could not be started (${err.message}). ` +
        'Install it (Debian/Ubuntu: apt-get install xz-utils), or unpack the archive first (tar -xJf) and import its mbdump/<entity> file.',
      { cause: err },
    );
  }
  if (code !== 0) {
    const reason = stderr.replace(/^xz: \(stdin\): /m, '').trim() || `xz exited with ${code}`;
    throw new TruncatedArchiveError(`xz: ${reason}`, null);
  }
}

/**
 * Lines of a byte stream, numbered from 1, decoded as UTF-8 one whole line at a time (a character
 * split between two chunks is never cut). A last line without its newline counts only when the
 * stream ended cleanly: a truncated stream's error comes before it.
 */
async function* splitLines(source: AsyncIterable<Buffer>, name: string): AsyncGenerator<DumpLine> {
  let carry: Buffer | null = null;
  let line = 0;
  try {
    for await (const chunk of source) {
      let start = 0;
      let buffer = chunk;
      if (carry !== null) {
        buffer = Buffer.concat([carry, chunk]);
        carry = null;
      }
      for (let at = buffer.indexOf(10, start); at >= 0; at = buffer.indexOf(10, start)) {
        line++;
        const end = at > start && buffer[at - 1] === 13 ? at - 1 : at;
        yield { text: buffer.toString('utf8', start, end), line };
        start = at + 1;
      }
      if (start < buffer.length) carry = buffer.subarray(start);
    }
  } catch (err) {
    if (err instanceof TruncatedArchiveError)
      throw new TruncatedArchiveError(`${name} is cut short after line ${line} (${err.message})`, err.member);
    throw err;
  }
  if (carry !== null && carry.length > 0) {
    line++;
    yield { text: carry.toString('utf8'), line };
  }
}
