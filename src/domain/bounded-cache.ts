/**
 * A string-keyed memo that forgets everything once it holds `max` entries. Names in a listening
 * history repeat heavily, so a plain clear keeps the hit rate high without LRU bookkeeping on the
 * hot path, and memory stays bounded on pathological inputs.
 */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly max = 200_000) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): V {
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(key, value);
    return value;
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
  }
}
