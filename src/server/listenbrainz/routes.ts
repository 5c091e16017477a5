import type { ListenPublisher } from '../../stream/listen-publisher.js';
import type { FastifyInstance } from 'fastify';
import type { ListenDraft } from '../../domain/listen.js';
import { normaliseNames } from '../../domain/normalise.js';
import { validateListen as validateForStore } from '../../ingest/validate.js';
import type { ListenSubmitter } from '../../ingest/submit-service.js';
import type { Store } from '../../store/index.js';
import { Access, lbError } from './access.js';
import { tokenOf } from '../token.js';
import { registerListenBrainzEditRoutes } from './edit-routes.js';
import { listListens } from './listen-queries.js';
import { playingNowTrackMetadata } from './listen-shape.js';
import { recordingMsid } from '../../domain/msid.js';
import { PLAYING_NOW_MAX_S, type PlayingNowBoard, type PlayingNowEntry } from '../../ingest/now-playing.js';
import { registerListenBrainzStatsRoutes } from './stats-routes.js';
import { registerListenBrainzRecommendationRoutes } from './recommendation-routes.js';
import { MAX_PAYLOAD_BYTES, validateSubmission } from '../../sources/listenbrainz/validate-submission.js';

const MAX_ITEMS_PER_GET = 1000;
const DEFAULT_ITEMS_PER_GET = 25;
/** ListenBrainz allows listens stamped up to an hour ahead of its clock. */
const FUTURE_TOLERANCE_MS = 3_600_000;
/**
 * Bodies up to this size are read, so that a body over ListenBrainz's 10,240,000-byte limit gets
 * ListenBrainz's "Payload too large" message; larger ones get a bare 413 without being buffered.
 */
const SUBMIT_BODY_LIMIT = 3 * MAX_PAYLOAD_BYTES;

export interface ListenBrainzDeps {
  /** The write connection: submissions go through `submitter`, edits through `store.transaction`. */
  store: Store;
  submitter: ListenSubmitter;
  now: () => number;
  /** What each user plays now: the one board the Last.fm API and the live sources share. */
  playingNow: PlayingNowBoard;
  /** With `serve --publish-to-kafka`: listens are published to Kafka instead of written. */
  publisher?: ListenPublisher | undefined;
}

type Obj = Record<string, unknown>;

