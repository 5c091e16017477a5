/** Rank movement against the previous period of the same length, as a chart row shows it. */
export type Movement =
  | { kind: 'up' | 'down'; places: number }
  | { kind: 'same' }
  /** Not ranked in the previous period (no plays, or below its top 1000). */
  | { kind: 'new' }
  /** Nothing to compare with (all time). */
  | { kind: 'none' };

export function movementOf(
  rank: number,
  previousRank: number | null | undefined,
  compared: boolean,
): Movement {
  if (!compared || previousRank === undefined) return { kind: 'none' };
  if (previousRank === null) return { kind: 'new' };
  if (previousRank === rank) return { kind: 'same' };
  return previousRank > rank
    ? { kind: 'up', places: previousRank - rank }
    : { kind: 'down', places: rank - previousRank };
}

/** What is shown (a short mark) and what is read out (the whole sentence). */
export function describeMovement(
  movement: Movement,
  previousRank?: number | null,
): { mark: string; text: string } {
  switch (movement.kind) {
    case 'up':
      return { mark: `▲${movement.places}`, text: `up ${movement.places} from #${previousRank ?? '?'}` };
    case 'down':
      return { mark: `▼${movement.places}`, text: `down ${movement.places} from #${previousRank ?? '?'}` };
    case 'same':
      return { mark: '=', text: 'same place as before' };
    case 'new':
      return { mark: 'new', text: 'new: not in the previous period' };
    case 'none':
      return { mark: '', text: '' };
  }
}
