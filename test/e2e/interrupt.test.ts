// Ctrl-C during an import: the terminal gets its cursor and line wrap back, the user is told what
// was committed and that the same command finishes the job; exit status 130.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, runCli, spawnCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

const big = join(dir.path, 'big.jsonl');
writeFileSync(
  big,
  Array.from({ length: 300_000 }, (_, i) =>
    JSON.stringify({
      listened_at: 1_500_000_000 + i * 200,
      track_metadata: { artist_name: `Artist ${i % 977}`, track_name: `Track ${i % 5003}` },
    }),
  ).join('\n') + '\n',
);

/** util-linux `script` gives the CLI a terminal; without it the terminal case cannot be run. */
const hasScript = spawnSync('script', ['--version']).status === 0;
if (!hasScript) {
  const line =
    '[skip] `script` (Debian package bsdutils) is missing: the Ctrl-C-on-a-terminal test cannot run.';
  if (process.env.CI === 'true') throw new Error(line);
  console.warn(line);
}

const COMMITTED = /Interrupted\. Committed before the stop: ([\d,]+) records read, ([\d,]+) new listens/;
const AGAIN = 'Run the same command again to finish the import';

describe('Ctrl-C during an import', () => {
  it('without a terminal: says what was committed and exits 130; the same command finishes it', async () => {
    const db = join(dir.path, 'piped.duckdb');
    const child = spawnCli(['import', '--db', db, '--batch-size', '5000', big], { LISTENHOUSE_LOG: 'debug' });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (/committed: read/.test(stderr) && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(130);
    const match = COMMITTED.exec(stderr);
    expect(match, stderr).not.toBeNull();
    const inserted = Number(match![2]!.replace(/,/g, ''));
    expect(inserted).toBeGreaterThan(0);
    expect(inserted).toBeLessThan(300_000);
    expect(stderr).toContain(AGAIN);

    const again = await runCli(['import', '--db', db, '--json', big]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).files[0]).toMatchObject({
      inserted: 300_000 - inserted,
      duplicates: inserted,
    });
  }, 120_000);

  it.skipIf(!hasScript)(
    'on a terminal: shows the cursor and turns line wrap back on',
    async () => {
      const db = join(dir.path, 'tty.duckdb');
      const command = [process.execPath, CLI, 'import', '--db', db, '--batch-size', '5000', big]
        .map((a) => `'${a}'`)
        .join(' ');
      const child = spawn('script', ['-qfec', command, '/dev/null'], {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, TZ: 'UTC' },
      });
      let out = '';
      let sent = false;
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        // Ctrl-C as the terminal sends it, once a batch is committed (the bar shows "N new").
        if (!sent && / [1-9][\d,]* new/.test(out)) {
          sent = true;
          child.stdin.write('\x03');
        }
      });
      const code = await new Promise<number | null>((done) => child.on('close', done));
      expect(code).toBe(130);
      const after = out.slice(out.lastIndexOf('^C'));
      expect(after).toContain('\x1b[?25h'); // cursor shown
      expect(after).toContain('\x1b[?7h'); // line wrap on
      expect(after).toMatch(COMMITTED);
      expect(after).toContain(AGAIN);
    },
    120_000,
  );
});
