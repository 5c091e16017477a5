// What a user meets first: bad usage exits 2 as docs/cli.md says, a closed pipe ends output quietly,
// and the options that take a number say the range they take.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('bad usage exits 2 (docs/cli.md), with the usage of the command', () => {
  it.each([
    ['an unknown option', 'import --bogus x.json', "unknown option '--bogus'"],
    ['an unknown option of a subcommand', 'users add alice --bogus', "unknown option '--bogus'"],
    ['a missing argument', 'import', "missing required argument 'file'"],
    ['a missing argument of a subcommand', 'users add', "missing required argument 'name'"],
    ['a bad choice', 'stats nonsense', "'nonsense' is invalid for argument 'name'"],
    ['an option without its value', 'serve --port', "option '--port <port>' argument missing"],
    ['an unknown command', 'imprt x.json', "unknown command 'imprt'"],
  ])('%s: `listenhouse %s`', async (_what, command, message) => {
    const result = await runCli(command.split(' '), { LISTENHOUSE_DB: join(dir.path, 'unused.duckdb') });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('help and --version exit 0', async () => {
    expect((await runCli(['import', '--help'])).code).toBe(0);
    expect((await runCli(['--version'])).code).toBe(0);
  });
});

/** Runs the CLI with its stdout read by nobody: the reading end is closed before it writes. */
function closedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawnCli(args);
    child.stdout!.destroy();
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe('a closed pipe (`listenhouse … | head -1`)', () => {
  it.each([['import', '--help'], ['stats', '--help'], ['--help'], ['--version']])(
    'ends `listenhouse %s` quietly: no EPIPE stack trace',
    async (...args) => {
      const result = await closedPipe(args);
      expect(result.stderr).not.toMatch(/EPIPE|Unhandled|at .*\(node:/);
      expect(result.code).toBe(0);
    },
  );

  it('ends a command that prints a report quietly too', async () => {
    const db = join(dir.path, 'pipe.duckdb');
    expect((await runCli(['simulate', '--db', db, '--days', '3', '--per-day', '20', '--json'])).code).toBe(0);
    const result = await closedPipe(['stats', 'artists', '--db', db, '--limit', '50']);
    expect(result.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(result.code).toBe(0);
  });
});

describe('--limit', () => {
  it('says the same range everywhere, and the help shows it', async () => {
    const db = join(dir.path, 'limits.duckdb');
    expect((await runCli(['users', 'add', 'x', '--db', db, '--json'])).code).toBe(0);
    for (const command of ['stats artists', 'imports', 'rejected']) {
      for (const bad of ['0', '5000', 'ten']) {
        const result = await runCli([...command.split(' '), '--db', db, '--limit', bad]);
        expect(result.code).toBe(2);
        expect(result.stderr).toBe(
          `listenhouse: --limit takes a whole number from 1 to 1000, not '${bad}'.\n`,
        );
      }
      const help = await runCli([...command.split(' ').slice(0, 1), '--help']);
      expect(help.stdout).toMatch(/--limit <n>\s+[^\n]*\(1 to 1000\)/);
    }
  });

  it('a bad statistic option is reported without opening (or needing) a database', async () => {
    const db = join(dir.path, 'none.duckdb');
    const result = await runCli(['stats', 'artists', '--db', db, '--by', 'fame']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--by takes plays or time, not 'fame'.");
    expect(existsSync(db)).toBe(false);
  });
});

describe('--range given backwards', () => {
  it('says FROM must be before TO, quoting the dates as typed', async () => {
    const db = join(dir.path, 'range.duckdb');
    expect((await runCli(['users', 'add', 'y', '--db', db, '--json'])).code).toBe(0);
    const result = await runCli(['stats', 'artists', '--db', db, '--range', '2024-12-31..2024-01-01']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "Invalid range '2024-12-31..2024-01-01': FROM must be before TO, and 2024-12-31 is after 2024-01-01.",
    );
    expect(result.stderr).not.toMatch(/T\d\d:\d\d:\d\d\.\d{3}Z/);
  });
});
