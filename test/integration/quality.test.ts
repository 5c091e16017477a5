// The audit on a database seeded through the real write path with known defects, and every fix
// previewed, applied and undone: listens, catalogue and statistics compared before and after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import-service.js';
import {
  runAudit,
  runFix,
  saveAudit,
  auditHistory,
  undoChangeSet,
  listChangeSets,
  WEIGHTS,
} from '../../src/quality/index.js';
import type { AuditReport, FindingId, FixKind } from '../../src/quality/index.js';
import type { Database } from '../../src/store/database.js';
import { deleteListens } from '../../src/store/listen-edits.js';
import { diffRollups } from '../../src/store/rollups.js';
import { getTopArtists, getTopRecordings, getTopReleases, getSummary } from '../../src/stats/index.js';
import { memoryDb, tempDir } from '../support/temp.js';

const NOW = Date.UTC(2026, 0, 1);
const T0 = Date.UTC(2025, 2, 1) / 1000;

/** One ListenBrainz export line; listens 10 minutes apart unless `at` says otherwise. */
function line(
  i: number,
  artist: string,
  track: string,
  extra: Record<string, unknown> = {},
  release?: string,
): string {
  return JSON.stringify({
    listened_at: T0 + i * 600,
    track_metadata: {
      artist_name: artist,
      track_name: track,
      ...(release ? { release_name: release } : {}),
      additional_info: extra,
    },
  });
}

/** [artist, track, additional_info, release, the slot of another listen whose start it shares]. */
const SEED: Array<[string, string, Record<string, unknown>?, string?, number?]> = [
  ['Moby', 'Porcelain'],
  ['Moby', 'Natural Blues'],
  ['Tricky', 'Hell Is Round the Corner'],
  ['Tricky', 'Overcome'],
  // A collaboration stored as one artist: 3 listens.
  ['Moby & Tricky', 'Joint Song'],
  ['Moby & Tricky', 'Joint Song'],
  ['Moby & Tricky', 'Other Joint'],
  // Duplicate artists: Beatles (2) = The Beatles (3); Beyonce (1) = Beyoncé (2).
  ['The Beatles', 'Help!'],
  ['The Beatles', 'Something'],
  ['The Beatles', 'Let It Be'],
  ['Beatles', 'Yesterday'],
  ['Beatles', 'Girl'],
  // The same play as "The Beatles – Help!" under the other spelling: merged, the write path absorbs it.
  ['Beatles', 'Help!', {}, undefined, 7],
  ['Beyoncé', 'Halo'],
  ['Beyoncé', 'Formation'],
  ['Beyonce', 'Crazy in Love'],
  // Duplicate releases: "OK Computer Legacy Edition" (1) = "OK Computer" (2).
  ['Radiohead', 'Airbag', {}, 'OK Computer'],
  ['Radiohead', 'Lucky', {}, 'OK Computer'],
  ['Radiohead', 'Paranoid Android', {}, 'OK Computer Legacy Edition'],
  // Duplicate recordings: "Créep" (1) = "Creep" (2).
  ['Radiohead', 'Creep'],
  ['Radiohead', 'Creep'],
  ['Radiohead', 'Créep'],
  // Radio streams: 2 listens.
  ['Radio Paradise', 'Moby - Porcelain'],
  ['Radio Paradise', 'Air - La Femme d Argent'],
  // An overlapping play: 15 minutes played, the next listen 10 minutes later.
  ['Air', 'Alone in Kyoto', { ms_played: 900_000, duration_ms: 600_000 }],
  ['Air', 'Cherry Blossom Girl'],
  // A play three times longer than its track (the last listen: it overlaps nothing).
  ['Air', 'Run', { ms_played: 2_000_000, duration_ms: 200_000 }],
];

async function seed(db: Database, dir: ReturnType<typeof tempDir>): Promise<void> {
  const lines = SEED.map(([artist, track, extra, release, slot], i) =>
    line(slot ?? i, artist, track, extra, release),
  );
  lines.push('{"listened_at": "not json');
  lines.push(line(100, 'Orphan Artist', 'Lonely'));
  await importFiles(db, {
    paths: [dir.file('listens.jsonl', lines.join('\n') + '\n')],
    defaultUserName: 'me',
    now: NOW,
  });
  // A listen removed later leaves its artist, credit and recording behind: 3 orphan rows.
  const [orphan] = await db.all<{ id: bigint }>("SELECT id FROM listens WHERE artist = 'Orphan Artist'");
  await deleteListens(db, 1, [orphan!.id]);
  // One tuple matched to MusicBrainz.
  await db.run(
    `INSERT INTO catalog_matches SELECT artist_credit_id, recording_id, coalesce(release_id, 0), 'matched', 'exact', 1,
       NULL, '00000000-0000-0000-0000-000000000001', NULL, NULL, NULL, 0, now()
     FROM listens WHERE artist = 'Moby' AND track = 'Porcelain'`,
  );
}

