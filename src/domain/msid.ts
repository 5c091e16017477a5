// ListenBrainz gives every listen a `recording_msid`: a MessyBrainz id for the submitted text, which
// clients echo back to delete the listen. listenhouse has no MessyBrainz, so the id is derived: a
// UUID version 5 (RFC 9562, SHA-1) over the listen's stored track, artist credit and release text,
// lower-cased as MessyBrainz compares them. The same text always gives the same id, in any database,
// and nothing is stored: (user, listened_at, recording_msid) finds the listen again.
import { createHash } from 'node:crypto';

/** listenhouse's namespace for recording MSIDs (a fixed random UUID; changing it changes every MSID). */
const MSID_NAMESPACE = 'b4a3f0d5-3c7e-4f4a-9d0e-6f1c2a8e5b71';

export interface ListenText {
  artist: string;
  track: string;
  release: string | null;
}

/** The recording MSID of a listen with this stored text (see the module comment). */
export function recordingMsid(text: ListenText): string {
  const name = JSON.stringify([
    text.track.toLowerCase(),
    text.artist.toLowerCase(),
    text.release ? text.release.toLowerCase() : null,
  ]);
  return uuidV5(MSID_NAMESPACE, name);
}

/** RFC 9562 version 5: SHA-1 of the namespace's 16 bytes and the name's UTF-8 bytes. */
export function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC variant
  return formatUuid(bytes.toString('hex'));
}

function formatUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const UUID_TEXT = /^[0-9a-f]{32}$/i;
/** A UUID already in its canonical form (most MBIDs sent): returned as it is, without rebuilding it. */
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The canonical form of a UUID as Python's `uuid.UUID(text)` reads it (what ListenBrainz uses to
 * check MBIDs and MSIDs): braces, `urn:uuid:` and hyphens are allowed, case does not matter.
 * Null when the text is not a UUID.
 */
export function canonicalUuid(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (CANONICAL_UUID.test(value)) return value;
  const hex = value
    .replace('urn:', '')
    .replace('uuid:', '')
    .replace(/^\{+|\}+$/g, '')
    .replaceAll('-', '');
  if (!UUID_TEXT.test(hex)) return null;
  return formatUuid(hex.toLowerCase());
}
