// npm run bench:web [-- --listens 1000000 --users 2 --days 3650 --seed 7 --runs 5 --range RANGE --screenshots DIR --json]
//
// The dashboard at scale, in Chromium (playwright-core, /usr/bin/chromium or LISTENHOUSE_CHROMIUM):
// a simulated history of --listens listens (`listenhouse simulate`, by seed, ending today), served by
// `listenhouse serve`; every page in web/src/app/nav.ts (read here, so pages added later are measured
// too) is opened --runs times, each time in a new browser profile (no HTTP cache, no query cache),
// signed in as the simulated user with the most listens, at the page's default period unless --range.
//
// Drawn: ms from navigation start (performance.now() in the page) to the first animation frame in
// which the page is ready, which is all of:
//   - the page's <main> is there and it has made at least one API call (/api/ or /1/) and none is in
//     flight (window.fetch is wrapped by an init script to count them);
//   - no "Loading …" line (.loading) is left;
//   - every chart (.chart, the shared EChart component) has data-ready="true": ECharts has drawn
//     its current option (entry animations may still run).
// API calls: each call's resource timing (startTime to responseEnd), as the browser saw it with the
// page's other calls in flight; then each is also asked alone --runs times with fetch from here, one
// at a time, which is what the server itself takes.
// Each figure is the median over the runs. The generated database is kept under bench/out/ (one
// file per size, seed and day), so a rerun the same day starts at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { NAV } from '../web/src/app/nav.js';
import { formatReport, median, summarisePage, type PageRun, type PageSummary } from './web-report.js';

const { values } = parseArgs({
  options: {
    listens: { type: 'string', default: '1000000' },
    // Two listeners share the listens: the measured one holds about half, a heavy ListenBrainz user.
    users: { type: 'string', default: '2' },
    days: { type: 'string', default: '3650' },
    seed: { type: 'string', default: '7' },
    runs: { type: 'string', default: '5' },
    range: { type: 'string' },
    // Also save a light-theme screenshot of each page (1200×800) there, after its runs.
    screenshots: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const wanted = Number(values.listens);
const users = Number(values.users);
const days = Number(values.days);
const runs = Number(values.runs);
/**
 * The simulator's --per-day is a mean over the days listened, and its listeners skip about one day in
 * six (167,568 listens for 2 × 3,650 days × 27 per day): hence the factor.
 */
const DAYS_LISTENED = 0.838;
const perDay = Math.max(1, Math.round(wanted / (users * days * DAYS_LISTENED)));
const log = (s: string) => values.json || process.stderr.write(s + '\n');

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin/listenhouse.js');
const OUT = join(ROOT, 'bench/out');
const CHROMIUM = process.env.LISTENHOUSE_CHROMIUM ?? '/usr/bin/chromium';

interface Generated {
  listens: number;
  user: string;
  userListens: number;
  command: string;
  seconds: number;
}

function cli(args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) =>
      code === 0 ? done(out) : fail(new Error(`listenhouse ${args.join(' ')} exited ${code}: ${err}`)),
    );
  });
}

/** The simulated history, generated once per size, seed and day into bench/out/. */
async function database(): Promise<{ db: string; generated: Generated }> {
  mkdirSync(OUT, { recursive: true });
  const today = new Date().toISOString().slice(0, 10);
  const base = join(OUT, `web-${wanted}-${users}u-${days}d-s${values.seed}-${today}`);
  const db = `${base}.duckdb`;
  if (existsSync(db) && existsSync(`${base}.json`)) {
    log(`Reusing ${db}`);
    return { db, generated: JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Generated };
  }
  const tmp = `${base}.tmp.duckdb`;
  rmSync(tmp, { force: true });
  rmSync(`${tmp}.wal`, { force: true });
  const args = ['simulate', '--users', `${users}`, '--days', `${days}`, '--per-day', `${perDay}`];
  args.push('--seed', values.seed, '--db', tmp, '--json');
  const command = `listenhouse ${args.join(' ').replace(tmp, 'FILE')}`;
  log(`Generating about ${wanted.toLocaleString('en')} listens: ${command}`);
  const started = performance.now();
  await cli(args);
  const seconds = (performance.now() - started) / 1000;
  // Whose profile to open: the listener with the most listens.
  const { users: list } = JSON.parse(await cli(['users', '--json', '--db', tmp])) as {
    users: { name: string }[];
  };
  const listeners = list.length > 1 ? list.filter((u) => u.name !== 'me') : list;
  let best = { user: '', userListens: -1 };
  let listens = 0;
  for (const { name } of listeners) {
    const summary = JSON.parse(
      await cli(['stats', 'summary', '--user', name, '--range', 'all_time', '--json', '--db', tmp]),
    ) as { plays: number };
    listens += summary.plays;
    if (summary.plays > best.userListens) best = { user: name, userListens: summary.plays };
  }
  renameSync(tmp, db);
  if (existsSync(`${tmp}.wal`)) renameSync(`${tmp}.wal`, `${db}.wal`);
  const generated = { listens, ...best, command, seconds };
  writeFileSync(`${base}.json`, JSON.stringify(generated, null, 2));
  log(`Generated ${listens.toLocaleString('en')} listens in ${seconds.toFixed(0)} s`);
  return { db, generated };
}

