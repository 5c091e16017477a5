import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readTar, TruncatedArchiveError } from './tar-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'tar-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The bytes as a stream would hand them over, `size` at a time. */
function chunks(bytes: Buffer, size: number): AsyncIterable<Buffer> {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

function archive(): Buffer {
  mkdirSync(join(dir, 'mbdump'), { recursive: true });
  writeFileSync(join(dir, 'mbdump', 'artist'), 'line one\nline two\n');
  const long = 'a'.repeat(120);
  writeFileSync(join(dir, 'mbdump', long), 'x'.repeat(1000));
  writeFileSync(join(dir, 'mbdump', 'TIMESTAMP'), '2026-12-01\n');
  execFileSync('tar', ['-cf', join(dir, 'dump.tar'), '-C', dir, 'mbdump']);
  return readFileSync(join(dir, 'dump.tar'));
}

describe('readTar', () => {
  it('streams each member, long names included, from chunks of any size', async () => {
    const bytes = archive();
    for (const size of [1, 7, 512, 100_000]) {
      const seen: [string, string][] = [];
      for await (const m of readTar(chunks(bytes, size))) {
        if (m.type === '5') continue;
        const parts: Buffer[] = [];
        for await (const c of m.body) parts.push(c);
        seen.push([m.name, Buffer.concat(parts).toString().slice(0, 20)]);
      }
      expect(seen).toContainEqual(['mbdump/artist', 'line one\nline two\n']);
      expect(seen).toContainEqual([`mbdump/${'a'.repeat(120)}`, 'x'.repeat(20)]);
      expect(seen).toContainEqual(['mbdump/TIMESTAMP', '2026-12-01\n']);
    }
  });

  it('skips what a reader leaves unread', async () => {
    const names: string[] = [];
    for await (const m of readTar(chunks(archive(), 300))) names.push(m.name);
    expect(names).toContain('mbdump/TIMESTAMP');
  });

  it('says where an archive was cut short', async () => {
    const bytes = archive();
    const cut = bytes.subarray(0, 512 + 5);
    await expect(async () => {
      for await (const m of readTar(chunks(cut, 64))) for await (const _ of m.body) void _;
    }).rejects.toThrow(TruncatedArchiveError);
  });
});
