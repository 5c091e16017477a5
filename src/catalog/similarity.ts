/**
 * How alike two names are, 0..1, for the fuzzy step of matching: the better of the trigram Dice
 * coefficient (robust to inserted words and reordering of parts) and the Levenshtein ratio (robust
 * to typos in short names), as ListenBrainz's mapper and multi-scrobbler both do in some form.
 * Inputs are loose keys (catalog/match-keys.ts), so case, accents and punctuation are gone already.
 */

function trigrams(s: string): Map<string, number> {
  const padded = `  ${s} `;
  const grams = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const g = padded.slice(i, i + 3);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Dice coefficient over character trigrams (with padding, so short names still have some). */
export function trigramSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a === '' || b === '') return 0;
  const ga = trigrams(a);
  const gb = trigrams(b);
  let shared = 0;
  let total = 0;
  for (const n of ga.values()) total += n;
  for (const [g, n] of gb) {
    total += n;
    const m = ga.get(g);
    if (m !== undefined) shared += Math.min(m, n);
  }
  return total === 0 ? 0 : (2 * shared) / total;
}

/**
 * Edit distance counting a swap of two neighbours as one edit (optimal string alignment: the
 * commonest typo, "Calilng", costs 1, not 2), over UTF-16 code units; stops early past `max`.
 */
export function levenshtein(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let before = new Array<number>(b.length + 1).fill(0);
  let prev = new Array<number>(b.length + 1);
  let curr = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb)
        v = Math.min(v, before[j - 2]! + 1);
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [before, prev, curr] = [prev, curr, before];
  }
  return prev[b.length]!;
}

/** 1 − distance / length of the longer. */
export function levenshteinRatio(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  return 1 - levenshtein(a, b) / longest;
}

export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  return Math.max(trigramSimilarity(a, b), levenshteinRatio(a, b));
}

/**
 * One name compared with many (a title against every title of an artist): its trigrams counted
 * once, and a comparison skipped outright when the lengths alone rule out reaching `atLeast`
 * (Dice ≥ s needs the shorter to hold s/(2−s) of the longer's trigrams; the edit ratio likewise).
 */
export class SimilarityProbe {
  private readonly grams: Map<string, number>;
  private readonly gramCount: number;

  constructor(readonly text: string) {
    this.grams = trigrams(text);
    let n = 0;
    for (const c of this.grams.values()) n += c;
    this.gramCount = n;
  }

  /** nameSimilarity(text, other), or 0 when it is certainly below `atLeast`. */
  similarity(other: string, atLeast: number): number {
    if (other === this.text) return 1;
    const a = this.text.length;
    const b = other.length;
    const shorter = Math.min(a, b);
    const longer = Math.max(a, b);
    if (longer === 0) return 1;
    // Neither measure can reach `atLeast` when the lengths differ this much.
    if (1 - (longer - shorter) / longer < atLeast && (2 * (shorter + 1)) / (shorter + longer + 2) < atLeast)
      return 0;
    const gb = trigrams(other);
    let shared = 0;
    let total = this.gramCount;
    for (const [g, n] of gb) {
      total += n;
      const m = this.grams.get(g);
      if (m !== undefined) shared += Math.min(m, n);
    }
    const dice = total === 0 ? 0 : (2 * shared) / total;
    if (dice >= atLeast) return Math.max(dice, 1 - levenshtein(this.text, other) / longer);
    const maxEdits = Math.floor(longer * (1 - atLeast));
    const edits = levenshtein(this.text, other, maxEdits);
    const ratio = 1 - edits / longer;
    return ratio >= atLeast ? Math.max(dice, ratio) : 0;
  }
}

/**
 * The first three and last three characters: two blocks under which a fuzzy candidate is looked
 * up, so a typo must fall in both ends of a name to hide it.
 */
export function blocksOf(loose: string): { head: string; tail: string } {
  return { head: loose.slice(0, 3), tail: loose.slice(-3) };
}