/** ListenBrainz API v1 at the root path (`/1/...`): clients drop any path prefix from the base URL. */
export function registerListenBrainzRoutes(app: FastifyInstance, deps: ListenBrainzDeps): void {
  const { store, submitter } = deps;
  // Reads use their own connection: they never wait behind, or see into, a write in progress.
  const reads = store.reader();
  const access = new Access(reads);
  const playingNow = deps.playingNow;

  registerListenBrainzStatsRoutes(app, { store: reads, now: deps.now, access });
  registerListenBrainzEditRoutes(app, { store, now: deps.now, access, playingNow });
  registerListenBrainzRecommendationRoutes(app, { store, reads, now: deps.now, access });

  app.get('/1/validate-token', async (request, reply) => {
    const token = tokenOf(request);
    if (!token) return lbError(reply, 400, 'You need to provide an Authorization token.');
    const user = await reads.tokens.findUser(token);
    return user
      ? { code: 200, message: 'Token valid.', valid: true, user_name: user.name }
      : { code: 200, message: 'Token invalid.', valid: false };
  });

  app.post<{ Querystring: { return_msid?: string } }>(
    '/1/submit-listens',
    { bodyLimit: SUBMIT_BODY_LIMIT },
    async (request, reply) => {
      const user = await access.authenticate(request, reply);
      if (!user) return reply;
      const returnMsid = request.query.return_msid?.toLowerCase() ?? 'false';
      if (returnMsid !== 'true' && returnMsid !== 'false') {
        return lbError(reply, 400, `Invalid return_msid argument: ${request.query.return_msid}`);
      }
      const body = typeof request.body === 'string' ? request.body : '';
      const now = deps.now();
      const checked = validateSubmission(body, now);
      if (!checked.ok) return lbError(reply, checked.status, checked.error, checked.listen ?? {});

      // The store's own checks (name lengths, its earliest date) run here too, before anything is
      // written: a listen ListenBrainz would take but the store would not still rejects the whole request.
      const validated: ListenDraft[] = [];
      for (const [index, item] of checked.listens.entries()) {
        const valid = validateForStore(item.draft, now, FUTURE_TOLERANCE_MS);
        if (!valid.ok) {
          return lbError(reply, 400, `Listen ${index + 1}: ${valid.message}.`, JSON.parse(item.raw) as Obj);
        }
        validated.push(valid.listen);
      }

      if (checked.listenType === 'playing_now') {
        const item = checked.listens[0]!;
        const names = normaliseNames(validated[0]!);
        const msid = recordingMsid({
          artist: names.artistCredit,
          track: names.track,
          release: names.release,
        });
        const submitted = (JSON.parse(item.raw) as { track_metadata: Obj }).track_metadata;
        const trackMetadata = playingNowTrackMetadata(submitted, msid);
        const info = trackMetadata.additional_info;
        const seconds =
          typeof info.duration === 'number'
            ? info.duration
            : typeof info.duration_ms === 'number'
              ? Math.floor(info.duration_ms / 1000)
              : PLAYING_NOW_MAX_S;
        const client = typeof info.submission_client === 'string' ? info.submission_client : null;
        const release = typeof trackMetadata.release_name === 'string' ? trackMetadata.release_name : null;
        playingNow.set(
          user.id,
          {
            track: {
              artist: trackMetadata.artist_name,
              track: trackMetadata.track_name,
              release,
              durationS: seconds === PLAYING_NOW_MAX_S ? null : seconds,
            },
            client,
            via: 'listenbrainz',
            trackMetadata: { ...trackMetadata },
          },
          now,
          seconds,
        );
        return returnMsid === 'true' ? { status: 'ok', recording_msid: msid } : { status: 'ok' };
      }
      if (deps.publisher) {
        // A 200 means acknowledged by every in-sync broker; the consumers do the writing.
        try {
          await deps.publisher.publish(user.name, checked.listens);
        } catch (err) {
          return lbError(
            reply,
            503,
            `The listens could not be published to Kafka topic ${deps.publisher.topic} (${(err as Error).message}): none was accepted, send them again.`,
          );
        }
        return { status: 'ok' };
      }
      // A 200 means committed: the submitter resolves after the transaction.
      const outcome = await submitter.submit({
        userId: user.id,
        listens: checked.listens,
        source: 'listenbrainz',
        format: 'listenbrainz-api',
        now,
        futureToleranceMs: FUTURE_TOLERANCE_MS,
      });
      if (outcome.rejected.length > 0) {
        // Unreachable while the checks above match the submitter's; kept so a mismatch is an error, not a silent 200.
        return lbError(reply, 400, outcome.rejected[0]!.message);
      }
      return { status: 'ok' };
    },
  );

  app.get<{ Params: { user: string }; Querystring: { min_ts?: string; max_ts?: string; count?: string } }>(
    '/1/user/:user/listens',
    async (request, reply) => {
      const user = await access.readable(request.params.user, request, reply);
      if (!user) return reply;
      const parse = (name: 'min_ts' | 'max_ts') => {
        const raw = request.query[name];
        if (raw === undefined || raw === '') return { value: undefined };
        return /^\s*\d+\s*$/.test(raw)
          ? { value: Number(raw) }
          : { error: `Incorrect ${name} timestamp argument: ${raw}` };
      };
      const min = parse('min_ts');
      const max = parse('max_ts');
      if (min.error || max.error) return lbError(reply, 400, (min.error ?? max.error)!);
      if (min.value !== undefined && max.value !== undefined && max.value <= min.value) {
        return lbError(reply, 400, 'max_ts should be greater than min_ts');
      }
      const countRaw = request.query.count || String(DEFAULT_ITEMS_PER_GET);
      if (!/^\s*[+-]?\d+\s*$/.test(countRaw) || Number(countRaw) < 0) {
        return lbError(reply, 400, `Number of items requested should be a positive integer: ${countRaw}`);
      }
      const count = Math.min(Number(countRaw), MAX_ITEMS_PER_GET);
      const listens = await listListens(reads, {
        userId: user.id,
        userName: user.name,
        ...(min.value !== undefined ? { minTs: min.value } : {}),
        ...(max.value !== undefined ? { maxTs: max.value } : {}),
        count,
      });
      const bounds = await reads.listens.bounds(user.id);
      return {
        payload: {
          count: listens.length,
          user_id: user.name,
          latest_listen_ts: bounds.latest,
          oldest_listen_ts: bounds.oldest,
          listens,
        },
      };
    },
  );

  app.get<{ Params: { user: string } }>('/1/user/:user/listen-count', async (request, reply) => {
    const user = await access.readable(request.params.user, request, reply);
    if (!user) return reply;
    return { payload: { count: (await reads.listens.bounds(user.id)).count } };
  });

  app.get<{ Params: { user: string } }>('/1/user/:user/playing-now', async (request, reply) => {
    const user = await access.readable(request.params.user, request, reply);
    if (!user) return reply;
    const live = playingNow.get(user.id, deps.now());
    return {
      payload: {
        count: live ? 1 : 0,
        user_id: user.name,
        playing_now: true,
        listens: live
          ? [{ track_metadata: trackMetadataOf(live), user_name: user.name, playing_now: true }]
          : [],
      },
    };
  });
}

/**
 * The ListenBrainz shape of what plays now: as its client sent it, or, when the Last.fm API or a
 * live source set it, built from the track with the MSID ListenBrainz would give it.
 */
function trackMetadataOf(entry: PlayingNowEntry): Record<string, unknown> {
  if (entry.trackMetadata) return entry.trackMetadata;
  const { artist, track, release, durationS } = entry.track;
  const names = normaliseNames({ artist, track, release });
  const info: Obj = {
    recording_msid: recordingMsid({ artist: names.artistCredit, track: names.track, release: names.release }),
  };
  if (durationS !== null) info.duration = durationS;
  if (entry.client) info.submission_client = entry.client;
  return {
    artist_name: artist,
    track_name: track,
    ...(release ? { release_name: release } : {}),
    additional_info: info,
  };
}
