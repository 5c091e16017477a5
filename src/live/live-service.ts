/**
 * Live sources, the same for every kind: connections per user (settings checked by the source's
 * schema; credentials sealed, never returned or logged), one poll loop per polled connection inside
 * `serve` with backoff (doubling from the poll interval, never sooner than a Retry-After) and its
 * state recorded (last success, failing since, the error), and pushes from players' webhooks. Every
 * play goes through the submitter — the one write path — with the source's own `source` and
 * `format`, so the same play polled twice is stored once and a play from two ways merges.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../domain/errors.js';
import type { SecretBox } from '../domain/secret-box.js';
import { fetchText, HttpFailure } from '../http/request.js';
import type { PlayingNowBoard } from '../ingest/now-playing.js';
import type { ListenSubmitter } from '../ingest/submit-service.js';
import type { LiveConnectionRow, Store } from '../store/index.js';
import { LIVE_KINDS, liveSource } from './registry.js';
import type { LiveCapabilities, LivePlay, LiveSource, PushRequest } from './types.js';

/** Plays may be stamped up to an hour ahead of our clock, as the scrobble APIs allow. */
const FUTURE_TOLERANCE_MS = 3_600_000;

export interface LiveSettings {
  pollMs: number;
  timeoutMs: number;
  maxBackoffMs: number;
  /** Pause between two pages of a back-fill (politeness to the service). */
  pageGapMs: number;
}

export interface LiveDeps {
  store: Store;
  submitter: ListenSubmitter;
  playingNow: PlayingNowBoard;
  credentials: () => SecretBox;
  now: () => number;
  settings: LiveSettings;
}

export type ConnectionStatus = 'new' | 'ok' | 'failing' | 'push';

/** A connection as the API, the CLI and the page show it: never a credential. */
export interface ConnectionView {
  id: number;
  user: string;
  kind: string;
  title: string;
  capabilities: LiveCapabilities;
  settings: Record<string, unknown>;
  /** Names of the credentials stored (their values are never shown). */
  credentials: string[];
  status: ConnectionStatus;
  /** ISO times. */
  createdAt: string;
  lastSuccess: string | null;
  failingSince: string | null;
  lastError: string | null;
  failures: number;
  plays: number;
  progress: string | null;
  /** When the next poll is due (ISO), while this process polls it. */
  nextPollAt: string | null;
}

export interface NewConnection {
  connection: ConnectionView;
  /** For a push source: the path to give the player, with its secret (shown only now). */
  hookPath?: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

function schemaMessage(
  what: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  return issues
    .map((i) => `${what}${i.path.length ? `.${i.path.map(String).join('.')}` : ''}: ${i.message}`)
    .join('; ');
}

export class LiveService {
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly running = new Map<number, Promise<unknown>>();
  private readonly progress = new Map<number, string>();
  private readonly nextPoll = new Map<number, number>();
  private readonly aborter = new AbortController();
  /** What each push connection remembers between its pushes (Plex: when a track started). */
  private readonly memories = new Map<number, Map<string, number>>();
  /** Followed connections (Roon) while the server runs. */
  private readonly follows = new Map<number, { stop(): Promise<void> }>();
  private started = false;
  private stopped = false;
  private log: (message: string, err?: unknown) => void = () => undefined;

  constructor(private readonly deps: LiveDeps) {}

  kinds(): { kind: string; title: string; capabilities: LiveCapabilities }[] {
    return LIVE_KINDS().map((kind) => {
      const source = liveSource(kind)!;
      return { kind, title: source.title, capabilities: source.capabilities };
    });
  }

  private sourceOf(kind: string): LiveSource<unknown, unknown> {
    const source = liveSource(kind);
    if (!source)
      throw new AppError(
        'INVALID_INPUT',
        `Unknown live source "${kind}": use one of ${LIVE_KINDS().join(', ')}.`,
      );
    return source;
  }

