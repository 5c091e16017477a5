/**
 * The rows a MusicBrainz dump line becomes (src/catalog/dump-entities.ts makes them; the catalogue
 * writer stores them). `inst` numbers each entity occurrence within a batch: an artist embedded in
 * fifty recordings of one batch is fifty stub occurrences, and only the one chosen to be stored
 * brings its aliases, tags and keys along.
 */

export type MbEntity = 'artist' | 'release-group' | 'release' | 'recording';

interface Occurrence {
  inst: number;
  mbid: string;
  /** Seen only inside another entity's line: stored only when the entity is not stored yet. */
  stub: boolean;
}

export interface MbArtistRow extends Occurrence {
  name: string;
  sortName: string | null;
  disambiguation: string | null;
  type: string | null;
  gender: string | null;
  country: string | null;
  beginDate: string | null;
  endDate: string | null;
}

export interface MbReleaseGroupRow extends Occurrence {
  title: string;
  primaryType: string | null;
  secondaryTypes: string[];
  firstReleaseDate: string | null;
  disambiguation: string | null;
  credit: string | null;
}

export interface MbReleaseRow extends Occurrence {
  title: string;
  releaseGroupMbid: string | null;
  status: string | null;
  date: string | null;
  country: string | null;
  barcode: string | null;
  hasFrontArt: boolean | null;
  disambiguation: string | null;
  credit: string | null;
}

export interface MbRecordingRow extends Occurrence {
  title: string;
  lengthMs: number | null;
  video: boolean | null;
  disambiguation: string | null;
  firstReleaseDate: string | null;
  credit: string | null;
}

interface Child {
  inst: number;
  entity: MbEntity;
  mbid: string;
}

export interface MbAliasRow extends Child {
  name: string;
  sortName: string | null;
  locale: string | null;
  type: string | null;
  isPrimary: boolean | null;
}

export interface MbCreditRow extends Child {
  position: number;
  artistMbid: string;
  creditedName: string;
  joinPhrase: string;
}

export interface MbTagRow extends Child {
  name: string;
  count: number;
  isGenre: boolean;
}

export interface MbIsrcRow extends Child {
  isrc: string;
}

export interface MbTrackRow extends Child {
  medium: number;
  position: number;
  recordingMbid: string;
  title: string;
  lengthMs: number | null;
}

export interface MbKeyRow extends Child {
  kind: 'name' | 'alias' | 'sort';
  key: string;
  loose: string;
}

export interface MbRecordingKeyRow extends Child {
  artistMbid: string;
  position: number;
  key: string;
  loose: string;
}

/** Everything one batch of dump lines stores. */
export interface CatalogueBatch {
  artists: MbArtistRow[];
  releaseGroups: MbReleaseGroupRow[];
  releases: MbReleaseRow[];
  recordings: MbRecordingRow[];
  aliases: MbAliasRow[];
  credits: MbCreditRow[];
  tags: MbTagRow[];
  isrcs: MbIsrcRow[];
  tracks: MbTrackRow[];
  keys: MbKeyRow[];
  recordingKeys: MbRecordingKeyRow[];
}

export function emptyCatalogueBatch(): CatalogueBatch {
  return {
    artists: [],
    releaseGroups: [],
    releases: [],
    recordings: [],
    aliases: [],
    credits: [],
    tags: [],
    isrcs: [],
    tracks: [],
    keys: [],
    recordingKeys: [],
  };
}
