import type { Database } from '../../store/database.js';
import { listStoredListens, type ListenRange } from '../../store/listen-range-repository.js';
import { apiListen } from './listen-shape.js';

export type ApiListen = ReturnType<typeof apiListen>;

/**
 * Listens in ListenBrainz's shape, newest first. The API speaks whole epoch seconds: a listen's
 * `listened_at` is its start rounded down, and the bounds are exclusive in those seconds. With only
 * `minTs` the listens right after it are taken (so a client pages forward), then returned newest first.
 */
export async function listListens(
  db: Database,
  q: ListenRange & { userName: string; count: number },
): Promise<ApiListen[]> {
  const ascending = q.minTs !== undefined && q.maxTs === undefined;
  const rows = await listStoredListens(db, { ...q, oldestFirst: ascending });
  if (ascending) rows.reverse();
  return rows.map((r) => apiListen(r, q.userName));
}
