// The ListenBrainz mutations other than submitting (reference §1.1 "Other mutations"):
// delete-listen, playing-now/delete and latest-import.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Store } from '../../store/index.js';
import { lbError, type Access } from './access.js';
import { canonicalUuid, recordingMsid } from '../../domain/msid.js';
import type { PlayingNowBoard } from '../../ingest/now-playing.js';
import { toInt } from '../../sources/listenbrainz/validate-submission.js';

/** ListenBrainz's ExternalServiceType names: what `service` may be (any case). */
export const IMPORT_SERVICES = [
  'spotify',
  'critiquebrainz',
  'musicbrainz',
  'lastfm',
  'librefm',
  'soundcloud',
  'apple',
  'musicbrainz_prod',
  'musicbrainz_beta',
  'musicbrainz_test',
] as const;

/** Latest instant a timestamp may name (9999-12-31T23:59:59Z): beyond it no listen can be. */
const MAX_EPOCH_S = 253_402_300_799;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How a submitted value reads in an error message: strings as they are, anything else as JSON. */
const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function jsonBody(request: FastifyRequest): { value: unknown } | { error: string } {
  const text = typeof request.body === 'string' ? request.body : '';
  if (text.trim() === '') return { value: undefined };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (err) {
    return { error: `Cannot parse JSON document: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function importService(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const service = value.toLowerCase();
  return (IMPORT_SERVICES as readonly string[]).includes(service) ? service : null;
}

export function registerListenBrainzEditRoutes(
  app: FastifyInstance,
  deps: { store: Store; now: () => number; access: Access; playingNow: PlayingNowBoard },
): void {
  const { store, access } = deps;

  /**
   * Deletes the token user's listen that started in that second with that MSID, at once and for
   * good (ListenBrainz only schedules it). `{"status":"ok"}` also when no such listen exists, as
   * on ListenBrainz, so a client that retries gets the same answer.
   */
  app.post('/1/delete-listen', async (request, reply) => {
    const user = await access.authenticate(request, reply);
    if (!user) return reply;
    const body = jsonBody(request);
    if ('error' in body) return lbError(reply, 400, body.error);
    const data = body.value;
    if (!isObj(data)) {
      return lbError(
        reply,
        400,
        'Invalid JSON document submitted: send {"listened_at": …, "recording_msid": …}.',
      );
    }
    if (!('listened_at' in data)) return lbError(reply, 400, 'Listen timestamp missing.');
    const listenedAt = toInt(data.listened_at);
    if (listenedAt === null)
      return lbError(reply, 400, `${shown(data.listened_at)}: Listen timestamp invalid.`);
    if (!('recording_msid' in data)) return lbError(reply, 400, 'Recording MSID missing.');
    const msid = canonicalUuid(data.recording_msid);
    if (msid === null) {
      return lbError(reply, 400, `${shown(data.recording_msid)}: Recording MSID format invalid.`);
    }
    if (listenedAt >= 0 && listenedAt <= MAX_EPOCH_S) {
      // One transaction on the write connection: the listen found is the listen deleted.
      await store.transaction(async () => {
        const candidates = await store.listens.startedIn({
          userId: user.id,
          fromMs: listenedAt * 1000,
          toMs: (listenedAt + 1) * 1000,
        });
        const ids = candidates.filter((l) => recordingMsid(l) === msid).map((l) => l.id);
        await store.listens.delete(user.id, ids);
      });
    }
    return { status: 'ok' };
  });

  app.post('/1/playing-now/delete', async (request, reply) => {
    const user = await access.authenticate(request, reply);
    if (!user) return reply;
    const body = jsonBody(request);
    if ('error' in body) return lbError(reply, 400, body.error);
    const data = body.value;
    if (data !== undefined && data !== null && !isObj(data)) {
      return lbError(reply, 400, 'Invalid JSON document submitted: send {"client": …} or nothing.');
    }
    const client = isObj(data) ? data.client : undefined;
    if (client !== undefined && client !== null && typeof client !== 'string') {
      return lbError(reply, 400, 'client must be a string: the submission_client of the playing now listen.');
    }
    const cleared = deps.playingNow.clear(user.id, deps.now(), client ? { client } : {});
    if (cleared === 'other-client') {
      return lbError(
        reply,
        404,
        `Nothing is playing from ${String(client)}: another client sent what is playing now.`,
      );
    }
    return {
      status: 'ok',
      message: cleared === 'cleared' ? 'Playing now cleared successfully' : 'Playing now was already cleared',
    };
  });

  app.get<{ Querystring: { user_name?: string; service?: string } }>(
    '/1/latest-import',
    async (request, reply) => {
      const serviceName = request.query.service ?? 'lastfm';
      const service = importService(serviceName);
      if (!service) return lbError(reply, 404, `Service does not exist: ${serviceName}`);
      const user = await access.readable(request.query.user_name ?? '', request, reply);
      if (!user) return reply;
      return {
        musicbrainz_id: user.name,
        latest_import: await store.reader().listens.latestImport(user.id, service),
        // ListenBrainz reports its own background importer here; listenhouse runs none for these services.
        status: null,
        error: null,
      };
    },
  );

  app.post('/1/latest-import', async (request, reply) => {
    const user = await access.authenticate(request, reply);
    if (!user) return reply;
    const body = jsonBody(request);
    const invalid = (why: string) => lbError(reply, 400, `Invalid data sent: ${why}`);
    if ('error' in body) return invalid(body.error);
    const data = body.value;
    if (!isObj(data)) return invalid('send {"ts": <Unix time>, "service": "lastfm"}.');
    const ts = 'ts' in data ? toInt(data.ts) : 0;
    if (ts === null || ts > MAX_EPOCH_S)
      return invalid(`ts ${shown(data.ts)} is not a Unix time in seconds.`);
    const service = importService('service' in data ? data.service : 'lastfm');
    if (!service)
      return invalid(`service ${shown(data.service)} is not one of ${IMPORT_SERVICES.join(', ')}.`);
    // It only moves forward: an earlier time (or none, 0) leaves the stored one.
    if (ts > 0) await store.listens.advanceLatestImport({ userId: user.id, service, epochSeconds: ts });
    return { status: 'ok' };
  });
}
