/** One artist, release or track as its page draws it: the months, the sources, the id in the URL. */
import type { EntityKind } from '../../lib/entity-link';

export const KIND_LABELS: Record<EntityKind, string> = {
  artist: 'Artist',
  release: 'Release',
  recording: 'Track',
};

/** The id in the URL, or null when it is not a positive whole number. */
export function parseEntityId(text: string | undefined): number | null {
  if (!text || !/^\d+$/.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The line chart's axis and values: one point per month ('YYYY-MM'), labelled in the locale. */
export function monthSeries(
  months: readonly { month: string; plays: number }[],
  locale?: string,
): { labels: string[]; plays: number[]; peak: { month: string; label: string; plays: number } | null } {
  const format = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  let peak: { month: string; plays: number } | null = null;
  for (const m of months) if (m.plays > 0 && (peak === null || m.plays > peak.plays)) peak = m;
  return {
    labels: months.map((m) => format.format(new Date(`${m.month}-01T00:00:00Z`))),
    plays: months.map((m) => m.plays),
    peak: peak
      ? { month: peak.month, label: format.format(new Date(`${peak.month}-01T00:00:00Z`)), plays: peak.plays }
      : null,
  };
}

/**
 * The sources with each one's part of the listens. A listen merged from several sources counts for
 * each, so the parts are of the listens (and may add up to more than 100 %).
 */
export function sourceRows(
  sources: readonly { source: string; plays: number }[],
  plays: number,
): { source: string; plays: number; share: number }[] {
  return [...sources]
    .sort((a, b) => b.plays - a.plays || a.source.localeCompare(b.source))
    .map((s) => ({ ...s, share: plays > 0 ? s.plays / plays : 0 }));
}
