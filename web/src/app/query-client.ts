/**
 * The dashboard's one query cache. It lives outside React so that a route's loader can start a
 * page's requests the moment the URL is known, while the page's code is still downloading
 * (routes.tsx); the page's hooks then find them in flight.
 */
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx will not change by asking again; a network failure or a 5xx may.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

/** What a page's prefetch knows before any of its code runs: the URL and the stored token. */
export interface PageRequest {
  user: string;
  search: URLSearchParams;
  token: string | null;
}
