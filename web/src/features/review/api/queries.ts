/** The year in review's data: the review itself, and the years that have listens (for the picker). */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../api/client';
import { useAuth } from '../../../app/auth';
import { queryClient, type PageRequest } from '../../../app/query-client';
import { chooseYear, yearsWithListens } from '../review-shaping';

export const listenYearsQuery = (token: string | null, user: string) =>
  queryOptions({
    queryKey: ['activity', token, user, 'all_time', 'year'],
    queryFn: ({ signal }) =>
      apiGet('/api/stats/activity', { user, range: 'all_time', period: 'year' }, { signal, token }),
  });

export const yearInReviewQuery = (token: string | null, user: string, year: number | null) =>
  queryOptions({
    queryKey: ['year-in-review', token, user, year],
    queryFn: ({ signal }) =>
      apiGet('/api/stats/year-in-review', { user, year: year ?? undefined }, { signal, token }),
    enabled: year !== null,
  });

export function useListenYears(user: string) {
  return useQuery(listenYearsQuery(useAuth().token, user));
}

export function useYearInReview(user: string, year: number | null) {
  return useQuery(yearInReviewQuery(useAuth().token, user, year));
}

/**
 * The review's requests when it opens at this URL: the years first (they decide which year is
 * shown), then that year's review, started before the page's code arrives.
 */
export function prefetchYearInReview({ user, search, token }: PageRequest, yearInPath?: string): void {
  void queryClient
    .fetchQuery(listenYearsQuery(token, user))
    .then((activity) => {
      const { year } = chooseYear(yearInPath ?? search.get('year'), yearsWithListens(activity.buckets));
      if (year !== null) return queryClient.prefetchQuery(yearInReviewQuery(token, user, year));
    })
    .catch(() => undefined); // the page shows the failure when it asks
}
