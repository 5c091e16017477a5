/**
 * Discogs' database search (formats.md §4.2–4.3): a release's cover and its genres and styles, an
 * artist's image. Every request carries the personal token (`Authorization: Discogs token=…`) and
 * an identifying User-Agent; 60 requests a minute with a token.
 */
import type { EnrichHttp } from '../http/http-client.js';

export interface DiscogsHit {
  coverImage: string | null;
  thumb: string | null;
  genres: string[];
  styles: string[];
  title: string;
}

type Json = Record<string, unknown>;

/** Discogs writes "Artist - Title" and disambiguates artists with "(2)": compared loosely. */
const loose = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\s\(\d+\)/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');

export class DiscogsClient {
  constructor(
    private readonly http: EnrichHttp,
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** The best search hit for a release (by artist and title) or an artist; null when none fits, 'failed' without an answer. */
  async search(
    query: { type: 'release'; artist: string | null; title: string } | { type: 'artist'; name: string },
    signal?: AbortSignal,
  ): Promise<DiscogsHit | null | 'failed'> {
    const params = new URLSearchParams({ type: query.type, per_page: '5' });
    if (query.type === 'release') {
      params.set('release_title', query.title);
      if (query.artist) params.set('artist', query.artist);
    } else params.set('q', query.name);
    const url = `${this.baseUrl}/database/search?${params.toString()}`;
    const answer = await this.http.request(
      { service: 'discogs', url, headers: { authorization: `Discogs token=${this.token}` }, expect: 'json' },
      signal,
    );
    if (answer.outcome === 'failed') return 'failed';
    if (answer.outcome !== 'found') return null;
    let body: Json;
    try {
      body = JSON.parse(answer.text) as Json;
    } catch {
      return null;
    }
    const results = Array.isArray(body.results) ? (body.results as Json[]) : [];
    const want = query.type === 'release' ? loose(query.title) : loose(query.name);
    const hit = results.find((r) => {
      const title = typeof r.title === 'string' ? r.title : '';
      const own = query.type === 'release' ? title.split(' - ').slice(1).join(' - ') || title : title;
      return loose(own) === want;
    });
    if (!hit) return null;
    const strings = (v: unknown) =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    return {
      coverImage: typeof hit.cover_image === 'string' && hit.cover_image !== '' ? hit.cover_image : null,
      thumb: typeof hit.thumb === 'string' && hit.thumb !== '' ? hit.thumb : null,
      genres: strings(hit.genre),
      styles: strings(hit.style),
      title: String(hit.title),
    };
  }
}
