// The Connections page (Settings → Connections) in Chromium on a spawned `listenhouse serve`: a user
// connects Last.fm (a local server in its shape), sees the history arrive and the connection
// working, sees a failure with its message after "Poll now", adds a Plex webhook and is shown its
// address once, and removes a connection. The key typed is never shown again.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { lastfmServer, type FixtureServer } from '../support/live-services.js';
import { spawnServer, stopServer, type SpawnedServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';
import { checkAndShoot, chromiumOrSkip, launchChromium, newPage } from '../support/web.js';

const hasChromium = chromiumOrSkip('the connections page’s end-to-end test');
const dir = tempDir('listenhouse-web-connections-');
const db = join(dir.path, 'connections.duckdb');
const API_KEY = 'lfm-key-web-5e5e5e';
let server: SpawnedServer | undefined;
let lastfm: FixtureServer | undefined;
let browser: Browser;
let token: string;

beforeAll(async () => {
  if (!hasChromium) return;
  const now = Math.floor(Date.now() / 1000);
  lastfm = await lastfmServer({
    user: 'rj',
    apiKey: API_KEY,
    scrobbles: Array.from({ length: 12 }, (_, i) => ({
      artist: 'Burial',
      album: 'Untrue',
      track: `Track ${i}`,
      uts: now - 86_400 + i * 400,
    })),
  });
  const added = await runCli(['users', 'add', 'alice', '--db', db, '--json']);
  token = (JSON.parse(added.stdout) as { token: string }).token;
  server = await spawnServer(['serve', '--db', db, '--port', '0']);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stopServer(server);
  await lastfm?.close();
  dir.cleanup();
});

describe.skipIf(!hasChromium)('the Connections page in Chromium', () => {
  it('connects Last.fm, shows it working then failing, gives a Plex webhook address once, and removes one', async () => {
    const url = server!.url;
    const { page } = await newPage(browser, url);
    await page.goto(`${url}/sign-in#token=${token}`);
    await page.waitForURL(/\/user\//);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'Connections' }).click();
    await page.waitForURL(`${url}/settings/connections`);
    await expect.poll(() => page.getByText('No connections yet').count()).toBe(1);

    // A required field left empty is named before anything is sent.
    await page.getByLabel('Last.fm user name').fill('rj');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('API key is needed.');
    await page.getByLabel('API key').fill(API_KEY);
    await page.getByLabel('API root (optional)').fill(`${lastfm!.url}/2.0/`);
    await page.getByRole('button', { name: 'Connect' }).click();
    const row = page.locator('.connections-table tbody tr').first();
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain('Working');
    await expect.poll(() => row.locator('td').nth(3).textContent(), { timeout: 60_000 }).toBe('12');
    expect(await page.content()).not.toContain(API_KEY);
    await checkAndShoot(page, 'connections');

    // The service fails: "Poll now" shows it, with the service's answer.
    lastfm!.failNext({ status: 503 });
    await page.getByRole('button', { name: 'Poll now' }).click();
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('HTTP 503');
    await expect.poll(() => row.getAttribute('data-status')).toBe('failing');

    // A Plex webhook: its address with the secret, shown once.
    await page.getByLabel('Source').selectOption('plex');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect
      .poll(() => page.locator('.token-once code').textContent())
      .toMatch(/\/api\/hooks\/plex\/\S{32}$/);
    await expect.poll(() => page.locator('.connections-table tbody tr').count()).toBe(2);

    await page.getByRole('button', { name: 'Remove…' }).first().click();
    await page.getByRole('button', { name: 'Remove Last.fm' }).click();
    await expect.poll(() => page.locator('.connections-table tbody tr').count()).toBe(1);
    const listens = await runCli(['stats', 'summary', '--user', 'alice', '--db', db, '--json']);
    expect(JSON.parse(listens.stdout)).toMatchObject({ plays: 12 });
  }, 180_000);
});
