import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../domain/errors.js';
import { entryFromBytes } from '../sources/index.js';
import { tempDir } from '../../test/support/temp.js';
import { writeZip } from '../../test/support/zip.js';
import {
  groupEntries,
  readInput,
  storedPathOf,
  unknownFormatError,
  userNamedByExport,
} from './entry-groups.js';

const lbLine = (at: number, track: string) =>
  JSON.stringify({ listened_at: at, track_metadata: { artist_name: 'Burial', track_name: track } });
const oneKLine = (user: string, at: string, artist: string, track: string) =>
  [user, at, '', artist, '', track].join('\t');

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

describe('what an input holds', () => {
  it('a ListenBrainz export zip: its listens are one group, user.json names the user and is ignored as data', async () => {
    const zip = join(dir.path, 'listenbrainz_alice.zip');
    await writeZip(zip, {
      'user.json': '{"user_id":46008,"username":" alice "}',
      'listens/2024/5.jsonl': lbLine(1715000000, 'Archangel'),
      'listens/2024/6.jsonl': [lbLine(1718350000, 'Near Dark'), lbLine(1718350300, 'Ghost Hardware')].join(
        '\n',
      ),
    });
    const input = await readInput(zip);
    expect(input.exportUser).toBe('alice');
    expect(input.groups.map((g) => [g.format.name, g.entries.map((e) => e.name)])).toEqual([
      ['listenbrainz-jsonl', ['5.jsonl', '6.jsonl']],
    ]);
    expect(input.ignored).toEqual([
      { entry: `${zip}:user.json`, reason: 'not a format listenhouse imports' },
    ]);
  });

  it('a folder: an unrecognised file is ignored with the reason, the others grouped by format', async () => {
    const folder = join(dir.path, 'exports');
    mkdirSync(folder);
    writeFileSync(join(folder, 'listens.jsonl'), lbLine(1718350000, 'Archangel'));
    writeFileSync(
      join(folder, 'userid-timestamp-artid-artname-traid-traname.tsv'),
      oneKLine('user_000001', '2009-05-04T23:08:57Z', 'Deep Dish', 'Flashdance'),
    );
    writeFileSync(join(folder, 'shopping.txt'), 'milk\neggs\nbread\n');
    const input = await readInput(folder);
    expect(input.exportUser).toBeNull();
    expect(input.groups.map((g) => g.format.name).sort()).toEqual(['lastfm-1k-tsv', 'listenbrainz-jsonl']);
    expect(input.ignored).toEqual([
      { entry: join(folder, 'shopping.txt'), reason: 'not a format listenhouse imports' },
    ]);
  });

  it('--format given: every entry goes to that format, whatever its content', async () => {
    const entries = [
      entryFromBytes('a.jsonl', lbLine(1718350000, 'Archangel')),
      entryFromBytes('notes.txt', 'not listens at all'),
    ];
    const { groups, ignored } = await groupEntries(entries, 'listenbrainz-jsonl');
    expect(groups.map((g) => [g.format.name, g.entries.map((e) => e.path)])).toEqual([
      ['listenbrainz-jsonl', ['a.jsonl', 'notes.txt']],
    ]);
    expect(ignored).toEqual([]);
  });

  it('names the entries after the display name (an upload saved under a temporary name)', async () => {
    const file = dir.file('tmp-4711.jsonl', lbLine(1718350000, 'Archangel'));
    const input = await readInput(file, { display: 'upload:mine.jsonl' });
    expect(input.groups[0]!.entries.map((e) => e.path)).toEqual(['upload:mine.jsonl']);
  });

  it('an input nothing in which is readable: UNKNOWN_FORMAT naming it and the way out', async () => {
    const file = dir.file('shopping.txt', 'milk\neggs\n');
    const input = await readInput(file);
    expect(input.groups).toEqual([]);
    const err = unknownFormatError(file, input.entries);
    expect(isAppError(err) && err.code).toBe('UNKNOWN_FORMAT');
    expect(err.message).toMatch(/could not recognise the format.*--columns.*--format/s);
  });
});

describe("the user a ListenBrainz export's user.json names", () => {
  it.each([
    ['username', '{"username":"alice"}', 'alice'],
    ['user_name', '{"user_name":"bob"}', 'bob'],
    ['an empty name', '{"username":"  "}', null],
    ['no JSON', 'alice', null],
    ['JSON that is not an object', '"alice"', null],
  ])('%s', async (_, content, expected) => {
    expect(await userNamedByExport([entryFromBytes('x.zip:user.json', content)])).toBe(expected);
  });

  it('none without a user.json', async () => {
    expect(await userNamedByExport([entryFromBytes('listens.jsonl', '{}')])).toBeNull();
  });
});

describe('how runs name an input', () => {
  it('a path absolutely, a virtual source by its name', () => {
    expect(storedPathOf('exports/a.jsonl')).toBe(resolve('exports/a.jsonl'));
    expect(storedPathOf('simulator:seed=42')).toBe('simulator:seed=42');
    expect(storedPathOf('upload:mine.jsonl')).toBe('upload:mine.jsonl');
  });
});
