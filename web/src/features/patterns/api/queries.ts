/** The patterns page's data: the clock grid, sessions, streaks, short plays and the breakdowns. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../api/client';
import { useAuth } from '../../../app/auth';
import { queryClient, type PageRequest } from '../../../app/query-client';
import { parsePeriod, rangeOf } from '../../../lib/period';
import { parseGap } from '../patterns';

export type BreakdownField = 'platform' | 'country' | 'client' | 'source';

/** The breakdown cards, in the page's order. */
export const BREAKDOWNS: readonly (readonly [BreakdownField, string])[] = [
  ['platform', 'Platform'],
  ['country', 'Country'],
  ['client', 'Client'],
  ['source', 'Source'],
];

export const clockQuery = (token: string | null, user: string, range: string) =>
  queryOptions({
    queryKey: ['clock', token, user, range],
    queryFn: ({ signal }) => apiGet('/api/stats/clock', { user, range }, { signal, token }),
  });

export const sessionsQuery = (token: string | null, user: string, range: string, gap: number) =>
  queryOptions({
    queryKey: ['sessions', token, user, range, gap],
    queryFn: ({ signal }) => apiGet('/api/stats/sessions', { user, range, gap }, { signal, token }),
  });

export const streaksQuery = (token: string | null, user: string, range: string) =>
  queryOptions({
    queryKey: ['streaks', token, user, range],
    queryFn: ({ signal }) => apiGet('/api/stats/streaks', { user, range }, { signal, token }),
  });

export const shortPlaysQuery = (token: string | null, user: string, range: string) =>
  queryOptions({
    queryKey: ['short-plays', token, user, range],
    queryFn: ({ signal }) => apiGet('/api/stats/short-plays', { user, range }, { signal, token }),
  });

export const breakdownQuery = (token: string | null, user: string, range: string, field: BreakdownField) =>
  queryOptions({
    queryKey: ['breakdown', token, user, range, field],
    queryFn: ({ signal }) => apiGet('/api/stats/breakdown', { user, range, field }, { signal, token }),
  });

export function useClock(user: string, range: string) {
  return useQuery(clockQuery(useAuth().token, user, range));
}

export function useSessions(user: string, range: string, gap: number) {
  return useQuery(sessionsQuery(useAuth().token, user, range, gap));
}

export function useStreaks(user: string, range: string) {
  return useQuery(streaksQuery(useAuth().token, user, range));
}

export function useShortPlays(user: string, range: string) {
  return useQuery(shortPlaysQuery(useAuth().token, user, range));
}

export function useBreakdown(user: string, range: string, field: BreakdownField) {
  return useQuery(breakdownQuery(useAuth().token, user, range, field));
}

/** Every request the patterns page makes when it opens at this URL, started before its code arrives. */
export function prefetchPatterns({ user, search, token }: PageRequest): void {
  const range = rangeOf(parsePeriod(search.get('range')).period);
  void queryClient.prefetchQuery(clockQuery(token, user, range));
  void queryClient.prefetchQuery(streaksQuery(token, user, range));
  void queryClient.prefetchQuery(sessionsQuery(token, user, range, parseGap(search.get('gap'))));
  void queryClient.prefetchQuery(shortPlaysQuery(token, user, range));
  for (const [field] of BREAKDOWNS) void queryClient.prefetchQuery(breakdownQuery(token, user, range, field));
}
