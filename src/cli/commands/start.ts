import type { Command } from 'commander';
import { resolveDbPath } from '../../store/database.js';
import { findStatsUser, getStreaks, getSummary, getTopRecordings } from '../../stats/index.js';
import type { Database } from '../../store/database.js';
import { action, addDbOption, DEFAULT_USER, printJson, withDatabase, type DbOptions } from '../shared.js';
import { storeSimulation } from './simulate.js';

/** The demo history `npm start` creates in an empty database. */
export const DEMO = { seed: 42, users: 1, days: 730, listensPerUserPerDay: 45, artists: 1500 } as const;

interface StartOptions extends DbOptions {
  json?: boolean;
}

/**
 * The main job (`npm start`): make sure there is a history to look at (a demo one when the
 * database is empty), then show what listenhouse knows about it.
 */
export function registerStartCommand(program: Command): void {
  addDbOption(
    program
      .command('start')
      .description('Open the database (creating a demo history when it is empty) and show a summary of it.')
      .option('--json', 'print one JSON document'),
  ).action(
    action(async (options: StartOptions) => {
      const path = resolveDbPath(options.db);
      const result = await withDatabase(options, async (db) => {
        const demo = (await countListens(db)) === 0;
        if (demo && !options.json) {
          console.log(
            `The database ${path} is empty: creating a demo history (${DEMO.days} days, seed ${DEMO.seed})…`,
          );
        }
        const demoReport = demo
          ? await storeSimulation(db, { ...DEMO, end: Date.now(), userName: DEFAULT_USER }, !options.json)
          : null;
        const user = await findStatsUser(db, DEFAULT_USER);
        const opts = { userId: user.id, tz: user.timeZone };
        return {
          database: path,
          demoCreated: demoReport ? demoReport.totals.inserted : 0,
          user: user.name,
          summary: await getSummary(db, opts),
          thisYear: await getTopRecordings(db, { ...opts, range: 'year', limit: 5 }),
          streaks: await getStreaks(db, opts),
        };
      });
      if (options.json) return printJson(result);
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
      out(
        '  listenhouse stats artists --range year                more statistics (`listenhouse stats --help`)',
      );
      out('  listenhouse --help                                    every command');
      if (result.demoCreated)
        out(`  (the demo belongs to user "${DEFAULT_USER}"; start over with a fresh --db or LISTENHOUSE_DB)`);
    }),
  );
}

async function countListens(db: Database): Promise<number> {
  const rows = await db.all<{ n: bigint }>('SELECT count(*) AS n FROM listens');
  return Number(rows[0]?.n ?? 0);
}
