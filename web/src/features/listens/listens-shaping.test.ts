import { describe, expect, it } from 'vitest';
import {
  correctionOf,
  describeOutcome,
  filtersOf,
  formOf,
  playedOf,
  queryOf,
  searchOf,
  toggleAll,
  toggleOne,
} from './listens';

// vitest.config.ts pins TZ=UTC, so the browser-zone conversions below are UTC.
const listen = {
  artist: 'Daft Punk',
  track: 'Around the World',
  release: 'Homework',
  listenedAt: '2024-05-01T12:34:56.000Z',
};

describe('filters in the URL', () => {
  it('reads the filters, ignoring a malformed day', () => {
    const f = filtersOf(new URLSearchParams('artist=Daft%20Punk&from=2024-05-01&to=May&range=year'));
    expect(f).toEqual({
      artist: 'Daft Punk',
      release: '',
      track: '',
      source: '',
      from: '2024-05-01',
      to: '',
    });
  });
  it('writes only the filters set, keeps other parameters and drops the page cursor', () => {
    const next = searchOf(
      { artist: 'Caribou', release: '', track: ' ', source: 'spotify', from: '', to: '' },
      new URLSearchParams('range=year&before=abc&track=Sun'),
    );
    expect(next.toString()).toBe('range=year&artist=Caribou&source=spotify');
  });
  it('asks the API for whole days, both included, which it reads in the owner’s zone', () => {
    const q = queryOf(
      'alice',
      { artist: 'Caribou', release: '', track: '', source: '', from: '2024-05-01', to: '2024-05-31' },
      'cursor',
    );
    expect(q).toEqual({
      user: 'alice',
      limit: 50,
      artist: 'Caribou',
      fromDay: '2024-05-01',
      toDay: '2024-05-31',
      before: 'cursor',
    });
  });
});

describe('a correction', () => {
  it('sends only what changed', () => {
    const form = { ...formOf(listen, 'UTC'), track: 'Da Funk ' };
    expect(correctionOf(listen, form, 'UTC')).toEqual({ track: 'Da Funk' });
  });
  it('sends an emptied release as null, and a new minute as an instant', () => {
    const form = { ...formOf(listen, 'UTC'), release: '', listenedAt: '2024-05-01T13:00' };
    expect(correctionOf(listen, form, 'UTC')).toEqual({
      release: null,
      listenedAt: '2024-05-01T13:00:00.000Z',
    });
  });
  it('is nothing when nothing changed (the seconds of the start are not a change)', () => {
    expect(formOf(listen, 'UTC').listenedAt).toBe('2024-05-01T12:34');
    expect(correctionOf(listen, formOf(listen, 'UTC'), 'UTC')).toBeNull();
  });
  it('shows and reads the time on the owner’s clock, not the browser’s', () => {
    expect(formOf(listen, 'Europe/Berlin').listenedAt).toBe('2024-05-01T14:34');
    const form = { ...formOf(listen, 'Europe/Berlin'), listenedAt: '2024-05-01T15:00' };
    expect(correctionOf(listen, form, 'Europe/Berlin')).toEqual({ listenedAt: '2024-05-01T13:00:00.000Z' });
  });
  it('says what became of it', () => {
    expect(describeOutcome('updated', 'Da Funk')).toContain('saved');
    expect(describeOutcome('duplicate', 'Da Funk')).toContain('one listen');
    expect(describeOutcome('merged', 'Da Funk')).toContain('merged');
  });
});

describe('selection and rights', () => {
  it('selects all of the page, then none, keeping others', () => {
    const all = toggleAll(new Set([9]), [1, 2, 3]);
    expect([...all].sort()).toEqual([1, 2, 3, 9]);
    expect([...toggleAll(all, [1, 2, 3])]).toEqual([9]);
    expect([...toggleOne(new Set([1]), 1)]).toEqual([]);
  });
  it('shows how much of a track a short play played', () => {
    expect(playedOf(12_000, 220_000)).toBe('0:12 of 3:40');
    expect(playedOf(220_000, 220_000)).toBeNull();
    expect(playedOf(null, 220_000)).toBeNull();
  });
});
