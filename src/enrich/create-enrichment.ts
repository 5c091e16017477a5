/**
 * Enrichment built from its configuration section: one HTTP layer with each service's pace, the
 * clients of the services that are configured (Discogs needs a token, Spotify a client id and
 * secret, descriptions an endpoint), the image store, and the service that runs batches.
 */
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config/index.js';
import type { Database } from '../store/database.js';
import { EnrichService, type CoverSource } from './enrich-service.js';
import { EnrichHttp, userAgentOf } from './http/http-client.js';
import { ImageStore } from './image-store.js';
import { CoverArtArchiveClient } from './services/cover-art-archive.js';
import { DiscogsClient } from './services/discogs.js';
import { LlmClient } from './services/llm.js';
import { MusicBrainzClient } from './services/musicbrainz.js';
import { SpotifyClient } from './services/spotify.js';

export interface Enrichment {
  service: EnrichService;
  images: ImageStore;
  http: EnrichHttp;
  /** The OpenAI-compatible chat endpoint (enrich.llmUrl), or null when none is configured. */
  llm: LlmClient | null;
}

export function createEnrichment(options: {
  reads: Database;
  writes: Database;
  settings: Config['enrich'];
  /** The database file: images go beside it unless enrich.imagesDir says otherwise. */
  dbPath: string;
  version: string;
  now: () => number;
}): Enrichment {
  const s = options.settings;
  const second = 1000;
  const http = new EnrichHttp(
    options.writes,
    {
      userAgent: userAgentOf(options.version, s.contact),
      timeoutMs: s.timeoutSeconds * second,
      retries: s.retries,
      services: {
        musicbrainz: { rate: { limit: s.musicbrainzPerSecond, windowMs: second } },
        coverartarchive: { rate: { limit: s.coverArtPerSecond, windowMs: second } },
        discogs: { rate: { limit: s.discogsPerMinute, windowMs: 60 * second } },
        spotify: { rate: { limit: s.spotifyPerSecond, windowMs: second } },
        llm: { rate: { limit: s.llmPerMinute, windowMs: 60 * second } },
      },
    },
    options.now,
  );
  const imagesDir =
    s.imagesDir ??
    (options.dbPath === ':memory:'
      ? resolve('data', 'images')
      : join(dirname(resolve(options.dbPath)), 'images'));
  const images = new ImageStore(options.writes, imagesDir, options.now);
  const llm = s.llmUrl
    ? new LlmClient(http, { url: s.llmUrl, model: s.llmModel, key: s.llmKey ?? null })
    : null;
  const coverSources = s.coverSources.split(',').map((x) => x.trim()) as CoverSource[];
  const service = new EnrichService(
    { reads: options.reads, writes: options.writes },
    {
      http,
      images,
      musicbrainz: new MusicBrainzClient(http, s.musicbrainzUrl.replace(/\/$/, '')),
      coverArt: new CoverArtArchiveClient(http, s.coverArtUrl.replace(/\/$/, '')),
      discogs: s.discogsToken
        ? new DiscogsClient(http, s.discogsUrl.replace(/\/$/, ''), s.discogsToken)
        : null,
      spotify:
        s.spotifyClientId && s.spotifyClientSecret
          ? new SpotifyClient(
              http,
              { api: s.spotifyUrl.replace(/\/$/, ''), accounts: s.spotifyAccountsUrl.replace(/\/$/, '') },
              { id: s.spotifyClientId, secret: s.spotifyClientSecret },
              options.now,
            )
          : null,
      llm,
    },
    { coverSources, batchSize: s.batchSize, now: options.now },
  );
  return { service, images, http, llm };
}
