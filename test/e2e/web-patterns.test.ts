// The Patterns and Listens pages in Chromium, on a spawned `listenhouse serve` over a simulated
// history. The expected numbers are computed here from the listens the CLI exports before the
// server holds the file: the clock grid and the streaks in the user's zone, and the listens by
// one artist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { spawnServer, stopServer, type SpawnedServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';
import { checkAndShoot, chromiumOrSkip, launchChromium, newPage } from '../support/web.js';

const hasChromium = chromiumOrSkip('the patterns and listens pages’ end-to-end test');

const LOCALE = 'de-DE';
/** The owner's zone: the clock and the streaks are counted in it, not in the browser's (UTC). */
const ZONE = 'Europe/Berlin';

const dir = tempDir('listenhouse-web-patterns-');
const db = join(dir.path, 'web.duckdb');
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
const expected = {
  total: 0,
  peak: { weekday: 0, hour: 0, plays: 0 },
  currentStreak: 0,
  longestStreak: 0,
  artist: '',
  artistListens: 0,
};

async function cli<T>(args: string[]): Promise<T> {
  const r = await runCli([...args, '--db', db]);
  if (r.code !== 0) throw new Error(`listenhouse ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

const count = (n: number) => new Intl.NumberFormat(LOCALE).format(n);

/** Local weekday (0 = Monday), hour and day of an instant in ZONE. */
const zoned = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  weekday: 'short',
  hour: '2-digit',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
function local(ms: number): { weekday: number; hour: number; day: string } {
  const parts = Object.fromEntries(zoned.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    weekday: WEEKDAYS.indexOf(parts.weekday!),
    hour: Number(parts.hour),
    day: `${parts.year}-${parts.month}-${parts.day}`,
  };
}
const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  if (!hasChromium) return;
  // Ending today (the default), so that the current streak is alive.
  await cli(['simulate', '--users', '2', '--days', '90', '--per-day', '15', '--seed', '23', '--json']);
  const { users } = await cli<{ users: { name: string }[] }>(['users', '--json']);
  [owner, fan] = users.filter((u) => u.name !== 'me').map((u) => u.name) as [string, string];
  token = (await cli<{ token: string }>(['users', 'token', owner, '--json'])).token;
  await runCli(['users', 'set', owner, '--tz', ZONE, '--db', db]);
  await runCli(['users', 'set', fan, '--privacy', 'public', '--db', db]);

  const out = join(dir.path, 'owner.jsonl');
  await cli(['export', 'listens', '--user', owner, '--out', out, '--json']);
  const listens = readFileSync(out, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Exported);

  // The clock: plays per local weekday × hour; the busiest cell, the earliest in the week when tied.
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const days = new Set<string>();
  for (const l of listens) {
    const t = local(l.listened_at * 1000);
    grid[t.weekday]![t.hour]! += 1;
    days.add(t.day);
  }
  expected.total = listens.length;
  for (let weekday = 0; weekday < 7; weekday++)
    for (let hour = 0; hour < 24; hour++)
      if (grid[weekday]![hour]! > expected.peak.plays)
        expected.peak = { weekday, hour, plays: grid[weekday]![hour]! };

  // Streaks: runs of consecutive local days; the current one ends today or yesterday.
  const sorted = [...days].sort();
  let run = 0;
  let previous = '';
  const runEnds = new Map<string, number>();
  for (const day of sorted) {
    run = previous && nextDay(previous) === day ? run + 1 : 1;
    runEnds.set(day, run);
    expected.longestStreak = Math.max(expected.longestStreak, run);
    previous = day;
  }
  const today = local(Date.now()).day;
  const yesterday = local(Date.now() - 86_400_000).day;
  expected.currentStreak = runEnds.get(today) ?? runEnds.get(yesterday) ?? 0;

  // An artist whose name no other credit or title contains, so "by credited artist" is exact.
  const byArtist = new Map<string, number>();
  for (const l of listens)
    byArtist.set(l.track_metadata.artist_name, (byArtist.get(l.track_metadata.artist_name) ?? 0) + 1);
  const clean = [...byArtist.entries()]
    .sort((a, b) => b[1] - a[1])
    .find(([name]) =>
      listens.every(
        (l) =>
          l.track_metadata.artist_name === name ||
          (!l.track_metadata.artist_name.toLowerCase().includes(name.toLowerCase()) &&
            !l.track_metadata.track_name.toLowerCase().includes(name.toLowerCase())),
      ),
    );
  if (!clean) throw new Error('no artist with a name of its own in the simulated history');
  [expected.artist, expected.artistListens] = clean;

  server = await spawnServer(['serve', '--db', db, '--port', '0']);
  url = server.url;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stopServer(server);
  dir.cleanup();
});

async function signedIn(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const { context, page, errors } = await newPage(browser, url, { locale: LOCALE });
  await page.goto(`${url}/sign-in#token=${token}`);
  await page.waitForURL(`${url}/user/${owner}`);
  return { context, page, errors };
}

const text = (page: Page, id: string) => page.getByTestId(id).textContent();
const days = (n: number) => `${count(n)} ${n === 1 ? 'day' : 'days'}`;

describe.skipIf(!hasChromium)('the patterns and listens pages in Chromium', () => {
  it("shows the clock's busiest hour and the streaks of the history, in the user's zone", async () => {
    const { context, page, errors } = await signedIn();
    await page.getByRole('link', { name: 'Patterns' }).click();
    await page.waitForURL(`${url}/user/${owner}/patterns`);
    await page.getByRole('button', { name: 'All time' }).click();
    await expect.poll(() => text(page, 'clock-total')).toBe(count(expected.total));
    const weekday = new Intl.DateTimeFormat(LOCALE, { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, 1 + expected.peak.weekday)),
    );
    const peak = await text(page, 'clock-peak');
    expect(peak).toContain(weekday);
    expect(peak).toContain(`${String(expected.peak.hour).padStart(2, '0')}:00`);
    expect(await text(page, 'clock-peak-plays')).toBe(count(expected.peak.plays));
    expect(await page.locator('#clock-summary').textContent()).toContain(ZONE);
    await expect.poll(() => text(page, 'streak-longest')).toBe(days(expected.longestStreak));
    expect(await text(page, 'streak-current')).toBe(days(expected.currentStreak));
    // Weekdays and the weekend add up to the whole.
    const plays = async (id: string) => Number((await text(page, id))!.replace(/\D/g, ''));
    await expect.poll(() => plays('weekday-plays')).toBeGreaterThan(0);
    expect((await plays('weekday-plays')) + (await plays('weekend-plays'))).toBe(expected.total);
    // Breakdowns: one bar table per field; the gap selector lives in the URL.
    await expect
      .poll(() => page.locator('section[aria-labelledby="breakdown-platform"] tbody tr').count())
      .toBeGreaterThan(0);
    await page.getByRole('button', { name: '2 h' }).click();
    await page.waitForURL(/gap=120/);
    await expect.poll(() => text(page, 'sessions-count')).toMatch(/^\d/);
    await checkAndShoot(page, 'patterns');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('filters by an artist, corrects a listen and bulk-deletes two', async () => {
    const { context, page, errors } = await signedIn();
    await page.getByRole('link', { name: 'Listens' }).click();
    await page.waitForURL(`${url}/user/${owner}/listens`);
    await expect.poll(() => text(page, 'listens-total')).toBe(count(expected.total));
    await page.getByLabel('Artist').fill(expected.artist);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/artist=/);
    await expect.poll(() => text(page, 'listens-total')).toBe(count(expected.artistListens));

    // Correct the first listen's track name: the table shows it, the page says the outcome.
    const first = page.locator('.listens-table tbody tr').first();
    await first.getByRole('button', { name: /^Correct / }).click();
    const dialog = page.getByRole('dialog', { name: 'Correct a listen' });
    await dialog.getByLabel('Track').fill('A Corrected Title');
    await checkAndShoot(page, 'listens-correct');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('A Corrected Title');
    await expect
      .poll(() => page.locator('.listens-table td.track', { hasText: 'A Corrected Title' }).count())
      .toBe(1);
    expect(await text(page, 'listens-total')).toBe(count(expected.artistListens));

    // Select two rows, delete them: the total drops by two.
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => text(page, 'listens-total')).toBe(count(expected.total));
    const boxes = page.locator('.listens-table tbody input[type="checkbox"]');
    await boxes.nth(1).check();
    await boxes.nth(2).check();
    await page.getByRole('button', { name: 'Delete selected (2)' }).click();
    await page
      .getByRole('dialog', { name: 'Delete 2 listens?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect.poll(() => text(page, 'listens-total')).toBe(count(expected.total - 2));
    expect(await page.getByRole('status').first().textContent()).toContain('Deleted 2 listens.');
    await checkAndShoot(page, 'listens');

    // Someone else's public profile: readable, with no controls to change it.
    await page.goto(`${url}/user/${fan}/listens`);
    await expect.poll(() => page.locator('.listens-table tbody tr').count()).toBe(50);
    expect(await page.getByRole('button', { name: /^Correct |^Delete/ }).count()).toBe(0);
    expect(await page.locator('.listens-table input[type="checkbox"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
