import { createHash } from 'node:crypto';

/** Parameters Last.fm leaves out of the signature. */
const UNSIGNED = new Set(['format', 'callback', 'api_sig']);

/**
 * Last.fm's `api_sig`: every parameter but format, callback and api_sig, sorted by name in code-unit
 * order (so `artist[10]` comes before `artist[1]`, as '0' < ']'), each name+value concatenated, then
 * the shared secret; MD5 of the UTF-8 bytes, hex.
 */
export function signParams(params: ReadonlyMap<string, string>, secret: string): string {
  const names = [...params.keys()].filter((name) => !UNSIGNED.has(name));
  // Default sort compares UTF-16 code units, which is byte order for the ASCII names clients send.
  names.sort();
  const text = names.map((name) => name + params.get(name)!).join('') + secret;
  return createHash('md5').update(text, 'utf8').digest('hex');
}

export function isValidSignature(params: ReadonlyMap<string, string>, secret: string): boolean {
  const given = params.get('api_sig');
  return given !== undefined && given.toLowerCase() === signParams(params, secret);
}
