import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.js';
import type { Entry } from '../types.js';
import { isIgnoredMember, openInputs } from './open-inputs.js';

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A minimal zip writer (deflate, or stored for folders), enough to test reading members in place. */
function makeZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const isDir = name.endsWith('/');
    const body = isDir ? data : deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(isDir ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(isDir ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

async function textOf(entry: Entry): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await entry.open()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'listenhouse-inputs-'));
  const zip = makeZip({
    'listens/': '',
    'listens/2024/': '',
    'listens/2024/10.jsonl': '{"n":10}\n',
    'listens/2024/2.jsonl': '{"n":2}\n',
    'user.json': '{"user_id":1,"username":"alice"}',
    '__MACOSX/listens/._2.jsonl': 'junk',
    'ReadMeFirst_ExtendedStreamingHistory.pdf': '%PDF-1.4',
    'cover.JPG': 'jpeg',
  });
  await writeFile(join(dir, 'export.zip'), zip);
  // Detected by bytes, not by name.
  await writeFile(join(dir, 'export-renamed.dat'), zip);
  await mkdir(join(dir, 'folder', 'nested'), { recursive: true });
  await writeFile(join(dir, 'folder', 'b.csv'), 'b\n');
  await writeFile(join(dir, 'folder', 'nested', 'a.json'), '[]');
  await writeFile(join(dir, 'folder', '.DS_Store'), 'x');
  await writeFile(join(dir, 'folder', 'notes.pdf'), '%PDF');
  await writeFile(join(dir, 'plain.jsonl'), '{"n":1}\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openInputs', () => {
  it('gives a plain file as one entry', async () => {
    const entries = await openInputs(join(dir, 'plain.jsonl'));
    expect(entries.map((e) => [e.path, e.name, e.size])).toEqual([
      [join(dir, 'plain.jsonl'), 'plain.jsonl', 8],
    ]);
    expect(await textOf(entries[0]!)).toBe('{"n":1}\n');
  });

  it('expands a zip to its data members, sorted, read in place', async () => {
    const zipPath = join(dir, 'export.zip');
    const entries = await openInputs(zipPath);
    expect(entries.map((e) => e.path)).toEqual([
      `${zipPath}:listens/2024/2.jsonl`,
      `${zipPath}:listens/2024/10.jsonl`,
      `${zipPath}:user.json`,
    ]);
    expect(entries.map((e) => e.name)).toEqual(['2.jsonl', '10.jsonl', 'user.json']);
    expect(await textOf(entries[1]!)).toBe('{"n":10}\n');
    // An entry can be opened again (sniffing, then parsing).
    expect(await textOf(entries[1]!)).toBe('{"n":10}\n');
    expect(entries[2]!.size).toBe(32);
  });

  it('recognises a zip by its bytes whatever its name', async () => {
    const entries = await openInputs(join(dir, 'export-renamed.dat'));
    expect(entries.map((e) => e.name)).toEqual(['2.jsonl', '10.jsonl', 'user.json']);
  });

  it('expands a directory recursively, sorted, without hidden files or documents', async () => {
    const entries = await openInputs(join(dir, 'folder'));
    expect(entries.map((e) => e.path)).toEqual([
      join(dir, 'folder', 'b.csv'),
      join(dir, 'folder', 'nested', 'a.json'),
    ]);
  });

  it('expands zips found inside a directory', async () => {
    const entries = await openInputs(dir);
    expect(entries.filter((e) => e.path.includes('.zip:')).length).toBe(3);
    expect(entries.some((e) => e.path === join(dir, 'plain.jsonl'))).toBe(true);
  });

  it('says NOT_FOUND with the path for a missing file', async () => {
    const missing = join(dir, 'nope.json');
    const err = await openInputs(missing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: `${missing}: no such file; check the path` });
  });

  it('says UNREADABLE_INPUT for a damaged zip', async () => {
    const broken = join(dir, 'broken.zip');
    await writeFile(broken, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(40)]));
    await expect(openInputs(broken)).rejects.toMatchObject({ code: 'UNREADABLE_INPUT' });
    await rm(broken);
  });
});

describe('isIgnoredMember', () => {
  it.each([
    ['listens/', true],
    ['__MACOSX/x/._a.json', true],
    ['Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf', true],
    ['.DS_Store', true],
    ['a/b/cover.PNG', true],
    ['listens/2024/1.jsonl', false],
    ['Streaming_History_Audio_2024.json', false],
    ['scrobbles.csv', false],
  ])('%s → %s', (name, ignored) => {
    expect(isIgnoredMember(name)).toBe(ignored);
  });
});
