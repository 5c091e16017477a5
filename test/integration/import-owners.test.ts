// An import run belongs to the users its file names: a Last.fm 1K file's users, a ListenBrainz
// export's user.json; --user overrides; `imports --user NAME` finds a run under each of its users.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import-service.js';
import type { Database } from '../../src/store/database.js';
import { listImportRuns } from '../../src/store/report-repository.js';
import { findUserByName } from '../../src/store/user-repository.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { count, memoryDb, tempDir } from '../support/temp.js';
import { writeZip } from '../support/zip.js';

const NOW = Date.UTC(2026, 10, 22);
let db: Database;
beforeEach(async () => {
  db = await memoryDb();
});
afterEach(() => db.close());

async function runsOf(name: string) {
  const user = await findUserByName(db, name);
  return listImportRuns(db, 20, user!.id);
}

function lbLine(at: number, track: string): string {
  return JSON.stringify({ listened_at: at, track_metadata: { artist_name: 'Burial', track_name: track } });
}

describe('who owns an import run', () => {
  it("a ListenBrainz export zip's listens belong to the user its user.json names, unless --user says otherwise", async () => {
    const dir = tempDir();
    try {
      const zip = `${dir.path}/listenbrainz_alice_1718354402.zip`;
      await writeZip(zip, {
        'user.json': '{"user_id":46008,"username":"alice"}',
        'listens/2024/6.jsonl': [lbLine(1718350000, 'Archangel'), lbLine(1718350300, 'Near Dark')].join('\n'),
      });
      const report = await importFiles(db, { paths: [zip], defaultUserName: 'me', now: NOW });
      expect(report.files[0]!.usersCreated).toEqual(['alice']);
      expect(
        await count(
          db,
          "SELECT count(*) n FROM listens l JOIN users u ON u.id = l.user_id WHERE u.name = 'alice'",
        ),
      ).toBe(2);
      expect((await runsOf('alice')).map((r) => [r.user, r.users])).toEqual([['alice', ['alice']]]);
      expect(await runsOf('me')).toEqual([]);

      const forced = await importFiles(db, {
        paths: [zip],
        userName: 'bob',
        defaultUserName: 'me',
        now: NOW,
      });
      expect(forced.totals.inserted).toBe(2);
      expect((await runsOf('bob')).map((r) => r.user)).toEqual(['bob']);
    } finally {
      dir.cleanup();
    }
  });

  it.skipIf(!hasSharedData)('a Last.fm 1K run is listed under each user it names, not under me', async () => {
    const file = sharedFile('lastfm-1k-sample', 'userid-timestamp-artid-artname-traid-traname.head5000.tsv');
    await importFiles(db, { paths: [file], defaultUserName: 'me', now: NOW });
    const [run] = await listImportRuns(db, 5);
    expect(run!.users).toEqual(['user_000001', 'user_000002']);
    expect((await runsOf('user_000001')).map((r) => r.id)).toEqual([run!.id]);
    expect((await runsOf('user_000002')).map((r) => r.id)).toEqual([run!.id]);
    expect(run!.user).toBe('user_000001');
    expect(await runsOf('me')).toEqual([]);
  });
});
