/**
 * What a live source is: what it can do, its settings (with the service's URL, so a self-hosted
 * instance or a test's local server stands in) and credentials as zod schemas, and for a polled
 * source one `poll`. Everything else — storing plays through the one write path, the cursor, the
 * schedule, backoff, state — is the same for every source and lives in live-poller.ts.
 */
import type { z } from 'zod';
import type { ListenDraft, SourceName } from '../domain/listen.js';
import type { HttpCall, HttpText } from '../http/request.js';
import type { NowPlayingTrack } from '../ingest/now-playing.js';

export interface LiveCapabilities {
  /** Polled on a schedule. */
  poll: boolean;
  /** Pushes to `/api/hooks/<kind>/<secret>`. */
  push: boolean;
  /** Reports what plays now. */
  nowPlaying: boolean;
  /** Can fetch the history before the connection was made. */
  backfill: boolean;
}

/** One play as a live source hands it over: the draft and the record it came from. */
export interface LivePlay {
  draft: ListenDraft;
  raw: string;
}

export interface PollContext<S, C> {
  readonly settings: S;
  readonly credentials: C;
  /** The cursor saved by the last poll (parsed JSON); null the first time. */
  readonly cursor: unknown;
  readonly now: () => number;
  /** A request with the configured timeout (throws HttpFailure: status and Retry-After). */
  http(call: Omit<HttpCall, 'timeoutMs' | 'signal'>): Promise<HttpText>;
  /** Stores plays through the one write path; resolves once committed. */
  store(plays: readonly LivePlay[]): Promise<void>;
  /** Saves the cursor; call after the plays it covers are stored. */
  saveCursor(cursor: unknown): Promise<void>;
  /** Replaces the credentials (a refreshed token), sealed again. */
  saveCredentials(credentials: C): Promise<void>;
  /** What plays now on the service; null: nothing (clears only what this source set). */
  nowPlaying(track: NowPlayingTrack | null): void;
}

export interface PollResult {
  /** More to fetch now (a back-fill page); false once caught up: the next poll waits its interval. */
  more: boolean;
  /** Progress in words for the connections page ("back-fill: page 4 of 12"). */
  progress?: string;
}

export interface PushContext<S> {
  readonly settings: S;
  /** What this connection remembers between pushes while the server runs (in memory). */
  readonly memory: Map<string, number>;
  readonly now: () => number;
  store(plays: readonly LivePlay[]): Promise<void>;
  nowPlaying(track: NowPlayingTrack | null): void;
}

/** What a followed source (a long-lived connection: Roon) is given while the server runs. */
export interface FollowContext<S, C> {
  readonly settings: S;
  readonly credentials: C;
  readonly now: () => number;
  /** Stores plays through the one write path (and records the connection's success). */
  store(plays: readonly LivePlay[]): Promise<void>;
  saveCredentials(credentials: C): Promise<void>;
  nowPlaying(track: NowPlayingTrack | null): void;
  /** The connection works (paired, subscribed): recorded as a success. */
  readonly connected: () => void;
  /** Records a failure (the connection shows it); the source keeps trying by itself. */
  readonly failed: (error: unknown) => void;
}

/** A request pushed to the source's hook, as the route read it. */
export interface PushRequest {
  contentType: string;
  /** The body as text (JSON as sent); empty for a multipart body. */
  body: string;
  /** The fields of a multipart body (Plex: `payload`); files are read and dropped. */
  fields: Record<string, string>;
}

export interface LiveSource<S = unknown, C = unknown> {
  readonly kind: string;
  readonly title: string;
  /** Provenance of its plays (`listens.source`). */
  readonly source: SourceName;
  /** Its format (`listens.format`): two sources of one play merge, the same source twice is one. */
  readonly format: string;
  readonly capabilities: LiveCapabilities;
  readonly settingsSchema: z.ZodType<S>;
  readonly credentialsSchema: z.ZodType<C>;
  /** Its own poll interval once caught up (a now-playing poll must be frequent); default: live.pollSeconds. */
  readonly pollEveryMs?: number;
  /** One poll: fetch, store, save the cursor. Throwing marks the connection failing (it backs off). */
  poll?(context: PollContext<S, C>): Promise<PollResult>;
  /** Follows a long-lived connection while the server runs (Roon); `stop` ends it. */
  follow?(context: FollowContext<S, C>): { stop(): Promise<void> };
  /** One pushed request; what it answers is `{ handled, note }`. */
  push?(request: PushRequest, context: PushContext<S>): Promise<{ plays: number; note: string }>;
}
