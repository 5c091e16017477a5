// The Import and Collection pages as a person meets them: a spawned `listenhouse serve`, driven in
// Chromium (playwright-core, the Debian package's /usr/bin/chromium). A real Spotify export is
// uploaded through the page's file input; the counts the page must show come from `listenhouse
// import --dry-run --json` of the same file on a fresh database, run before, and the collection's
// size from the Discogs files' own rows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { spawnServer, stopServer, type SpawnedServer } from '../support/server.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { tempDir } from '../support/temp.js';
import { checkAndShoot, chromiumOrSkip, launchChromium, newPage } from '../support/web.js';

const hasChromium = chromiumOrSkip('the import pages’ end-to-end test');

const LOCALE = 'de-DE';
const SPOTIFY = sharedFile('spotify-streaming-history-basic', 'StreamingHistory0.json');
const COLLECTION = sharedFile('discogs-collection-derived', 'collection.csv');
const WANTS = sharedFile('discogs-collection-derived', 'wants.csv');

const dir = tempDir('listenhouse-web-import-');
const db = join(dir.path, 'web.duckdb');
let server: SpawnedServer | undefined;
let browser: Browser;
let url: string;
let token: string;

interface DryRun {
  totals: { read: number; inserted: number; skipped: number; rejected: number };
}
let expected: DryRun;

async function cli<T>(args: string[], database = db): Promise<T> {
  const r = await runCli([...args, '--db', database]);
  if (r.code !== 0) throw new Error(`listenhouse ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

const count = (n: number) => new Intl.NumberFormat(LOCALE).format(n);

/** Records in a Discogs CSV, counted from the file: every line after the header (no field spans lines). */
const rowsOf = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).length - 1;

const run = hasChromium && hasSharedData;

beforeAll(async () => {
  if (!run) return;
  expected = await cli<DryRun>(['import', '--dry-run', '--json', SPOTIFY], join(dir.path, 'fresh.duckdb'));
  await cli(['users', 'add', 'alice', '--json']);
  token = (await cli<{ token: string }>(['users', 'token', 'alice', '--json'])).token;
  server = await spawnServer(['serve', '--db', db, '--port', '0']);
  url = server.url;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stopServer(server);
  dir.cleanup();
});

const stat = (page: Page, label: string) =>
  page
    .locator('.stat', { has: page.locator(`dt:text-is("${label}")`) })
    .locator('dd')
    .first();

describe.skipIf(!run)('the Import and Collection pages in Chromium', () => {
  it('imports a real Spotify export through the file input and shows the report, the rows left out and the run', async () => {
    const { context, page, errors } = await newPage(browser, url, { locale: LOCALE });
    await page.goto(`${url}/sign-in#token=${token}`);
    await page.waitForURL(`${url}/user/alice`);
    await page.goto(`${url}/user/alice/import`);
    await expect.poll(() => page.getByText('No imports yet.').count()).toBe(1);

    await page.getByLabel('Export files').setInputFiles(SPOTIFY);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.waitForURL(/job=/);
    await expect
      .poll(() => page.locator('.job-status').textContent(), { timeout: 30_000 })
      .toBe('Import finished.');
    expect(await stat(page, 'Inserted').textContent()).toBe(count(expected.totals.inserted));
    expect(await stat(page, 'Read').textContent()).toBe(count(expected.totals.read));
    expect(await stat(page, 'Skipped').textContent()).toBe(count(expected.totals.skipped));
    expect(expected.totals.skipped).toBeGreaterThan(0);

    // The rows left out, with their raw text as the file has it.
    const rows = page.locator('table.rejected tbody tr');
    await expect
      .poll(() => rows.count())
      .toBe(Math.min(1000, expected.totals.skipped + expected.totals.rejected));
    const raw = (await rows.first().locator('code.raw').textContent()) ?? '';
    expect(raw.length).toBeGreaterThan(10);
    expect(readFileSync(SPOTIFY, 'utf8')).toContain(raw.trim().split('\n')[0]!.trim());
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.startsWith('id,importRunId,file,line,status,reason,message,raw\r\n')).toBe(true);

    // The run is listed; undoing it first says what it would remove.
    await expect.poll(() => page.locator('section[aria-labelledby="runs"] tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: /^Undo import \d+$/ }).click();
    await expect
      .poll(() => page.locator('.undo-panel').textContent())
      .toContain(`This removes ${count(expected.totals.inserted)} listens`);
    await checkAndShoot(page, 'import');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('.undo-panel').count()).toBe(0);

    // A server refusal is shown with its own message: an upload with a bad columns field.
    await page.getByLabel('Export files').setInputFiles(SPOTIFY);
    await page.getByLabel('Format').selectOption('generic-csv');
    await page.getByLabel('Columns').fill('nonsense');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('The upload failed.');
    expect(await page.locator('.server-message').first().textContent()).toContain('upload field columns');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('imports the Discogs export and shows every record in the collection, with its listens', async () => {
    const { context, page } = await newPage(browser, url, { locale: LOCALE });
    await page.goto(`${url}/sign-in#token=${token}`);
    await page.waitForURL(`${url}/user/alice`);
    await page.goto(`${url}/user/alice/collection`);
    await expect.poll(() => page.getByText('No records yet.').count()).toBe(1);
    await page.goto(`${url}/user/alice/import`);
    await page.getByLabel('Export files').setInputFiles([COLLECTION, WANTS]);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => page.locator('.job-status').textContent(), { timeout: 30_000 })
      .toBe('Import finished.');

    const [collection, wants] = [rowsOf(COLLECTION), rowsOf(WANTS)];
    await page.getByRole('link', { name: 'Collection' }).click();
    await page.waitForURL(/\/user\/alice\/collection/);
    const status = page.locator('section[aria-labelledby="records"] [role="status"]');
    await expect.poll(() => status.textContent()).toContain(`of ${count(collection + wants)};`);
    await expect.poll(() => page.locator('.collection-table tbody tr').count()).toBe(50);
    await page.getByRole('button', { name: 'Collection', exact: true }).click();
    await page.waitForURL(/list=collection/);
    await expect
      .poll(() => status.textContent())
      .toContain(`Records 1–${count(collection)} of ${count(collection)};`);
    await page.getByLabel('Search').fill('déjà');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/q=/);
    await expect.poll(() => page.locator('.collection-table tbody tr').count()).toBe(1);
    expect(await page.locator('.collection-table tbody tr td').first().textContent()).toBe(
      'Crosby, Stills, Nash & Young',
    );
    await page.goto(`${url}/user/alice/collection?list=wantlist&from=50`);
    await expect
      .poll(() => status.textContent())
      .toContain(`Records ${count(51)}–${count(100)} of ${count(wants)};`);
    await checkAndShoot(page, 'collection');
    await context.close();
  });
});
