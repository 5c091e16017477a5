/** One artist, release or track over the period (GET /api/stats/entity/{kind}/{id}). */
import { useQuery } from '@tanstack/react-query';
import { getJson, queryString } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useAuth } from '../../../app/auth';
import type { EntityKind } from '../../../lib/entity-link';

type EntityOperation = paths['/api/stats/entity/{kind}/{id}']['get'];
export type EntityAnswer = EntityOperation['responses'][200]['content']['application/json'];

export function useEntity(user: string, kind: EntityKind, id: number | null, range: string) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['entity', token, user, kind, id, range],
    // apiGet takes paths without parameters; this one has two, filled in here.
    queryFn: ({ signal }) =>
      getJson<EntityAnswer>(`/api/stats/entity/${kind}/${id ?? 0}${queryString({ user, range })}`, signal),
    enabled: id !== null,
  });
}

type EntityCatalogueOperation = paths['/api/catalog/entity/{kind}/{id}']['get'];
export type EntityCatalogueAnswer = EntityCatalogueOperation['responses'][200]['content']['application/json'];

/** Its artwork, genres and description, from matching and enrichment (GET /api/catalog/entity/{kind}/{id}). */
export function useEntityCatalogue(user: string, kind: EntityKind, id: number | null) {
  const { token } = useAuth();
  return useQuery({
    queryKey: ['entity-catalogue', token, user, kind, id],
    queryFn: ({ signal }) =>
      getJson<EntityCatalogueAnswer>(
        `/api/catalog/entity/${kind}/${id ?? 0}${queryString({ user })}`,
        signal,
      ),
    enabled: id !== null,
  });
}
