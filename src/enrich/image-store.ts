/**
 * Images on disk, each stored once under its content hash (sha256): `<dir>/ab/abcdef….jpg`.
 * Written to a temporary name and renamed, so a kill never leaves half an image under a hash; the
 * same cover from two sources, or fetched twice, takes the space once.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../store/database.js';
import { recordImage, type StoredImage } from '../store/enrich-repository.js';

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/** The image type by its first bytes (what a server's Content-Type says is not always right). */
export function sniffImage(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) return 'image/gif';
  if (
    Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'RIFF' &&
    Buffer.from(bytes.subarray(8, 12)).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return null;
}

/** Width and height from a PNG's IHDR or a JPEG's start-of-frame; null when not found. */
export function imageSize(bytes: Buffer, mime: string): { width: number; height: number } | null {
  if (mime === 'image/png' && bytes.length >= 24)
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (mime === 'image/gif' && bytes.length >= 10)
    return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  if (mime !== 'image/jpeg') return null;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    const length = bytes.readUInt16BE(at + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  return null;
}

export class ImageStore {
  constructor(
    private readonly db: Database,
    readonly dir: string,
    private readonly clock: () => number = Date.now,
  ) {}

  pathOf(image: Pick<StoredImage, 'hash' | 'mime'>): string {
    return join(this.dir, image.hash.slice(0, 2), `${image.hash}.${EXTENSIONS[image.mime] ?? 'bin'}`);
  }

  /** Stores the bytes (once) and returns what was stored; null when they are not an image. */
  async save(bytes: Buffer): Promise<StoredImage | null> {
    const mime = sniffImage(bytes);
    if (!mime) return null;
    const hash = createHash('sha256').update(bytes).digest('hex');
    const size = imageSize(bytes, mime);
    const image: StoredImage = {
      hash,
      mime,
      bytes: bytes.length,
      width: size?.width ?? null,
      height: size?.height ?? null,
    };
    const path = this.pathOf(image);
    if (!existsSync(path)) {
      mkdirSync(join(this.dir, hash.slice(0, 2)), { recursive: true });
      const partial = `${path}.${process.pid}.partial`;
      writeFileSync(partial, bytes);
      renameSync(partial, path);
    }
    await recordImage(this.db, { ...image, now: this.clock() });
    return image;
  }
}