async function serve(db: string): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(
    process.execPath,
    [CLI, 'serve', '--db', db, '--port', '0', '--rate-limit', '100000000'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    server.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /is serving .* at (http:\/\/\S+)/.exec(out);
      if (m) done(m[1]!);
    });
    server.once('close', (code) => fail(new Error(`serve exited with ${code}: ${out}`)));
  });
  return { server, url };
}

/**
 * Before the app's own scripts: the token and the light theme in localStorage, and a count of the
 * API fetches in flight (window.__bench). Source text: bench/ is type-checked without the DOM's types.
 */
const INIT = (token: string) => `
  localStorage.setItem('listenhouse.token', ${JSON.stringify(token)});
  localStorage.setItem('listenhouse.theme', 'light');
  window.__bench = { started: 0, inflight: 0 };
  const original = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const api = /^\\/(api|1)\\/|\\/\\/[^/]+\\/(api|1)\\//.test(url);
    if (!api) return original(input, init);
    window.__bench.started++;
    window.__bench.inflight++;
    return original(input, init).finally(() => window.__bench.inflight--);
  };`;

/** The readiness signal (see the top of this file): performance.now() once ready, else false. */
const READY = `(() => {
  const b = window.__bench;
  if (!document.querySelector('main') || !b || b.started === 0 || b.inflight > 0) return false;
  if (document.querySelector('.loading')) return false;
  for (const chart of document.querySelectorAll('.chart')) if (chart.dataset.ready !== 'true') return false;
  return performance.now();
})()`;

const CALLS = `performance.getEntriesByType('resource')
  .filter((e) => /\\/(api|1)\\//.test(new URL(e.name).pathname))
  .map((e) => { const u = new URL(e.name); return [u.pathname + u.search, e.responseEnd - e.startTime]; })`;

async function measure(
  browser: Browser,
  target: string,
  token: string,
  shot: string | null,
): Promise<PageRun> {
  const context = await browser.newContext({
    viewport: shot ? { width: 1200, height: 800 } : { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
  });
  try {
    await context.addInitScript({ content: INIT(token) });
    const page = await context.newPage();
    await page.goto(target, { waitUntil: 'commit' });
    const ready = await page.waitForFunction(READY, undefined, { polling: 'raf', timeout: 120_000 });
    const drawnMs = (await ready.jsonValue()) as number;
    const entries = await page.evaluate<[string, number][]>(CALLS);
    const calls: Record<string, number> = {};
    // A call made twice (a poll) counts by its first time.
    for (const [call, ms] of entries) calls[call] ??= ms;
    if (shot) {
      await page.waitForTimeout(1200); // the entry animations end
      await page.screenshot({ path: shot });
    }
    return { drawnMs, calls };
  } finally {
    await context.close();
  }
}

/** The median time of `path` asked alone, one request after another (no If-None-Match: no 304). */
async function timeAlone(url: string, path: string, token: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const response = await fetch(url + path, { headers: { authorization: `Token ${token}` } });
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  return median(times);
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install the Debian package chromium (apt-get install chromium).`,
    );
  const { db, generated } = await database();
  const { token } = JSON.parse(await cli(['users', 'token', generated.user, '--json', '--db', db])) as {
    token: string;
  };
  const { server, url } = await serve(db);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const pages: PageSummary[] = [];
  try {
    if (values.screenshots) mkdirSync(values.screenshots, { recursive: true });
    for (const item of NAV) {
      const path = `/user/${encodeURIComponent(generated.user)}${item.path ? `/${item.path}` : ''}`;
      const target = `${url}${path}${values.range ? `?range=${encodeURIComponent(values.range)}` : ''}`;
      const done: PageRun[] = [];
      for (let i = 0; i < runs; i++) {
        const run = await measure(browser, target, token, null);
        log(`${item.label} run ${i + 1}: drawn ${run.drawnMs.toFixed(0)} ms`);
        done.push(run);
      }
      const summary = summarisePage(item.label, target.slice(url.length), done);
      for (const call of summary.calls) call.aloneMs = await timeAlone(url, call.call, token);
      pages.push(summary);
      // One more visit, not measured, for the picture (a smaller window than the measured runs').
      if (values.screenshots) {
        const name = `dashboard-${item.label.toLowerCase().replace(/\W+/g, '-')}.png`;
        await measure(browser, target, token, join(values.screenshots, name));
      }
    }
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
  const context = {
    listens: generated.listens,
    user: generated.user,
    userListens: generated.userListens,
    simulate: generated.command,
    range: values.range ?? 'the page default',
    runs,
  };
  if (values.json) {
    console.log(JSON.stringify({ ...context, pages }, null, 2));
    return;
  }
  console.log(
    `\nDashboard at ${generated.listens.toLocaleString('en')} listens (${generated.user}: ${generated.userListens.toLocaleString('en')}), ` +
      `${context.range}, median of ${runs} runs in Chromium\n`,
  );
  console.log(formatReport(pages));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
