// Data quality and operations from the built CLI, as a user meets them: the audit, a fix previewed,
// applied (a backup taken before it) and undone; a backup taken through a running server while a
// client keeps submitting, restored and compared by counts and checksums; restore refused while the
// server holds the database; the pipeline run and its history.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { diffRollups } from '../../src/store/rollups.js';
import { runCli, spawnCli } from '../support/cli.js';
import { spawnServer, stopServer, type SpawnedServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

const T0 = Date.UTC(2025, 2, 1) / 1000;
const jsonl = (rows: Array<[string, string]>) =>
  rows
    .map(([artist, track], i) =>
      JSON.stringify({
        listened_at: T0 + i * 600,
        track_metadata: { artist_name: artist, track_name: track },
      }),
    )
    .join('\n') + '\n';

async function cliJson<T>(args: string[]): Promise<T> {
  const r = await runCli(args);
  expect(r.code, `${args.join(' ')}: ${r.stderr}${r.stdout}`).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** Listens and a checksum of their content, for the listens up to `maxId`. */
async function checksum(
  path: string,
  maxId?: number,
): Promise<{ listens: number; sum: string; maxId: number }> {
  const db = await openDatabase(path);
  try {
    const [row] = await db.all<{ n: bigint; s: bigint | null; m: bigint | null }>(
      `SELECT count(*) AS n, sum(hash(id, user_id, listened_at, artist, track))::VARCHAR AS s, max(id) AS m
       FROM listens WHERE id <= $max`,
      { max: maxId ?? Number.MAX_SAFE_INTEGER },
    );
    return { listens: Number(row!.n), sum: String(row!.s), maxId: Number(row!.m ?? 0) };
  } finally {
    db.close();
  }
}

describe('listenhouse audit, fix, undo', () => {
  it('scores the data, previews and applies a merge (with a backup first), and undoes it', async () => {
    const db = join(dir.path, 'fix.duckdb');
    const file = join(dir.path, 'listens.jsonl');
    writeFileSync(
      file,
      jsonl([
        ['The Beatles', 'Help!'],
        ['The Beatles', 'Something'],
        ['Beatles', 'Yesterday'],
        ['Moby', 'Porcelain'],
      ]),
    );
    await cliJson(['import', file, '--db', db, '--json']);

    const audit = await cliJson<{ score: number; findings: Array<{ id: string; count: number }> }>([
      'audit',
      '--db',
      db,
      '--json',
    ]);
    expect(audit.findings.find((f) => f.id === 'duplicate-artists')?.count).toBe(1);
    const markdown = await runCli(['audit', '--db', db, '--markdown', '--no-save']);
    expect(markdown.stdout).toContain(`# Data quality: ${audit.score}/100`);
    expect(markdown.stdout).toContain('listenhouse fix merge-artists --preview');

    const preview = await runCli(['fix', 'merge-artists', '--db', db]);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain('Beatles – Yesterday');
    expect(preview.stdout).toContain('→ The Beatles – Yesterday');
    expect(preview.stdout).toContain('Nothing was changed');

    const applied = await cliJson<{ changeSet: { id: number }; counts: { listens: number } }>([
      'fix',
      'merge-artists',
      '--apply',
      '--db',
      db,
      '--json',
    ]);
    expect(applied.counts.listens).toBe(1);
    expect(readdirSync(join(dir.path, 'backups')).filter((f) => f.includes('before-fix'))).toHaveLength(1);
    const after = await cliJson<{ findings: Array<{ id: string; count: number }> }>([
      'audit',
      '--db',
      db,
      '--json',
    ]);
    expect(after.findings.find((f) => f.id === 'duplicate-artists')?.count).toBe(0);

    const log = await cliJson<{ changeSets: Array<{ id: number; kind: string; createdBy: string }> }>([
      'changes',
      '--db',
      db,
      '--json',
    ]);
    expect(log.changeSets[0]).toMatchObject({ id: applied.changeSet.id, kind: 'merge-artists' });
    expect(log.changeSets[0]!.createdBy).toMatch(/^cli:/);

    const undone = await runCli(['undo', String(applied.changeSet.id), '--db', db]);
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.stdout).toContain('1 listens restored');
    const again = await runCli(['undo', String(applied.changeSet.id), '--db', db, '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ error: { code: 'CONFLICT' } });

    const bad = await runCli(['fix', 'tidy-everything', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('There is no fix "tidy-everything"');
    const history = await cliJson<{ history: Array<{ score: number }> }>([
      'audit',
      '--history',
      '--db',
      db,
      '--json',
    ]);
    expect(history.history).toHaveLength(2);
  }, 120_000);
});

describe('listenhouse backup and restore', () => {
  let server: SpawnedServer | undefined;
  afterAll(async () => {
    await stopServer(server);
  });

  it('takes a consistent backup through a running server while a client submits, and restores it', async () => {
    const db = join(dir.path, 'live.duckdb');
    const added = await cliJson<{ token: string }>(['users', 'add', 'loader', '--db', db, '--json']);
    server = await spawnServer(['serve', '--db', db, '--port', '0']);
    const { url } = server;

    let submitting = true;
    let sent = 0;
    const load = (async () => {
      while (submitting) {
        const payload = Array.from({ length: 20 }, (_, i) => ({
          listened_at: T0 + sent * 60 + i,
          track_metadata: { artist_name: `Artist ${sent % 7}`, track_name: `Track ${sent}-${i}` },
        }));
        const r = await fetch(`${url}/1/submit-listens`, {
          method: 'POST',
          headers: { authorization: `Token ${added.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ listen_type: 'import', payload }),
        });
        expect(r.status).toBe(200);
        sent++;
      }
    })();
    // Let some submissions land first.
    await expect.poll(() => sent, { timeout: 30_000 }).toBeGreaterThan(5);
    const backup = await cliJson<{ backup: { file: string }; counts: { listens: number } }>([
      'backup',
      '--db',
      db,
      '--json',
    ]);
    await expect.poll(() => sent, { timeout: 30_000 }).toBeGreaterThan(10);
    submitting = false;
    await load;
    expect(backup.counts.listens).toBeGreaterThan(0);

    // Restore is refused while the server holds the database.
    const refused = await runCli(['restore', backup.backup.file, '--db', db, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await stopServer(server)).toBe(0);
    server = undefined;

    const live = await checksum(db);
    expect(live.listens).toBe(sent * 20);
    const restoredPath = join(dir.path, 'restored.duckdb');
    const restored = await cliJson<{ counts: { listens: number }; keptAside: string | null }>([
      'restore',
      backup.backup.file,
      '--db',
      restoredPath,
      '--json',
    ]);
    expect(restored.keptAside).toBeNull();
    const fromBackup = await checksum(restoredPath);
    expect(fromBackup.listens).toBe(backup.counts.listens);
    expect(fromBackup.listens).toBeLessThan(live.listens);
    // The backup holds exactly the listens committed before it: the same rows as the live file's first ones.
    expect(await checksum(db, fromBackup.maxId)).toEqual(fromBackup);

    // Restoring over an existing database keeps that one aside.
    const over = await cliJson<{ keptAside: string }>(['restore', backup.backup.file, '--db', db, '--json']);
    expect(existsSync(over.keptAside)).toBe(true);
    expect((await checksum(db)).listens).toBe(backup.counts.listens);
    const list = await cliJson<{ backups: Array<{ file: string }> }>([
      'backup',
      '--list',
      '--db',
      db,
      '--json',
    ]);
    expect(list.backups.map((b) => b.file)).toContain(backup.backup.file);
  }, 180_000);
});

describe('listenhouse pipeline', () => {
  it('runs every phase and keeps the run in its history', async () => {
    const db = join(dir.path, 'pipeline.duckdb');
    const file = join(dir.path, 'p.jsonl');
    writeFileSync(
      file,
      jsonl([
        ['Air', 'Run'],
        ['Air', 'Playground Love'],
      ]),
    );
    await cliJson(['import', file, '--db', db, '--json']);
    const run = await cliJson<{
      started: boolean;
      run: { status: string; phases: Array<{ name: string; status: string }> };
    }>(['pipeline', 'run', '--db', db, '--json']);
    expect(run.started).toBe(true);
    expect(run.run.phases.map((p) => p.name)).toEqual([
      'audit',
      'backup',
      'safe-fixes',
      'enrichment',
      'matching',
      'recommendations',
      'final-audit',
      'report',
    ]);
    expect(run.run.phases.find((p) => p.name === 'backup')?.status).toBe('completed');
    const history = await cliJson<{ runs: Array<{ status: string }> }>([
      'pipeline',
      'history',
      '--db',
      db,
      '--json',
    ]);
    expect(history.runs).toHaveLength(1);
    const text = await runCli(['pipeline', 'status', '--db', db]);
    expect(text.stdout).toContain('No run in progress.');
  }, 120_000);
});

describe('a fix killed half-way', () => {
  it('leaves the database whole: as before (or, had it committed, fully applied), rollups agreeing', async () => {
    const db = join(dir.path, 'kill', 'kill.duckdb');
    const file = join(dir.path, 'kill.jsonl');
    writeFileSync(
      file,
      jsonl(
        Array.from({ length: 4000 }, (_, i): [string, string] => [
          i % 2 ? 'Beatles' : 'The Beatles',
          `Song ${i}`,
        ]),
      ),
    );
    mkdirSync(join(dir.path, 'kill'), { recursive: true });
    await cliJson(['import', file, '--db', db, '--json']);
    const child = spawnCli(['fix', 'merge-artists', '--apply', '--db', db, '--json']);
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    // The backup before the fix is its last step outside the transaction.
    await expect
      .poll(
        () =>
          existsSync(join(dir.path, 'kill', 'backups')) &&
          readdirSync(join(dir.path, 'kill', 'backups')).some((f) => f.endsWith('.duckdb')),
        {
          timeout: 60_000,
          interval: 20,
        },
      )
      .toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    child.kill('SIGKILL');
    await exited;

    const check = await openDatabase(db);
    try {
      const rows = await check.all<{ artist: string; n: bigint }>(
        'SELECT artist, count(*) AS n FROM listens GROUP BY artist ORDER BY artist',
      );
      const sets = await check.all<{ n: bigint }>('SELECT count(*) AS n FROM change_sets');
      const counts = Object.fromEntries(rows.map((r) => [r.artist, Number(r.n)]));
      const applied = Number(sets[0]!.n) === 1;
      expect(counts).toEqual(applied ? { 'The Beatles': 4000 } : { Beatles: 2000, 'The Beatles': 2000 });
      expect(await diffRollups(check)).toEqual([]);
    } finally {
      check.close();
    }
  }, 180_000);
});

describe('a backup before a large import', () => {
  it('is taken when the files reach quality.backupBeforeImportMb and the database holds listens', async () => {
    mkdirSync(join(dir.path, 'big'), { recursive: true });
    const db = join(dir.path, 'big', 'big.duckdb');
    const small = join(dir.path, 'big', 'small.jsonl');
    writeFileSync(small, jsonl([['Air', 'Run']]));
    const env = { LISTENHOUSE_BACKUP_BEFORE_IMPORT_MB: '1' };
    expect((await runCli(['import', small, '--db', db, '--json'], env)).code).toBe(0);
    const large = join(dir.path, 'big', 'large.jsonl');
    writeFileSync(
      large,
      jsonl(
        Array.from({ length: 9000 }, (_, i): [string, string] => [
          `Artist ${i % 50}`,
          `A rather long track title ${i}`,
        ]),
      ),
    );
    const imported = await runCli(['import', large, '--db', db, '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('Backup before the import:');
    expect(readdirSync(join(dir.path, 'big', 'backups')).some((f) => f.includes('before-import'))).toBe(true);
  }, 120_000);
});
