/** The Pipeline page's data: the batch metrics of a day (or range), their runs, the consumers' lag. */
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../api/client';
import { useAuth } from '../../../app/auth';

export function useGoldMetrics(range: { from?: string; to?: string }) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['streaming-metrics', range.from ?? null, range.to ?? null, token],
    queryFn: ({ signal }) => apiGet('/api/streaming/metrics', { ...range, limit: 10 }, { signal }),
  });
}

export function useMetricRuns() {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['streaming-runs', token],
    queryFn: ({ signal }) => apiGet('/api/streaming/runs', { limit: 30 }, { signal }),
  });
}

export function useConsumerState() {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['streaming-consumer', token],
    queryFn: ({ signal }) => apiGet('/api/streaming/consumer', { limit: 500 }, { signal }),
  });
}
