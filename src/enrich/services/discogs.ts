/**
 * Discogs' database search (formats.md §4.2–4.3): a release's cover and its genres and styles, an
 * artist's image; and a release by its id (`GET /releases/{id}`), whose `images` give the cover of a
 * collection item. Every request carries the personal token (`Authorization: Discogs token=…`; a
 * release's images are only listed to an authenticated caller) and an identifying User-Agent; 60
 * requests a minute with a token.
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

export interface DiscogsReleaseCover {
  /** The image in full (`uri`). */
  full: string;
  /** Its 150-pixel version (`uri150`), when listed. */
  thumb: string | null;
  /** The release's API URL (kept as the source). */
  from: string;
}

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

  /**
   * The cover of a release by its Discogs id: the primary image, else the first one listed. Null
   * when the release has no image or is unknown (404); 'failed' without an answer.
   */
  async releaseCover(
    releaseId: number,
    signal?: AbortSignal,
  ): Promise<DiscogsReleaseCover | null | 'failed'> {
    const url = `${this.baseUrl}/releases/${releaseId}`;
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
    const images = (Array.isArray(body.images) ? (body.images as unknown[]) : []).filter(
      (i): i is Json =>
        typeof i === 'object' && i !== null && typeof (i as Json).uri === 'string' && (i as Json).uri !== '',
    );
    const image = images.find((i) => i.type === 'primary') ?? images[0];
    if (!image) return null;
    const thumb = typeof image.uri150 === 'string' && image.uri150 !== '' ? image.uri150 : null;
    return { full: image.uri as string, thumb, from: url };
  }
}
