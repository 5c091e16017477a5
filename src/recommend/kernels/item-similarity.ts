/**
 * The K nearest neighbours of every item: sim(i, j) = scale_j · Σ_u a_iu · b_uj over the users u
 * who have both, for j ≠ i, keeping the K largest positive ones. With a = b = L2-normalised item
 * vectors this is cosine; with BM25 or TF-IDF weights, implicit's BM25 and TF-IDF recommenders;
 * with a and b the two random-walk transition probabilities and scale_j = popularity_j^−β, RP3β.
 * Each item's row is an independent sparse accumulation (a dense scratch of `items` floats and the
 * list of touched columns), so rows spread over threads without sharing anything but the output.
 * Indexed reads use non-null assertions: this is a typed-array kernel.
 */

export interface SimilarityArrays {
  /** items × users: a. */
  itemPtr: Int32Array;
  itemIdx: Int32Array;
  itemVal: Float32Array;
  /** users × items: b. */
  userPtr: Int32Array;
  userIdx: Int32Array;
  userVal: Float32Array;
  /** Per item j, the factor its similarities are multiplied by. */
  scale: Float32Array;
  items: number;
  k: number;
  /** Out: K neighbour ids (−1 pads) and similarities per item, at i·K. */
  outIds: Int32Array;
  outSims: Float32Array;
}

/** Rows [start, end) of the neighbour lists; `dense` is `items` floats of scratch, zero on entry and exit. */
export function itemSimilarityRows(
  a: SimilarityArrays,
  start: number,
  end: number,
  dense: Float32Array,
): void {
  const { itemPtr, itemIdx, itemVal, userPtr, userIdx, userVal, scale, k, outIds, outSims } = a;
  const touched = new Int32Array(a.items);
  const seen = new Int32Array(a.items).fill(-1);
  for (let i = start; i < end; i++) {
    let n = 0;
    for (let p = itemPtr[i]!; p < itemPtr[i + 1]!; p++) {
      const u = itemIdx[p]!;
      const av = itemVal[p]!;
      for (let q = userPtr[u]!; q < userPtr[u + 1]!; q++) {
        const j = userIdx[q]!;
        if (seen[j] !== i) {
          seen[j] = i;
          touched[n++] = j;
        }
        dense[j] = dense[j]! + av * userVal[q]!;
      }
    }
    const o = i * k;
    outIds.fill(-1, o, o + k);
    outSims.fill(0, o, o + k);
    let threshold = 0;
    for (let t = 0; t < n; t++) {
      const j = touched[t]!;
      const s = dense[j]! * scale[j]!;
      dense[j] = 0;
      if (j === i || !(s > threshold)) continue;
      let pos = k - 1;
      while (
        pos > 0 &&
        (outSims[o + pos - 1]! < s || (outSims[o + pos - 1] === s && outIds[o + pos - 1]! > j))
      ) {
        outSims[o + pos] = outSims[o + pos - 1]!;
        outIds[o + pos] = outIds[o + pos - 1]!;
        pos--;
      }
      outSims[o + pos] = s;
      outIds[o + pos] = j;
      threshold = outIds[o + k - 1]! >= 0 ? outSims[o + k - 1]! : 0;
    }
  }
}
