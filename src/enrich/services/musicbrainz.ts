/**
 * MusicBrainz's web service (formats.md §5.2), for entities the local catalogue does not hold (a
 * listen matched by a submitted MBID before any dump was imported): their genres and tags with votes.
 * One request a second to musicbrainz.org, a User-Agent with a contact (the HTTP layer sends both).
 */
import type { EnrichHttp } from '../http/http-client.js';

export interface Vote {
  name: string;
  count: number;
  isGenre: boolean;
}

type Json = Record<string, unknown>;

export class MusicBrainzClient {
  constructor(
    private readonly http: EnrichHttp,
    private readonly baseUrl: string,
  ) {}

  /** Genres and tags of an artist, release group or release; null when MusicBrainz has none to give. */
  async votes(
    entity: 'artist' | 'release-group' | 'release',
    mbid: string,
    signal?: AbortSignal,
  ): Promise<Vote[] | null> {
    const answer = await this.http.request(
      {
        service: 'musicbrainz',
        url: `${this.baseUrl}/${entity}/${mbid}?inc=genres+tags&fmt=json`,
        expect: 'json',
      },
      signal,
    );
    if (answer.outcome !== 'found') return null;
    const body = parse(answer.text);
    if (!body) return null;
    const list = (field: string, isGenre: boolean): Vote[] =>
      (Array.isArray(body[field]) ? (body[field] as Json[]) : [])
        .filter((t) => typeof t.name === 'string')
        .map((t) => ({ name: String(t.name), count: typeof t.count === 'number' ? t.count : 0, isGenre }));
    return [...list('genres', true), ...list('tags', false)];
  }
}

function parse(text: string): Json | null {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Json) : null;
  } catch {
    return null;
  }
}
