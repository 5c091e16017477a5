/**
 * The batch metrics (gold) per UTC day, by SQL over the store: most-played artists and tracks,
 * genres per hour slot (from the events that carry a genre), listens by country, platform and
 * device, and likes, shares and skip rate per track. A run replaces the days it covers, in one
 * transaction, and records its phases, volumes and an alert line (a failure, or a day's volume far
 * from the days before) in metric_runs for the pipeline's monitoring.
 */
import type { Database } from '../store/database.js';

export interface MetricsRun {
  id: number;
  from: string;
  to: string;
  status: 'completed' | 'failed';
  listensIn: number;
  eventsIn: number;
  rejects: number;
  rowsOut: number;
  phases: { phase: string; ms: number }[];
  alert: string | null;
}

/** A day's listens more than this factor away from the mean of the 7 days before raise an alert. */
const VOLUME_FACTOR = 2;
const TOP = 50;

const day = `CAST(l.listened_at AS DATE)`;
const PHASES: readonly { phase: string; table: string; sql: string }[] = [
  {
    phase: 'top artists',
    table: 'metric_top_artists',
    sql: `INSERT INTO metric_top_artists
      SELECT d, artist, plays, r FROM (
        SELECT d, artist, plays, row_number() OVER (PARTITION BY d ORDER BY plays DESC, artist) AS r
        FROM (SELECT ${day} AS d, l.artist, count(*) AS plays FROM listens l
              WHERE ${day} BETWEEN $from AND $to GROUP BY 1, 2)) WHERE r <= ${TOP}`,
  },
  {
    phase: 'top tracks',
    table: 'metric_top_tracks',
    sql: `INSERT INTO metric_top_tracks
      SELECT d, artist, track, plays, r FROM (
        SELECT d, artist, track, plays, row_number() OVER (PARTITION BY d ORDER BY plays DESC, artist, track) AS r
        FROM (SELECT ${day} AS d, l.artist, l.track, count(*) AS plays FROM listens l
              WHERE ${day} BETWEEN $from AND $to GROUP BY 1, 2, 3)) WHERE r <= ${TOP}`,
  },
  {
    phase: 'genres by hour',
    table: 'metric_genre_hours',
    sql: `INSERT INTO metric_genre_hours
      SELECT CAST(listened_at AS DATE), hour(listened_at), genre, count(*)
      FROM stream_events
      WHERE event_type = 'listen' AND reject_reason IS NULL AND genre IS NOT NULL
        AND CAST(listened_at AS DATE) BETWEEN $from AND $to
      GROUP BY ALL`,
  },
  {
    phase: 'breakdowns',
    table: 'metric_breakdowns',
    sql: `INSERT INTO metric_breakdowns
      SELECT ${day}, 'country', l.country, count(*) FROM listens l
        WHERE l.country IS NOT NULL AND ${day} BETWEEN $from AND $to GROUP BY ALL
      UNION ALL
      SELECT ${day}, 'platform', l.platform, count(*) FROM listens l
        WHERE l.platform IS NOT NULL AND ${day} BETWEEN $from AND $to GROUP BY ALL
      UNION ALL
      SELECT CAST(e.listened_at AS DATE), 'device', e.device, count(*) FROM stream_events e
        WHERE e.event_type = 'listen' AND e.reject_reason IS NULL AND e.device IS NOT NULL
          AND CAST(e.listened_at AS DATE) BETWEEN $from AND $to GROUP BY ALL`,
  },
  {
    phase: 'track actions',
    table: 'metric_track_actions',
    sql: `INSERT INTO metric_track_actions
      SELECT CAST(listened_at AS DATE), artist_name, track_name,
        count(*) FILTER (WHERE event_type = 'listen'), count(*) FILTER (WHERE event_type = 'like'),
        count(*) FILTER (WHERE event_type = 'share'), count(*) FILTER (WHERE event_type = 'skip'),
        count(*) FILTER (WHERE event_type = 'skip')
          / nullif(count(*) FILTER (WHERE event_type IN ('listen', 'skip')), 0)
      FROM stream_events
      WHERE reject_reason IS NULL AND event_type IN ('listen', 'like', 'share', 'skip')
        AND CAST(listened_at AS DATE) BETWEEN $from AND $to
      GROUP BY 1, 2, 3`,
  },
];

