// The ListenBrainz `POST /1/submit-listens` rules, in the order ListenBrainz applies them
// (../shared/reference/listenbrainz.md §1.1). Pure: a body in, listens or the exact error message out.
import type { ListenDraft } from '../../domain/listen.js';
import { mapListenBrainzListen } from './map-listen.js';
import { canonicalUuid } from '../../domain/msid.js';

export const MAX_PAYLOAD_BYTES = 10_240_000;
export const MAX_LISTENS_PER_REQUEST = 1000;
export const MAX_LISTEN_BYTES = 10_240;
export const LISTEN_MINIMUM_TS = 1_033_410_600;
const MAX_FUTURE_S = 3600;
const MAX_TAGS = 50;
const MAX_TAG_LENGTH = 64;
const MAX_DURATION_S = 2_073_600;
const LISTENED_AT_TOO_LOW =
  'Value for key listened_at is too low. listened_at timestamp should be greater than 1033410600 (2002-10-01 00:00:00 UTC).';
const SINGLE_MBID_KEYS = ['release_mbid', 'recording_mbid', 'release_group_mbid', 'track_mbid'] as const;
const LIST_MBID_KEYS = ['artist_mbids', 'work_mbids'] as const;

export type ListenType = 'single' | 'import' | 'playing_now';

export interface ValidSubmission {
  ok: true;
  listenType: ListenType;
  /** For playing_now, `listenedAt` is the receipt time. Raw: each listen as re-serialised JSON. */
  listens: { draft: ListenDraft; raw: string }[];
}

