/**
 * The listens page's state and shaping: the filters as the URL holds them (so a filtered view can
 * be shared), the API query they make, what a correction sends, and the row selection.
 */

export interface ListenFilters {
  artist: string;
  release: string;
  track: string;
  source: string;
  /** Local days YYYY-MM-DD, both included; '' when open. */
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

/** Local midnight of a day in the browser's zone, as an ISO instant. */
export function localMidnight(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

export interface ListensQuery {
  user: string;
  limit: number;
  artist?: string;
  release?: string;
  track?: string;
  source?: string;
  from?: string;
  to?: string;
  before?: string;
}

/** GET /api/listens's query: `to` is exclusive there, so the last day runs to the next midnight. */
export function queryOf(user: string, filters: ListenFilters, before: string | null): ListensQuery {
  return {
    user,
    limit: PAGE_SIZE,
    ...(filters.artist ? { artist: filters.artist } : {}),
    ...(filters.release ? { release: filters.release } : {}),
    ...(filters.track ? { track: filters.track } : {}),
    ...(filters.source ? { source: filters.source } : {}),
    ...(filters.from ? { from: localMidnight(filters.from) } : {}),
    ...(filters.to ? { to: localMidnight(filters.to, 1) } : {}),
    ...(before ? { before } : {}),
  };
}

/** An instant as a datetime-local input's value, in the browser's zone (to the minute). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export interface CorrectionForm {
  artist: string;
  track: string;
  release: string;
  /** datetime-local value (browser's zone). */
  listenedAt: string;
}

export interface CorrectionBody {
  artist?: string;
  track?: string;
  release?: string | null;
  listenedAt?: string;
}

export function formOf(listen: {
  artist: string;
  track: string;
  release: string | null;
  listenedAt: string;
}): CorrectionForm {
  return {
    artist: listen.artist,
    track: listen.track,
    release: listen.release ?? '',
    listenedAt: toLocalInput(listen.listenedAt),
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
): CorrectionBody | null {
  const body: CorrectionBody = {};
  if (form.artist.trim() !== original.artist) body.artist = form.artist.trim();
  if (form.track.trim() !== original.track) body.track = form.track.trim();
  const release = form.release.trim() === '' ? null : form.release.trim();
  if (release !== original.release) body.release = release;
  if (form.listenedAt !== toLocalInput(original.listenedAt)) {
    const ms = new Date(form.listenedAt).getTime();
    if (!Number.isNaN(ms)) body.listenedAt = new Date(ms).toISOString();
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

/** Whether the viewer may change this profile's listens: their own, or any as an admin. */
export function canEdit(me: { name: string; role: string } | null, user: string): boolean {
  if (!me) return false;
  return me.role === 'admin' || me.name.toLowerCase() === user.toLowerCase();
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
