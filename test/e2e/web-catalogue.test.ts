// The Catalogue page and the catalogue on a release page, as a person meets them: a spawned
// `listenhouse serve` on a database with a small MusicBrainz catalogue, matched listens and their
// genres, driven in Chromium. A near miss is linked to its candidate in one click and disappears
// from the list; a matched track is unlinked and comes back to it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { spawnServer, stopServer, type SpawnedServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';
import { checkAndShoot, chromiumOrSkip, launchChromium, newPage } from '../support/web.js';

const run = chromiumOrSkip('the Catalogue page’s end-to-end test');

const dir = tempDir('listenhouse-web-catalogue-');
const db = join(dir.path, 'web.duckdb');
let server: SpawnedServer | undefined;
let browser: Browser;
let url: string;
let token: string;

const id = (n: number) => `0000000${n}-0000-4000-8000-00000000000${n}`;
const ARTIST = { id: id(1), name: 'Nova Lights', 'sort-name': 'Nova Lights' };

async function cli(args: string[], env: Record<string, string> = {}): Promise<string> {
  const r = await runCli([...args, '--db', db], env);
  if (r.code !== 0) throw new Error(`listenhouse ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  if (!run) return;
  const release = join(dir.path, 'release.jsonl');
  writeFileSync(
    release,
    JSON.stringify({
      id: id(2),
      title: 'Dreamland',
      date: '2019-05-01',
      'artist-credit': [{ name: 'Nova Lights', joinphrase: '', artist: ARTIST }],
      'release-group': {
        id: id(3),
        title: 'Dreamland',
        'primary-type': 'Album',
        'first-release-date': '2019',
      },
      media: [
        {
          position: 1,
          tracks: [
            {
              position: 1,
              title: 'Glass Harbour',
              length: 241_000,
              recording: { id: id(4), title: 'Glass Harbour', length: 241_000 },
            },
            {
              position: 2,
              title: 'Paper Moons',
              length: 199_000,
              recording: { id: id(5), title: 'Paper Moons', length: 199_000 },
            },
          ],
        },
      ],
    }) + '\n',
  );
  const group = join(dir.path, 'release-group.jsonl');
  writeFileSync(
    group,
    JSON.stringify({
      id: id(3),
      title: 'Dreamland',
      'primary-type': 'Album',
      genres: [{ name: 'dream pop', count: 3 }],
      tags: [],
    }) + '\n',
  );
  const listens = join(dir.path, 'listens.jsonl');
  // Ten days ago: inside the page's default period (the last 365 days) whatever day the test runs.
  const recent = Math.floor(Date.now() / 1000) - 10 * 86_400;
  const listen = (at: number, track: string, durationMs?: number) =>
    JSON.stringify({
      listened_at: at,
      track_metadata: {
        artist_name: 'Nova Lights',
        track_name: track,
        release_name: 'Dreamland',
        ...(durationMs ? { additional_info: { duration_ms: durationMs } } : {}),
      },
    });
  writeFileSync(
    listens,
    [
      listen(recent, 'Glass Harbour'),
      listen(recent + 300, 'Paper Moons'),
      listen(recent + 600, 'Glass Harbr', 400_000),
    ].join('\n') + '\n',
  );
  await cli(['users', 'add', 'alice', '--json']);
  token = (JSON.parse(await cli(['users', 'token', 'alice', '--json'])) as { token: string }).token;
  await cli(['import', listens, '--user', 'alice']);
  await cli(['catalog', 'import', release, group]);
  await cli(['catalog', 'match']);
  // The release group's own genres; nothing answers at the services' address (no network in tests).
  await cli(['enrich', '--only', 'genres'], {
    LISTENHOUSE_MUSICBRAINZ_URL: 'http://127.0.0.1:9',
    LISTENHOUSE_ENRICH_RETRIES: '0',
  });
  server = await spawnServer(['serve', '--db', db, '--port', '0']);
  url = server.url;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stopServer(server);
  dir.cleanup();
});

describe.skipIf(!run)('the Catalogue page in Chromium', () => {
  it('shows what is matched and the genres, links a near miss in one click, and unlinks a match', async () => {
    const { context, page, errors } = await newPage(browser, url);
    await page.goto(`${url}/sign-in#token=${token}`);
    await page.waitForURL(`${url}/user/alice`);
    await page.getByRole('link', { name: 'Catalogue' }).click();
    await page.waitForURL(`${url}/user/alice/catalogue`);
    await expect
      .poll(() => page.locator('section[aria-labelledby="coverage"]').textContent())
      .toContain('66.7%');
    await expect.poll(() => page.locator('.genre-bars').textContent()).toContain('rock');

    const rows = page.locator('table.matching tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Best candidate: Glass Harbour');
    await checkAndShoot(page, 'catalogue');
    await rows.first().getByRole('button', { name: 'Link to the candidate' }).click();
    await expect.poll(() => page.getByText('Every track has its recording.').count()).toBe(1);

    await page.getByRole('button', { name: 'All', exact: true }).click();
    await expect.poll(() => rows.count()).toBe(3);
    const paper = rows.filter({ hasText: 'Paper Moons' });
    await paper.getByRole('button', { name: 'Unlink' }).click();
    await page.getByRole('button', { name: 'Without a match' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Unlinked by hand');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the genres and the MusicBrainz link on the release page', async () => {
    const { context, page, errors } = await newPage(browser, url);
    await page.goto(`${url}/sign-in#token=${token}`);
    await page.waitForURL(`${url}/user/alice`);
    const releases = (await (
      await fetch(`${url}/api/stats/releases?user=alice&range=all_time`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { entries: { id: number; name: string }[] };
    const dreamland = releases.entries.find((r) => r.name === 'Dreamland')!;
    await page.goto(`${url}/user/alice/release/${dreamland.id}`);
    await expect.poll(() => page.locator('.entity-genres').textContent()).toContain('dream pop');
    expect(await page.getByRole('link', { name: 'MusicBrainz' }).getAttribute('href')).toBe(
      `https://musicbrainz.org/release/${id(2)}`,
    );
    expect(errors).toEqual([]);
    await context.close();
  });
});