  /** Adds a connection for the user; its settings and credentials are checked by the source's schemas. */
  async add(input: {
    userId: number;
    kind: string;
    settings: Record<string, unknown>;
    credentials: Record<string, unknown>;
  }): Promise<NewConnection> {
    const source = this.sourceOf(input.kind);
    const settings = source.settingsSchema.safeParse(input.settings);
    if (!settings.success)
      throw new AppError('INVALID_INPUT', schemaMessage('settings', settings.error.issues));
    const credentials = source.credentialsSchema.safeParse(input.credentials);
    if (!credentials.success)
      throw new AppError('INVALID_INPUT', schemaMessage('credentials', credentials.error.issues));
    const secret = source.capabilities.push ? randomBytes(24).toString('base64url') : null;
    const hasCredentials = Object.keys(credentials.data as object).length > 0;
    const row = await this.deps.store.liveConnections.add({
      userId: input.userId,
      kind: source.kind,
      settings: JSON.stringify(settings.data),
      credentials: hasCredentials ? this.deps.credentials().seal(JSON.stringify(credentials.data)) : null,
      hookHash: secret === null ? null : hashOf(secret),
      now: this.deps.now(),
    });
    if (this.started && !this.stopped && source.capabilities.poll) this.schedule(row.id, 0);
    if (this.started && !this.stopped && source.follow) this.follow(row, source);
    const connection = await this.view(row);
    return secret === null ? { connection } : { connection, hookPath: `/api/hooks/${source.kind}/${secret}` };
  }

  async list(userId?: number): Promise<ConnectionView[]> {
    const rows = await this.deps.store.liveConnections.list(userId);
    return Promise.all(rows.map((row) => this.view(row)));
  }

  /** The connection, if it exists and (with `userId`) belongs to that user. */
  async find(id: number, userId?: number): Promise<LiveConnectionRow> {
    const row = await this.deps.store.liveConnections.find(id);
    if (!row || (userId !== undefined && row.userId !== userId))
      throw new AppError('NOT_FOUND', `No connection ${id}: \`listenhouse connections\` lists them.`);
    return row;
  }

  async get(id: number, userId?: number): Promise<ConnectionView> {
    return this.view(await this.find(id, userId));
  }

  /** Removes the connection and stops its polling; its stored listens stay. */
  async remove(id: number, userId?: number): Promise<void> {
    await this.find(id, userId);
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    await this.running.get(id);
    await this.follows.get(id)?.stop();
    this.follows.delete(id);
    await this.deps.store.liveConnections.remove(id);
    this.progress.delete(id);
    this.nextPoll.delete(id);
    this.memories.delete(id);
  }

  private async view(row: LiveConnectionRow): Promise<ConnectionView> {
    const source = this.sourceOf(row.kind);
    const user = (await this.deps.store.reader().users.list()).find((u) => u.id === row.userId);
    const credentialNames =
      row.credentials === null
        ? []
        : Object.keys(JSON.parse(this.deps.credentials().open(row.credentials)) as Record<string, unknown>);
    const status: ConnectionStatus =
      row.failingSince !== null
        ? 'failing'
        : row.lastSuccess !== null
          ? 'ok'
          : source.capabilities.poll
            ? 'new'
            : 'push';
    return {
      id: row.id,
      user: user?.name ?? String(row.userId),
      kind: row.kind,
      title: source.title,
      capabilities: source.capabilities,
      settings: JSON.parse(row.settings) as Record<string, unknown>,
      credentials: credentialNames,
      status,
      createdAt: iso(row.createdAt)!,
      lastSuccess: iso(row.lastSuccess),
      failingSince: iso(row.failingSince),
      lastError: row.lastError,
      failures: row.failures,
      plays: row.plays,
      progress: this.progress.get(row.id) ?? null,
      nextPollAt: iso(this.nextPoll.get(row.id) ?? null),
    };
  }

