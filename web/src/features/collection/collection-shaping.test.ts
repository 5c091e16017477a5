import { describe, expect, it } from 'vitest';
import {
  collectionQuery,
  filtersFrom,
  hasFilters,
  listenedSummary,
  pageRange,
  previousOffset,
  searchFor,
  PAGE_SIZE,
} from './collection-shaping.js';

const from = (q: string) => filtersFrom(new URLSearchParams(q));

describe('the collection’s filters in the URL', () => {
  it('reads list, text, format, years, rating and the page', () => {
    expect(from('list=wantlist&q= miles &format=LP&years=1960..1969&rating=4&from=50')).toEqual({
      list: 'wantlist',
      search: 'miles',
      format: 'LP',
      yearFrom: 1960,
      yearTo: 1969,
      rating: 4,
      offset: 50,
    });
    expect(from('years=..1979')).toMatchObject({ yearFrom: null, yearTo: 1979 });
  });

  it('leaves out what is malformed instead of sending it', () => {
    expect(from('list=shelf&years=sixties..&rating=9&from=-5')).toEqual({
      list: null,
      search: '',
      format: '',
      yearFrom: null,
      yearTo: null,
      rating: null,
      offset: 0,
    });
    expect(hasFilters(from(''))).toBe(false);
    expect(hasFilters(from('rating=1'))).toBe(true);
  });

  it('writes them back, keeping other parameters and dropping defaults', () => {
    const f = from('list=collection&q=dr john&years=1970..');
    expect(searchFor(f, new URLSearchParams('theme=dark')).toString()).toBe(
      'theme=dark&list=collection&q=dr+john&years=1970..',
    );
    expect(searchFor({ ...f, list: null, search: '', yearFrom: null }).toString()).toBe('');
    expect(filtersFrom(searchFor(f))).toEqual(f);
  });

  it('turns them into the API query', () => {
    expect(collectionQuery('alice', from('q=abba&rating=3&from=100'))).toEqual({
      user: 'alice',
      limit: PAGE_SIZE,
      offset: 100,
      search: 'abba',
      rating: 3,
    });
    expect(collectionQuery('alice', from(''))).toEqual({ user: 'alice', limit: PAGE_SIZE, offset: 0 });
  });
});

describe('paging and listens', () => {
  it('numbers the page from 1 and steps back a page', () => {
    expect(pageRange(0, 50, 382)).toEqual({ first: 1, last: 50, total: 382 });
    expect(pageRange(350, 32, 382)).toEqual({ first: 351, last: 382, total: 382 });
    expect(pageRange(400, 0, 382)).toEqual({ first: 0, last: 400, total: 382 });
    expect(previousOffset(0)).toBeNull();
    expect(previousOffset(30)).toBe(0);
    expect(previousOffset(100)).toBe(50);
  });

  it('counts the items listened to and their listens', () => {
    expect(listenedSummary([{ listens: 0 }, { listens: 26 }, { listens: 1 }])).toEqual({
      played: 2,
      listens: 27,
    });
  });
});
