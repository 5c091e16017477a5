/**
 * The bytes of a saved model: "LHRM", a format version, a JSON header (kind, parameters, the
 * shapes of the arrays) and the typed arrays themselves, each 4-byte aligned. Little-endian, as
 * every platform Node runs on.
 */
import { AppError } from '../../domain/errors.js';

const MAGIC = 0x4d52484c; // "LHRM" read as a little-endian u32
const VERSION = 1;

type ArrayValue = Float32Array | Int32Array;
export interface ModelFile {
  header: Record<string, unknown>;
  arrays: Record<string, ArrayValue>;
}

export function encodeModelFile(file: ModelFile): Uint8Array {
  const descriptors = Object.entries(file.arrays).map(([name, a]) => ({
    name,
    type: a instanceof Float32Array ? 'f32' : 'i32',
    length: a.length,
  }));
  const json = new TextEncoder().encode(JSON.stringify({ ...file.header, arrays: descriptors }));
  const headerBytes = 12 + Math.ceil(json.length / 4) * 4;
  const total = headerBytes + descriptors.reduce((n, d) => n + d.length * 4, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  let offset = headerBytes;
  for (const a of Object.values(file.arrays)) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
    offset += a.byteLength;
  }
  return out;
}

export function decodeModelFile(bytes: Uint8Array, where = 'the model'): ModelFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || view.getUint32(0, true) !== MAGIC)
    throw new AppError(
      'INVALID_INPUT',
      `${where} is not a listenhouse model file (it does not start with LHRM).`,
    );
  const version = view.getUint32(4, true);
  if (version !== VERSION)
    throw new AppError(
      'INVALID_INPUT',
      `${where} has model format ${version}; this listenhouse reads ${VERSION}. Train it again.`,
    );
  const length = view.getUint32(8, true);
  const parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length))) as Record<
    string,
    unknown
  > & {
    arrays: { name: string; type: 'f32' | 'i32'; length: number }[];
  };
  let offset = 12 + Math.ceil(length / 4) * 4;
  const arrays: Record<string, ArrayValue> = {};
  for (const d of parsed.arrays) {
    // A copy into its own buffer: `bytes` may be a view into a larger one (a Node Buffer from a pool).
    const slice = new Uint8Array(bytes.subarray(offset, offset + d.length * 4));
    arrays[d.name] = d.type === 'f32' ? new Float32Array(slice.buffer) : new Int32Array(slice.buffer);
    offset += d.length * 4;
  }
  const header: Record<string, unknown> = { ...parsed };
  delete header.arrays;
  return { header, arrays };
}
