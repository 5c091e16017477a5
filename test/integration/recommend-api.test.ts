// The recommendations as a client sees them, over real HTTP (app.inject) on a DuckDB store filled
// by the simulator: nothing before a model is trained (and ListenBrainz's 204), retraining by an
// admin, lists with reasons and explanations, "not interested", similar artists, the radio and its
// JSPF file, the ListenBrainz-shaped /1/cf/recommendation route, and the errors' messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeSimulation } from '../../src/cli/commands/simulate.js';
import type { App } from '../../src/server/app.js';
import type { Database } from '../../src/store/database.js';
import { storeOn } from '../../src/store/index.js';
import { createToken } from '../../src/store/token-repository.js';
import { addUser, findUserByName } from '../../src/store/user-repository.js';
import { testApp } from '../support/app.js';
import { memoryDb } from '../support/temp.js';

const NOW = Date.UTC(2025, 0, 2);
let db: Database;
let server: App;
let admin: string;
let guest: string;

interface Listed {
  model: { kind: string } | null;
  total: number;
  items: {
    rank: number;
    item: { id: number; name: string };
    score: number;
    reason: string;
    explanation: { score: number; rest: number; parts: { kind: string; contribution: number }[] };
  }[];
}

async function call(method: 'GET' | 'POST', url: string, token: string, body?: Record<string, unknown>) {
  const r = await server.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { payload: body }),
  });
  return {
    status: r.statusCode,
    headers: r.headers,
    body: r.body ? r.json<Record<string, unknown>>() : null,
  };
}

beforeAll(async () => {
  db = await memoryDb();
  const store = storeOn(db);
  await storeSimulation(
    store,
    { seed: 3, users: 5, days: 60, end: Date.UTC(2025, 0, 1), listensPerUserPerDay: 25, artists: 200 },
    false,
  );
  admin = await createToken(db, (await findUserByName(db, 'me'))!.id);
  guest = await createToken(db, (await addUser(db, 'guest')).id);
  server = testApp(db, { now: () => NOW });
}, 120_000);

afterAll(async () => {
  await server.app.close();
  db.close();
});

