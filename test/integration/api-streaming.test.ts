// /api/streaming: the batch metrics of a range of days summed, their runs, the consumers' lag; an
// admin's only. The gold tables are filled as `listenhouse metrics run` fills them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/database.js';
import { addUser } from '../../src/store/user-repository.js';
import { createToken } from '../../src/store/token-repository.js';
import { testApp } from '../support/app.js';

let db: Database;
let app: ReturnType<typeof testApp>;
let admin: string;
let user: string;

beforeAll(async () => {
  db = await openDatabase(':memory:');
  admin = await createToken(db, (await addUser(db, 'root', 'admin')).id);
  user = await createToken(db, (await addUser(db, 'ann')).id);
  await db.run(`INSERT INTO metric_top_artists VALUES
    ('2025-03-01', 'Moby', 3, 1), ('2025-03-01', 'Bjork', 2, 2), ('2025-03-02', 'Bjork', 4, 1), ('2025-03-02', 'Moby', 1, 2)`);
  await db.run(`INSERT INTO metric_top_tracks VALUES
    ('2025-03-01', 'Moby', 'Porcelain', 3, 1), ('2025-03-02', 'Bjork', 'Joga', 4, 1)`);
  await db.run(`INSERT INTO metric_genre_hours VALUES
    ('2025-03-01', 8, 'rock', 2), ('2025-03-02', 8, 'rock', 3), ('2025-03-02', 21, 'jazz', 1)`);
  await db.run(`INSERT INTO metric_breakdowns VALUES
    ('2025-03-01', 'country', 'FR', 5), ('2025-03-02', 'country', 'FR', 1), ('2025-03-02', 'country', 'DE', 4),
    ('2025-03-02', 'device', 'phone', 5)`);
  await db.run(`INSERT INTO metric_track_actions VALUES
    ('2025-03-01', 'Moby', 'Porcelain', 3, 1, 0, 1, 0.25), ('2025-03-02', 'Moby', 'Porcelain', 1, 0, 1, 3, 0.75)`);
  await db.run(`INSERT INTO metric_runs (started_at, finished_at, status, day_from, day_to, listens_in, events_in, rejects, rows_out, phases, alert)
    VALUES ('2025-03-03 01:00:00', '2025-03-03 01:00:02', 'completed', '2025-03-01', '2025-03-02', 10, 14, 1, 12,
      '[{"phase":"volumes","ms":12},{"phase":"top artists","ms":30}]', 'listens moved beyond ×2 of the 7 days before on 2025-03-02 (10 against 3)')`);
  await db.run(`INSERT INTO stream_batches (group_id, topic, committed_at, events, listens, duplicates, rejects, lag, millis) VALUES
    ('g', 'listens', '2025-03-03 00:00:00', 500, 490, 0, 10, 1500, 120), ('g', 'listens', '2025-03-03 00:00:01', 500, 500, 0, 0, 1000, 110)`);
  app = testApp(db);
});
afterAll(async () => {
  await app.app.close();
  db.close();
});

const get = (url: string, token = admin) =>
  app.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

describe('/api/streaming', () => {
  it('sums the metrics of the days asked for, ranked', async () => {
    const res = await get('/api/streaming/metrics?from=2025-03-01&to=2025-03-02');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.days).toEqual(['2025-03-02', '2025-03-01']);
    expect(body.topArtists).toEqual([
      { artist: 'Bjork', plays: 6 },
      { artist: 'Moby', plays: 4 },
    ]);
    expect(body.genreHours).toEqual([
      { hour: 8, genre: 'rock', plays: 5 },
      { hour: 21, genre: 'jazz', plays: 1 },
    ]);
    expect(body.breakdowns).toEqual([
      { dimension: 'country', value: 'FR', plays: 6 },
      { dimension: 'country', value: 'DE', plays: 4 },
      { dimension: 'device', value: 'phone', plays: 5 },
    ]);
    expect(body.trackActions).toEqual([
      { artist: 'Moby', track: 'Porcelain', listens: 4, likes: 1, shares: 1, skips: 4, skipRate: 0.5 },
    ]);
  });

  it('shows the latest day computed when no day is asked for', async () => {
    const body = (await get('/api/streaming/metrics')).json();
    expect(body).toMatchObject({ from: '2025-03-02', to: '2025-03-02' });
    expect(body.topArtists[0]).toEqual({ artist: 'Bjork', plays: 4 });
  });

  it('lists the runs with their phases and alert, and the lag over time', async () => {
    const runs = (await get('/api/streaming/runs')).json();
    expect(runs.runs[0]).toMatchObject({
      status: 'completed',
      from: '2025-03-01',
      to: '2025-03-02',
      listensIn: 10,
      eventsIn: 14,
      rejects: 1,
      rowsOut: 12,
      phases: [
        { phase: 'volumes', ms: 12 },
        { phase: 'top artists', ms: 30 },
      ],
    });
    expect(runs.runs[0].alert).toMatch(/moved beyond/);
    const consumer = (await get('/api/streaming/consumer')).json<{ batches: { lag: number }[] }>();
    expect(consumer.batches.map((b) => b.lag)).toEqual([1500, 1000]);
  });

  it("is an admin's: a user's token is refused, a bad day named", async () => {
    expect((await get('/api/streaming/metrics', user)).statusCode).toBe(403);
    const bad = await get('/api/streaming/metrics?from=March');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('YYYY-MM-DD');
  });
});
