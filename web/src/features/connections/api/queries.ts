/** The connections page's data: GET /api/connections (and kinds), and adding, polling, removing. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../api/client';
import { useAuth } from '../../../app/auth';

export function useConnections() {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['connections', token],
    queryFn: ({ signal }) => apiGet('/api/connections', undefined, { signal }),
    enabled: token !== null,
    // The state changes as the server polls: keep it fresh while the page is open.
    refetchInterval: 15_000,
  });
}

export function useKinds() {
  return useQuery({
    queryKey: ['connection-kinds'],
    queryFn: ({ signal }) => apiGet('/api/connections/kinds', undefined, { signal }),
    staleTime: Infinity,
  });
}

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['connections'] });
}

export function useAddConnection() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: {
      kind: string;
      settings: Record<string, unknown>;
      credentials: Record<string, unknown>;
    }) => apiSend('post', '/api/connections', { body }),
    onSuccess: refresh,
  });
}

export function usePollConnection() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: number) => apiSend('post', '/api/connections/{id}/poll', { params: { id } }),
    onSettled: refresh,
  });
}

export function useRemoveConnection() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: number) => apiSend('delete', '/api/connections/{id}', { params: { id } }),
    onSuccess: refresh,
  });
}
