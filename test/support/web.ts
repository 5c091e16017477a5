// The dashboard's end-to-end harness: Chromium (the Debian package's /usr/bin/chromium) driven by
// playwright-core, axe-core in the page, screenshots in both themes under test-results/web/. Each
// test/e2e/web-*.test.ts spawns its own server (test/support/server.ts) and uses these.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = process.env.LISTENHOUSE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether Chromium is there. Without it a test file is skipped with a loud line naming the package,
 * except under CI, where the missing program fails the run.
 */
export function chromiumOrSkip(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  const line = `Chromium not found at ${CHROMIUM}: ${what} needs the Debian package chromium (apt-get install chromium).`;
  if (process.env.CI) throw new Error(line);
  console.warn(`\n*** SKIPPED: ${line}\n`);
  return false;
}

export const SHOTS = resolve(import.meta.dirname, '../../test-results/web');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

/**
 * A fresh browser profile (nothing in localStorage) on the server at `url`. `errors` collects the
 * page's uncaught errors and any request to another host (a font or script from elsewhere).
 */
export async function newPage(
  browser: Browser,
  url: string,
  options: { locale?: string; timezoneId?: string } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-GB',
    timezoneId: options.timezoneId ?? 'UTC',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(url) && !r.url().startsWith('data:')) errors.push(`request to ${r.url()}`);
  });
  return { context, page, errors };
}

/**
 * axe-core's run in the page, as source text: the tests are type-checked without the DOM's types,
 * so nothing here touches `window` or `document` directly.
 */
const RUN_AXE = `axe.run().then((result) => result.violations
  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
  .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`;

/** axe-core in the page: no serious or critical violations, and a screenshot in each theme. */
export async function checkAndShoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(scheme);
    await page.waitForTimeout(300); // the charts redraw in the theme's colours
    await page.screenshot({ path: join(SHOTS, `${name}-${scheme}.png`), fullPage: true });
    if (!(await page.evaluate<boolean>("typeof axe !== 'undefined'")))
      await page.addScriptTag({ content: AXE });
    expect(await page.evaluate<string[]>(RUN_AXE), `${name} in ${scheme}`).toEqual([]);
  }
  // And as a phone shows it (screenshots to look at; the layout's rules are checked by each page's test).
  const wide = page.viewportSize();
  await page.setViewportSize(PHONE);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, `${name}-phone-${scheme}.png`), fullPage: true });
  }
  if (wide) await page.setViewportSize(wide);
}

/** A phone's viewport in CSS pixels (a 6.1-inch phone held upright). */
const PHONE = { width: 390, height: 844 };

/** The token the dashboard keeps in localStorage for `url`, or null. */
export async function keptToken(context: BrowserContext, url: string): Promise<string | null> {
  const origin = (await context.storageState()).origins.find((o) => o.origin === url);
  return origin?.localStorage.find((item) => item.name === 'listenhouse.token')?.value ?? null;
}
