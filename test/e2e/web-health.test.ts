// The Data health page as an admin meets it: a spawned `listenhouse serve` on a database with an
// artist spelled two ways, driven in Chromium. The audit runs from the page and shows its score and
// findings; the merge is previewed, applied (a change set appears) and undone from the page.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { spawnServer, stopServer, type SpawnedServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';
import { checkAndShoot, chromiumOrSkip, launchChromium, newPage } from '../support/web.js';

const run = chromiumOrSkip('the Data health page’s end-to-end test');

const dir = tempDir('listenhouse-web-health-');
const db = join(dir.path, 'web.duckdb');
let server: SpawnedServer | undefined;
let browser: Browser;
let url: string;
let token: string;

async function cli(args: string[]): Promise<string> {
  const r = await runCli([...args, '--db', db]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  if (!run) return;
  const listens = join(dir.path, 'listens.jsonl');
  const rows: Array<[string, string]> = [
    ['The Beatles', 'Help!'],
    ['The Beatles', 'Something'],
    ['Beatles', 'Yesterday'],
    ['Moby', 'Porcelain'],
  ];
  writeFileSync(
    listens,
    rows
      .map(([artist, track], i) =>
        JSON.stringify({
          listened_at: 1_760_000_000 + i * 600,
          track_metadata: { artist_name: artist, track_name: track },
        }),
      )
      .join('\n') + '\n',
  );
  await cli(['import', listens]);
  token = (JSON.parse(await cli(['users', 'token', 'me', '--json'])) as { token: string }).token;
  server = await spawnServer(['serve', '--db', db, '--port', '0']);
  url = server.url;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stopServer(server);
  dir.cleanup();
});

describe.skipIf(!run)('the Data health page in Chromium', () => {
  it('runs the audit, previews, applies and undoes a merge', async () => {
    const { context, page, errors } = await newPage(browser, url);
    await page.goto(`${url}/sign-in#token=${token}`);
    await page.waitForURL(`${url}/user/me`);
    await page.getByRole('link', { name: 'Data health' }).click();
    await page.waitForURL(`${url}/user/me/health`);
    await expect.poll(() => page.getByText('No audit yet').count()).toBe(1);
    await page.getByRole('button', { name: 'Run the audit' }).click();
    await expect.poll(() => page.getByTestId('score').count(), { timeout: 30_000 }).toBe(1);
    const findings = page.getByRole('table', { name: 'Findings' });
    await expect.poll(() => findings.textContent()).toContain('The Beatles (2) = Beatles (1)');

    await findings.getByRole('button', { name: 'Preview merge-artists' }).click();
    const preview = page.getByRole('region', { name: 'Fix merge-artists' });
    await expect
      .poll(() => preview.textContent(), { timeout: 30_000 })
      .toContain('→ The Beatles – Yesterday');
    expect(await preview.textContent()).toContain('Nothing is changed yet.');
    await checkAndShoot(page, 'health');
    await preview.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() => preview.textContent(), { timeout: 30_000 })
      .toMatch(/Recorded as change set #\d+/);
    const id = /change set #(\d+)/.exec((await preview.textContent()) ?? '')![1]!;

    const sets = page.getByRole('table', { name: 'Change sets' });
    await expect.poll(() => sets.textContent()).toContain('merge-artists');
    await sets.getByRole('button', { name: `Undo #${id}` }).click();
    await expect.poll(() => sets.textContent(), { timeout: 30_000 }).toContain('undone by me');
    const listed = (await (
      await fetch(`${url}/api/stats/artists?user=me&range=all_time`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { entries: { name: string }[] };
    expect(listed.entries.map((e) => e.name).sort()).toEqual(['Beatles', 'Moby', 'The Beatles']);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
