/**
 * Spotify's Web API: album covers and artist images by search, with an app token from the
 * client-credentials flow (kept in memory only, renewed before it expires; never cached or logged).
 */
import type { EnrichHttp } from '../http/http-client.js';

type Json = Record<string, unknown>;

export interface SpotifyImage {
  full: string;
  thumb: string | null;
}

const loose = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');

export class SpotifyClient {
  private token: { value: string; expires: number } | null = null;

  constructor(
    private readonly http: EnrichHttp,
    private readonly urls: { api: string; accounts: string },
    private readonly credentials: { id: string; secret: string },
    private readonly clock: () => number = Date.now,
  ) {}

  private async bearer(signal?: AbortSignal): Promise<string | null> {
    if (this.token && this.token.expires > this.clock() + 60_000) return this.token.value;
    const basic = Buffer.from(`${this.credentials.id}:${this.credentials.secret}`).toString('base64');
    const answer = await this.http.request(
      {
        service: 'spotify',
        url: `${this.urls.accounts}/api/token`,
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
        cacheKey: null,
        expect: 'json',
      },
      signal,
    );
    if (answer.outcome !== 'found') return null;
    const body = JSON.parse(answer.text) as Json;
    if (typeof body.access_token !== 'string') return null;
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    this.token = { value: body.access_token, expires: this.clock() + seconds * 1000 };
    return this.token.value;
  }

  /** An album's cover (by title and artist) or an artist's image (by name); null when no hit fits, 'failed' without an answer. */
  async image(
    query: { type: 'album'; title: string; artist: string | null } | { type: 'artist'; name: string },
    signal?: AbortSignal,
  ): Promise<SpotifyImage | null | 'failed'> {
    const q =
      query.type === 'album'
        ? `album:${query.title}${query.artist ? ` artist:${query.artist}` : ''}`
        : `artist:${query.name}`;
    const url = `${this.urls.api}/search?${new URLSearchParams({ q, type: query.type, limit: '5' }).toString()}`;
    const token = await this.bearer(signal);
    if (!token) return 'failed';
    // The answer is cached under the URL alone: the token is a header, never part of the key.
    const answer = await this.http.request(
      { service: 'spotify', url, headers: { authorization: `Bearer ${token}` }, expect: 'json' },
      signal,
    );
    if (answer.outcome === 'failed') return 'failed';
    if (answer.outcome !== 'found') return null;
    const body = JSON.parse(answer.text) as Json;
    const page = (query.type === 'album' ? body.albums : body.artists) as Json | undefined;
    const items = Array.isArray(page?.items) ? (page.items as Json[]) : [];
    const want = loose(query.type === 'album' ? query.title : query.name);
    const hit = items.find((i) => typeof i.name === 'string' && loose(i.name) === want);
    const images = Array.isArray(hit?.images) ? (hit.images as Json[]) : [];
    const sized = images
      .filter((i) => typeof i.url === 'string')
      .map((i) => ({ url: String(i.url), width: typeof i.width === 'number' ? i.width : 0 }))
      .sort((a, b) => b.width - a.width);
    if (sized.length === 0) return null;
    const thumb = sized.find((i) => i.width > 0 && i.width <= 320) ?? sized.at(-1)!;
    return { full: sized[0]!.url, thumb: thumb.url === sized[0]!.url ? null : thumb.url };
  }
}
