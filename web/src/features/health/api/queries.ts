/** The Data health page's data: the audit and its history, fixes, change sets, pipeline runs. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../api/client';
import { useAuth } from '../../../app/auth';

export function useLatestAudit() {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['quality-audit', token],
    queryFn: ({ signal }) => apiGet('/api/quality/audit', undefined, { signal }),
  });
}

export function useAuditHistory() {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['quality-history', token],
    queryFn: ({ signal }) => apiGet('/api/quality/audit/history', { limit: 365 }, { signal }),
  });
}

export function useChangeSets() {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['quality-change-sets', token],
    queryFn: ({ signal }) => apiGet('/api/quality/change-sets', { limit: 50 }, { signal }),
  });
}

export function usePipelineRuns() {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['pipeline-runs', token],
    queryFn: ({ signal }) => apiGet('/api/pipeline/runs', { limit: 20 }, { signal }),
  });
}

/** After anything changes the data, every part of the page is asked again. */
function useRefresh() {
  const client = useQueryClient();
  return () =>
    Promise.all(
      ['quality-audit', 'quality-history', 'quality-change-sets', 'pipeline-runs'].map((key) =>
        client.invalidateQueries({ queryKey: [key] }),
      ),
    );
}

export function useRunAudit() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => apiSend('post', '/api/quality/audit', { body: { save: true } }),
    onSuccess: refresh,
  });
}

export function useFix() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ kind, apply }: { kind: string; apply: boolean }) =>
      apiSend('post', '/api/quality/fixes', {
        body: { kind: kind as never, apply, params: {}, limit: 20 },
      }),
    onSuccess: (outcome) => (outcome.applied ? refresh() : undefined),
  });
}

export function useUndo() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: number) => apiSend('post', '/api/quality/change-sets/{id}/undo', { params: { id } }),
    onSuccess: refresh,
  });
}

export function useRunPipeline() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => apiSend('post', '/api/pipeline/runs', { body: { wait: true } }),
    onSuccess: refresh,
  });
}
