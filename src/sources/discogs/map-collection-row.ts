import type { CollectionItemDraft } from '../../domain/listen.js';
import { reject, type Outcome } from '../common/outcome.js';
import { parseIsoUtc, textOrNull } from '../common/values.js';

type Column =
  | 'catalogNumber'
  | 'artist'
  | 'title'
  | 'label'
  | 'format'
  | 'rating'
  | 'released'
  | 'releaseId'
  | 'folder'
  | 'addedAt'
  | 'mediaCondition'
  | 'sleeveCondition'
  | 'notes';

/**
 * Header names per column, lower-cased: the verbatim Discogs export (`Catalog#`, `Date Added`) and the
 * same file re-saved by pandas (`Catalognum`, `DateAdded`, plus an unnamed index column, ignored).
 */
const HEADER_NAMES: Readonly<Record<Column, readonly string[]>> = {
  catalogNumber: ['catalog#', 'catalognum', 'catalog number', 'catno'],
  artist: ['artist'],
  title: ['title'],
  label: ['label'],
  format: ['format'],
  rating: ['rating'],
  released: ['released'],
  releaseId: ['release_id'],
  folder: ['collectionfolder'],
  addedAt: ['date added', 'dateadded'],
  mediaCondition: ['collection media condition'],
  sleeveCondition: ['collection sleeve condition'],
  notes: ['collection notes', 'notes'],
};

export interface DiscogsLayout {
  readonly columns: Readonly<Partial<Record<Column, number>>>;
  /** A wantlist export has no folder and no date added. */
  readonly list: CollectionItemDraft['list'];
}

/** Where each column sits, from the header row; null when it is not a Discogs collection or wantlist header. */
export function discogsLayoutOf(header: readonly string[]): DiscogsLayout | null {
  const names = header.map((h) => h.trim().toLowerCase());
  if (names.includes('listing_id')) return null; // the marketplace inventory export: not a collection
  const columns: Partial<Record<Column, number>> = {};
  for (const [column, aliases] of Object.entries(HEADER_NAMES) as [Column, readonly string[]][]) {
    const index = names.findIndex((n) => aliases.includes(n));
    if (index !== -1) columns[column] = index;
  }
  if (columns.releaseId === undefined || columns.artist === undefined || columns.title === undefined)
    return null;
  const isCollection = columns.folder !== undefined || columns.addedAt !== undefined;
  return { columns, list: isCollection ? 'collection' : 'wantlist' };
}

function cell(fields: readonly string[], index: number | undefined): string | null {
  return index === undefined ? null : textOrNull(fields[index] ?? '');
}

/** A year from `1970`, `1970-03-11` or `1970.0`; 0 and empty mean unknown. */
function yearOf(text: string | null): number | null {
  const m = text === null ? null : /^(\d{4})/.exec(text.trim());
  const year = m ? Number(m[1]) : 0;
  return year > 0 ? year : null;
}

/** 1–5, also from pandas' `3.0`; empty or 0 means unrated. */
function ratingOf(text: string | null): number | null {
  const n = text === null ? NaN : Number(text);
  return Number.isFinite(n) && n > 0 ? Math.round(n) : null;
}

/**
 * One row of a Discogs collection or wantlist CSV. Names stay exactly as Discogs wrote them, including
 * disambiguation suffixes like "Nirvana (2)": enrichment uses them with the release id later.
 */
export function mapDiscogsRow(fields: readonly string[], layout: DiscogsLayout): Outcome {
  const { columns } = layout;
  const idText = cell(fields, columns.releaseId);
  if (idText === null) return reject('missing_field', 'the row has no release_id');
  const releaseId = Number(idText);
  if (!Number.isSafeInteger(releaseId) || releaseId <= 0) {
    return reject('malformed', `release_id ${JSON.stringify(idText)} is not a Discogs release number`);
  }
  const added = cell(fields, columns.addedAt);
  // `Date Added` has no zone. formats.md suspects US-Pacific server time but could not verify it, so it
  // is read as UTC: at worst hours off, which does not matter for "when did this enter the shelf".
  const addedAt = added === null ? null : parseIsoUtc(added);
  if (added !== null && addedAt === null) {
    return reject('bad_timestamp', `Date Added ${JSON.stringify(added)} is not "YYYY-MM-DD HH:MM:SS"`);
  }
  return {
    kind: 'collection',
    item: {
      releaseId,
      artist: cell(fields, columns.artist) ?? '',
      title: cell(fields, columns.title) ?? '',
      label: cell(fields, columns.label),
      catalogNumber: cell(fields, columns.catalogNumber),
      format: cell(fields, columns.format),
      rating: ratingOf(cell(fields, columns.rating)),
      releasedYear: yearOf(cell(fields, columns.released)),
      folder: cell(fields, columns.folder),
      addedAt,
      mediaCondition: cell(fields, columns.mediaCondition),
      sleeveCondition: cell(fields, columns.sleeveCondition),
      notes: cell(fields, columns.notes),
      list: layout.list,
    },
  };
}