  private storeFor(row: LiveConnectionRow, source: LiveSource<unknown, unknown>, count: { plays: number }) {
    return async (plays: readonly LivePlay[]) => {
      if (plays.length === 0) return;
      const outcome = await this.deps.submitter.submit({
        userId: row.userId,
        listens: plays,
        source: source.source,
        format: source.format,
        now: this.deps.now(),
        futureToleranceMs: FUTURE_TOLERANCE_MS,
      });
      count.plays += outcome.accepted;
    };
  }

  private nowPlayingFor(row: LiveConnectionRow, source: LiveSource<unknown, unknown>) {
    const via = `live:${source.kind}`;
    return (track: Parameters<PlayingNowBoard['set']>[1]['track'] | null) => {
      const now = this.deps.now();
      if (track === null) this.deps.playingNow.clear(row.userId, now, { via });
      else
        this.deps.playingNow.set(row.userId, { track, client: source.title, via, trackMetadata: null }, now);
    };
  }

  /**
   * One poll of the connection, now: fetch, store, save the cursor, record the state. Returns the
   * delay until the next one (ms): the page gap while a back-fill has more, the poll interval once
   * caught up, a growing backoff (at least the Retry-After) after a failure; null when the
   * connection is gone or cannot be polled.
   */
  async pollOnce(id: number): Promise<number | null> {
    const row = await this.deps.store.liveConnections.find(id);
    if (!row) return null;
    const source = this.sourceOf(row.kind);
    if (!source.poll) return null;
    const { settings } = this.deps;
    const count = { plays: 0 };
    try {
      const credentials: unknown =
        row.credentials === null ? {} : JSON.parse(this.deps.credentials().open(row.credentials));
      const result = await source.poll({
        settings: JSON.parse(row.settings) as unknown,
        credentials,
        cursor: row.cursor === null ? null : (JSON.parse(row.cursor) as unknown),
        now: this.deps.now,
        http: (call) =>
          fetchText({ ...call, timeoutMs: settings.timeoutMs, signal: this.aborter.signal }, this.deps.now),
        store: this.storeFor(row, source, count),
        saveCursor: (cursor) => this.deps.store.liveConnections.saveCursor(id, JSON.stringify(cursor)),
        saveCredentials: (next) =>
          this.deps.store.liveConnections.saveCredentials(
            id,
            this.deps.credentials().seal(JSON.stringify(next)),
          ),
        nowPlaying: this.nowPlayingFor(row, source),
      });
      await this.deps.store.liveConnections.recordSuccess(id, { now: this.deps.now(), plays: count.plays });
      if (result.progress) this.progress.set(id, result.progress);
      return result.more ? settings.pageGapMs : (source.pollEveryMs ?? settings.pollMs);
    } catch (err) {
      if (this.aborter.signal.aborted) return null;
      const message = err instanceof Error ? err.message : String(err);
      await this.deps.store.liveConnections.recordFailure(id, {
        now: this.deps.now(),
        error: message,
        plays: count.plays,
      });
      const failures = row.failures + 1;
      const backoff = Math.min(settings.maxBackoffMs, settings.pollMs * 2 ** Math.min(20, failures - 1));
      const asked = err instanceof HttpFailure ? (err.retryAfterMs ?? 0) : 0;
      this.log(
        `live source ${row.kind} (connection ${id}) failed: ${message}; next try in ${Math.round(Math.max(backoff, asked) / 1000)} s`,
      );
      return Math.max(backoff, asked);
    }
  }

  private schedule(id: number, delayMs: number): void {
    clearTimeout(this.timers.get(id));
    this.nextPoll.set(id, this.deps.now() + delayMs);
    const timer = setTimeout(() => {
      this.timers.delete(id);
      const run = this.pollOnce(id)
        .catch((err: unknown) => {
          this.log(`live source connection ${id}: the poll could not record its state`, err);
          return this.deps.settings.maxBackoffMs;
        })
        .then((next) => {
          this.running.delete(id);
          if (next === null) this.nextPoll.delete(id);
          else if (!this.stopped) this.schedule(id, next);
        });
      this.running.set(id, run);
    }, delayMs);
    timer.unref();
    this.timers.set(id, timer);
  }

