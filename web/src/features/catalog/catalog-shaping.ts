/** Pure shaping for the Catalogue page: what its numbers and charts show. */

const MBID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The MBID in what a user pastes: the MBID itself or a MusicBrainz URL holding one
 * (https://musicbrainz.org/recording/<MBID>); null when there is none.
 */
export function mbidFrom(text: string): string | null {
  const trimmed = text.trim().toLowerCase();
  if (MBID.test(trimmed)) return trimmed;
  const inUrl = /recording\/([0-9a-f-]{36})/.exec(trimmed)?.[1];
  return inUrl && MBID.test(inUrl) ? inUrl : null;
}

export const STATUS_LABELS: Record<string, string> = {
  matched: 'Matched',
  linked: 'Linked by hand',
  partial: 'Artists only',
  unmatched: 'Not found',
  unlinked: 'Unlinked by hand',
  pending: 'Not looked at yet',
};

export const METHOD_LABELS: Record<string, string> = {
  hand: 'by hand',
  submitted: 'the MBID the source gave',
  exact: 'exact names',
  alias: 'aliases and spellings',
  split: 'the credit split into its artists',
  fuzzy: 'near spellings',
  artist: 'the artists',
  none: '—',
};

export interface StatusRow {
  label: string;
  listens: number;
  share: number;
}

/** Listens by match status, biggest first, with their shares (the status card's table). */
export function statusRows(matches: readonly { status: string; listens: number }[]): StatusRow[] {
  const by = new Map<string, number>();
  for (const m of matches) by.set(m.status, (by.get(m.status) ?? 0) + m.listens);
  const total = [...by.values()].reduce((a, b) => a + b, 0);
  return [...by.entries()]
    .map(([status, listens]) => ({
      label: STATUS_LABELS[status] ?? status,
      listens,
      share: total === 0 ? 0 : listens / total,
    }))
    .sort((a, b) => b.listens - a.listens);
}

/** Hours 0-23 as the x axis labels. */
export const HOUR_LABELS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}h`);

/** Each genre's hours as shares of that hour's genre plays, so the chart compares the mix by hour. */
export function hourShares(
  byHour: readonly { genre: string; hours: readonly number[] }[],
): { genre: string; shares: number[] }[] {
  const totals = HOUR_LABELS.map((_, h) => byHour.reduce((n, g) => n + (g.hours[h] ?? 0), 0));
  return byHour.map((g) => ({
    genre: g.genre,
    shares: totals.map((t, h) => (t === 0 ? 0 : Math.round(((g.hours[h] ?? 0) / t) * 1000) / 10)),
  }));
}
