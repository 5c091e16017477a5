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

/**
 * A valid baseline JPEG (JFIF, YCbCr, no subsampling) of the given size, each 8×8 block one colour
 * from `paint` (taken at the block's centre): real bytes that decoders and PDF writers accept, made
 * without an image library. Only the DC coefficients carry anything; all AC ones are zero.
 */
export function jpeg(
  width: number,
  height: number,
  paint: (x: number, y: number) => [number, number, number],
): Buffer {
  const segment = (marker: number, data: number[]) =>
    Buffer.from([0xff, marker, ((data.length + 2) >> 8) & 0xff, (data.length + 2) & 0xff, ...data]);
  // Every coefficient divided by 1: the DC stays exact.
  const dqt = segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]);
  const sof = segment(0xc0, [
    8,
    (height >> 8) & 0xff,
    height & 0xff,
    (width >> 8) & 0xff,
    width & 0xff,
    3,
    ...[1, 2, 3].flatMap((id) => [id, 0x11, 0]),
  ]);
  // DC: the standard luminance table (JPEG Annex K.3); AC: two symbols, end of block and zero run.
  const dcBits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
  const dcValues = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const acBits = [0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const acValues = [0x00, 0xf0];
  const dht = segment(0xc4, [0x00, ...dcBits, ...dcValues, 0x10, ...acBits, ...acValues]);
  const sos = segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]);
  // The canonical Huffman codes of the DC table.
  const dcCodes = new Map<number, { code: number; length: number }>();
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let n = 0; n < dcBits[length - 1]!; n++) dcCodes.set(dcValues[k++]!, { code: code++, length });
    code <<= 1;
  }
  const bytes: number[] = [];
  let acc = 0;
  let filled = 0;
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) {
      acc = (acc << 1) | ((value >> i) & 1);
      if (++filled === 8) {
        bytes.push(acc);
        if (acc === 0xff) bytes.push(0x00);
        acc = 0;
        filled = 0;
      }
    }
  };
  const previous = [0, 0, 0];
  for (let by = 0; by < Math.ceil(height / 8); by++)
    for (let bx = 0; bx < Math.ceil(width / 8); bx++) {
      const [r, g, b] = paint(Math.min(width - 1, bx * 8 + 4), Math.min(height - 1, by * 8 + 4));
      const ycc = [
        0.299 * r + 0.587 * g + 0.114 * b,
        128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
        128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
      ];
      for (let c = 0; c < 3; c++) {
        // A flat block's DC coefficient is 8 × (value − 128).
        const dc = Math.round(8 * (Math.max(0, Math.min(255, ycc[c]!)) - 128));
        const diff = dc - previous[c]!;
        previous[c] = dc;
        const size = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
        const huff = dcCodes.get(size)!;
        put(huff.code, huff.length);
        if (size > 0) put(diff > 0 ? diff : diff + (1 << size) - 1, size);
        put(0b00, 2); // end of block: every AC coefficient is zero
      }
    }
  if (filled > 0) put(0xff, 8 - filled); // pad with ones
  const jfif = segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jfif,
    dqt,
    sof,
    dht,
    sos,
    Buffer.from(bytes),
    Buffer.from([0xff, 0xd9]),
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
