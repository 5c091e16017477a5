import { describe, expect, it } from 'vitest';
import { KeyFilter } from './key-filter.js';

describe('KeyFilter', () => {
  it('never rules out a key it holds, and rules out most others', () => {
    const filter = new KeyFilter(100_000);
    const held = Array.from({ length: 100_000 }, (_, i) => `artist ${i % 997}\u001ftrack ${i}`);
    for (const key of held) filter.add(key);
    expect(held.every((key) => filter.mayHave(key))).toBe(true);
    let falsePositives = 0;
    for (let i = 0; i < 100_000; i++)
      if (filter.mayHave(`artist ${i % 997}\u001ftrack ${i} (live)`)) falsePositives++;
    // Sized for about one in 100,000 at its capacity.
    expect(falsePositives).toBeLessThan(10);
    expect(filter.full).toBe(false);
    filter.add('one more');
    expect(filter.full).toBe(true);
  });
});
