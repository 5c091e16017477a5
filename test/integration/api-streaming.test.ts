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

describe('POST /api/streaming/batches (stream consume --server)', () => {
  const event = (i: number, user = 'kim') =>
    JSON.stringify({
      event_id: `b${i}`,
      event_type: 'listen',
      user_name: user,
      listened_at: 1_714_521_600 + i * 300,
      track_metadata: { artist_name: `Artist ${i % 3}`, track_name: `Track ${i}` },
    });
  const post = (body: unknown, token = admin) =>
    app.app.inject({
      method: 'POST',
      url: '/api/streaming/batches',
      headers: { authorization: `Bearer ${token}` },
      payload: body as object,
    });
  const batch = (from: number, to: number, partition = 0) => ({
    group: 'remote',
    topic: 'listens',
    partitions: [{ partition, highWatermark: 10 }],
    events: Array.from({ length: to - from }, (_, k) => ({
      partition,
      offset: from + k,
      value: from + k === 3 ? '{"event_id": ' : event(from + k),
    })),
  });
  const offsets = async () =>
    (await get('/api/streaming/consumer'))
      .json<{ partitions: { group: string; nextOffset: number }[] }>()
      .partitions.filter((p) => p.group === 'remote')
      .map((p) => p.nextOffset);

  it('stores the listens with their offsets, and the invalid events with their reason', async () => {
    const res = await post(batch(0, 5));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      listensStored: 4,
      skipped: 0,
      rejects: [{ partition: 0, offset: 3, reason: expect.stringMatching(/^invalid JSON/) }],
      partitions: [{ partition: 0, nextOffset: 5 }],
    });
    expect(await offsets()).toEqual([5]);
    const [row] = await db.all<{ n: bigint }>(
      "SELECT count(*) AS n FROM listens JOIN users ON users.id = listens.user_id WHERE users.name = 'kim'",
    );
    expect(Number(row!.n)).toBe(4);
    // Every event as received (bronze), the unreadable one with its reason.
    const events = await db.all<{ event_id: string | null; at: number | null; reason: string | null }>(
      `SELECT event_id, epoch(listened_at)::BIGINT AS at, reject_reason AS reason FROM stream_events
       WHERE topic = 'listens' ORDER BY "offset"`,
    );
    expect(events.map((e) => e.event_id)).toEqual(['b0', 'b1', 'b2', null, 'b4']);
    expect(Number(events[1]!.at)).toBe(1_714_521_900);
    expect(events[3]!.reason).toMatch(/^invalid JSON/);
  });

  it('skips what it stored already (a member that read it again) and stores only the rest', async () => {
    const res = await post(batch(2, 8));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ listensStored: 3, skipped: 3, rejects: [] });
    expect(await offsets()).toEqual([8]);
  });

  it('refuses a batch that starts past what it stored: the events between would be lost', async () => {
    const res = await post(batch(9, 10));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatch(
      /starts at offset 9, but this database stored up to 8.*resumes from the stored offsets/,
    );
    expect(await offsets()).toEqual([8]);
  });

  it('refuses the events of unknown users when it may not create them, with what to do', async () => {
    const res = await post({
      group: 'remote',
      topic: 'other',
      createUsers: false,
      partitions: [{ partition: 0, highWatermark: 2 }],
      events: [
        { partition: 0, offset: 0, value: event(100, 'kim') },
        { partition: 0, offset: 1, value: event(101, 'zed') },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      listensStored: 1,
      rejects: [
        { offset: 1, reason: expect.stringMatching(/user zed does not exist.*listenhouse users add zed/) },
      ],
    });
  });

  it("is an admin's, and says which field is wrong", async () => {
    expect((await post(batch(8, 9), user)).statusCode).toBe(403);
    expect(
      (await app.app.inject({ method: 'POST', url: '/api/streaming/batches', payload: batch(8, 9) }))
        .statusCode,
    ).toBe(401);
    const bad = await post({ ...batch(8, 9), topic: 'no spaces' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('topic');
  });
});
