/** The signed-in user's own settings: read from GET /api/me, changed by PATCH /api/users/{name}. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../api/client';
import { useAuth } from '../../../app/auth';

export function useMe() {
  const { token } = useAuth();
  // The same key as the sign-in check (app/auth.tsx): one request serves both.
  return useQuery({
    queryKey: ['me', token],
    queryFn: ({ signal }) => apiGet('/api/me', undefined, { signal, token }),
    enabled: token !== null,
  });
}

export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      name,
      change,
    }: {
      name: string;
      change: { privacy?: 'private' | 'public'; timeZone?: string };
    }) => apiSend('patch', '/api/users/{name}', { params: { name }, body: change }),
    // Statistics follow the zone: every cached answer may be stale.
    onSuccess: () => client.invalidateQueries(),
  });
}
