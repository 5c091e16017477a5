/** The comparison's data: two users over the period, and (for an admin) the users to pick from. */
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../api/client';
import { useAuth } from '../../../app/auth';

export const COMPARE_LIMIT = 15;

export function useComparison(user: string, other: string | null, range: string) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['compare', token, user, other, range],
    queryFn: ({ signal }) =>
      apiGet('/api/stats/compare', { user, other: other ?? '', range, limit: COMPARE_LIMIT }, { signal }),
    enabled: other !== null,
  });
}

/** Every user; only an admin may ask, so it runs only for one. */
export function useUsers(enabled: boolean) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['users', token],
    queryFn: ({ signal }) => apiGet('/api/users', undefined, { signal }),
    enabled,
  });
}
