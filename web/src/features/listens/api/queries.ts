/** The listens page's data: a page of listens, and the corrections and deletions made on it. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, queryString, request } from '../../../api/client';
import type { components } from '../../../api/schema';
import { useAuth } from '../../../app/auth';
import type { CorrectionBody, ListensQuery, Outcome } from '../listens';

export type Listen = components['schemas']['Listen'];

export function useListens(query: ListensQuery) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['listens', token, query],
    queryFn: ({ signal }) => apiGet('/api/listens', query, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every statistic and listing may change after a write: they are all asked again. */
function useInvalidateAll() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
}

export function useCorrectListen(user: string) {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: CorrectionBody }) =>
      request<{ outcome: Outcome; listen: Listen }>(`/api/listens/${id}${queryString({ user })}`, {
        method: 'PATCH',
        json: body,
      }),
    onSuccess: invalidate,
  });
}

export function useDeleteListen(user: string) {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (id: number) =>
      request<{ deleted: number }>(`/api/listens/${id}${queryString({ user })}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

export function useDeleteListens(user: string) {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (ids: number[]) =>
      request<{ deleted: number; missing: number[] }>(`/api/listens/delete${queryString({ user })}`, {
        method: 'POST',
        json: { ids },
      }),
    onSuccess: invalidate,
  });
}
