/** The comparison as the page tells it: the similarity in words, the mirrored bars of shared artists. */

/** The cosine similarity (0-1) as a whole percentage; null stays null (one of the two has no listens). */
export function similarityPercent(similarity: number | null): number | null {
  return similarity === null ? null : Math.round(similarity * 100);
}

/** What the figure means, in a sentence a person reads without knowing what a cosine is. */
export function describeSimilarity(similarity: number | null, other: string): string {
  if (similarity === null) return `One of you has no listens in this period, so there is nothing to compare.`;
  if (similarity === 0) return `You and ${other} have no artist in common in this period.`;
  const band =
    similarity >= 0.7
      ? 'very similar taste: you play much the same artists, in much the same proportions'
      : similarity >= 0.4
        ? 'a lot in common: many of the artists you play most, they play a lot too'
        : similarity >= 0.15
          ? 'some overlap: a few artists you both play often, and much that only one of you plays'
          : 'little in common: the artists you share are a small part of what either of you plays';
  return `You and ${other} have ${band}.`;
}

export interface MirroredRow {
  id: number;
  name: string;
  plays: number;
  otherPlays: number;
  share: number;
  otherShare: number;
  /** Bar widths against the largest share on either side, 0-1. */
  width: number;
  otherWidth: number;
}

/** Both users' shares of one artist side by side, on one scale so the two sides compare. */
export function mirroredRows(
  shared: readonly {
    id: number;
    name: string;
    plays: number;
    otherPlays: number;
    share: number;
    otherShare: number;
  }[],
): MirroredRow[] {
  const max = Math.max(0, ...shared.flatMap((a) => [a.share, a.otherShare]));
  return shared.map((a) => ({
    id: a.id,
    name: a.name,
    plays: a.plays,
    otherPlays: a.otherPlays,
    share: a.share,
    otherShare: a.otherShare,
    width: max > 0 ? a.share / max : 0,
    otherWidth: max > 0 ? a.otherShare / max : 0,
  }));
}

/** The names an admin can compare with: everyone but the profile's own user, in order. */
export function otherUsers(users: readonly { name: string }[], user: string): string[] {
  return users
    .map((u) => u.name)
    .filter((name) => name !== user)
    .sort((a, b) => a.localeCompare(b));
}

export function formatShare(share: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}
