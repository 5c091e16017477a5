/** The Import page's requests: the upload, the job's progress, past runs, rejected rows, undo. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, request } from '../../../api/client';
import { useAuth } from '../../../app/auth';
import { isFinished, type ImportJob, type UndoAnswer } from '../import-shaping';

/** How often a running job is asked for its progress. */
const POLL_MS = 400;

export function useUpload() {
  return useMutation({
    mutationFn: (form: FormData) => request<ImportJob>('/api/imports', { method: 'POST', form }),
  });
}

export function useImportJob(id: string | null) {
  const { token } = useAuth();
  const client = useQueryClient();
  return useQuery({
    queryKey: ['import-job', token, id],
    queryFn: async ({ signal }) => {
      const job = await request<ImportJob>(`/api/imports/jobs/${encodeURIComponent(id ?? '')}`, { signal });
      // A finished import changes the runs and everything counted from the listens.
      if (isFinished(job))
        await client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'import-job' });
      return job;
    },
    enabled: id !== null,
    refetchInterval: (q) => (isFinished(q.state.data) ? false : POLL_MS),
  });
}

export function useRuns(user: string) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['import-runs', token, user],
    queryFn: ({ signal }) => apiGet('/api/imports', { user, limit: 50 }, { signal }),
  });
}

export function useRejected(user: string, runIds: readonly number[]) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['import-rejected', token, user, runIds.join(',')],
    queryFn: async ({ signal }) => {
      const pages = await Promise.all(
        runIds.map((run) => apiGet('/api/imports/rejected', { user, run, limit: 1000 }, { signal })),
      );
      return pages.flatMap((p) => p.records);
    },
    enabled: runIds.length > 0,
  });
}

export function useUndo() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, dryRun }: { id: number; dryRun: boolean }) =>
      request<UndoAnswer>(`/api/imports/${id}?dry_run=${dryRun ? 'true' : 'false'}`, { method: 'DELETE' }),
    onSuccess: async (answer) => {
      if (!answer.dryRun) await client.invalidateQueries();
    },
  });
}
