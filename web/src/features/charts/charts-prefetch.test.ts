import { afterEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../../app/query-client.js';
import { chartsParams, prefetchCharts } from './api/queries.js';

afterEach(() => {
  vi.unstubAllGlobals();
  queryClient.clear();
});

describe('chartsParams', () => {
  it('reads the view from the URL, with the defaults for what it does not say', () => {
    expect(chartsParams(new URLSearchParams())).toEqual({
      range: 'year',
      by: 'plays',
      leaders: 'artists',
      every: undefined,
    });
    expect(
      chartsParams(new URLSearchParams('range=2024-01-01..2024-12-31&by=time&leaders=releases&every=month')),
    ).toEqual({ range: '2024-01-01..2024-12-31', by: 'time', leaders: 'releases', every: 'month' });
    expect(chartsParams(new URLSearchParams('by=loudness&leaders=genres&every=decade'))).toMatchObject({
      by: 'plays',
      leaders: 'artists',
      every: undefined,
    });
  });
});

describe('prefetchCharts', () => {
  it('asks for the three top lists and the leaders of the view in the URL, with the token', async () => {
    const asked: { url: string; auth: string | undefined }[] = [];
    vi.stubGlobal('fetch', (url: string, init: { headers: Record<string, string> }) => {
      asked.push({ url, auth: init.headers.authorization });
      return Promise.resolve(new Response('{}', { status: 200 }));
    });
    prefetchCharts({
      user: 'ann',
      search: new URLSearchParams('range=2024-01-01..2024-12-31&by=time&leaders=releases&every=month'),
      token: 't1',
    });
    await vi.waitFor(() => expect(asked).toHaveLength(4));
    const range = 'range=2024-01-01..2024-12-31';
    expect(asked.map((a) => a.url).sort()).toEqual([
      `/api/stats/artists?user=ann&${range}&by=time&limit=10&compare=previous`,
      `/api/stats/leaders?user=ann&${range}&by=time&entity=releases&limit=10&period=month`,
      `/api/stats/recordings?user=ann&${range}&by=time&limit=10&compare=previous`,
      `/api/stats/releases?user=ann&${range}&by=time&limit=10&compare=previous`,
    ]);
    expect(asked.every((a) => a.auth === 'Token t1')).toBe(true);
  });
});
