import { describe, expect, it } from 'vitest';
import { decodeWindows1252, isSingleByteText, Utf8Census } from './text-encoding.js';

function census(...chunks: Buffer[]): Utf8Census {
  const c = new Utf8Census();
  for (const chunk of chunks) c.push(chunk);
  c.end();
  return c;
}

describe('Windows-1252', () => {
  it('decodes 0x80–0x9F as the Windows-1252 characters, the rest as ISO-8859-1', () => {
    expect(decodeWindows1252(Buffer.from([0x80, 0x85, 0x92, 0x93, 0x94, 0x96, 0x99, 0x9f]))).toBe('€…’“”–™Ÿ');
    expect(decodeWindows1252(Buffer.from('Mot\xf6rhead Bj\xf6rk Beyonc\xe9', 'latin1'))).toBe(
      'Motörhead Björk Beyoncé',
    );
    // Undefined in Windows-1252: the WHATWG table keeps the C1 control of the same number.
    expect(decodeWindows1252(Buffer.from([0x81, 0x8d, 0x8f, 0x90, 0x9d]))).toBe('\x81\x8d\x8f\x90\x9d');
  });
});

describe('UTF-8 census', () => {
  it('counts multi-byte characters and bytes that cannot be UTF-8', () => {
    expect(census(Buffer.from('Björk 坂本 🎵 ascii'))).toMatchObject({ multibyte: 4, invalid: 0 });
    expect(census(Buffer.from('Bj\xf6rk Caf\xe9', 'latin1'))).toMatchObject({ multibyte: 0, invalid: 2 });
  });

  it('follows characters split across chunks, and counts one cut at the end', () => {
    const bytes = Buffer.from('é坂🎵');
    const parts = [...bytes].map((b) => Buffer.from([b]));
    expect(census(...parts)).toMatchObject({ multibyte: 3, invalid: 0 });
    expect(census(bytes.subarray(0, bytes.length - 1))).toMatchObject({ multibyte: 2, invalid: 1 });
  });

  it('refuses overlong forms and surrogates, as isUtf8 does', () => {
    expect(census(Buffer.from([0xc0, 0xaf]))).toMatchObject({ multibyte: 0, invalid: 2 });
    expect(census(Buffer.from([0xe0, 0x80, 0xaf]))).toMatchObject({ multibyte: 0 });
    expect(census(Buffer.from([0xed, 0xa0, 0x80]))).toMatchObject({ multibyte: 0 });
  });

  it('calls text single-byte only when broken bytes far outnumber UTF-8 characters', () => {
    expect(isSingleByteText({ multibyte: 0, invalid: 0 })).toBe(false);
    expect(isSingleByteText({ multibyte: 0, invalid: 1 })).toBe(true);
    expect(isSingleByteText({ multibyte: 1, invalid: 40 })).toBe(true);
    expect(isSingleByteText({ multibyte: 1000, invalid: 3 })).toBe(false);
    expect(isSingleByteText({ multibyte: 50, invalid: 50 })).toBe(false);
  });
});
