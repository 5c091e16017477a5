// The admin and settings pages as people meet them, in Chromium on a spawned `listenhouse serve`:
// an admin adds a user and the token shown signs that user in elsewhere; the admin makes the
// profile public and a signed-out browser opens it; a new token replaces the old ones; someone who
// is not an admin gets the server's refusal on /admin, and changes their own time zone.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { spawnServer, stopServer, type SpawnedServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';
import { checkAndShoot, chromiumOrSkip, keptToken, launchChromium, newPage } from '../support/web.js';

const hasChromium = chromiumOrSkip('the admin pages’ end-to-end test');

const dir = tempDir('listenhouse-web-admin-');
const db = join(dir.path, 'admin.duckdb');
const NEWCOMER = 'newcomer';
let server: SpawnedServer | undefined;
let browser: Browser;
let url: string;
let adminToken: string;
let listener: string;
let listenerToken: string;
let userCount: number;

async function cli<T>(args: string[]): Promise<T> {
  const r = await runCli([...args, '--db', db]);
  if (r.code !== 0) throw new Error(`listenhouse ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** GET /api/me from here (not the browser): whose a token is, or the status that refused it. */
async function whoIs(token: string): Promise<{ name?: string; timeZone?: string } | number> {
  const response = await fetch(`${url}/api/me`, { headers: { authorization: `Token ${token}` } });
  return response.ok ? ((await response.json()) as { name: string; timeZone: string }) : response.status;
}

beforeAll(async () => {
  if (!hasChromium) return;
  await cli(['simulate', '--users', '2', '--days', '20', '--end', '2024-06-30', '--per-day', '5', '--json']);
  const { users } = await cli<{ users: { name: string; role: string }[] }>(['users', '--json']);
  userCount = users.length;
  const admin = users.find((u) => u.role === 'admin')!.name;
  listener = users.find((u) => u.role !== 'admin')!.name;
  adminToken = (await cli<{ token: string }>(['users', 'token', admin, '--json'])).token;
  listenerToken = (await cli<{ token: string }>(['users', 'token', listener, '--json'])).token;
  server = await spawnServer(['serve', '--db', db, '--port', '0']);
  url = server.url;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stopServer(server);
  dir.cleanup();
});

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(`${url}/sign-in#token=${token}`);
  await page.waitForURL(/\/user\//);
}

describe.skipIf(!hasChromium)('the admin and settings pages in Chromium', () => {
  it('adds a user whose token signs in elsewhere, opens the profile to everyone, and issues a new token', async () => {
    const admin = await newPage(browser, url);
    const { page } = admin;
    await signIn(page, adminToken);
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.waitForURL(`${url}/admin`);
    await expect.poll(() => page.locator('.users-table tbody tr').count()).toBe(userCount);

    // A name the server would refuse is explained before anything is sent.
    const name = page.getByLabel('Name', { exact: true });
    await name.fill('new comer');
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toBe('A user name is letters, digits, dots, underscores and hyphens only (not spaces).');
    await name.fill(NEWCOMER);
    await page.getByRole('button', { name: 'Add user' }).click();
    const shown = page.getByRole('textbox', { name: `Token for ${NEWCOMER}` });
    await expect.poll(() => shown.inputValue()).toMatch(/\S{16,}/);
    const token = await shown.inputValue();
    await page.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.locator('.token-once [role=status]').textContent()).not.toBe('');
    await expect.poll(() => page.locator('.users-table tbody tr').count()).toBe(userCount + 1);
    await checkAndShoot(page, 'admin');

    // The token shown signs the new user in, in a browser that has never seen this server.
    const fresh = await newPage(browser, url);
    await fresh.page.goto(`${url}/sign-in`);
    await fresh.page.getByLabel('Token').fill(token);
    await fresh.page.getByRole('button', { name: 'Sign in' }).click();
    await fresh.page.waitForURL(`${url}/user/${NEWCOMER}`);
    await expect
      .poll(() => fresh.page.locator('.account').textContent())
      .toContain(`Signed in as ${NEWCOMER}`);
    expect(await fresh.page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await expect
      .poll(() => fresh.page.locator('section[aria-labelledby="recent"] .notice-empty').textContent())
      .toContain('No listens yet.');

    // Private until the admin says otherwise: a signed-out browser is refused, then let in.
    const outsider = await newPage(browser, url);
    await outsider.page.goto(`${url}/user/${NEWCOMER}`);
    await expect.poll(() => outsider.page.getByRole('alert').first().textContent()).toContain('is private');
    await page.getByLabel(`Profile of ${NEWCOMER}`).selectOption('public');
    await expect
      .poll(() => page.locator('.saved').textContent())
      .toBe(`${NEWCOMER}'s profile is now public.`);
    await outsider.page.goto(`${url}/user/${NEWCOMER}`);
    await expect
      .poll(() => outsider.page.locator('section[aria-labelledby="recent"] .notice-empty').textContent())
      .toContain('No listens yet.');
    expect(await outsider.page.getByRole('alert').count()).toBe(0);

    // A new token, after a confirmation: the old one stops working, the new one is the user's.
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: `New token for ${NEWCOMER}` }).click();
    const dialog = page.getByRole('dialog', { name: `Issue a new token for ${NEWCOMER}?` });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await whoIs(token)).toMatchObject({ name: NEWCOMER });
    await page.getByRole('button', { name: `New token for ${NEWCOMER}` }).click();
    await dialog.getByRole('button', { name: 'Revoke and issue a new token' }).click();
    await expect.poll(() => shown.inputValue()).not.toBe(token);
    const next = await shown.inputValue();
    expect(await whoIs(token)).toBe(401);
    expect(await whoIs(next)).toMatchObject({ name: NEWCOMER });

    for (const b of [admin, fresh, outsider]) {
      expect(b.errors).toEqual([]);
      await b.context.close();
    }
  });

  it("shows someone who is not an admin the server's refusal on /admin, and lets them change their own settings", async () => {
    const { context, page, errors } = await newPage(browser, url);
    await signIn(page, listenerToken);
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await page.goto(`${url}/admin`);
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain(`Only an admin may do this; ${listener} is not one.`);
    expect(await page.locator('.users-table').count()).toBe(0);

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(`${url}/settings`);
    const zone = page.getByLabel('Time zone');
    await expect.poll(() => zone.inputValue()).toBe('UTC');
    await zone.fill('Mars/Olympus_Mons');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('is not a time zone');
    await zone.fill('Europe/Berlin');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.settings-form [role=status]').textContent()).toBe('Saved.');
    expect(await whoIs(listenerToken)).toMatchObject({ name: listener, timeZone: 'Europe/Berlin' });
    expect(await keptToken(context, url)).toBe(listenerToken);
    await checkAndShoot(page, 'settings');
    expect(errors).toEqual([]);
    await context.close();
  });
});
