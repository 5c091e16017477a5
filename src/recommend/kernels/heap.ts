/**
 * One shared WebAssembly memory that holds every array a computation touches: the interactions in
 * CSR form, the factors, the scratch of each worker. The worker threads see the same bytes (the
 * memory's buffer is a SharedArrayBuffer), and the WebAssembly kernels address them by byte
 * offset, so nothing is copied between the main thread, the workers and the kernels.
 */

const PAGE = 65536;
/** wasm32 addresses at most 4 GiB; that is 65536 pages. */
export const MAX_PAGES = 65536;

/** A typed array that lives in a Heap, with its byte offset for the WebAssembly kernels. */
export interface Placed<T> {
  readonly array: T;
  readonly offset: number;
}

export class Heap {
  readonly memory: WebAssembly.Memory;
  /** Next free byte; the first 64 bytes stay unused so that offset 0 can mean "none". */
  private top = 64;

  constructor(initialBytes = PAGE) {
    this.memory = new WebAssembly.Memory({
      initial: Math.max(1, Math.ceil(initialBytes / PAGE)),
      maximum: MAX_PAGES,
      shared: true,
    });
  }

  /** Bytes in use. */
  get used(): number {
    return this.top;
  }

  /** The current top, to `reset` to once the arrays allocated after it are no longer used. */
  mark(): number {
    return this.top;
  }
  /** Frees everything allocated since `mark` (arrays made since must not be used again). */
  reset(mark: number): void {
    if (mark > this.top) throw new RangeError('reset past the top of the heap');
    this.top = mark;
  }

  /** Reserves `bytes` (aligned to 16 for SIMD loads), growing the memory when needed. */
  allocate(bytes: number): number {
    const offset = (this.top + 15) & ~15;
    const end = offset + bytes;
    if (end > MAX_PAGES * PAGE)
      throw new RangeError(
        `the computation needs ${(end / 2 ** 30).toFixed(1)} GiB, more than the 4 GiB one WebAssembly memory holds`,
      );
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / PAGE));
    this.top = end;
    return offset;
  }

  float32(length: number): Placed<Float32Array> {
    const offset = this.allocate(length * 4);
    return { offset, array: new Float32Array(this.memory.buffer, offset, length) };
  }
  int32(length: number): Placed<Int32Array> {
    const offset = this.allocate(length * 4);
    return { offset, array: new Int32Array(this.memory.buffer, offset, length) };
  }
  int8(length: number): Placed<Int8Array> {
    const offset = this.allocate(length);
    return { offset, array: new Int8Array(this.memory.buffer, offset, length) };
  }
  int16(length: number): Placed<Int16Array> {
    const offset = this.allocate(length * 2);
    return { offset, array: new Int16Array(this.memory.buffer, offset, length) };
  }
  /** A copy of `source` placed in the heap. */
  copyFloat32(source: Float32Array): Placed<Float32Array> {
    const placed = this.float32(source.length);
    placed.array.set(source);
    return placed;
  }
  copyInt32(source: Int32Array): Placed<Int32Array> {
    const placed = this.int32(source.length);
    placed.array.set(source);
    return placed;
  }
}

/** Views of `length` elements at `offset` of a shared buffer (how a worker sees the heap). */
export function float32At(buffer: ArrayBufferLike, offset: number, length: number): Float32Array {
  return new Float32Array(buffer, offset, length);
}
export function int32At(buffer: ArrayBufferLike, offset: number, length: number): Int32Array {
  return new Int32Array(buffer, offset, length);
}
