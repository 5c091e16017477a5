/**
 * The listens page's state and shaping: the filters as the URL holds them (so a filtered view can
 * be shared), the API query they make, what a correction sends, and the row selection.
 */
import { fromZonedInput, toZonedInput } from '../../lib/zone';

export interface ListenFilters {
  artist: string;
  release: string;
  track: string;
  source: string;
  /** Days YYYY-MM-DD in the owner's zone, both included; '' when open. */
  from: string;
  to: string;
}

export const FILTER_KEYS = ['artist', 'release', 'track', 'source', 'from', 'to'] as const;
export const EMPTY_FILTERS: ListenFilters = {
  artist: '',
  release: '',
  track: '',
  source: '',
  from: '',
  to: '',
};
export const PAGE_SIZE = 50;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function filtersOf(search: URLSearchParams): ListenFilters {
  const get = (key: keyof ListenFilters) => (search.get(key) ?? '').trim();
  const day = (key: 'from' | 'to') => (DAY.test(get(key)) ? get(key) : '');
  return {
    artist: get('artist'),
    release: get('release'),
    track: get('track'),
    source: get('source'),
    from: day('from'),
    to: day('to'),
  };
}

/** The URL's search for these filters (empty ones left out; any page cursor dropped). */
export function searchOf(filters: ListenFilters, keep: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(keep);
  next.delete('before');
  for (const key of FILTER_KEYS) {
    const value = filters[key].trim();
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

export function hasFilters(filters: ListenFilters): boolean {
  return FILTER_KEYS.some((key) => filters[key] !== '');
}

export interface ListensQuery {
  user: string;
  limit: number;
  artist?: string;
  release?: string;
  track?: string;
  source?: string;
  fromDay?: string;
  toDay?: string;
  before?: string;
}

/** GET /api/listens's query: whole days, which the server reads in the profile owner's zone. */
export function queryOf(user: string, filters: ListenFilters, before: string | null): ListensQuery {
  return {
    user,
    limit: PAGE_SIZE,
    ...(filters.artist ? { artist: filters.artist } : {}),
    ...(filters.release ? { release: filters.release } : {}),
    ...(filters.track ? { track: filters.track } : {}),
    ...(filters.source ? { source: filters.source } : {}),
    ...(filters.from ? { fromDay: filters.from } : {}),
    ...(filters.to ? { toDay: filters.to } : {}),
    ...(before ? { before } : {}),
  };
}

export interface CorrectionForm {
  artist: string;
  track: string;
  release: string;
  /** datetime-local value, on the clock of the owner's zone. */
  listenedAt: string;
}

export interface CorrectionBody {
  artist?: string;
  track?: string;
  release?: string | null;
  listenedAt?: string;
}

export function formOf(
  listen: { artist: string; track: string; release: string | null; listenedAt: string },
  timeZone: string,
): CorrectionForm {
  return {
    artist: listen.artist,
    track: listen.track,
    release: listen.release ?? '',
    listenedAt: toZonedInput(listen.listenedAt, timeZone),
  };
}

/**
 * What PATCH /api/listens/{id} is sent: only the fields that changed (an emptied release is null:
 * no release). The time is sent only when its minute changed, so seconds of the original survive
 * an edit of the names. Null when nothing changed.
 */
export function correctionOf(
  original: { artist: string; track: string; release: string | null; listenedAt: string },
  form: CorrectionForm,
  timeZone: string,
): CorrectionBody | null {
  const body: CorrectionBody = {};
  if (form.artist.trim() !== original.artist) body.artist = form.artist.trim();
  if (form.track.trim() !== original.track) body.track = form.track.trim();
  const release = form.release.trim() === '' ? null : form.release.trim();
  if (release !== original.release) body.release = release;
  if (form.listenedAt !== toZonedInput(original.listenedAt, timeZone)) {
    const ms = fromZonedInput(form.listenedAt, timeZone);
    if (ms !== null) body.listenedAt = new Date(ms).toISOString();
  }
  return Object.keys(body).length === 0 ? null : body;
}

export type Outcome = 'updated' | 'duplicate' | 'merged';

/** What the page says after a correction. */
export function describeOutcome(outcome: Outcome, track: string): string {
  switch (outcome) {
    case 'updated':
      return `Corrected: “${track}” is saved.`;
    case 'duplicate':
      return `Corrected: it now repeats a listen already stored (“${track}”), so the two are one listen.`;
    case 'merged':
      return `Corrected: it is the same play as a listen from another source (“${track}”); they were merged into one.`;
  }
}

/** Select-all on the page: all of the page's ids when not all are selected, else none of them. */
export function toggleAll(selected: ReadonlySet<number>, pageIds: readonly number[]): Set<number> {
  const next = new Set(selected);
  const all = pageIds.length > 0 && pageIds.every((id) => next.has(id));
  for (const id of pageIds) {
    if (all) next.delete(id);
    else next.add(id);
  }
  return next;
}

export function toggleOne(selected: ReadonlySet<number>, id: number): Set<number> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** "0:12 of 3:40" for a play shorter than its track; null when not known or played whole. */
export function playedOf(playedMs: number | null, durationMs: number | null): string | null {
  if (playedMs === null || durationMs === null || playedMs >= durationMs) return null;
  const clock = (ms: number) => {
    const s = Math.round(ms / 1000);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  };
  return `${clock(playedMs)} of ${clock(durationMs)}`;
}
