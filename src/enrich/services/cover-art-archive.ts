/**
 * The Cover Art Archive (formats.md §5.4): `GET /release/{mbid}/` lists a release's images with
 * their thumbnails; a release group's representative art at `/release-group/{mbid}/`. 404 means no
 * art (cached as such by the HTTP layer).
 */
import type { EnrichHttp } from '../http/http-client.js';

export interface CoverUrls {
  full: string;
  thumb: string | null;
  /** The page that lists them (kept as the source). */
  from: string;
}

type Json = Record<string, unknown>;

export class CoverArtArchiveClient {
  constructor(
    private readonly http: EnrichHttp,
    private readonly baseUrl: string,
  ) {}

  /** The front cover of a release, else of its release group; 'failed' when the archive did not answer. */
  async front(
    target: { releaseMbid: string | null; releaseGroupMbid: string | null },
    signal?: AbortSignal,
  ): Promise<CoverUrls | null | 'failed'> {
    const asks: string[] = [];
    if (target.releaseMbid) asks.push(`${this.baseUrl}/release/${target.releaseMbid}/`);
    if (target.releaseGroupMbid) asks.push(`${this.baseUrl}/release-group/${target.releaseGroupMbid}/`);
    let failed = false;
    for (const url of asks) {
      const answer = await this.http.request({ service: 'coverartarchive', url, expect: 'json' }, signal);
      if (answer.outcome === 'failed') failed = true;
      if (answer.outcome !== 'found') continue;
      const found = frontOf(answer.text);
      if (found) return { ...found, from: url };
    }
    return failed ? 'failed' : null;
  }
}

function frontOf(text: string): { full: string; thumb: string | null } | null {
  let body: Json;
  try {
    body = JSON.parse(text) as Json;
  } catch {
    return null;
  }
  const images = Array.isArray(body.images) ? (body.images as Json[]) : [];
  const front =
    images.find((i) => i.front === true) ??
    images.find((i) => Array.isArray(i.types) && (i.types as unknown[]).includes('Front'));
  if (!front || typeof front.image !== 'string') return null;
  const thumbs =
    typeof front.thumbnails === 'object' && front.thumbnails !== null ? (front.thumbnails as Json) : {};
  const thumb =
    [thumbs['250'], thumbs.small, thumbs['500'], thumbs.large].find(
      (t): t is string => typeof t === 'string',
    ) ?? null;
  const full = [thumbs['1200'], thumbs['500'], front.image].find((t): t is string => typeof t === 'string')!;
  return { full, thumb };
}
