// The dashboard as a person meets it: a spawned `listenhouse serve` on a simulated history, driven
// in Chromium (playwright-core, the Debian package's /usr/bin/chromium). Every number the test
// expects comes from elsewhere than the page's own endpoint: the exported listens counted here, and
// `listenhouse stats … --json` run on the file before the server holds it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { spawnServer, stopServer, type SpawnedServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';
import * as web from '../support/web.js';

const hasChromium = web.chromiumOrSkip("the dashboard's end-to-end test");
const LOCALE = 'de-DE';
const RANGE = '2024-05-01..2024-06-30';
/** The 61 days before RANGE. */
const PREVIOUS = '2024-03-01..2024-04-30';

const dir = tempDir('listenhouse-web-');
const db = join(dir.path, 'web.duckdb');
let server: SpawnedServer | undefined;
let browser: Browser;
let url: string;
let owner: string;
let fan: string;
let token: string;

interface Summary {
  plays: number;
  knownMs: number;
  artists: number;
  releases: number;
  recordings: number;
}
interface Top {
  entries: { rank: number; id: number; name: string; plays: number }[];
}
const expected: {
  summary?: Summary;
  listensInRange?: number;
  allListens?: number;
  activeDays?: number;
  fanListens?: number;
  artists?: Top;
  artistsBefore?: Top;
} = {};

