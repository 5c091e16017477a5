import { EARLIEST_LISTEN_MS, type ListenDraft, type RejectReason } from '../domain/listen.js';
import { normaliseText } from '../domain/normalise.js';

/** Listens may be stamped a little ahead of our clock (clients with skewed clocks); beyond this they are rejected. */
export const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;
/** Longest name we keep: ListenBrainz rejects whole listens over 10 KB, this is per field. */
export const MAX_NAME_LENGTH = 1000;
/** The longest duration or played time kept; longer ones are dropped (the listen stays). */
export const MAX_DURATION_MS = 24 * 3600 * 1000;
/** A well-formed MBID, any case (stored lower-case). The bulk path binds its source to SQL. */
export const MBID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Something the stored listen lost that the raw record keeps: counted and shown in the import report. */
export interface Cleaned {
  reason: 'control_characters';
  message: string;
}

export type Validation =
  { ok: true; listen: ListenDraft; cleaned?: Cleaned } | { ok: false; reason: RejectReason; message: string };

/**
 * Control characters (C0 but tab, line feed, vertical tab, form feed and carriage return, which are
 * spaces to normaliseText; DEL; C1): normaliseText removes them, as it does the invisible format
 * characters (zero-width space, soft hyphen, BOM), but a control character in a name is damage
 * worth telling: a NUL from a C program, an escape code pasted from a terminal.
 */
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;

function codePointsOf(chars: Iterable<string>): string {
  return [...new Set(chars)]
    .map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
    .join(', ');
}

/** Says which names held control characters and how they were stored; undefined when none did. */
function controlCharactersIn(
  names: readonly (readonly [field: string, raw: string, stored: string])[],
): Cleaned | undefined {
  const parts: string[] = [];
  for (const [field, raw, stored] of names) {
    const found = raw.match(CONTROL);
    if (found)
      parts.push(`the ${field} name has ${codePointsOf(found)}, stored as ${JSON.stringify(stored)}`);
  }
  if (parts.length === 0) return undefined;
  return {
    reason: 'control_characters',
    message:
      `control characters removed: ${parts.join('; ')}. The listen is stored, and the raw row keeps ` +
      'them; if the name is wrong, correct the listen (PATCH /api/listens/{id}) or fix the file and import it again',
  };
}

function iso(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : String(ms);
}

/** Why a time cannot be a listen's start, or null when it can. */
export function checkTime(
  at: number,
  now: number,
  futureToleranceMs: number = FUTURE_TOLERANCE_MS,
): { reason: RejectReason; message: string } | null {
  if (!Number.isFinite(at)) return { reason: 'bad_timestamp', message: 'the timestamp is not a number' };
  if (at < EARLIEST_LISTEN_MS) {
    return {
      reason: 'too_old',
      message:
        `listened at ${iso(at)}, before 2002-10-01 (the earliest listen we accept): ` +
        'the timestamp is probably wrong (milliseconds read as seconds, or a zero date)',
    };
  }
  if (at > now + futureToleranceMs) {
    return {
      reason: 'in_future',
      message: `listened at ${iso(at)}, which is in the future: check the device clock or the time zone of the export`,
    };
  }
  return null;
}

export type NamesCheck =
  | { ok: true; artist: string; track: string; release: string | null; cleaned?: Cleaned }
  | { ok: false; reason: RejectReason; message: string };

/**
 * The names of a listen as stored (normaliseText), or why they cannot be: a pure function of the
 * three texts, so a bulk import checks each distinct combination once.
 */
export function checkNames(draft: Pick<ListenDraft, 'artist' | 'track' | 'release'>): NamesCheck {
  const artist = normaliseText(draft.artist ?? '');
  const track = normaliseText(draft.track ?? '');
  if (!artist) return { ok: false, reason: 'empty_name', message: emptyMessage('artist', draft.artist) };
  if (!track) return { ok: false, reason: 'empty_name', message: emptyMessage('track', draft.track) };
  for (const [field, value] of [
    ['artist', artist],
    ['track', track],
    ['release', draft.release ?? ''],
  ] as const) {
    if (value.length > MAX_NAME_LENGTH) {
      return {
        ok: false,
        reason: 'too_long',
        message: `the ${field} name is ${value.length} characters long (at most ${MAX_NAME_LENGTH})`,
      };
    }
  }
  const release = draft.release ? normaliseText(draft.release) || null : null;
  const cleaned = controlCharactersIn([
    ['artist', draft.artist ?? '', artist],
    ['track', draft.track ?? '', track],
    ['release', draft.release ?? '', release ?? ''],
  ]);
  return { ok: true, artist, track, release, ...(cleaned ? { cleaned } : {}) };
}

/**
 * Checks what every source shares (time window, names, field sizes) and tidies optional fields:
 * an invalid MBID or an impossible duration is dropped, the listen is kept (its raw record still holds them).
 */
export function validateListen(
  draft: ListenDraft,
  now: number,
  futureToleranceMs: number = FUTURE_TOLERANCE_MS,
): Validation {
  const late = checkTime(draft.listenedAt, now, futureToleranceMs);
  if (late) return { ok: false, ...late };
  const names = checkNames(draft);
  if (!names.ok) return names;
  const { artist, track, release, cleaned } = names;
  return {
    ok: true,
    ...(cleaned ? { cleaned } : {}),
    listen: {
      ...draft,
      artist,
      track,
      release,
      durationMs: cleanDuration(draft.durationMs),
      playedMs: cleanDuration(draft.playedMs),
      recordingMbid: cleanMbid(draft.recordingMbid),
      releaseMbid: cleanMbid(draft.releaseMbid),
      releaseGroupMbid: cleanMbid(draft.releaseGroupMbid),
      artistMbids: draft.artistMbids?.filter((m) => MBID.test(m)).map((m) => m.toLowerCase()) ?? null,
    },
  };
}

function emptyMessage(field: 'artist' | 'track', raw: string | null | undefined): string {
  return raw && raw.trim() !== ''
    ? `the ${field} name is empty once invisible and control characters are removed`
    : `the ${field} name is empty`;
}

function cleanDuration(ms: number | null | undefined): number | null {
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 && ms <= MAX_DURATION_MS
    ? Math.round(ms)
    : null;
}

function cleanMbid(mbid: string | null | undefined): string | null {
  return mbid && MBID.test(mbid) ? mbid.toLowerCase() : null;
}
