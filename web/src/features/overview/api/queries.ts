/** The overview's data: summary, daily activity, recent listens, now playing. */
import { useQuery } from '@tanstack/react-query';
import { apiGet, getJson } from '../../../api/client';
import { useAuth } from '../../../app/auth';

export function useSummary(user: string, range: string) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['summary', token, user, range],
    queryFn: ({ signal }) => apiGet('/api/stats/summary', { user, range }, { signal }),
  });
}

export function useDailyActivity(user: string, range: string) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['activity', token, user, range],
    queryFn: ({ signal }) => apiGet('/api/stats/activity', { user, range, period: 'day' }, { signal }),
  });
}

export function useRecentListens(user: string) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['recent', token, user],
    queryFn: ({ signal }) => apiGet('/api/listens', { user, limit: 10 }, { signal }),
    refetchInterval: 30_000,
  });
}

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

export function usePlayingNow(user: string) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['playing-now', token, user],
    queryFn: ({ signal }) =>
      getJson<PlayingNow>(`/1/user/${encodeURIComponent(user)}/playing-now`, signal).then(
        (answer) => answer.payload.listens[0]?.track_metadata ?? null,
      ),
    refetchInterval: PLAYING_NOW_POLL_MS,
  });
}