export interface InvalidSubmission {
  ok: false;
  status: 400;
  error: string;
  /** ListenBrainz copies the offending listen's keys into the error body. */
  listen?: Record<string, unknown>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (error: string, listen?: Obj): InvalidSubmission =>
  listen ? { ok: false, status: 400, error, listen } : { ok: false, status: 400, error };

export function validateSubmission(body: string, nowMs: number): ValidSubmission | InvalidSubmission {
  const bytes = Buffer.byteLength(body);
  if (bytes > MAX_PAYLOAD_BYTES) {
    return fail(`Payload too large. Payload cannot exceed ${MAX_PAYLOAD_BYTES} bytes`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    return fail(`Cannot parse JSON document: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isObj(doc)) {
    return fail('Invalid JSON document submitted. Top level of JSON document should be a json object.');
  }
  if (!('payload' in doc) || !('listen_type' in doc)) return fail('Invalid JSON document submitted.');
  // ListenBrainz checks listen_type after the payload's size, so a wrong listen_type with an empty
  // payload gets "does not contain any listens"; here it is named first, since it is what to fix.
  const listenType = doc.listen_type;
  if (listenType !== 'single' && listenType !== 'import' && listenType !== 'playing_now') {
    return fail(
      `JSON document requires a valid listen_type key. listen_type is ${shown(listenType)}; ` +
        'use one of single, playing_now, import.',
    );
  }
  const payload = doc.payload;
  if (!Array.isArray(payload)) return fail('The payload in the JSON document should be a list of listens.');
  if (payload.length === 0) return fail('JSON document does not contain any listens');
  if (payload.length > MAX_LISTENS_PER_REQUEST) {
    return fail(`Too many listens. You may not submit more than ${MAX_LISTENS_PER_REQUEST} listens at once.`);
  }
  if (bytes > payload.length * MAX_LISTEN_BYTES) {
    return fail(`JSON document is too large. Each listens may not be larger than ${MAX_LISTEN_BYTES} bytes.`);
  }
  if (listenType !== 'import' && payload.length > 1) {
    return fail(
      'JSON document contains more than listen for a single/playing_now. It should contain only one.',
    );
  }
  const listens: ValidSubmission['listens'] = [];
  for (const item of payload) {
    const checked = validateListen(item, listenType, nowMs);
    if (typeof checked === 'string') return fail(checked, isObj(item) ? item : undefined);
    listens.push(checked);
  }
  return { ok: true, listenType, listens };
}

/** A value as JSON, cut short: an error echoes what was sent, not a whole document. */
function shown(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 80)}…` : json;
}

export function validateListen(
  item: unknown,
  listenType: ListenType,
  nowMs: number,
): { draft: ListenDraft; raw: string } | string {
  if (item === null || item === undefined) return 'Listen is empty and cannot be validated.';
  if (!isObj(item)) return 'Listen must be a JSON object.';
  if (listenType === 'playing_now') {
    if ('listened_at' in item)
      return 'JSON document must not contain listened_at while submitting playing_now.';
    if (!('track_metadata' in item))
      return 'JSON document must contain the key track_metadata at the top level.';
    if (Object.keys(item).length > 1)
      return 'JSON document may only contain track_metadata as top level key when submitting playing_now.';
  } else {
    if (!('listened_at' in item)) return 'JSON document must contain the key listened_at at the top level.';
    const ts = toInt(item.listened_at);
    if (ts === null) return 'JSON document must contain an int value for listened_at.';
    if (ts >= Math.floor(nowMs / 1000) + MAX_FUTURE_S) return 'Value for key listened_at is too high.';
    if (ts < LISTEN_MINIMUM_TS) return LISTENED_AT_TOO_LOW;
    if (!('track_metadata' in item))
      return 'JSON document must contain the key track_metadata at the top level.';
    if (Object.keys(item).length > 2)
      return 'JSON document may only contain listened_at and track_metadata top level keys';
  }
  const meta = item.track_metadata;
  if (meta === null) return 'JSON document may not have track_metadata with null value.';
  if (!isObj(meta)) return 'track_metadata must be a JSON object.';
  for (const field of ['track_name', 'artist_name'] as const) {
    if (!(field in meta)) return `JSON document does not contain required field track_metadata.${field}.`;
    const value = meta[field];
    if (typeof value !== 'string') return `track_metadata.${field} must be a single string.`;
    if (value.trim() === '') return `field track_metadata.${field} is empty.`;
  }
  // Optional: a string when present; left out when empty after trimming.
  if ('release_name' in meta && typeof meta.release_name !== 'string') {
    return 'track_metadata.release_name must be a single string.';
  }
  const info = isObj(meta.additional_info) ? meta.additional_info : {};
  const tags = info.tags;
  if (Array.isArray(tags)) {
    if (tags.length > MAX_TAGS)
      return `JSON document may not contain more than ${MAX_TAGS} items in track_metadata.additional_info.tags.`;
    for (const tag of tags) {
      if (typeof tag === 'string' && tag.length > MAX_TAG_LENGTH) {
        return `JSON document may not contain track_metadata.additional_info.tags longer than ${MAX_TAG_LENGTH} characters.`;
      }
    }
  }
  const durationError = checkDuration(info);
  if (durationError) return durationError;
  for (const key of SINGLE_MBID_KEYS) {
    const v = info[key];
    // ListenBrainz drops a falsy MBID (null, "", 0, false) and checks the rest.
    if (!v) continue;
    if (canonicalUuid(v) === null) return `${key} MBID format invalid.`;
  }
  for (const key of LIST_MBID_KEYS) {
    const v = info[key];
    if (!v || (Array.isArray(v) && v.length === 0)) continue;
    if (!Array.isArray(v)) return `${key} MBID format invalid.`;
    for (const m of v) if (m && canonicalUuid(m) === null) return `${key} MBID format invalid.`;
  }
  // JSON writes a NUL as \u0000 wherever it is, key or value: without that text in the listen's JSON
  // there is none to look for (with it, the search names the string, or finds a backslash was sent).
  const raw = JSON.stringify(item);
  const nul = raw.includes('\\u0000') ? findUnicodeNull(item) : null;
  if (nul !== null) return `${nul} contains a unicode null`;

  const mapped = mapListenBrainzListen(
    listenType === 'playing_now'
      ? { ...item, listened_at: Math.floor(nowMs / 1000) }
      : { ...item, listened_at: toInt(item.listened_at) },
  );
  if (mapped.kind !== 'listen')
    return mapped.kind === 'reject' || mapped.kind === 'skip' ? mapped.message : 'Invalid listen.';
  return { draft: mapped.listen, raw };
}

function checkDuration(info: Obj): string | null {
  // A key that is present must hold a valid duration: ListenBrainz rejects `"duration": null`.
  if ('duration' in info && 'duration_ms' in info) {
    return 'JSON document should not contain both duration and duration_ms.';
  }
  for (const [key, max] of [
    ['duration', MAX_DURATION_S],
    ['duration_ms', MAX_DURATION_S * 1000],
  ] as const) {
    if (!(key in info)) continue;
    const value = toInt(info[key], true);
    if (value === null || value <= 0) return `Value for ${key} is invalid, should be a positive integer.`;
    if (value > max) return `Value for ${key} is too large, max permitted value is ${max}`;
  }
  return null;
}

const INT_TEXT = /^[+-]?\d+$/;
const FLOAT_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * Python's int() as ListenBrainz applies it (int(float()) with `viaFloat`): a JSON number is
 * truncated, a string must spell an integer (or a decimal number) with optional spaces around it.
 */
export function toInt(value: unknown, viaFloat = false): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!(viaFloat ? FLOAT_TEXT : INT_TEXT).test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? Math.trunc(n) : null;
}

function findUnicodeNull(value: unknown): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? value : null;
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = findUnicodeNull(v);
      if (found !== null) return found;
    }
    return null;
  }
  if (isObj(value)) {
    for (const [k, v] of Object.entries(value)) {
      const found = findUnicodeNull(k) ?? findUnicodeNull(v);
      if (found !== null) return found;
    }
  }
  return null;
}
