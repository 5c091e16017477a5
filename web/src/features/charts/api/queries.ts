/** The charts' data: the top lists with rank movement, and the leaders of each month or year. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../api/client';
import { useAuth } from '../../../app/auth';
import { queryClient, type PageRequest } from '../../../app/query-client';
import { parsePeriod, rangeOf } from '../../../lib/period';

export type Ranking = 'plays' | 'time';
export type TopKind = 'artists' | 'releases' | 'recordings';
export type LeadersEvery = 'month' | 'year' | undefined;

export const TOP_KINDS: readonly TopKind[] = ['artists', 'releases', 'recordings'];

/** What the URL asks of the charts page: `?range=`, `?by=time`, `?leaders=releases`, `?every=month`. */
export function chartsParams(search: URLSearchParams): {
  range: string;
  by: Ranking;
  leaders: TopKind;
  every: LeadersEvery;
} {
  const leaders = search.get('leaders');
  const every = search.get('every');
  return {
    range: rangeOf(parsePeriod(search.get('range')).period),
    by: search.get('by') === 'time' ? 'time' : 'plays',
    leaders: leaders === 'releases' || leaders === 'recordings' ? leaders : 'artists',
    every: every === 'month' || every === 'year' ? every : undefined,
  };
}

export const topQuery = (token: string | null, kind: TopKind, user: string, range: string, by: Ranking) =>
  queryOptions({
    queryKey: ['top', kind, token, user, range, by],
    queryFn: ({ signal }) =>
      apiGet(`/api/stats/${kind}`, { user, range, by, limit: 10, compare: 'previous' }, { signal, token }),
  });

export const leadersQuery = (
  token: string | null,
  entity: TopKind,
  user: string,
  range: string,
  by: Ranking,
  period: LeadersEvery,
) =>
  queryOptions({
    queryKey: ['leaders', entity, token, user, range, by, period],
    queryFn: ({ signal }) =>
      apiGet(
        '/api/stats/leaders',
        { user, range, by, entity, limit: 10, ...(period ? { period } : {}) },
        { signal, token },
      ),
  });

export function useTop(kind: TopKind, user: string, range: string, by: Ranking) {
  return useQuery(topQuery(useAuth().token, kind, user, range, by));
}

export function useLeaders(entity: TopKind, user: string, range: string, by: Ranking, period: LeadersEvery) {
  return useQuery(leadersQuery(useAuth().token, entity, user, range, by, period));
}

/** Every request the charts page makes when it opens at this URL, started before its code arrives. */
export function prefetchCharts({ user, search, token }: PageRequest): void {
  const { range, by, leaders, every } = chartsParams(search);
  for (const kind of TOP_KINDS) void queryClient.prefetchQuery(topQuery(token, kind, user, range, by));
  void queryClient.prefetchQuery(leadersQuery(token, leaders, user, range, by, every));
}
