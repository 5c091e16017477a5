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
