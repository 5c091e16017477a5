/**
 * A Bloom filter of the keys a catalogue table holds: `mayHave` false means the key is surely not
 * stored, so a write can give it a new id without looking it up (catalogue-ids.ts); true means it
 * may be, and the database answers. Two 32-bit hashes of the key's UTF-16 code units, combined
 * (Kirsch–Mitzenmacher) into HASHES probes over a bit array sized for its capacity at about one
 * false positive in 100,000: a live batch of thousands of new keys then mostly skips the look-up
 * (at 1 % nearly every batch of 1,000 listens had one, and the look-up reads every key of the
 * table). It costs 3 bytes a key of capacity (twice the stored keys and 100,000 more, per table).
 * It only grows: keys added past its capacity raise the false positives, never make it wrong, and
 * `full` tells the owner to build a larger one.
 */
const BITS_PER_KEY = 24;
const HASHES = 16;

export class KeyFilter {
  private readonly bits: Uint32Array;
  private readonly size: number;
  private added = 0;

  constructor(readonly capacity: number) {
    this.size = Math.max(1 << 16, Math.ceil((capacity * BITS_PER_KEY) / 32) * 32);
    this.bits = new Uint32Array(this.size / 32);
  }

  add(key: string): void {
    let [h1, h2] = hashes(key);
    for (let i = 0; i < HASHES; i++) {
      const bit = h1 % this.size;
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
      h1 = (h1 + h2) >>> 0;
      h2 = (h2 + i) >>> 0;
    }
    this.added++;
  }

  mayHave(key: string): boolean {
    let [h1, h2] = hashes(key);
    for (let i = 0; i < HASHES; i++) {
      const bit = h1 % this.size;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
      h1 = (h1 + h2) >>> 0;
      h2 = (h2 + i) >>> 0;
    }
    return true;
  }

  /** More keys than it was sized for: still right, but no longer selective enough. */
  get full(): boolean {
    return this.added > this.capacity;
  }
}

/** FNV-1a and a multiplicative hash of the code units, both 32-bit unsigned. */
function hashes(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  // The second hash must not be 0, or every probe hits the same bit.
  return [a >>> 0, (b >>> 0) | 1];
}
