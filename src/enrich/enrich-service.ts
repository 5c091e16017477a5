/**
 * Enrichment in batches: covers (Cover Art Archive → Discogs → Spotify, in the configured order),
 * genres (MusicBrainz genres and tags first — the local catalogue's, else its web service's —, then
 * Discogs styles, then the keyword fallback), descriptions (an OpenAI-compatible endpoint, else
 * the template), and the covers of the Discogs collection (each release's primary image, from
 * Discogs' release endpoint; the PDF catalogue shows them). Each task takes the entities it has not
 * done (the most played, or the collection's most recently added); what it did is recorded per
 * entity (enrich_done) and every answer is cached (EnrichHttp), so batches resume where they
 * stopped and a restart asks nothing twice. Nothing here holds the write connection while it waits
 * for a service: every write is one short statement.
 */
import type { Database } from '../store/database.js';
import {
  DISCOGS_RELEASE,
  enrichProgress,
  findCollectionCoverTargets,
  findEnrichTargets,
  findLocalFacts,
  findLocalTags,
  markDone,
  storeArtwork,
  storeDescription,
  storeGenres,
  type ArtworkRow,
  type EnrichTarget,
  type EnrichTask,
  type GenreRow,
  type TaskProgress,
} from '../store/enrich-repository.js';
import { genresFromDiscogs, genresFromVotes, keywordGenres, type WeightedGenre } from './genre-tree.js';
import type { EnrichHttp, ServiceName } from './http/http-client.js';
import type { ImageStore } from './image-store.js';
import type { CoverArtArchiveClient } from './services/cover-art-archive.js';
import type { DiscogsClient } from './services/discogs.js';
import { templateDescription, type LlmClient } from './services/llm.js';
import type { MusicBrainzClient } from './services/musicbrainz.js';
import type { SpotifyClient } from './services/spotify.js';

export const ENRICH_TASKS = [
  'covers',
  'genres',
  'descriptions',
  'collection-covers',
] as const satisfies readonly EnrichTask[];
export type CoverSource = 'coverartarchive' | 'discogs' | 'spotify';

/** Days before an entity where nothing was found is tried again (services gain covers and tags). */
const NONE_RETRY_MS = 30 * 86_400_000;
/** After a failure (a service down): a day. */
const FAILED_RETRY_MS = 86_400_000;

export interface EnrichClients {
  http: EnrichHttp;
  images: ImageStore;
  musicbrainz: MusicBrainzClient;
  coverArt: CoverArtArchiveClient;
  /** Null when no token is configured. */
  discogs: DiscogsClient | null;
  /** Null without a client id and secret. */
  spotify: SpotifyClient | null;
  /** Null without an endpoint: descriptions use the template. */
  llm: LlmClient | null;
}

export interface EnrichOptions {
  coverSources: readonly CoverSource[];
  batchSize: number;
  now: () => number;
}

export interface TaskBatchReport {
  task: EnrichTask;
  done: number;
  found: number;
  none: number;
  failed: number;
  /** Which source gave each found item, counted. */
  bySource: Record<string, number>;
  /** Why the task did nothing this time (a service it needs is not configured). */
  skipped?: string;
}

export interface EnrichBatchReport {
  tasks: TaskBatchReport[];
  /** Requests sent, answered from the cache, retried (this process, so far). */
  http: { sent: number; cached: number; retried: number };
  progress: TaskProgress[];
  seconds: number;
}

export class EnrichService {
  private running: Promise<EnrichBatchReport> | null = null;
  private lastReport: EnrichBatchReport | null = null;

  constructor(
    private readonly dbs: { reads: Database; writes: Database },
    private readonly clients: EnrichClients,
    private readonly options: EnrichOptions,
  ) {}

  get last(): EnrichBatchReport | null {
    return this.lastReport;
  }

  get busy(): boolean {
    return this.running !== null;
  }

  progress(): Promise<TaskProgress[]> {
    return enrichProgress(this.dbs.reads, this.options.now());
  }

  /** One batch of each task asked (all by default); a second call while one runs waits for it. */
  runBatch(
    options: { only?: EnrichTask; limit?: number; signal?: AbortSignal } = {},
  ): Promise<EnrichBatchReport> {
    this.running ??= this.batch(options).finally(() => (this.running = null));
    return this.running;
  }

  private async batch(options: {
    only?: EnrichTask;
    limit?: number;
    signal?: AbortSignal;
  }): Promise<EnrichBatchReport> {
    const started = Date.now();
    const tasks: TaskBatchReport[] = [];
    for (const task of options.only ? [options.only] : ENRICH_TASKS) {
      if (options.signal?.aborted) break;
      tasks.push(await this.runTask(task, options.limit ?? this.options.batchSize, options.signal));
    }
    const report: EnrichBatchReport = {
      tasks,
      http: { ...this.clients.http.stats },
      progress: await this.progress(),
      seconds: (Date.now() - started) / 1000,
    };
    this.lastReport = report;
    return report;
  }