  /** Follows a long-lived connection (Roon): its plays stored as they count, its failures recorded. */
  private follow(row: LiveConnectionRow, source: LiveSource<unknown, unknown>): void {
    if (!source.follow || this.follows.has(row.id)) return;
    const id = row.id;
    const failed = (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      this.log(`live source ${row.kind} (connection ${id}): ${message}`);
      this.deps.store.liveConnections
        .recordFailure(id, { now: this.deps.now(), error: message, plays: 0 })
        .catch((e: unknown) => this.log(`live source connection ${id}: could not record its state`, e));
    };
    try {
      const credentials: unknown =
        row.credentials === null ? {} : JSON.parse(this.deps.credentials().open(row.credentials));
      const store = async (plays: readonly LivePlay[]) => {
        const count = { plays: 0 };
        await this.storeFor(row, source, count)(plays);
        await this.deps.store.liveConnections.recordSuccess(id, { now: this.deps.now(), plays: count.plays });
      };
      this.follows.set(
        id,
        source.follow({
          settings: JSON.parse(row.settings) as unknown,
          credentials,
          now: this.deps.now,
          store,
          saveCredentials: (next) =>
            this.deps.store.liveConnections.saveCredentials(
              id,
              this.deps.credentials().seal(JSON.stringify(next)),
            ),
          nowPlaying: this.nowPlayingFor(row, source),
          connected: () =>
            void this.deps.store.liveConnections
              .recordSuccess(id, { now: this.deps.now(), plays: 0 })
              .catch((e: unknown) => this.log(`live source connection ${id}: could not record its state`, e)),
          failed,
        }),
      );
    } catch (err) {
      failed(err);
    }
  }

  /** Starts polling every polled connection (the server calls it once it holds the database). */
  async start(log?: (message: string, err?: unknown) => void): Promise<void> {
    if (this.started || this.stopped) return;
    this.started = true;
    if (log) this.log = log;
    for (const row of await this.deps.store.liveConnections.list()) {
      const source = liveSource(row.kind);
      if (source?.capabilities.poll) this.schedule(row.id, 0);
      if (source?.follow) this.follow(row, source);
    }
  }

  /** Stops polling; a poll under way is abandoned (its committed pages and cursor stay). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.aborter.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running.values(), ...[...this.follows.values()].map((f) => f.stop())]);
    this.follows.clear();
  }

  /** A push to `/api/hooks/<kind>/<secret>`: NOT_FOUND unless a connection of that kind has that secret. */
  async push(kind: string, secret: string, request: PushRequest): Promise<{ plays: number; note: string }> {
    const source = liveSource(kind);
    const row = source?.push ? await this.deps.store.liveConnections.findByHook(kind, hashOf(secret)) : null;
    if (!source?.push || !row)
      throw new AppError('NOT_FOUND', 'No webhook at this address: check the URL the connection gave.');
    const count = { plays: 0 };
    try {
      let memory = this.memories.get(row.id);
      if (!memory) this.memories.set(row.id, (memory = new Map<string, number>()));
      const answer = await source.push(request, {
        settings: JSON.parse(row.settings) as unknown,
        memory,
        now: this.deps.now,
        store: this.storeFor(row, source, count),
        nowPlaying: this.nowPlayingFor(row, source),
      });
      await this.deps.store.liveConnections.recordSuccess(row.id, {
        now: this.deps.now(),
        plays: count.plays,
      });
      return answer;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.deps.store.liveConnections.recordFailure(row.id, {
        now: this.deps.now(),
        error: message,
        plays: count.plays,
      });
      throw err;
    }
  }
}
