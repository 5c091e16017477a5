/**
 * The token a request carries, read the same way by every API: `Authorization: <word> <token>` (the
 * word is ignored, as ListenBrainz does: `Token`, `Bearer`, …), or `?token=` as some clients send it.
 */
import type { FastifyRequest } from 'fastify';

export type HeaderToken =
  | { kind: 'token'; token: string }
  /** No Authorization header (or an empty one). */
  | { kind: 'absent' }
  /** A header without a token after its first word. */
  | { kind: 'malformed' };

export function headerToken(request: FastifyRequest): HeaderToken {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return { kind: 'absent' };
  const space = header.indexOf(' ');
  const token = space < 0 ? '' : header.slice(space + 1).trim();
  return token ? { kind: 'token', token } : { kind: 'malformed' };
}

export function queryToken(request: FastifyRequest): string | null {
  const token = (request.query as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' && token.trim() !== '' ? token.trim() : null;
}

/** The request's token: the header's when it has one, else `?token=`; null without either. */
export function tokenOf(request: FastifyRequest): string | null {
  const header = headerToken(request);
  return header.kind === 'token' ? header.token : queryToken(request);
}
