// The listen event on the Kafka topic (docs/listen-event.schema.json): its envelope checked with zod,
// a listen's track_metadata by the very rules of `POST /1/submit-listens`, then by the write path's
// own (time window, names) as the submitter applies them. Pure: bytes in, an event or a reason out.
import { z } from 'zod';
import type { ListenDraft } from '../domain/listen.js';
import { USER_NAME } from '../domain/user.js';
import { validateListen as validateSubmittedListen } from '../sources/listenbrainz/validate-submission.js';
import { FUTURE_TOLERANCE_MS, validateListen } from '../ingest/validate.js';

export const EVENT_TYPES = ['listen', 'playing_now', 'like', 'share', 'skip'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The optional context a producer may add; platform and country are stored with the listen. */
const context = {
  platform: z.string().max(100).optional(),
  device: z.string().max(100).optional(),
  /** ISO 3166-1 alpha-2. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'country must be an ISO 3166-1 alpha-2 code in capitals, like "DE"')
    .optional(),
  genre: z.string().max(100).optional(),
};

export const listenEventSchema = z
  .object({
    event_id: z.string().min(1, 'event_id is empty').max(200),
    event_type: z.enum(EVENT_TYPES, {
      error: (issue) =>
        `event_type ${JSON.stringify(issue.input)} is unknown: use one of ${EVENT_TYPES.join(', ')}`,
    }),
    user_name: z.string().regex(USER_NAME, 'user_name must be letters, digits, . _ - (at most 64)'),
    /** Unix seconds, the start of the play. */
    listened_at: z.number().int('listened_at must be whole Unix seconds'),
    track_metadata: z.record(z.string(), z.unknown()),
    ...context,
  })
  .strict();

export type ListenEvent = z.infer<typeof listenEventSchema>;

export type ParsedEvent =
  | { ok: true; event: ListenEvent; listen: { draft: ListenDraft; raw: string } | null }
  | { ok: false; reason: string };

/**
 * One message value to an event. Only `listen` events become listens (`listen` is then set); the
 * other types are valid events the lake keeps but the store does not. A reason names the field and
 * what to send instead.
 */
export function parseEvent(bytes: Buffer | string | null, nowMs: number): ParsedEvent {
  if (bytes === null) return { ok: false, reason: 'the message has no value' };
  const text = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `invalid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const checked = listenEventSchema.safeParse(doc);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, reason: `${where}${issue.message}` };
  }
  const event = checked.data;
  if (event.event_type !== 'listen') return { ok: true, event, listen: null };
  const submitted = validateSubmittedListen(
    { listened_at: event.listened_at, track_metadata: event.track_metadata },
    'single',
    nowMs,
  );
  if (typeof submitted === 'string') return { ok: false, reason: submitted };
  const draft: ListenDraft = {
    ...submitted.draft,
    platform: event.platform ?? null,
    country: event.country ?? null,
  };
  const valid = validateListen(draft, nowMs, FUTURE_TOLERANCE_MS);
  if (!valid.ok) return { ok: false, reason: valid.message };
  return { ok: true, event, listen: { draft: valid.listen, raw: text } };
}