const finding = (r: AuditReport, id: FindingId) => r.findings.find((f) => f.id === id)!;

/** Everything a fix may change and undo must put back, as comparable text. */
async function state(db: Database): Promise<Record<string, unknown>> {
  const dump = async (sql: string) =>
    JSON.stringify(await db.all(sql), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return {
    listens: await dump('SELECT * FROM listens ORDER BY id'),
    sources: await dump('SELECT * FROM listen_sources ORDER BY ALL'),
    contexts: await dump('SELECT * FROM listen_contexts ORDER BY ALL'),
    artists: await dump('SELECT * FROM artists ORDER BY id'),
    credits: await dump('SELECT * FROM artist_credits ORDER BY id'),
    members: await dump('SELECT * FROM artist_credit_members ORDER BY ALL'),
    recordings: await dump('SELECT * FROM recordings ORDER BY id'),
    releases: await dump('SELECT * FROM releases ORDER BY id'),
    matches: await dump('SELECT * FROM catalog_matches ORDER BY ALL'),
    stats: JSON.stringify([
      await getTopArtists(db, { userId: 1, now: NOW, limit: 50 }),
      await getTopRecordings(db, { userId: 1, now: NOW, limit: 50 }),
      await getTopReleases(db, { userId: 1, now: NOW, limit: 50 }),
      await getSummary(db, { userId: 1, now: NOW }),
    ]),
  };
}

describe('audit and fixes on a seeded database', () => {
  const dir = tempDir();
  let db: Database;

  beforeAll(async () => {
    db = await memoryDb();
    await seed(db, dir);
  }, 60_000);

  afterAll(() => {
    db?.close();
    dir.cleanup();
  });

  it('finds each defect with the right count, and scores by the documented weights', async () => {
    const report = await runAudit(db, { now: NOW });
    const listens = SEED.length;
    expect(report.listens).toBe(listens);
    const expected: Record<FindingId, [number, number]> = {
      unmatched: [listens - 1, listens],
      'missing-cover': [2, 2],
      'missing-genre': [2, 2],
      'missing-description': [2, 2],
      collaborations: [3, listens],
      'duplicate-artists': [4, listens],
      'duplicate-releases': [1, listens],
      'duplicate-recordings': [1, listens],
      'radio-streams': [2, listens],
      orphans: [3, 0],
      rejected: [1, listens + 1],
      'overlapping-plays': [1, listens],
      'too-long-plays': [1, listens],
    };
    for (const [id, [count, of]] of Object.entries(expected) as Array<[FindingId, [number, number]]>) {
      expect({ id, count: finding(report, id).count }).toEqual({ id, count });
      if (id !== 'orphans') expect({ id, of: finding(report, id).of }).toEqual({ id, of });
    }
    const orphans = finding(report, 'orphans');
    const cost = Object.entries(expected).reduce((sum, [id, [count, of]]) => {
      const total = id === 'orphans' ? orphans.of : of;
      return sum + WEIGHTS[id as FindingId] * (total > 0 ? count / total : 0);
    }, 0);
    expect(report.score).toBeCloseTo(100 - cost, 0);
    expect(Object.values(WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
    expect(finding(report, 'collaborations').examples[0]).toContain('Moby & Tricky → Moby + Tricky');
    expect(finding(report, 'duplicate-artists').examples.join('\n')).toContain(
      'The Beatles (3) = Beatles (3)',
    );
    expect(finding(report, 'radio-streams').fix).toBe('listenhouse fix resolve-radio --preview');

    const saved = await saveAudit(db, report, 'cli');
    expect(saved.id).toBeGreaterThan(0);
    expect((await auditHistory(db)).map((h) => h.score)).toEqual([report.score]);
  });

  const cases: Array<{
    kind: FixKind;
    params?: Record<string, string>;
    clears?: FindingId;
    listens?: number;
  }> = [
    { kind: 'split-collaborations', clears: 'collaborations', listens: 3 },
    { kind: 'merge-artists', clears: 'duplicate-artists', listens: 4 },
    { kind: 'merge-releases', clears: 'duplicate-releases', listens: 1 },
    { kind: 'merge-recordings', clears: 'duplicate-recordings', listens: 1 },
    { kind: 'resolve-radio', clears: 'radio-streams', listens: 2 },
    { kind: 'remove-orphans', clears: 'orphans' },
    { kind: 'delete', params: { artist: 'air' }, listens: 3 },
    { kind: 'hide', params: { from: '2025-03-01T01:00:00Z', to: '2025-03-01T02:00:00Z' }, listens: 7 },
  ];

  for (const c of cases) {
    it(`${c.kind}: the preview changes nothing, apply fixes it, undo restores listens, catalogue and statistics`, async () => {
      const before = await state(db);
      const preview = await runFix(db, {
        kind: c.kind,
        params: c.params ?? {},
        apply: false,
        by: 'me',
        now: NOW,
      });
      expect(await state(db)).toEqual(before);
      expect(preview.changeSet).toBeNull();
      if (c.listens !== undefined) expect(preview.counts.listens).toBe(c.listens);
      expect(preview.rows.length).toBeGreaterThan(0);

      const applied = await runFix(db, {
        kind: c.kind,
        params: c.params ?? {},
        apply: true,
        by: 'me',
        now: NOW,
      });
      expect(applied.counts).toEqual(preview.counts);
      expect(applied.rows).toEqual(preview.rows);
      expect(applied.changeSet?.status).toBe('applied');
      expect(await diffRollups(db)).toEqual([]);
      if (c.clears) expect(finding(await runAudit(db, { now: NOW }), c.clears).count).toBe(0);
      // Statistics follow at the commit (removing orphans changes no statistic).
      if (c.kind !== 'remove-orphans') expect((await state(db)).stats).not.toEqual(before.stats);

      const undone = await undoChangeSet(db, { id: applied.changeSet!.id, by: 'me', now: NOW });
      expect(undone.changeSet.status).toBe('undone');
      expect(await state(db)).toEqual(before);
      expect(await diffRollups(db)).toEqual([]);
      await expect(
        undoChangeSet(db, { id: applied.changeSet!.id, by: 'me', now: NOW }),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
      });
    }, 60_000);
  }

  it('a merged listen that repeats a stored play is absorbed by it, and undo brings it back', async () => {
    const merged = await runFix(db, { kind: 'merge-artists', params: {}, apply: true, by: 'me', now: NOW });
    expect(merged.counts).toMatchObject({ listens: 4, absorbed: 1 });
    const help = await db.all("SELECT artist FROM listens WHERE track = 'Help!'");
    expect(help).toEqual([{ artist: 'The Beatles' }]);
    await undoChangeSet(db, { id: merged.changeSet!.id, by: 'me', now: NOW });
    expect(
      (await db.all("SELECT artist FROM listens WHERE track = 'Help!' ORDER BY artist")).map((r) => r.artist),
    ).toEqual(['Beatles', 'The Beatles']);
    expect(await diffRollups(db)).toEqual([]);
  }, 60_000);

  it('the split collaboration credits both artists, and the resolved stream keeps its station', async () => {
    const split = await runFix(db, {
      kind: 'split-collaborations',
      params: {},
      apply: true,
      by: 'me',
      now: NOW,
    });
    const top = await getTopArtists(db, { userId: 1, now: NOW, limit: 50 });
    const plays = (name: string) => top.entries.find((e) => e.name === name)?.plays;
    expect(plays('Moby')).toBe(2 + 3);
    expect(plays('Tricky')).toBe(2 + 3);
    const radio = await runFix(db, { kind: 'resolve-radio', params: {}, apply: true, by: 'me', now: NOW });
    const rows = await db.all<{ artist: string; track: string; value: string }>(
      `SELECT l.artist, l.track, x.value FROM listens l JOIN listen_contexts x ON x.listen_id = l.id ORDER BY l.listened_at`,
    );
    expect(rows).toEqual([
      { artist: 'Moby', track: 'Porcelain', value: 'Radio Paradise' },
      { artist: 'Air', track: 'La Femme d Argent', value: 'Radio Paradise' },
    ]);
    const log = await listChangeSets(db);
    expect(log.map((s) => [s.kind, s.createdBy, s.status])).toContainEqual([
      'resolve-radio',
      'me',
      'applied',
    ]);
    await undoChangeSet(db, { id: radio.changeSet!.id, by: 'me', now: NOW });
    await undoChangeSet(db, { id: split.changeSet!.id, by: 'me', now: NOW });
    expect(await diffRollups(db)).toEqual([]);
  }, 60_000);

  it('a fix that fails half-way leaves the database as it was, with no change set', async () => {
    const before = await state(db);
    const sets = (await listChangeSets(db)).length;
    await expect(
      runFix(db, {
        kind: 'merge-artists',
        params: {},
        apply: true,
        by: 'me',
        now: NOW,
        beforeCommit: () => Promise.reject(new Error('killed')),
      }),
    ).rejects.toThrow('killed');
    expect(await state(db)).toEqual(before);
    expect((await listChangeSets(db)).length).toBe(sets);
  }, 60_000);

  it('re-processing from the kept records changes nothing while the rules are the same', async () => {
    const outcome = await runFix(db, { kind: 'reprocess', params: {}, apply: false, by: 'me', now: NOW });
    expect(outcome.counts).toMatchObject({ checked: SEED.length, listens: 0, unreadable: 0 });
  });

  it('refuses a delete without a filter, and a bad threshold', async () => {
    await expect(
      runFix(db, { kind: 'delete', params: {}, apply: true, by: 'me', now: NOW }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(
      runFix(db, { kind: 'merge-artists', params: { threshold: 3 }, apply: false, by: 'me', now: NOW }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
