/**
 * Listen records as they travel the one write path: parsers produce drafts, validation and
 * normalisation turn them into rows the store appends. Times are UTC epoch milliseconds.
 */

/** The service a record came from (provenance). */
export type SourceName =
  | 'listenbrainz'
  | 'spotify'
  | 'lastfm'
  | 'lastfm-1k'
  | 'discogs'
  | 'csv'
  | 'simulator'
  | 'api'
  | 'plex'
  | 'jellyfin'
  | 'subsonic'
  | 'roon'
  | 'kafka';

/** Which edge of a play the source stamped. Spotify stamps the end; we always store the start. */
export type TimeEdge = 'start' | 'end';

/** One credited artist as a source or MusicBrainz gives it (e.g. ListenBrainz `mbid_mapping.artists`). */
export interface CreditPart {
  name: string;
  joinPhrase: string;
  mbid?: string | null;
}

export interface ListenDraft {
  /** Start of the play, UTC epoch ms. Parsers of end-stamped sources subtract the played time. */
  listenedAt: number;
  /** The edge the source stamped: 'end' means listenedAt was derived as end − played. */
  stampedEdge: TimeEdge;
  /** Precision of the source's timestamp in seconds: 1, or 60 for minute-precision exports. */
  precisionS: number;
  /** Artist credit exactly as the source gave it (may name several artists). */
  artist: string;
  track: string;
  release?: string | null;
  releaseArtist?: string | null;
  /** Structured credit when the source has one (ListenBrainz mapping); overrides splitting the text. */
  credit?: CreditPart[] | null;
  /** Track length in ms, when known. */
  durationMs?: number | null;
  /** How long it was actually played, in ms, when known (Spotify ms_played). */
  playedMs?: number | null;
  artistMbids?: string[] | null;
  recordingMbid?: string | null;
  releaseMbid?: string | null;
  releaseGroupMbid?: string | null;
  isrc?: string | null;
  spotifyUri?: string | null;
  /** Submitting client or player (ListenBrainz submission_client, media_player). */
  client?: string | null;
  /** Device or OS platform (Spotify platform). */
  platform?: string | null;
  /**
   * The streaming service it was played on, as the source names it
   * (ListenBrainz music_service_name, else music_service: "Spotify", "spotify.com").
   */
  musicService?: string | null;
  /** ISO 3166-1 alpha-2 connection country. */
  country?: string | null;
  /** The source's own id for this record, when it has one (ListenBrainz recording_msid, …). */
  sourceRecordId?: string | null;
  /** A user named inside the file (Last.fm 1K user column); used when --user is not given. */
  user?: string | null;
  /**
   * Where the record first came from, when the file says (a listenhouse export carries it): the
   * listen keeps that source and format, so importing an export again, or the original file after
   * it, finds the play already stored instead of recording a copy of itself as a second source.
   */
  origin?: { source: string; format: string } | null;
}

export interface CollectionItemDraft {
  /** Discogs release id. */
  releaseId: number;
  artist: string;
  title: string;
  label?: string | null;
  catalogNumber?: string | null;
  format?: string | null;
  rating?: number | null;
  releasedYear?: number | null;
  folder?: string | null;
  /** UTC epoch ms; null when the export has no date. */
  addedAt?: number | null;
  mediaCondition?: string | null;
  sleeveCondition?: string | null;
  notes?: string | null;
  /** 'collection' or 'wantlist'. */
  list: 'collection' | 'wantlist';
}

/** Where a record sits in what the user gave: `file` is a display path (zip members: `a.zip:listens/2024/1.jsonl`). */
export interface RecordLocation {
  file: string;
  /** 1-based line where the record starts; for JSON arrays, the line of the element's opening brace. */
  line: number;
}

/**
 * Rows a source rule leaves out on purpose (counted and kept, never silently dropped).
 * The importer's report shows counts per reason.
 */
export type SkipReason =
  | 'now_playing'
  | 'incognito'
  | 'short_play'
  | 'podcast'
  | 'audiobook'
  | 'video'
  | 'no_track_uri'
  | 'not_a_listen';

/** Rows that are broken: kept in rejected_records with file, line, reason and raw text. */
export type RejectReason =
  | 'malformed'
  | 'missing_field'
  | 'bad_timestamp'
  | 'too_old'
  | 'in_future'
  | 'empty_name'
  | 'too_long'
  | 'bad_encoding'
  | 'truncated';

export type ParsedRecord =
  | { kind: 'listen'; where: RecordLocation; raw: string; listen: ListenDraft }
  | { kind: 'collection'; where: RecordLocation; raw: string; item: CollectionItemDraft }
  | { kind: 'skip'; where: RecordLocation; raw: string; reason: SkipReason; message: string }
  | { kind: 'reject'; where: RecordLocation; raw: string; reason: RejectReason; message: string };

/** Earliest accepted listen: Last.fm's founding, the same floor ListenBrainz uses. */
export const EARLIEST_LISTEN_MS = Date.UTC(2002, 9, 1);