async function cli<T>(args: string[]): Promise<T> {
  const r = await runCli([...args, '--db', db]);
  if (r.code !== 0) throw new Error(`listenhouse ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

const count = (n: number) => new Intl.NumberFormat(LOCALE).format(n);

beforeAll(async () => {
  if (!hasChromium) return;
  await cli([
    'simulate',
    '--users',
    '2',
    '--days',
    '120',
    '--end',
    '2024-06-30',
    '--per-day',
    '20',
    '--seed',
    '11',
    '--json',
  ]);
  const { users } = await cli<{ users: { name: string }[] }>(['users', '--json']);
  [owner, fan] = users.filter((u) => u.name !== 'me').map((u) => u.name) as [string, string];
  token = (await cli<{ token: string }>(['users', 'token', owner, '--json'])).token;
  await runCli(['users', 'set', fan, '--privacy', 'public', '--db', db]);

  // Counted here from the exported listens (ListenBrainz JSON lines: listened_at in epoch seconds).
  const out = join(dir.path, 'owner.jsonl');
  await cli(['export', 'listens', '--user', owner, '--out', out, '--json']);
  const times = readFileSync(out, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { listened_at: number }).listened_at * 1000);
  const [from, to] = [Date.parse('2024-05-01T00:00:00Z'), Date.parse('2024-07-01T00:00:00Z')];
  expected.listensInRange = times.filter((t) => t >= from && t < to).length;
  expected.allListens = times.length;
  expected.activeDays = new Set(times.map((t) => new Date(t).toISOString().slice(0, 10))).size;
  // The rest from the statistics the CLI computes on the file itself.
  expected.summary = await cli<Summary>(['stats', 'summary', '--user', owner, '--range', RANGE, '--json']);
  expected.fanListens = (
    await cli<Summary>(['stats', 'summary', '--user', fan, '--range', RANGE, '--json'])
  ).plays;
  expected.artists = await cli<Top>(['stats', 'artists', '--user', owner, '--range', RANGE, '--json']);
  expected.artistsBefore = await cli<Top>([
    'stats',
    'artists',
    '--user',
    owner,
    '--range',
    PREVIOUS,
    '--limit',
    '1000',
    '--json',
  ]);

  server = await spawnServer(['serve', '--db', db, '--port', '0']);
  url = server.url;
  browser = await web.launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stopServer(server);
  dir.cleanup();
});

function newPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  return web.newPage(browser, url, { locale: LOCALE });
}

/** The value under a stat's label on the overview ("Listens" → "1.234"). */
const stat = (page: Page, label: string) =>
  page
    .locator('.stat', { has: page.locator(`dt:text-is("${label}")`) })
    .locator('dd')
    .first();

const checkAndShoot = web.checkAndShoot;
const keptToken = (context: BrowserContext) => web.keptToken(context, url);

/** The cells of a top list's rows, as shown (the movement as read out). */
async function topRows(rows: Locator) {
  const shown = [];
  for (const row of await rows.all()) {
    const cell = async (selector: string) => (await row.locator(selector).textContent()) ?? '';
    shown.push({
      rank: await cell('.rank'),
      move: await cell('.move .visually-hidden'),
      name: await cell('.name'),
      plays: await cell('.num'),
    });
  }
  return shown;
}

describe.skipIf(!hasChromium)('the dashboard in Chromium', () => {
  it('signs in with a token and shows the overview with the numbers of the history', async () => {
    const { context, page, errors } = await newPage();
    await page.goto(`${url}/`);
    await page.waitForURL(`${url}/sign-in`);
    await page.getByLabel('Token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${url}/user/${owner}`);
    expect(await keptToken(context)).toBe(token);

    await page.goto(`${url}/user/${owner}?range=${RANGE}`);
    const s = expected.summary!;
    await expect.poll(() => stat(page, 'Listens').textContent()).toBe(count(expected.listensInRange!));
    expect(s.plays).toBe(expected.listensInRange);
    expect(await stat(page, 'Artists').textContent()).toBe(count(s.artists));
    expect(await stat(page, 'Releases').textContent()).toBe(count(s.releases));
    expect(await stat(page, 'Tracks').textContent()).toBe(count(s.recordings));
    const hours = new Intl.NumberFormat(LOCALE, { style: 'unit', unit: 'hour', unitDisplay: 'short' });
    expect(await stat(page, 'Listening time').textContent()).toBe(
      hours.format(Math.round(s.knownMs / 3_600_000)),
    );
    // The calendar is the year of days up to the period's end: the whole simulated history.
    await expect
      .poll(() => page.locator('#activity ~ p').textContent())
      .toContain(`${count(expected.allListens!)} listens on ${count(expected.activeDays!)} days`);
    await expect(page.locator('#activity ~ .scroll-x svg').count()).resolves.toBe(1);
    await expect.poll(() => page.locator('#recent ~ div tbody tr').count()).toBe(10);
    // A player says what is playing now, as ListenBrainz clients do: the open page shows it, no reload.
    expect(await page.getByRole('region', { name: 'Now playing' }).count()).toBe(0);
    const playing = await fetch(`${url}/1/submit-listens`, {
      method: 'POST',
      headers: { authorization: `Token ${token}` },
      body: JSON.stringify({
        listen_type: 'playing_now',
        payload: [{ track_metadata: { artist_name: 'Stereolab', track_name: 'French Disko' } }],
      }),
    });
    expect(playing.status).toBe(200);
    await expect
      .poll(() => page.getByRole('region', { name: 'Now playing' }).textContent())
      .toContain('French Disko');
    await checkAndShoot(page, 'overview');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the top artists with their movement against the period before, and the leaders chart', async () => {
    const { context, page, errors } = await newPage();
    await page.goto(`${url}/sign-in#token=${token}`);
    await page.waitForURL(`${url}/user/${owner}`);
    await page.goto(`${url}/user/${owner}/charts?range=${RANGE}`);
    const rows = page.locator('section[aria-labelledby="top-artists"] tbody tr');
    await expect.poll(() => rows.count()).toBe(10);
    const before = new Map(expected.artistsBefore!.entries.map((e) => [e.id, e.rank]));
    const shown = await topRows(rows);
    expect(shown).toEqual(
      expected.artists!.entries.map((e) => {
        const was = before.get(e.id);
        const move =
          was === undefined
            ? 'new: not in the previous period'
            : was === e.rank
              ? 'same place as before'
              : was > e.rank
                ? `up ${was - e.rank} from #${was}`
                : `down ${e.rank - was} from #${was}`;
        return { rank: String(e.rank), move, name: e.name, plays: count(e.plays) };
      }),
    );
    // The leaders of the two months: a line per artist, the month's number one named in the label.
    const chart = page.locator('section[aria-labelledby="leaders"] .chart');
    await expect.poll(() => chart.getAttribute('aria-label')).toContain('number 1 in the latest');
    await expect.poll(() => chart.locator('svg path').count()).toBeGreaterThan(10);
    await checkAndShoot(page, 'charts');
    // Ranked by time: the URL holds it, and the column says so.
    await page.getByRole('button', { name: 'By listening time' }).click();
    await page.waitForURL(/by=time/);
    await expect
      .poll(() => page.locator('section[aria-labelledby="top-artists"] thead').textContent())
      .toContain('Time');
    expect(page.url()).not.toContain('token');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("opens a public profile without a token, refuses a private one with the server's message, and signs out", async () => {
    const { context, page, errors } = await newPage();
    await page.goto(`${url}/user/${fan}?range=${RANGE}`);
    await expect.poll(() => stat(page, 'Listens').textContent()).toBe(count(expected.fanListens!));
    await page.goto(`${url}/user/${owner}`);
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.first().textContent())
      .toContain(`${owner}'s profile is private: send a token of ${owner} or an admin.`);
    expect(await page.locator('.stat').count()).toBe(0);
    await page.goto(`${url}/sign-in`);
    await checkAndShoot(page, 'sign-in');

    // Signed in, then out: the token is forgotten and the private profile is closed again.
    await page.getByLabel('Token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${url}/user/${owner}`);
    await page.goto(`${url}/user/nobody-here`);
    await expect.poll(() => alert.first().textContent()).toContain('No user named "nobody-here"');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${url}/sign-in`);
    expect(await keptToken(context)).toBeNull();
    await page.goto(`${url}/user/${owner}`);
    await expect.poll(() => alert.first().textContent()).toContain('is private');
    expect(errors).toEqual([]);
    await context.close();
  });
});
