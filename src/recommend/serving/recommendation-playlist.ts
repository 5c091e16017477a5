/**
 * A user's recommended recordings as a playlist (export with jspf.ts): the list the API serves
 * (/api/recommendations, feedback and recent plays left out), in its order, each track carrying the
 * recommendation's reason.
 */
import { AppError } from '../../domain/errors.js';
import type { User } from '../../domain/user.js';
import type { Database } from '../../store/index.js';
import { tracksOfRecordings, type PlaylistTrack } from './radio.js';
import type { RecommendationService } from './recommendation-service.js';

export interface RecommendationPlaylist {
  title: string;
  user: string;
  model: { id: number; kind: string; trainedAt: string };
  /** When the list was computed (ISO-8601 UTC). */
  computedAt: string;
  tracks: PlaylistTrack[];
}

export async function recommendationPlaylist(input: {
  service: RecommendationService;
  reads: Database;
  user: User;
  limit: number;
}): Promise<RecommendationPlaylist> {
  const list = await input.service.list(input.user, 'recording', { limit: input.limit, offset: 0 });
  if (!list.model)
    throw new AppError(
      'NOT_FOUND',
      'No recording model is trained yet, so there are no recommendations to export: ' +
        '`listenhouse recommend retrain --entity recording` trains one.',
    );
  if (!list.computedAt)
    throw new AppError(
      'NOT_FOUND',
      `The recording model (#${list.model.id}) has no recommendations for "${input.user.name}": it suggests ` +
        'what other listeners on this server with similar histories played, and there is nothing to suggest ' +
        'yet (a server with one listener, or every recording it knows already played). Recommendations ' +
        'appear once more listeners share this server: then `listenhouse recommend retrain --entity recording`.',
    );
  const tracks = await tracksOfRecordings(
    input.reads,
    list.items.map((r) => ({ id: r.item.id, reason: r.reason })),
  );
  return {
    title: `Recommended recordings for ${input.user.name}`,
    user: input.user.name,
    model: list.model,
    computedAt: list.computedAt,
    tracks,
  };
}
