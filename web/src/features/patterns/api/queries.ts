/** The patterns page's data: the clock grid, sessions, streaks, short plays and the breakdowns. */
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../api/client';
import { useAuth } from '../../../app/auth';

export type BreakdownField = 'platform' | 'country' | 'client' | 'source';

export function useClock(user: string, range: string) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['clock', token, user, range],
    queryFn: ({ signal }) => apiGet('/api/stats/clock', { user, range }, { signal }),
  });
}

export function useSessions(user: string, range: string, gap: number) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['sessions', token, user, range, gap],
    queryFn: ({ signal }) => apiGet('/api/stats/sessions', { user, range, gap }, { signal }),
  });
}

export function useStreaks(user: string, range: string) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['streaks', token, user, range],
    queryFn: ({ signal }) => apiGet('/api/stats/streaks', { user, range }, { signal }),
  });
}

export function useShortPlays(user: string, range: string) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['short-plays', token, user, range],
    queryFn: ({ signal }) => apiGet('/api/stats/short-plays', { user, range }, { signal }),
  });
}

export function useBreakdown(user: string, range: string, field: BreakdownField) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['breakdown', token, user, range, field],
    queryFn: ({ signal }) => apiGet('/api/stats/breakdown', { user, range, field }, { signal }),
  });
}
