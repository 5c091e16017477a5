import { Readable } from 'node:stream';
import type { Entry } from '../types.js';

/**
 * An entry over bytes already in memory (an uploaded file, a test fixture). `chunkSize` cuts the bytes
 * into small reads, which is how tests reach the code paths for lines and records split across chunks.
 */
export function entryFromBytes(
  path: string,
  content: string | Uint8Array,
  options: { chunkSize?: number } = {},
): Entry {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  const chunkSize = Math.max(1, options.chunkSize ?? 64 * 1024);
  return {
    path,
    name: path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')) + 1),
    size: bytes.length,
    open: () => {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
      return Promise.resolve(Readable.from(chunks, { objectMode: false }));
    },
  };
}