  private async runTask(task: EnrichTask, limit: number, signal?: AbortSignal): Promise<TaskBatchReport> {
    const report: TaskBatchReport = { task, done: 0, found: 0, none: 0, failed: 0, bySource: {} };
    if (task === 'collection-covers') return this.collectionCovers(report, limit, signal);
    const entities: EnrichTarget['entity'][] =
      task === 'covers' ? ['release-group', 'release', 'artist'] : ['release-group', 'release', 'artist'];
    const targets = await findEnrichTargets(this.dbs.reads, {
      task,
      entities,
      limit,
      now: this.options.now(),
    });
    for (const target of targets) {
      if (signal?.aborted) break;
      let outcome: { result: 'found' | 'none' | 'failed'; source?: string };
      try {
        outcome =
          task === 'covers'
            ? await this.cover(target, signal)
            : task === 'genres'
              ? await this.genres(target, signal)
              : await this.describe(target, signal);
      } catch (err) {
        if (signal?.aborted) break;
        // Credentials refused: the task cannot go on; what is done is kept.
        throw err;
      }
      const now = this.options.now();
      await markDone(this.dbs.writes, {
        task,
        entity: target.entity,
        mbid: target.mbid,
        outcome: outcome.result,
        now,
        retryAt:
          outcome.result === 'found'
            ? null
            : now + (outcome.result === 'none' ? NONE_RETRY_MS : FAILED_RETRY_MS),
      });
      report.done++;
      report[outcome.result]++;
      if (outcome.source) report.bySource[outcome.source] = (report.bySource[outcome.source] ?? 0) + 1;
    }
    return report;
  }

  /**
   * Covers of the Discogs collection: for each release not looked at yet, its primary image (full
   * and 150-pixel thumbnail) from `GET /releases/{id}`, stored once by content hash and recorded as
   * the artwork of 'discogs-release' {id}. Needs the Discogs token (Discogs lists a release's images
   * only to an authenticated caller); without it the task waits, marking nothing, and says so when
   * there is a collection to do.
   */
  private async collectionCovers(
    report: TaskBatchReport,
    limit: number,
    signal?: AbortSignal,
  ): Promise<TaskBatchReport> {
    const ids = await findCollectionCoverTargets(this.dbs.reads, { limit, now: this.options.now() });
    const discogs = this.clients.discogs;
    if (ids.length === 0) return report;
    if (!discogs)
      return {
        ...report,
        skipped:
          'collection covers come from Discogs: set enrich.discogsToken (LISTENHOUSE_DISCOGS_TOKEN) to fetch them',
      };
    for (const id of ids) {
      if (signal?.aborted) break;
      const mbid = String(id);
      let result: 'found' | 'none' | 'failed';
      const urls = await discogs.releaseCover(id, signal);
      if (signal?.aborted) break;
      if (urls === 'failed') result = 'failed';
      else if (!urls) result = 'none';
      else {
        const full = await this.download('discogs', urls.full, signal);
        const thumb = urls.thumb ? await this.download('discogs', urls.thumb, signal) : null;
        if (signal?.aborted) break;
        if (!full && !thumb) result = 'failed';
        else {
          await storeArtwork(this.dbs.writes, [
            {
              entity: DISCOGS_RELEASE,
              mbid,
              size: 'full',
              hash: (full ?? thumb)!,
              source: 'discogs',
              sourceUrl: full ? urls.full : urls.thumb,
            },
            {
              entity: DISCOGS_RELEASE,
              mbid,
              size: 'thumb',
              hash: (thumb ?? full)!,
              source: 'discogs',
              sourceUrl: thumb ? urls.thumb : urls.full,
            },
          ]);
          result = 'found';
        }
      }
      const now = this.options.now();
      await markDone(this.dbs.writes, {
        task: 'collection-covers',
        entity: DISCOGS_RELEASE,
        mbid,
        outcome: result,
        now,
        retryAt: result === 'found' ? null : now + (result === 'none' ? NONE_RETRY_MS : FAILED_RETRY_MS),
      });
      report.done++;
      report[result]++;
      if (result === 'found') report.bySource.discogs = (report.bySource.discogs ?? 0) + 1;
    }
    return report;
  }

  /** The first source in the configured order that has an image. */
  private async cover(
    target: EnrichTarget,
    signal?: AbortSignal,
  ): Promise<{ result: 'found' | 'none' | 'failed'; source?: string }> {
    let failed = false;
    for (const source of this.options.coverSources) {
      const urls = await this.coverUrls(source, target, signal);
      if (urls === 'failed') {
        failed = true;
        continue;
      }
      if (!urls) continue;
      const service: ServiceName = source;
      const full = await this.download(service, urls.full, signal);
      if (!full) {
        failed = true;
        continue;
      }
      const thumb = urls.thumb ? await this.download(service, urls.thumb, signal) : null;
      const rows: ArtworkRow[] = [
        { entity: target.entity, mbid: target.mbid, size: 'full', hash: full, source, sourceUrl: urls.full },
        {
          entity: target.entity,
          mbid: target.mbid,
          size: 'thumb',
          hash: thumb ?? full,
          source,
          sourceUrl: urls.thumb ?? urls.full,
        },
      ];
      await storeArtwork(this.dbs.writes, rows);
      return { result: 'found', source };
    }
    return { result: failed ? 'failed' : 'none' };
  }

