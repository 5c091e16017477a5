/** The overview's data: summary, daily activity, recent listens, now playing. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, getJson } from '../../../api/client';
import { useAuth } from '../../../app/auth';
import { queryClient, type PageRequest } from '../../../app/query-client';
import { calendarDays, parsePeriod, rangeOf, type Period } from '../../../lib/period';

export const summaryQuery = (token: string | null, user: string, range: string) =>
  queryOptions({
    queryKey: ['summary', token, user, range],
    queryFn: ({ signal }) => apiGet('/api/stats/summary', { user, range }, { signal, token }),
  });

export const dailyActivityQuery = (token: string | null, user: string, range: string) =>
  queryOptions({
    queryKey: ['activity', token, user, range],
    queryFn: ({ signal }) => apiGet('/api/stats/activity', { user, range, period: 'day' }, { signal, token }),
  });

export const recentListensQuery = (token: string | null, user: string) =>
  queryOptions({
    queryKey: ['recent', token, user],
    queryFn: ({ signal }) => apiGet('/api/listens', { user, limit: 10 }, { signal, token }),
    refetchInterval: 30_000,
  });

/**
 * The ListenBrainz API's answer (`GET /1/user/NAME/playing-now`). The /1/ routes follow
 * ListenBrainz's documented shapes and have no schema in openapi.json, so this one is written here.
 */
interface PlayingNow {
  payload: {
    count: number;
    listens: {
      track_metadata: { artist_name: string; track_name: string; release_name?: string | null };
    }[];
  };
}

export const PLAYING_NOW_POLL_MS = 5_000;

export const playingNowQuery = (token: string | null, user: string) =>
  queryOptions({
    queryKey: ['playing-now', token, user],
    queryFn: ({ signal }) =>
      getJson<PlayingNow>(`/1/user/${encodeURIComponent(user)}/playing-now`, signal, token).then(
        (answer) => answer.payload.listens[0]?.track_metadata ?? null,
      ),
    refetchInterval: PLAYING_NOW_POLL_MS,
  });

/** The calendar's days (a year ending on the period's last day) as the `range` the API takes. */
export function calendarRange(period: Period, today = new Date().toLocaleDateString('en-CA')): string {
  const days = calendarDays(period, today);
  return `${days.from}..${days.to}`;
}

export function useSummary(user: string, range: string) {
  return useQuery(summaryQuery(useAuth().token, user, range));
}

export function useDailyActivity(user: string, range: string) {
  return useQuery(dailyActivityQuery(useAuth().token, user, range));
}

export function useRecentListens(user: string) {
  return useQuery(recentListensQuery(useAuth().token, user));
}

export function usePlayingNow(user: string) {
  return useQuery(playingNowQuery(useAuth().token, user));
}

/** Every request the overview makes when it opens at this URL, started before its code arrives. */
export function prefetchOverview({ user, search, token }: PageRequest): void {
  const { period } = parsePeriod(search.get('range'));
  void queryClient.prefetchQuery(summaryQuery(token, user, rangeOf(period)));
  void queryClient.prefetchQuery(dailyActivityQuery(token, user, calendarRange(period)));
  void queryClient.prefetchQuery(recentListensQuery(token, user));
  void queryClient.prefetchQuery(playingNowQuery(token, user));
}
