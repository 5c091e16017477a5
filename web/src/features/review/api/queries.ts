/** The year in review's data: the review itself, and the years that have listens (for the picker). */
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../api/client';
import { useAuth } from '../../../app/auth';

export function useListenYears(user: string) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['activity', token, user, 'all_time', 'year'],
    queryFn: ({ signal }) =>
      apiGet('/api/stats/activity', { user, range: 'all_time', period: 'year' }, { signal }),
  });
}

export function useYearInReview(user: string, year: number | null) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['year-in-review', token, user, year],
    queryFn: ({ signal }) =>
      apiGet('/api/stats/year-in-review', { user, year: year ?? undefined }, { signal }),
    enabled: year !== null,
  });
}
