// The recommendations page in Chromium, on a spawned `listenhouse serve` over a simulated history:
// no model at first (and what to run), then the CLI retrains through the running server; the page
// shows the same list the API answers, each item's reason and its explanation's shares, "Not
// interested" takes an item away for good, and a radio from an artist exports as a JSPF file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { spawnServer, stopServer, type SpawnedServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';
import { checkAndShoot, chromiumOrSkip, launchChromium, newPage } from '../support/web.js';

const hasChromium = chromiumOrSkip('the recommendations page’s end-to-end test');

const dir = tempDir('listenhouse-web-recommendations-');
const db = join(dir.path, 'recommend.duckdb');
let server: SpawnedServer | undefined;
let browser: Browser;
let url: string;
let owner: string;
let token: string;

interface Listed {
  model: { id: number; kind: string } | null;
  items: { item: { id: number; name: string; artist: string | null }; reason: string }[];
}

async function cli<T>(args: string[]): Promise<T> {
  const r = await runCli([...args, '--db', db]);
  if (r.code !== 0) throw new Error(`listenhouse ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

async function api<T>(path: string): Promise<T> {
  const r = await fetch(url + path, { headers: { authorization: `Bearer ${token}` } });
  return (await r.json()) as T;
}

beforeAll(async () => {
  if (!hasChromium) return;
  await cli([
    'simulate',
    '--users',
    '4',
    '--days',
    '90',
    '--end',
    '2025-01-31',
    '--per-day',
    '20',
    '--seed',
    '11',
    '--artists',
    '300',
    '--json',
  ]);
  const { users } = await cli<{ users: { name: string }[] }>(['users', '--json']);
  owner = users.find((u) => u.name !== 'me')!.name;
  token = (await cli<{ token: string }>(['users', 'token', owner, '--json'])).token;
  server = await spawnServer(['serve', '--db', db, '--port', '0']);
  url = server.url;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stopServer(server);
  dir.cleanup();
});

async function signedInPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const { context, page, errors } = await newPage(browser, url);
  await page.goto(`${url}/sign-in#token=${token}`);
  await page.waitForURL(`${url}/user/${owner}`);
  return { context, page, errors };
}

const names = (page: Page) => page.locator('ol.recommendations .recommendation-name').allTextContents();
const label = (i: Listed['items'][number]) =>
  i.item.artist ? `${i.item.artist} — ${i.item.name}` : i.item.name;

describe.skipIf(!hasChromium)('the recommendations page in Chromium', () => {
  it('says what to run before any model is trained', async () => {
    const { context, page, errors } = await signedInPage();
    await page.getByRole('link', { name: 'Recommendations' }).click();
    await page.waitForURL(/\/recommendations$/);
    await expect
      .poll(() => page.locator('.notice-empty strong').textContent())
      .toBe('No model is trained yet.');
    expect(await page.locator('.notice-empty code').textContent()).toBe('listenhouse recommend retrain');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the list the API answers, with each reason and why, once the CLI has retrained through the server', async () => {
    const retrained = await cli<{ runs: { entity: string; decision: string }[] }>([
      'recommend',
      'retrain',
      '--entity',
      'recording',
      '--json',
    ]);
    expect(retrained.runs).toMatchObject([{ entity: 'recording', decision: 'promoted' }]);
    const expected = await api<Listed>(`/api/recommendations?user=${owner}&entity=recording&limit=25`);
    expect(expected.model?.kind).toBe('hybrid');

    const { context, page, errors } = await signedInPage();
    await page.goto(`${url}/user/${owner}/recommendations`);
    await expect.poll(() => names(page)).toEqual(expected.items.map(label));
    expect(await page.locator('ol.recommendations .reason').allTextContents()).toEqual(
      expected.items.map((i) => i.reason),
    );
    const first = page.locator('ol.recommendations > li').first();
    await first.getByText('Why this?').click();
    // The hybrid's explanation: each model's share of the score, in per cent, adding up to 100.
    const modelShares = await first.locator('.explanation-model').allTextContents();
    expect(modelShares.length).toBeGreaterThan(0);
    const percents = modelShares.map((t) => Number(/: (-?\d+)\s?% of the score/.exec(t)![1]));
    expect(Math.abs(percents.reduce((a, b) => a + b, 0) - 100)).toBeLessThanOrEqual(modelShares.length);
    await checkAndShoot(page, 'recommendations');

    // Not interested: gone from the page and from the API's list, for good.
    const dropped = expected.items[0]!;
    await page.getByRole('button', { name: `Not interested in ${label(dropped)}` }).click();
    await expect.poll(() => names(page).then((n) => n[0])).toBe(label(expected.items[1]!));
    const after = await api<Listed>(`/api/recommendations?user=${owner}&entity=recording&limit=100`);
    expect(after.items.map((i) => i.item.id)).not.toContain(dropped.item.id);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('makes a radio from a recommended artist and exports it as JSPF', async () => {
    await cli(['recommend', 'retrain', '--entity', 'artist', '--json']);
    const expected = await api<Listed>(`/api/recommendations?user=${owner}&entity=artist&limit=25`);
    const { context, page, errors } = await signedInPage();
    await page.goto(`${url}/user/${owner}/recommendations`);
    await page.getByRole('button', { name: 'Artists' }).click();
    await page.waitForURL(/entity=artist/);
    await expect.poll(() => names(page)).toEqual(expected.items.map(label));
    const seed = expected.items[0]!;
    await page.getByRole('button', { name: `Radio from ${label(seed)}` }).click();
    await expect.poll(() => page.locator('#radio').textContent()).toBe(`Radio from ${seed.item.name}`);
    await expect.poll(() => page.locator('ol.playlist > li').count()).toBeGreaterThan(5);
    const shown = await page.locator('ol.playlist > li strong').allTextContents();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export as JSPF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/radio\.jspf$/);
    const jspf = JSON.parse(readFileSync((await download.path()), 'utf8')) as {
      playlist: { title: string; track: { title: string }[] };
    };
    expect(jspf.playlist.title).toBe(`${seed.item.name} radio`);
    expect(jspf.playlist.track.map((t) => t.title)).toEqual(shown);
    await checkAndShoot(page, 'recommendations-radio');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
