/**
 * The Collection page's state lives in the URL (`?list=wantlist&q=miles&format=LP&years=1960..1969
 * &rating=4&from=100`): read from it, written back, turned into /api/collection's query. Pure.
 */
import type { Answer, Query } from '../../api/client';

export type CollectionItem = Answer<'/api/collection'>['items'][number];
export type CollectionList = 'collection' | 'wantlist';

export interface CollectionFilters {
  list: CollectionList | null;
  search: string;
  format: string;
  yearFrom: number | null;
  yearTo: number | null;
  rating: number | null;
  offset: number;
}

/** Items per page. */
export const PAGE_SIZE = 50;

function year(text: string | undefined): number | null {
  return text !== undefined && /^\d{4}$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** The filters a URL holds; anything malformed is left out rather than sent to the server. */
export function filtersFrom(search: URLSearchParams): CollectionFilters {
  const list = search.get('list');
  const [from, to] = (search.get('years') ?? '').split('..');
  const rating = Number(search.get('rating'));
  const offset = Number(search.get('from'));
  return {
    list: list === 'collection' || list === 'wantlist' ? list : null,
    search: (search.get('q') ?? '').trim(),
    format: (search.get('format') ?? '').trim(),
    yearFrom: year(from),
    yearTo: year(to),
    rating: Number.isInteger(rating) && rating >= 1 && rating <= 5 ? rating : null,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** The URL's parameters for these filters (others already there are kept; the defaults are left out). */
export function searchFor(filters: CollectionFilters, base = new URLSearchParams()): URLSearchParams {
  const next = new URLSearchParams(base);
  const set = (key: string, value: string | null) => {
    if (value === null || value === '') next.delete(key);
    else next.set(key, value);
  };
  set('list', filters.list);
  set('q', filters.search);
  set('format', filters.format);
  set(
    'years',
    filters.yearFrom === null && filters.yearTo === null
      ? null
      : `${filters.yearFrom ?? ''}..${filters.yearTo ?? ''}`,
  );
  set('rating', filters.rating === null ? null : String(filters.rating));
  set('from', filters.offset > 0 ? String(filters.offset) : null);
  return next;
}

/** The query for GET /api/collection. */
export function collectionQuery(user: string, f: CollectionFilters): Query<'/api/collection'> {
  return {
    user,
    limit: PAGE_SIZE,
    offset: f.offset,
    ...(f.list ? { list: f.list } : {}),
    ...(f.search ? { search: f.search } : {}),
    ...(f.format ? { format: f.format } : {}),
    ...(f.yearFrom !== null ? { yearFrom: f.yearFrom } : {}),
    ...(f.yearTo !== null ? { yearTo: f.yearTo } : {}),
    ...(f.rating !== null ? { rating: f.rating } : {}),
  };
}

export function hasFilters(f: CollectionFilters): boolean {
  return (
    f.list !== null ||
    f.search !== '' ||
    f.format !== '' ||
    f.yearFrom !== null ||
    f.yearTo !== null ||
    f.rating !== null
  );
}

/** "Items 51–100 of 382" as numbers: the first and last shown (1-based) and the total. */
export function pageRange(
  offset: number,
  shown: number,
  total: number,
): { first: number; last: number; total: number } {
  return { first: shown === 0 ? 0 : offset + 1, last: offset + shown, total };
}

/** The previous page's offset, or null on the first page. */
export function previousOffset(offset: number): number | null {
  return offset <= 0 ? null : Math.max(0, offset - PAGE_SIZE);
}

/** How many of the page's items were listened to, and how often in all. */
export function listenedSummary(items: readonly Pick<CollectionItem, 'listens'>[]): {
  played: number;
  listens: number;
} {
  return {
    played: items.filter((i) => i.listens > 0).length,
    listens: items.reduce((sum, i) => sum + i.listens, 0),
  };
}