/** Computes and stores the metrics of the days [from, to] (YYYY-MM-DD, UTC). */
export async function runMetrics(db: Database, range: { from: string; to: string }): Promise<MetricsRun> {
  const binds = { from: range.from, to: range.to };
  const [started] = await db.all<{ id: bigint }>(
    `INSERT INTO metric_runs (started_at, status, day_from, day_to) VALUES (current_localtimestamp(), 'running', $from, $to) RETURNING id`,
    binds,
  );
  const id = Number(started!.id);
  const phases: MetricsRun['phases'] = [];
  const timed = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await work();
    phases.push({ phase, ms: Math.round(performance.now() - t) });
    return result;
  };
  try {
    const volumes = await timed('volumes', () =>
      db.all<{ listens: bigint; events: bigint; rejects: bigint }>(
        `SELECT (SELECT count(*) FROM listens l WHERE ${day} BETWEEN $from AND $to) AS listens,
           (SELECT count(*) FROM stream_events WHERE CAST(listened_at AS DATE) BETWEEN $from AND $to) AS events,
           (SELECT count(*) FROM stream_events WHERE reject_reason IS NOT NULL AND CAST(coalesce(listened_at, received_at) AS DATE) BETWEEN $from AND $to) AS rejects`,
        binds,
      ),
    );
    let rowsOut = 0;
    await db.transaction(async () => {
      for (const p of PHASES) {
        await timed(p.phase, async () => {
          await db.run(`DELETE FROM ${p.table} WHERE day BETWEEN $from AND $to`, binds);
          await db.run(p.sql, binds);
          const [n] = await db.all<{ n: bigint }>(
            `SELECT count(*) AS n FROM ${p.table} WHERE day BETWEEN $from AND $to`,
            binds,
          );
          rowsOut += Number(n!.n);
        });
      }
    });
    const alert = await volumeAlert(db, range);
    const v = volumes[0]!;
    const run: MetricsRun = {
      id,
      ...range,
      status: 'completed',
      listensIn: Number(v.listens),
      eventsIn: Number(v.events),
      rejects: Number(v.rejects),
      rowsOut,
      phases,
      alert,
    };
    await db.run(
      `UPDATE metric_runs SET finished_at = current_localtimestamp(), status = 'completed', listens_in = ?, events_in = ?,
         rejects = ?, rows_out = ?, phases = ?, alert = ? WHERE id = ?`,
      [run.listensIn, run.eventsIn, run.rejects, run.rowsOut, JSON.stringify(phases), alert, id],
    );
    return run;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db.run(
      `UPDATE metric_runs SET finished_at = current_localtimestamp(), status = 'failed', phases = ?, alert = ?, error = ? WHERE id = ?`,
      [JSON.stringify(phases), `the run failed: ${message}`, message, id],
    );
    throw err;
  }
}

/** Days of the range whose listens are more than VOLUME_FACTOR away from the mean of the 7 days before. */
async function volumeAlert(db: Database, range: { from: string; to: string }): Promise<string | null> {
  const rows = await db.all<{ d: string; n: bigint; mean: number | null }>(
    `WITH days AS (
       SELECT CAST(listened_at AS DATE) AS d, count(*) AS n FROM listens
       WHERE CAST(listened_at AS DATE) BETWEEN CAST($from AS DATE) - INTERVAL 7 DAY AND $to GROUP BY 1)
     SELECT strftime(d, '%Y-%m-%d') AS d, n,
       avg(n) OVER (ORDER BY d RANGE BETWEEN INTERVAL 7 DAY PRECEDING AND INTERVAL 1 DAY PRECEDING) AS mean
     FROM days ORDER BY d`,
    { from: range.from, to: range.to },
  );
  const odd = rows.filter(
    (r) =>
      r.d >= range.from &&
      r.mean !== null &&
      r.mean > 0 &&
      (Number(r.n) > r.mean * VOLUME_FACTOR || Number(r.n) * VOLUME_FACTOR < r.mean),
  );
  if (odd.length === 0) return null;
  return `listens moved beyond ×${VOLUME_FACTOR} of the 7 days before on ${odd
    .slice(0, 5)
    .map((r) => `${r.d} (${Number(r.n)} against ${Math.round(r.mean!)})`)
    .join(', ')}${odd.length > 5 ? ` and ${odd.length - 5} more days` : ''}`;
}
