import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { findStatsUser, getStreaks, getSummary, getTopRecordings } from '../../stats/index.js';
import type { Store } from '../../store/index.js';
import {
  action,
  addDbOption,
  databasePath,
  DEFAULT_USER,
  openCommandStore,
  printJson,
  type DbOptions,
} from '../shared.js';
import { committedSince, describeCommitted, interruptible, lastImportRunId } from '../interrupt.js';
import { ensurePortFree, hostOption, portOption, serveDatabase, serveSettings } from './serve.js';
import { storeSimulation } from './simulate.js';

/** The demo history `npm start` creates in an empty database. */
export const DEMO = { seed: 42, users: 1, days: 730, listensPerUserPerDay: 45, artists: 1500 } as const;

interface StartOptions extends DbOptions {
  json?: boolean;
  serve: boolean;
  host?: string;
  port?: string;
}

/**
 * The main job (`npm start`): make sure there is a history to look at (a demo one when the
 * database is empty), show what listenhouse knows about it, then serve it on http://localhost:8080
 * with a token for the default user.
 */
export function registerStartCommand(program: Command): void {
  addDbOption(
    program
      .command('start')
      .description(
        'Open the database (creating a demo history when it is empty), show a summary, and serve it (API, docs, scrobbling).',
      )
      .addOption(hostOption('address to listen on'))
      .addOption(portOption())
      .option('--no-serve', 'show the summary and exit')
      .option('--json', 'print the summary as one JSON document and exit'),
  ).action(
    action(async (options: StartOptions) => {
      const path = databasePath(options);
      const serve = options.serve && !options.json;
      const settings = serve ? serveSettings(options, () => undefined) : null;
      // Before the summary and the demo: a busy port is reported at once, and creates nothing.
      if (settings) await ensurePortFree(settings.host, settings.port);
      const store = await openCommandStore({ ...options, create: true });
      let result: Awaited<ReturnType<typeof summarise>>;
      try {
        const before = await lastImportRunId(store);
        result = await interruptible(
          () => summarise(store, path, Boolean(options.json)),
          async () =>
            `Interrupted while creating the demo history (committed before the stop: ${describeCommitted(await committedSince(store, before))}). ` +
            'A start does not add the rest to a database that is no longer empty: ' +
            `delete ${path} (or choose a new --db) and start again for the whole demo.`,
        );
      } catch (err) {
        store.close();
        throw err;
      }
      if (!settings) {
        store.close();
        if (options.json) return printJson(result);
        printSummary(result, false);
        return;
      }
      printSummary(result, true);
      const token = await demoToken(store);
      await serveDatabase(store, {
        ...settings,
        banner: (address) => {
          const out = (line = '') => console.log(line);
          out();
          // The page reads the token from the fragment (never sent to the server) and removes it.
          out(`  Dashboard (signs you in as "${DEFAULT_USER}"): ${address}/sign-in#token=${token}`);
          out(`  Open ${address}/docs to browse the API; your token (user "${DEFAULT_USER}"):`);
          out(`    ${token}`);
          out(`  curl -H "Authorization: Bearer ${token}" ${address}/api/stats/artists?range=year`);
          out(
            `  Scrobblers: ListenBrainz URL ${address}/ with this token (Last.fm clients: docs/lastfm-api.md).`,
          );
          out('  Ctrl-C stops the server.');
        },
      });
    }),
  );
}

async function summarise(store: Store, path: string, quiet: boolean) {
  const demo = (await store.listens.totals()).listens === 0;
  if (demo && !quiet) {
    console.log(
      `The database ${path} is empty: creating a demo history (${DEMO.days} days, seed ${DEMO.seed})…`,
    );
  }
  const demoReport = demo
    ? await storeSimulation(store, { ...DEMO, end: Date.now(), userName: DEFAULT_USER }, !quiet)
    : null;
  const user = await findStatsUser(store.db, DEFAULT_USER);
  const opts = { userId: user.id, tz: user.timeZone };
  return {
    database: path,
    demoCreated: demoReport ? demoReport.totals.inserted : 0,
    user: user.name,
    summary: await getSummary(store.db, opts),
    thisYear: await getTopRecordings(store.db, { ...opts, range: 'year', limit: 5 }),
    streaks: await getStreaks(store.db, opts),
  };
}

function printSummary(result: Awaited<ReturnType<typeof summarise>>, serving: boolean): void {
  const s = result.summary;
  const out = (line = '') => console.log(line);
  out();
  if (result.demoCreated)
    out(`Stored ${result.demoCreated.toLocaleString('en')} demo listens through the import path.`);
  out(
    `${result.user}: ${s.plays.toLocaleString('en')} listens of ${s.recordings.toLocaleString('en')} recordings ` +
      `by ${s.artists.toLocaleString('en')} artists, ${s.firstListen?.slice(0, 10) ?? '–'} → ${s.lastListen?.slice(0, 10) ?? '–'}, ` +
      `${Math.round(s.knownMs / 3_600_000).toLocaleString('en')} hours of known listening time`,
  );
  out();
  out('Top artists, all time:');
  for (const a of s.topArtists) out(`  ${String(a.rank).padStart(2)}. ${a.name}  (${a.plays} plays)`);
  out();
  out('Top recordings, last 365 days:');
  for (const r of result.thisYear.entries)
    out(`  ${String(r.rank).padStart(2)}. ${r.artist} – ${r.name}  (${r.plays} plays)`);
  out();
  const st = result.streaks;
  if (st.longest)
    out(
      `Longest streak: ${st.longest.days} days (${st.longest.start} → ${st.longest.end}); ` +
        `current: ${st.current ? `${st.current.days} days` : 'none'}`,
    );
  out();
  out('Next:');
  out(
    '  listenhouse import ~/Downloads/my_spotify_data.zip    import your own history (any supported export)',
  );
  out('  listenhouse stats artists --range year                more statistics (`listenhouse stats --help`)');
  out('  listenhouse --help                                    every command');
  if (serving) out('  (while the server runs, these commands go through it)');
  if (result.demoCreated)
    out(`  (the demo belongs to user "${DEFAULT_USER}"; start over with a fresh --db or LISTENHOUSE_DB)`);
}

/**
 * The default user's token for `npm start`: kept (plain, mode 0600) in `<database>.demo-token` so
 * every start shows the same one and clients configured with it keep working. `listenhouse users
 * token me` revokes it; the next start then issues a new one.
 */
async function demoToken(store: Store): Promise<string> {
  const file = `${store.path}.demo-token`;
  try {
    const saved = readFileSync(file, 'utf8').trim();
    if ((await store.tokens.findUser(saved))?.name === DEFAULT_USER) return saved;
  } catch {
    // no saved token yet
  }
  const user = await findStatsUser(store.db, DEFAULT_USER);
  const token = await store.tokens.create(user.id, 'npm start');
  writeFileSync(file, token + '\n', { mode: 0o600 });
  return token;
}
