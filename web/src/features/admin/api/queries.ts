/** The admin page's data: every user (GET /api/users) and the changes to them. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../api/client';
import { useAuth } from '../../../app/auth';

export function useUsers() {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['users', token],
    queryFn: ({ signal }) => apiGet('/api/users', undefined, { signal }),
  });
}

/** After a change the list is asked again; the signed-in user's own answer (/api/me) too. */
function useRefresh() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['users'] }),
      client.invalidateQueries({ queryKey: ['me'] }),
    ]);
}

export function useCreateUser() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { name: string; admin: boolean }) => apiSend('post', '/api/users', { body }),
    onSuccess: refresh,
  });
}

export function useChangeUser() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({
      name,
      change,
    }: {
      name: string;
      change: { role?: 'admin' | 'user'; privacy?: 'private' | 'public' };
    }) => apiSend('patch', '/api/users/{name}', { params: { name }, body: change }),
    onSuccess: refresh,
  });
}

export function useRotateToken() {
  return useMutation({
    mutationFn: (name: string) => apiSend('post', '/api/users/{name}/token', { params: { name } }),
  });
}