  private async coverUrls(
    source: CoverSource,
    target: EnrichTarget,
    signal?: AbortSignal,
  ): Promise<{ full: string; thumb: string | null } | null | 'failed'> {
    const isArtist = target.entity === 'artist';
    switch (source) {
      case 'coverartarchive':
        if (isArtist) return null;
        return this.clients.coverArt.front(
          {
            releaseMbid: target.releaseMbid,
            releaseGroupMbid: target.entity === 'release-group' ? target.mbid : null,
          },
          signal,
        );
      case 'discogs': {
        const discogs = this.clients.discogs;
        if (!discogs) return null;
        const hit = await discogs.search(
          isArtist
            ? { type: 'artist', name: target.title }
            : { type: 'release', artist: target.artist, title: target.title },
          signal,
        );
        if (hit === 'failed') return 'failed';
        return hit?.coverImage ? { full: hit.coverImage, thumb: hit.thumb } : null;
      }
      case 'spotify': {
        const spotify = this.clients.spotify;
        if (!spotify) return null;
        return spotify.image(
          isArtist
            ? { type: 'artist', name: target.title }
            : { type: 'album', title: target.title, artist: target.artist },
          signal,
        );
      }
    }
  }

  /** An image's content hash: downloaded once per URL, stored once per content. */
  private async download(service: ServiceName, url: string, signal?: AbortSignal): Promise<string | null> {
    const key = `image ${url}`;
    const known = await this.clients.http.cachedBody(service, key);
    if (known) return known;
    const answer = await this.clients.http.request({ service, url, expect: 'bytes', cacheKey: null }, signal);
    if (answer.outcome !== 'found' || !answer.bytes) return null;
    const image = await this.clients.images.save(answer.bytes);
    if (!image) return null;
    await this.clients.http.rememberBody(service, key, image.hash);
    return image.hash;
  }

  private async genres(
    target: EnrichTarget,
    signal?: AbortSignal,
  ): Promise<{ result: 'found' | 'none' | 'failed'; source?: string }> {
    let genres: WeightedGenre[] = [];
    let source: GenreRow['source'] = 'musicbrainz';
    const local = await findLocalTags(this.dbs.reads, target);
    if (local.length > 0) genres = genresFromVotes(local);
    else {
      const remote = await this.clients.musicbrainz.votes(target.entity, target.mbid, signal);
      if (remote) genres = genresFromVotes(remote);
    }
    if (genres.length === 0 && this.clients.discogs && target.entity !== 'artist') {
      const hit = await this.clients.discogs.search(
        { type: 'release', artist: target.artist, title: target.title },
        signal,
      );
      if (hit && hit !== 'failed') {
        genres = genresFromDiscogs(hit.genres, hit.styles);
        source = 'discogs';
      }
    }
    if (genres.length === 0) {
      const facts = await findLocalFacts(this.dbs.reads, target);
      genres = keywordGenres({
        title: target.title,
        artist: target.artist,
        type: facts?.type ?? null,
        secondaryTypes: facts?.secondaryTypes ?? [],
      });
      source = 'keyword';
    }
    if (genres.length === 0) return { result: 'none' };
    await storeGenres(
      this.dbs.writes,
      target,
      genres.map((g) => ({ genre: g.genre, subgenre: g.subgenre, weight: g.weight, source })),
    );
    return { result: 'found', source };
  }

  private async describe(
    target: EnrichTarget,
    signal?: AbortSignal,
  ): Promise<{ result: 'found' | 'none' | 'failed'; source?: string }> {
    const facts = await findLocalFacts(this.dbs.reads, target);
    const subject = {
      entity: target.entity,
      title: target.title,
      artist: target.artist,
      year: target.year,
      genres: [],
      type: facts?.type ?? null,
      country: facts?.country ?? null,
    };
    const written = this.clients.llm ? await this.clients.llm.describe(subject, signal) : 'unknown';
    const now = this.options.now();
    if (written !== 'unknown' && written !== 'failed') {
      await storeDescription(this.dbs.writes, {
        ...target,
        text: written.text,
        source: 'llm',
        model: this.clients.llm!.model,
        now,
      });
      return { result: 'found', source: 'llm' };
    }
    await storeDescription(this.dbs.writes, {
      ...target,
      text: templateDescription(subject),
      source: 'template',
      model: null,
      now,
    });
    // The endpoint did not answer: the template stands in, and the endpoint is asked again later.
    return { result: written === 'failed' ? 'failed' : 'found', source: 'template' };
  }
}
