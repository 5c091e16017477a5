/**
 * The recommendations page's data: a user's list for one entity (with explanations), the "not
 * interested" feedback, a radio playlist and its JSPF file, and retraining for an admin.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend, queryString, request, type Answer } from '../../../api/client';
import { useAuth } from '../../../app/auth';
import { queryClient, type PageRequest } from '../../../app/query-client';
import { entityFrom, type Entity } from '../recommendation-shaping';

export const LIST_LENGTH = 25;

export type RecommendationList = Answer<'/api/recommendations'>;
export type Playlist = Answer<'/api/recommendations/radio'>;
export type RadioSeed = { artist: number } | { recording: number };

export const recommendationsQuery = (token: string | null, user: string, entity: Entity) =>
  queryOptions({
    queryKey: ['recommendations', token, user, entity],
    queryFn: ({ signal }) =>
      apiGet('/api/recommendations', { user, entity, limit: LIST_LENGTH }, { signal, token }),
  });

export function useRecommendations(user: string, entity: Entity) {
  return useQuery(recommendationsQuery(useAuth().token, user, entity));
}

/** The route loader's prefetch: the list of the entity in the URL. */
export function prefetchRecommendations(request: PageRequest): void {
  void queryClient.prefetchQuery(
    recommendationsQuery(request.token, request.user, entityFrom(request.search)),
  );
}

export function useNotInterested(user: string, entity: Entity) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (itemId: number) =>
      apiSend('post', '/api/recommendations/feedback', {
        body: { user, entity, itemId, feedback: 'not_interested' },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['recommendations'] }),
  });
}

export function useRadio(user: string, seed: RadioSeed | null) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['radio', token, user, seed],
    queryFn: ({ signal }) =>
      apiGet('/api/recommendations/radio', { user, count: 25, ...seed }, { signal, token }),
    enabled: seed !== null,
  });
}

/** The playlist as a JSPF file the browser saves (the request carries the token, a link could not). */
export async function downloadJspf(user: string, seed: RadioSeed, title: string): Promise<void> {
  const jspf = await request<unknown>(
    `/api/recommendations/radio.jspf${queryString({ user, count: 25, ...seed })}`,
  );
  const blob = new Blob([JSON.stringify(jspf, null, 2)], { type: 'application/json' });
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = `${
    title
      .replace(/[^\p{L}\p{N} _-]+/gu, '')
      .trim()
      .replace(/\s+/g, '-') || 'radio'
  }.jspf`;
  a.click();
  URL.revokeObjectURL(href);
}

export function useRetrain() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (entity: Entity) =>
      apiSend('post', '/api/recommendations/retrain', { body: { entity, force: false } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['recommendations'] }),
  });
}
