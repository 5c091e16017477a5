/**
 * Local HTTP servers standing in for MusicBrainz, the Cover Art Archive, Discogs, Spotify and an
 * OpenAI-compatible chat endpoint, answering with bodies of each real service's shape (written by
 * hand from ../shared/reference/formats.md §4-5 and the services' documentation). Every request is
 * logged with its time, so tests count requests per second and check that nothing is asked twice;
 * faults (503 or 429 with Retry-After, a hang past the client's timeout) are scripted per path.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';

export interface LoggedRequest {
  at: number;
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingMessage['headers'];
  status: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  body?: Buffer;
  /** Never answer (the client's timeout must fire). */
  hang?: boolean;
}

export type Route = (request: {
  url: URL;
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
}) => Reply | null;

export interface FakeServices {
  url: string;
  log: LoggedRequest[];
  /** Requests whose path starts with `prefix`. */
  requests(prefix: string): LoggedRequest[];
  /** The next `times` requests whose path starts with `prefix` get `reply` instead. */
  fault(prefix: string, reply: Reply, times?: number): void;
  close(): Promise<void>;
}

/** A valid PNG of the given size (one colour), so image stores and size readers get real bytes. */
export function png(width: number, height: number, shade = 0x80): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * height, shade);
  for (let y = 0; y < height; y++) raw[y * (width + 1)] = 0; // filter byte
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export async function startFakeServices(routes: Route[]): Promise<FakeServices> {
  const log: LoggedRequest[] = [];
  const faults: { prefix: string; reply: Reply; times: number }[] = [];
  const hanging = new Set<ServerResponse>();

  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const entry: LoggedRequest = {
        at: Date.now(),
        method: req.method ?? 'GET',
        url: url.pathname + url.search,
        headers: req.headers,
        status: 0,
      };
      log.push(entry);
      const fault = faults.find((f) => url.pathname.startsWith(f.prefix) && f.times > 0);
      let reply: Reply | null = null;
      if (fault) {
        fault.times--;
        reply = fault.reply;
      } else {
        for (const route of routes) {
          reply = route({ url, method: req.method ?? 'GET', headers: req.headers, body });
          if (reply) break;
        }
      }
      reply ??= { status: 404, json: { error: 'Not Found' } };
      if (reply.hang) {
        entry.status = -1;
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      entry.status = reply.status ?? 200;
      const payload = reply.body ?? Buffer.from(JSON.stringify(reply.json ?? {}));
      res.writeHead(entry.status, {
        'content-type': reply.body ? 'image/png' : 'application/json',
        'content-length': payload.length,
        ...reply.headers,
      });
      res.end(payload);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    requests: (prefix) => log.filter((r) => r.url.startsWith(prefix)),
    fault(prefix, reply, times = 1) {
      faults.push({ prefix, reply, times });
    },
    close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}

/** The largest number of requests any window of `windowMs` holds (a sliding window over the log). */
export function maxInWindow(requests: readonly LoggedRequest[], windowMs: number): number {
  const times = requests.map((r) => r.at).sort((a, b) => a - b);
  let best = 0;
  let from = 0;
  for (let to = 0; to < times.length; to++) {
    while (times[to]! - times[from]! >= windowMs) from++;
    best = Math.max(best, to - from + 1);
  }
  return best;
}
