/** The Catalogue page's data: matching status, the tracks without a match, hand links, genres. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../api/client';
import { useAuth } from '../../../app/auth';

export function useCatalogStatus() {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['catalog-status', token],
    queryFn: ({ signal }) => apiGet('/api/catalog/status', undefined, { signal }),
  });
}

export function useUnmatched(user: string, query: { search: string; all: boolean; offset: number }) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['catalog-unmatched', token, user, query],
    queryFn: ({ signal }) =>
      apiGet(
        '/api/catalog/unmatched',
        {
          user,
          limit: 50,
          offset: query.offset,
          ...(query.search ? { search: query.search } : {}),
          ...(query.all ? { all: 'true' as const } : {}),
        },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useGenres(user: string, range: string) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['genres', token, user, range],
    queryFn: ({ signal }) => apiGet('/api/stats/genres', { user, range, limit: 12 }, { signal }),
  });
}

/** After a link or unlink, the lists and the status are asked again. */
function useRefresh() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['catalog-unmatched'] }),
      client.invalidateQueries({ queryKey: ['catalog-status'] }),
    ]);
}

export function useLink() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ tuple, recordingMbid }: { tuple: string; recordingMbid: string }) =>
      apiSend('post', '/api/catalog/matches/{tuple}/link', { params: { tuple }, body: { recordingMbid } }),
    onSuccess: refresh,
  });
}

export function useUnlink() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (tuple: string) =>
      apiSend('post', '/api/catalog/matches/{tuple}/unlink', { params: { tuple } }),
    onSuccess: refresh,
  });
}
