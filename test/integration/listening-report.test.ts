// Listening reports: the figures of a week against the week before, and the short text from a local
// HTTP server that answers in the OpenAI chat-completions shape — and the template when it fails,
// times out, answers nothing usable, or when none is configured.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import { createEnrichment } from '../../src/enrich/index.js';
import { importFiles } from '../../src/ingest/import-service.js';
import { listeningReport } from '../../src/services/listening-report.js';
import { storeOn } from '../../src/store/index.js';
import type { Database } from '../../src/store/database.js';
import { memoryDb, tempDir } from '../support/temp.js';

const NOW = Date.UTC(2026, 2, 15, 12);
const DAY = 86_400;

type Mode = 'ok' | 'error' | 'hang' | 'garbage';
let mode: Mode = 'ok';
const asked: string[] = [];
let server: Server;
let url: string;

/** The chat client on its own answer cache (a failure is cached until its retry time). */
function llmFor(db: Database) {
  const env = {
    LISTENHOUSE_ENRICH_RETRIES: '0',
    LISTENHOUSE_ENRICH_TIMEOUT: '1',
    LISTENHOUSE_LLM_URL: `${url}/v1`,
  };
  const { config } = resolveConfig({ env });
  return createEnrichment({
    reads: db,
    writes: db,
    settings: config.enrich,
    dbPath: ':memory:',
    version: 'test',
    now: () => NOW,
  }).llm;
}

describe('listening reports', () => {
  const dir = tempDir();
  let db: Database;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        asked.push(body);
        if (mode === 'hang') return; // never answers: the client's timeout ends it
        if (mode === 'error')
          return res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"down"}');
        if (mode === 'garbage')
          return res.writeHead(200, { 'content-type': 'application/json' }).end('{"nothing":1}');
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id: 'chatcmpl-1',
            object: 'chat.completion',
            model: 'gpt-4o-mini',
            choices: [
              {
                index: 0,
                message: {
                  role: 'assistant',
                  content: 'Moby at dawn\nporcelain afternoons\nAir drifts into night',
                },
                finish_reason: 'stop',
              },
            ],
          }),
        );
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    db = await memoryDb();
    const start = NOW / 1000;
    const line = (at: number, artist: string, track: string) =>
      JSON.stringify({ listened_at: at, track_metadata: { artist_name: artist, track_name: track } });
    const lines = [
      // The week before: 2 listens of Moby.
      line(start - 10 * DAY, 'Moby', 'Porcelain'),
      line(start - 9 * DAY, 'Moby', 'Natural Blues'),
      // This week: 3 of Moby, 1 of Air (new), on the same day in the evening.
      line(start - 2 * DAY + 3600 * 8, 'Moby', 'Porcelain'),
      line(start - 2 * DAY + 3600 * 8 + 300, 'Moby', 'Porcelain'),
      line(start - 2 * DAY + 3600 * 8 + 600, 'Moby', 'Flower'),
      line(start - 2 * DAY + 3600 * 8 + 900, 'Air', 'Alone in Kyoto'),
    ];
    await importFiles(db, {
      paths: [dir.file('l.jsonl', lines.join('\n') + '\n')],
      defaultUserName: 'me',
      now: NOW,
    });
  }, 60_000);

  afterAll(() => {
    server?.close();
    db?.close();
    dir.cleanup();
  });

  it('counts the week against the one before, with its top, discoveries and patterns', async () => {
    const { report, text } = await listeningReport(storeOn(db), null, {
      userId: 1,
      period: 'week',
      tz: 'UTC',
      now: NOW,
    });
    expect(report.plays).toBe(4);
    expect(report.previous?.plays).toBe(2);
    expect(report.change).toBe(1);
    expect(report.top.artists.map((e) => [e.name, e.plays, e.previousRank])).toEqual([
      ['Moby', 3, 1],
      ['Air', 1, null],
    ]);
    expect(report.discoveries).toMatchObject({ count: 1, top: [{ name: 'Air', plays: 1 }] });
    expect(report.patterns).toMatchObject({ sessions: 1, busiestHour: 20, busiestWeekday: 'Friday' });
    expect(text).toEqual({
      text: '4 listens this week, 100% more than the one before. Most played: Moby, Air. New to you: Air. You listened most on Fridays, around 20:00.',
      source: 'template',
      model: null,
      fallback: null,
    });
  });

  it('asks the chat endpoint for a haiku of the week, with the facts only', async () => {
    mode = 'ok';
    asked.length = 0;
    const cache = await memoryDb();
    const { text } = await listeningReport(storeOn(db), llmFor(cache), {
      userId: 1,
      period: 'week',
      tz: 'UTC',
      now: NOW,
    });
    expect(text).toMatchObject({
      source: 'llm',
      model: 'gpt-4o-mini',
      text: 'Moby at dawn\nporcelain afternoons\nAir drifts into night',
    });
    const sent = JSON.parse(asked[0]!) as {
      model: string;
      messages: Array<{ role: string; content: string }>;
    };
    expect(sent.model).toBe('gpt-4o-mini');
    expect(sent.messages[1]!.content).toContain('haiku');
    expect(sent.messages[1]!.content).toContain('"topArtists":["Moby","Air"]');
  });

  for (const [failing, fallback] of [
    ['error', 'failed'],
    ['hang', 'failed'],
    ['garbage', 'unknown'],
  ] as const) {
    it(`falls back to the template when the endpoint ${failing === 'hang' ? 'times out' : failing === 'error' ? 'answers 500' : 'answers nothing usable'}`, async () => {
      mode = failing;
      const cache = await memoryDb();
      const period = failing === 'error' ? 'month' : 'year';
      const { text } = await listeningReport(storeOn(db), llmFor(cache), {
        userId: 1,
        period,
        tz: 'UTC',
        now: NOW,
      });
      cache.close();
      expect(text.source).toBe('template');
      expect(text.fallback).toBe(fallback);
      expect(text.text).toMatch(/^\d+ listens this (month|year)/);
    }, 30_000);
  }
});