describe('/api/recommendations', () => {
  it('has nothing, and says why, before a model is trained', async () => {
    const users = (await call('GET', '/api/users', admin)).body as { users: { name: string }[] };
    const listener = users.users.find((u) => u.name !== 'me' && u.name !== 'guest')!.name;
    const r = await call('GET', `/api/recommendations?user=${listener}&entity=artist`, admin);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ model: null, total: 0, items: [] });
    const lb = await server.app.inject({
      method: 'GET',
      url: `/1/cf/recommendation/user/${listener}/recording`,
      headers: { authorization: `Token ${admin}` },
    });
    expect(lb.statusCode).toBe(204);
  });

  it('lets only an admin retrain, and then serves lists with reasons that add up', async () => {
    expect((await call('POST', '/api/recommendations/retrain', guest, { entity: 'artist' })).status).toBe(
      403,
    );
    const r = await call('POST', '/api/recommendations/retrain', admin, {
      entity: 'artist',
      model: 'itemknn',
    });
    expect(r.status).toBe(200);
    const [run] = (r.body as { runs: { decision: string; reasons: string[] }[] }).runs;
    expect(run).toMatchObject({ decision: 'promoted' });
    expect(run!.reasons[0]).toContain('No model in production for artists');
    const users = (await call('GET', '/api/users', admin)).body as { users: { name: string }[] };
    const listener = users.users.find((u) => u.name !== 'me' && u.name !== 'guest')!.name;
    const list = (await call('GET', `/api/recommendations?user=${listener}&entity=artist&limit=5`, admin))
      .body as unknown as Listed;
    expect(list.model?.kind).toBe('itemknn');
    expect(list.items).toHaveLength(5);
    expect(list.items.map((i) => i.rank)).toEqual([1, 2, 3, 4, 5]);
    for (const item of list.items) {
      expect(item.reason).toMatch(/^Because you played /);
      const sum = item.explanation.parts.reduce((s, p) => s + p.contribution, item.explanation.rest);
      expect(sum).toBeCloseTo(item.explanation.score, 5);
    }
    // Another user's private list is not the guest's to read.
    expect((await call('GET', `/api/recommendations?user=${listener}&entity=artist`, guest)).status).toBe(
      403,
    );
  }, 120_000);

  it('keeps "not interested" out of the list, and similar artists and the radio come from the model', async () => {
    const users = (await call('GET', '/api/users', admin)).body as { users: { name: string }[] };
    const listener = users.users.find((u) => u.name !== 'me' && u.name !== 'guest')!.name;
    const before = (await call('GET', `/api/recommendations?user=${listener}&entity=artist&limit=3`, admin))
      .body as unknown as Listed;
    const dropped = before.items[0]!.item;
    const f = await call('POST', '/api/recommendations/feedback', admin, {
      user: listener,
      entity: 'artist',
      itemId: dropped.id,
      feedback: 'not_interested',
    });
    expect(f.status).toBe(200);
    const after = (await call('GET', `/api/recommendations?user=${listener}&entity=artist&limit=100`, admin))
      .body as unknown as Listed;
    expect(after.items.map((i) => i.item.id)).not.toContain(dropped.id);
    expect(after.total).toBe(before.total - 1);

    const similar = await call(
      'GET',
      `/api/recommendations/similar?entity=artist&id=${dropped.id}&limit=5`,
      admin,
    );
    expect((similar.body as { items: unknown[] }).items.length).toBeGreaterThan(0);

    const seed = after.items[0]!.item;
    const radio = await call(
      'GET',
      `/api/recommendations/radio?user=${listener}&artist=${seed.id}&count=10`,
      admin,
    );
    expect(radio.status).toBe(200);
    expect(radio.body).toMatchObject({ title: `${seed.name} radio` });
    expect((radio.body as { tracks: unknown[] }).tracks).toHaveLength(10);
    const jspf = await call(
      'GET',
      `/api/recommendations/radio.jspf?user=${listener}&artist=${seed.id}&count=10`,
      admin,
    );
    expect(jspf.headers['content-disposition']).toMatch(/^attachment; filename=".+\.jspf"$/);
    expect((jspf.body as { playlist: { track: unknown[]; creator: string } }).playlist).toMatchObject({
      creator: 'listenhouse',
    });
  }, 120_000);

  it('answers bad requests with what to do', async () => {
    const twoSeeds = await call('GET', '/api/recommendations/radio?artist=1&tag=rock', admin);
    expect(twoSeeds.status).toBe(400);
    expect(twoSeeds.body).toMatchObject({
      code: 'INVALID_INPUT',
      error: 'A radio takes one seed: artist=ID, recording=ID or tag=NAME.',
    });
    const entity = await call('GET', '/api/recommendations?entity=song', admin);
    expect(entity.status).toBe(400);
    expect(entity.body).toMatchObject({ code: 'INVALID_INPUT', field: 'entity' });
    const unknown = await call('POST', '/api/recommendations/feedback', admin, {
      entity: 'artist',
      itemId: 999999,
      feedback: 'not_interested',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'No artist with id 999999.' });
  });
});

describe('/1/cf/recommendation/user/<name>/recording', () => {
  it("answers ListenBrainz's shape once recordings have a model", async () => {
    await call('POST', '/api/recommendations/retrain', admin, { entity: 'recording', model: 'itemknn' });
    const users = (await call('GET', '/api/users', admin)).body as { users: { name: string }[] };
    const listener = users.users.find((u) => u.name !== 'me' && u.name !== 'guest')!.name;
    const r = await server.app.inject({
      method: 'GET',
      url: `/1/cf/recommendation/user/${listener}/recording?count=5`,
      headers: { authorization: `Token ${admin}` },
    });
    expect(r.statusCode).toBe(200);
    const payload = r.json<{ payload: Record<string, unknown> }>().payload;
    expect(payload).toMatchObject({ entity: 'recording', user_name: listener, count: 5, offset: 0 });
    expect(payload.mbids).toHaveLength(5);
    expect((payload.mbids as { score: number; recording_name: string }[])[0]).toMatchObject({
      recording_name: expect.any(String),
      score: expect.any(Number),
    });
    const unknown = await server.app.inject({
      method: 'GET',
      url: '/1/cf/recommendation/user/nobody/recording',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ code: 404, error: 'Cannot find user: nobody' });
  }, 120_000);
});
