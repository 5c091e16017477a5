import type { Store } from '../../store/index.js';
import { type ListenRange } from '../../store/index.js';
import { apiListen } from './listen-shape.js';

export type ApiListen = ReturnType<typeof apiListen>;

/**
 * Listens in ListenBrainz's shape, newest first. The API speaks whole epoch seconds: a listen's
 * `listened_at` is its start rounded down, and the bounds are exclusive in those seconds. With only
 * `minTs` the listens right after it are taken (so a client pages forward), then returned newest first.
 */
export async function listListens(
  store: Store,
  q: ListenRange & { userName: string; count: number },
): Promise<ApiListen[]> {
  const ascending = q.minTs !== undefined && q.maxTs === undefined;
  const rows = await store.listens.list({ ...q, oldestFirst: ascending });
  if (ascending) rows.reverse();
  return rows.map((r) => apiListen(r, q.userName));
}
