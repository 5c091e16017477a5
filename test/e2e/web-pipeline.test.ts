// The Pipeline page as an admin meets it: events published by `simulate` to librdkafka's mock cluster
// (with a burst of extra listens on the last day), stored by `stream consume`, the batch metrics of
// the days computed by `metrics run`; then `listenhouse serve` on that database, driven in Chromium.
// The page's numbers are checked against what the test counts in the database itself.
import { join } from 'node:path';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { runCli } from '../support/cli.js';
import { hasKcat, produce, startMockCluster, type MockCluster } from '../support/kafka.js';
import { spawnServer, stopServer, type SpawnedServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';
import { checkAndShoot, chromiumOrSkip, launchChromium, newPage } from '../support/web.js';

const run = hasKcat && chromiumOrSkip('the Pipeline page’s end-to-end test');

const dir = tempDir('listenhouse-web-pipeline-');
const db = join(dir.path, 'pipeline.duckdb');
const DAY = '2025-03-31';
let cluster: MockCluster | undefined;
let server: SpawnedServer | undefined;
let browser: Browser;
let url: string;
let token: string;
/** What the test counts in the database for DAY, before the server holds the file. */
let expected: {
  topArtist: { artist: string; plays: number };
  listensIn: number;
  countries: { value: string; plays: number }[];
  genrePeak: { genre: string; plays: number };
  /** The day's most listened track with its listens and skips, as the events say. */
  topAction: { artist: string; track: string; listens: number; skips: number };
};

async function cli(args: string[]): Promise<string> {
  const r = await runCli(args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  if (!run) return;
  cluster = await startMockCluster(dir.path);
  await cli([
    'simulate',
    '--seed',
    '5',
    '--users',
    '4',
    '--days',
    '14',
    '--end',
    DAY,
    '--kafka-brokers',
    cluster.brokers,
    '--topic',
    'plays',
  ]);
  // A burst on the last day: 400 listens by one more user, far above the days before.
  const burst = Array.from({ length: 400 }, (_, i) => ({
    key: 'burst',
    value: JSON.stringify({
      event_id: `burst-${i}`,
      event_type: 'listen',
      user_name: 'burst',
      listened_at: Date.parse(`${DAY}T20:00:00Z`) / 1000 + i * 9,
      track_metadata: { artist_name: 'The Burst', track_name: `Loop ${i % 7}` },
      country: 'IS',
      platform: 'web',
      device: 'desktop',
      genre: 'noise',
    }),
  }));
  await produce(cluster.brokers, 'plays', burst);
  await cli([
    'stream',
    'consume',
    '--brokers',
    cluster.brokers,
    '--topic',
    'plays',
    '--group',
    'g',
    '--exit-at-end',
    '--batch-events',
    '300',
    '--db',
    db,
  ]);
  await cli(['metrics', 'run', '--from', '2025-03-18', '--to', DAY, '--db', db]);
  await cli(['users', 'add', 'root', '--admin', '--db', db]);
  token = (JSON.parse(await cli(['users', 'token', 'root', '--json', '--db', db])) as { token: string })
    .token;

  const store = await openDatabase(db);
  try {
    const one = async <T>(sql: string) => (await store.all<T>(sql))[0]!;
    const onDay = `CAST(listened_at AS DATE) = DATE '${DAY}'`;
    const top = await one<{ artist: string; n: bigint }>(
      `SELECT artist, count(*) AS n FROM listens WHERE ${onDay} GROUP BY 1 ORDER BY n DESC, artist LIMIT 1`,
    );
    const listensIn = await one<{ n: bigint }>(
      `SELECT count(*) AS n FROM listens WHERE CAST(listened_at AS DATE) BETWEEN DATE '2025-03-18' AND DATE '${DAY}'`,
    );
    const countries = await store.all<{ value: string; n: bigint }>(
      `SELECT country AS value, count(*) AS n FROM listens WHERE ${onDay} AND country IS NOT NULL GROUP BY 1 ORDER BY n DESC, value`,
    );
    const peak = await one<{ genre: string; n: bigint }>(
      `SELECT genre, count(*) AS n FROM stream_events WHERE event_type = 'listen' AND reject_reason IS NULL AND genre IS NOT NULL
         AND ${onDay} GROUP BY genre, hour(listened_at) ORDER BY n DESC LIMIT 1`,
    );
    const action = await one<{ artist: string; track: string; l: bigint; s: bigint }>(
      `SELECT artist_name AS artist, track_name AS track, count(*) FILTER (WHERE event_type = 'listen') AS l,
         count(*) FILTER (WHERE event_type = 'like') AS lk, count(*) FILTER (WHERE event_type = 'skip') AS s
       FROM stream_events WHERE reject_reason IS NULL AND event_type IN ('listen', 'like', 'share', 'skip') AND ${onDay}
       GROUP BY 1, 2 ORDER BY l DESC, lk DESC, artist, track LIMIT 1`,
    );
    expected = {
      topArtist: { artist: top.artist, plays: Number(top.n) },
      listensIn: Number(listensIn.n),
      countries: countries.map((c) => ({ value: c.value, plays: Number(c.n) })),
      genrePeak: { genre: peak.genre, plays: Number(peak.n) },
      topAction: {
        artist: action.artist,
        track: action.track,
        listens: Number(action.l),
        skips: Number(action.s),
      },
    };
  } finally {
    store.close();
  }
  server = await spawnServer(['serve', '--db', db, '--port', '0']);
  url = server.url;
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stopServer(server);
  cluster?.stop();
  dir.cleanup();
});

describe.skipIf(!run)('the Pipeline page in Chromium', () => {
  it('shows the day’s metrics, the runs with the alert the burst raised, and the lag', async () => {
    const { context, page, errors } = await newPage(browser, url);
    await page.goto(`${url}/sign-in#token=${token}`);
    await page.waitForURL(`${url}/user/root`);
    await page.getByRole('link', { name: 'Pipeline' }).click();
    await page.waitForURL(`${url}/user/root/pipeline`);

    // The alert line: the burst moved the last day's listens beyond the threshold.
    const alert = page.getByTestId('pipeline-alert');
    await expect.poll(() => alert.textContent(), { timeout: 30_000 }).toMatch(/moved beyond ×2/);
    expect(await alert.textContent()).toContain(DAY);

    // The latest day is shown: its most-played artist with the plays counted in the database.
    expect(await page.getByRole('combobox', { name: 'Day' }).inputValue()).toBe(DAY);
    const artists = page.getByRole('table', { name: 'Most-played artists' });
    const first = artists.getByRole('row').nth(1);
    await expect.poll(() => first.textContent()).toContain(expected.topArtist.artist);
    expect(await first.locator('td').nth(2).textContent()).toBe(String(expected.topArtist.plays));

    // Listens by country: every country of the day with its count, largest first.
    const countries = page.getByRole('table', { name: 'Listens by country' });
    const rows = await countries.locator('tbody tr').allTextContents();
    expect(rows.length).toBe(expected.countries.length);
    expected.countries.forEach((c, i) =>
      expect(rows[i]).toContain(`${c.value}${c.plays.toLocaleString('en-GB')}`),
    );

    // The busiest genre and hour; the most listened track with its listens and skips.
    expect(await page.getByTestId('genre-peak').textContent()).toBe(expected.genrePeak.genre);
    expect(await page.getByTestId('genre-peak-plays').textContent()).toBe(String(expected.genrePeak.plays));
    const action = page
      .getByRole('table', { name: 'Likes, shares and skips per track' })
      .locator('tbody tr')
      .first();
    const cells = await action.locator('td').allTextContents();
    expect(cells[0]).toBe(`${expected.topAction.artist} – ${expected.topAction.track}`);
    expect(cells[1]).toBe(String(expected.topAction.listens));
    expect(cells[4]).toBe(String(expected.topAction.skips));

    // The run: listens in as counted, completed; the consumer caught up.
    const runs = page.getByRole('table', { name: 'Metrics runs' });
    const run1 = runs.locator('tbody tr').first();
    expect(await run1.locator('td').nth(2).textContent()).toMatch(/^completed/);
    expect(Number((await run1.locator('td').nth(3).textContent())!.replace(/\D/g, ''))).toBe(
      expected.listensIn,
    );
    expect(await page.getByTestId('lag-now').textContent()).toBe('0');

    await checkAndShoot(page, 'pipeline');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
