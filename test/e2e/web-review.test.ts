// The year in review, Compare and an artist's page in Chromium, on a spawned `listenhouse serve`
// over a simulated two-user history. Every number the test expects it counts itself from the
// exported listens (ListenBrainz JSON lines), written before the server holds the file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { spawnServer, stopServer, type SpawnedServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';
import { checkAndShoot, chromiumOrSkip, launchChromium, newPage } from '../support/web.js';

const hasChromium = chromiumOrSkip('the review pages’ end-to-end test');

const LOCALE = 'de-DE';
const YEAR = 2024;
/** The charts' period for the artist page: the last quarter of YEAR (the users' zone is UTC). */
const RANGE = { spec: '2024-10-01..2024-12-31', from: Date.UTC(2024, 9, 1), to: Date.UTC(2025, 0, 1) };

const dir = tempDir('listenhouse-web-review-');
const db = join(dir.path, 'review.duckdb');
let server: SpawnedServer | undefined;
let browser: Browser;
let url: string;
let owner: string;
let fan: string;
let token: string;

interface Exported {
  listened_at: number;
  track_metadata: { artist_name: string; track_name: string };
}
let ownerListens: Exported[] = [];
let fanListens: Exported[] = [];

async function cli<T>(args: string[]): Promise<T> {
  const r = await runCli([...args, '--db', db]);
  if (r.code !== 0) throw new Error(`listenhouse ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

async function exported(user: string): Promise<Exported[]> {
  const out = join(dir.path, `${user}.jsonl`);
  await cli(['export', 'listens', '--format', 'jsonl', '--user', user, '--out', out, '--json']);
  return readFileSync(out, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Exported);
}

/**
 * The artists a listen counts for, by the rule docs/statistics.md states: every artist of its
 * credit (split at feat./ft./featuring, commas and semicolons; the simulator writes no other joins
 * between two artists) and the guests its title names ("(feat. X)").
 */
const SPLIT = /\s+(?:feat\.?|ft\.?|featuring)\s+|\s*[,;]\s*/i;
const GUESTS = /[([]\s*(?:feat\.?|ft\.?|featuring)\s+([^)\]]+)[)\]]/gi;
function creditedArtists(l: Exported): Set<string> {
  const names = l.track_metadata.artist_name.split(SPLIT);
  for (const m of l.track_metadata.track_name.matchAll(GUESTS)) names.push(...m[1]!.split(SPLIT));
  return new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean));
}

function artistPlays(listens: Exported[]): Map<string, number> {
  const plays = new Map<string, number>();
  for (const l of listens) for (const a of creditedArtists(l)) plays.set(a, (plays.get(a) ?? 0) + 1);
  return plays;
}

/** The most played artist (lower-cased name) and its plays; the test's data has no tie at the top. */
function topArtist(listens: Exported[]): { name: string; plays: number } {
  const ranked = [...artistPlays(listens)].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || (second && second[1] === first[1])) throw new Error('no single top artist in the data');
  return { name: first[0], plays: first[1] };
}

const inRange = (from: number, to: number) => (l: Exported) =>
  l.listened_at * 1000 >= from && l.listened_at * 1000 < to;
const count = (n: number) => new Intl.NumberFormat(LOCALE).format(n);

beforeAll(async () => {
  if (!hasChromium) return;
  await cli([
    'simulate',
    '--users',
    '2',
    '--days',
    '150',
    '--end',
    '2025-01-31',
    '--per-day',
    '15',
    '--seed',
    '7',
    '--json',
  ]);
  const { users } = await cli<{ users: { name: string }[] }>(['users', '--json']);
  [owner, fan] = users.filter((u) => u.name !== 'me').map((u) => u.name) as [string, string];
  token = (await cli<{ token: string }>(['users', 'token', owner, '--json'])).token;
  await runCli(['users', 'set', fan, '--privacy', 'public', '--db', db]);
  ownerListens = await exported(owner);
  fanListens = await exported(fan);

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
  const { context, page, errors } = await newPage(browser, url, { locale: LOCALE });
  await page.goto(`${url}/sign-in#token=${token}`);
  await page.waitForURL(`${url}/user/${owner}`);
  return { context, page, errors };
}

const stat = (page: Page, label: string) =>
  page
    .locator('.stat', { has: page.locator(`dt:text-is("${label}")`) })
    .locator('dd')
    .first();

describe.skipIf(!hasChromium)('year in review, compare and entity pages in Chromium', () => {
  it('shows the year in review with the plays and the top artist of the year', async () => {
    const { context, page, errors } = await signedInPage();
    const year = ownerListens.filter(inRange(Date.UTC(YEAR, 0, 1), Date.UTC(YEAR + 1, 0, 1)));
    const top = topArtist(year);
    const years = [...new Set(ownerListens.map((l) => new Date(l.listened_at * 1000).getUTCFullYear()))];

    await page.getByRole('link', { name: 'Year in review' }).click();
    await page.waitForURL(/\/review/);
    // The picker offers the years with listens, newest first; choosing one puts it in the URL.
    const picker = page.getByLabel('Year', { exact: true });
    await expect
      .poll(() => picker.locator('option').allTextContents())
      .toEqual(years.sort((a, b) => b - a).map(String));
    await picker.selectOption(String(YEAR));
    await page.waitForURL(new RegExp(`review\\?year=${YEAR}`));
    await expect.poll(() => stat(page, 'Plays').textContent()).toBe(count(year.length));
    expect(await page.locator('.review-year').textContent()).toBe(String(YEAR));
    const first = page.locator('section[aria-labelledby="review-top-artist"] li').first();
    expect((await first.locator('a').textContent())?.toLowerCase()).toBe(top.name);
    expect(await first.locator('.num').textContent()).toBe(count(top.plays));
    expect(await page.locator('.month-bars li').count()).toBe(12);
    await checkAndShoot(page, 'year-in-review');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("compares with a public profile: the shared artists and the similarity; a private one shows the server's message", async () => {
    const { context, page, errors } = await signedInPage();
    const mine = artistPlays(ownerListens);
    const theirs = artistPlays(fanListens);
    const shared = [...mine.keys()].filter((a) => theirs.has(a));
    const dot = shared.reduce((sum, a) => sum + mine.get(a)! * theirs.get(a)!, 0);
    const norm = (m: Map<string, number>) => Math.sqrt([...m.values()].reduce((s, v) => s + v * v, 0));
    const similarity = Math.round((100 * dot) / (norm(mine) * norm(theirs)));

    await page.goto(`${url}/user/${owner}/compare?range=all_time`);
    await page.getByLabel(`Compare ${owner} with`).fill(fan);
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.waitForURL(new RegExp(`with=${fan}`));
    await expect.poll(() => page.locator('.shared-count').textContent()).toBe(count(shared.length));
    expect(await page.locator('.similarity-figure strong').textContent()).toBe(
      new Intl.NumberFormat(LOCALE, { style: 'percent' }).format(similarity / 100),
    );
    expect(await page.locator('table.mirrored tbody tr').count()).toBe(Math.min(15, shared.length));
    await checkAndShoot(page, 'compare');

    await page.getByLabel(`Compare ${owner} with`).fill('me');
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain(`me's profile is private; your token is ${owner}'s.`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("opens an artist's page from Charts with its plays in the period", async () => {
    const { context, page, errors } = await signedInPage();
    const listens = ownerListens.filter(inRange(RANGE.from, RANGE.to));
    const top = topArtist(listens);
    await page.goto(`${url}/user/${owner}/charts?range=${RANGE.spec}`);
    const link = page.locator('section[aria-labelledby="top-artists"] tbody tr').first().getByRole('link');
    await expect.poll(() => link.textContent().then((t) => t?.toLowerCase())).toBe(top.name);
    await link.click();
    await page.waitForURL(/\/artist\/\d+\?range=2024-10-01\.\.2024-12-31$/);
    await expect.poll(() => stat(page, 'Plays').textContent()).toBe(count(top.plays));
    expect(await stat(page, 'Share of all listens').textContent()).toBe(
      new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 }).format(
        top.plays / listens.length,
      ),
    );
    await expect.poll(() => page.locator('#plays-over-time ~ .chart svg').count()).toBe(1);
    // Its tracks link to their own pages.
    await expect
      .poll(() => page.locator('section[aria-labelledby="under-recording"] tbody a').count())
      .toBeGreaterThan(0);
    await checkAndShoot(page, 'artist');
    expect(errors).toEqual([]);
    await context.close();
  });
});
