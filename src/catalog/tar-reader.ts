/**
 * A streaming reader of tar archives (POSIX ustar, with pax and GNU long names), enough for the
 * MusicBrainz dumps: members come one after another, each body streamed in chunks, never held
 * whole (mbdump/recording is hundreds of gigabytes expanded). No dependency: the format is a
 * 512-byte header, the data, padding to 512.
 */

export interface TarMember {
  name: string;
  size: number;
  /** '0' (or '\0') a file, '5' a folder, … */
  type: string;
  /** The member's bytes; read it through or leave it, the next member skips what is left. */
  body: AsyncIterable<Buffer>;
}

/** Thrown when the archive ends inside a header or a member's data. */
export class TruncatedArchiveError extends Error {
  constructor(
    message: string,
    readonly member: string | null,
  ) {
    super(message);
    this.name = 'TruncatedArchiveError';
  }
}

const BLOCK = 512;

/** Reads exactly n bytes (or fewer at the end) from a chunk stream, keeping what is left over. */
class ByteSource {
  private buffered: Buffer[] = [];
  private length = 0;
  private done = false;
  private readonly iterator: AsyncIterator<Buffer>;

  constructor(source: AsyncIterable<Buffer>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  private async fill(n: number): Promise<void> {
    while (this.length < n && !this.done) {
      const next = await this.iterator.next();
      if (next.done) this.done = true;
      else if (next.value.length > 0) {
        this.buffered.push(next.value);
        this.length += next.value.length;
      }
    }
  }

  /** Up to n bytes, exactly n unless the stream ended. */
  async read(n: number): Promise<Buffer> {
    await this.fill(n);
    const all = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered);
    const out = all.subarray(0, Math.min(n, all.length));
    const rest = all.subarray(out.length);
    this.buffered = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return out;
  }

  /** Whatever is buffered or next in the stream, at most n bytes (at least 1 unless it ended). */
  async readSome(n: number): Promise<Buffer> {
    if (this.length === 0) await this.fill(1);
    if (this.length === 0) return Buffer.alloc(0);
    const first = this.buffered[0]!;
    const out = first.subarray(0, Math.min(n, first.length));
    const rest = first.subarray(out.length);
    if (rest.length > 0) this.buffered[0] = rest;
    else this.buffered.shift();
    this.length -= out.length;
    return out;
  }
}

function field(header: Buffer, from: number, length: number): string {
  const raw = header.subarray(from, from + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

function octal(header: Buffer, from: number, length: number): number {
  const raw = header.subarray(from, from + length);
  // GNU base-256 for sizes over 8 GiB: high bit of the first byte set.
  if ((raw[0]! & 0x80) !== 0) {
    let n = 0;
    for (let i = 1; i < raw.length; i++) n = n * 256 + raw[i]!;
    return n;
  }
  const s = field(header, from, length).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

function paxPath(data: Buffer): string | null {
  // Records: "<len> <key>=<value>\n".
  for (const record of data.toString('utf8').split('\n')) {
    const m = /^\d+ path=(.*)$/s.exec(record);
    if (m) return m[1]!;
  }
  return null;
}

/** The members of a tar stream, in order. */
export async function* readTar(source: AsyncIterable<Buffer>): AsyncGenerator<TarMember> {
  const bytes = new ByteSource(source);
  let longName: string | null = null;
  for (;;) {
    const header = await bytes.read(BLOCK);
    if (header.length === 0) return;
    if (header.length < BLOCK)
      throw new TruncatedArchiveError('the archive ends inside a member header', null);
    if (header.every((b) => b === 0)) return;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156]!) || '0';
    const prefix = field(header, 345, 155);
    const baseName = field(header, 0, 100);
    let name = longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
    longName = null;
    const padded = Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'x' || type === 'L' || type === 'g') {
      const data = await bytes.read(padded);
      if (data.length < padded)
        throw new TruncatedArchiveError('the archive ends inside a long-name header', name);
      if (type === 'x') longName = paxPath(data.subarray(0, size));
      else if (type === 'L') longName = field(data, 0, size);
      continue;
    }
    name = name.replace(/^\.\//, '');
    let left = size;
    let consumed = false;
    const body: AsyncIterable<Buffer> = {
      async *[Symbol.asyncIterator]() {
        if (consumed) return;
        consumed = true;
        while (left > 0) {
          const chunk = await bytes.readSome(Math.min(left, 1 << 20));
          if (chunk.length === 0)
            throw new TruncatedArchiveError(
              `the archive ends inside ${name} (${left} of ${size} bytes missing)`,
              name,
            );
          left -= chunk.length;
          yield chunk;
        }
      },
    };
    yield { name, size, type, body };
    // Skip what the consumer did not read, then the padding.
    while (left > 0) {
      const chunk = await bytes.readSome(Math.min(left, 1 << 20));
      if (chunk.length === 0)
        throw new TruncatedArchiveError(
          `the archive ends inside ${name} (${left} of ${size} bytes missing)`,
          name,
        );
      left -= chunk.length;
    }
    const pad = padded - size;
    if (pad > 0) {
      const skipped = await bytes.read(pad);
      if (skipped.length < pad) return;
    }
  }
}
