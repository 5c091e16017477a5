/** The Collection page's data: one page of Discogs items with their listens. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../api/client';
import { useAuth } from '../../../app/auth';
import { collectionQuery, type CollectionFilters } from '../collection-shaping';

export function useCollection(user: string, filters: CollectionFilters) {
  const { token } = useAuth();
  const query = collectionQuery(user, filters);
  return useQuery({
    queryKey: ['collection', token, query],
    queryFn: ({ signal }) => apiGet('/api/collection', query, { signal }),
    placeholderData: keepPreviousData,
  });
}
