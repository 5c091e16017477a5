/** The charts' data: the top lists with rank movement, and the leaders of each month or year. */
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../api/client';
import { useAuth } from '../../../app/auth';

export type Ranking = 'plays' | 'time';
export type TopKind = 'artists' | 'releases' | 'recordings';

export function useTop(kind: TopKind, user: string, range: string, by: Ranking) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['top', kind, token, user, range, by],
    queryFn: ({ signal }) =>
      apiGet(`/api/stats/${kind}`, { user, range, by, limit: 10, compare: 'previous' }, { signal }),
  });
}

export function useLeaders(
  entity: TopKind,
  user: string,
  range: string,
  by: Ranking,
  period: 'month' | 'year' | undefined,
) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['leaders', entity, token, user, range, by, period],
    queryFn: ({ signal }) =>
      apiGet(
        '/api/stats/leaders',
        { user, range, by, entity, limit: 10, ...(period ? { period } : {}) },
        { signal },
      ),
  });
}
