/** A JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>;

export const isJsonObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The `track_metadata` of a stored raw record that is a ListenBrainz listen (an export line or an
 * API submission); null for any other record (a CSV row, a Spotify object without it).
 */
export function submittedTrackMetadata(raw: string | null): JsonObject | null {
  if (!raw || !raw.startsWith('{')) return null;
  try {
    const record: unknown = JSON.parse(raw);
    return isJsonObject(record) && isJsonObject(record.track_metadata) ? record.track_metadata : null;
  } catch {
    return null;
  }
}
