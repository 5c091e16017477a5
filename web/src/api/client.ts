/**
 * Typed GETs on the REST API: paths, query parameters and answers come from schema.d.ts, which
 * `npm run gen` generates from openapi.json. A failure is an ApiError carrying the server's own
 * message, which the pages show as it is.
 */
import type { components, paths } from './schema';
import { storedToken } from './token';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** The /api paths that answer GET with JSON and take no path parameters. */
export type GetPath = {
  [P in keyof paths]: paths[P] extends { get: { parameters: { path?: never }; responses: { 200: unknown } } }
    ? P
    : never;
}[keyof paths];

type Operation<P extends GetPath> = paths[P]['get'];
export type Query<P extends GetPath> = NonNullable<Operation<P>['parameters']['query']>;
export type Answer<P extends GetPath> = JsonOf<Operation<P>['responses'][200]>;
export type ErrorBody = components['schemas']['Error'];

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** The /api error code (NOT_FOUND, UNAUTHORIZED, …); null for other answers. */
    readonly code: string | null,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The error an answer carries: /api's `{code, status, error, field?}`, ListenBrainz's `{code:
 * <status>, error}` from /1/, or, for a body that is neither (a proxy's page), the HTTP status.
 */
export function errorOf(status: number, body: string): ApiError {
  try {
    const parsed = JSON.parse(body) as Partial<ErrorBody> & { code?: unknown; error?: unknown };
    if (typeof parsed.error === 'string' && parsed.error !== '')
      return new ApiError(
        parsed.error,
        status,
        typeof parsed.code === 'string' ? parsed.code : null,
        typeof parsed.field === 'string' ? parsed.field : null,
      );
  } catch {
    // not JSON: said below
  }
  return new ApiError(`The server answered ${status} without a message.`, status, null);
}

/** The network failed: the server is down or unreachable. */
function unreachable(cause: unknown): ApiError {
  const why = cause instanceof Error ? ` (${cause.message})` : '';
  return new ApiError(`Could not reach the listenhouse server${why}. Is it running?`, 0, null);
}

type QueryValue = string | number | boolean | null | undefined;

export function queryString(query: Record<string, QueryValue> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== null) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** What a request sends: a method (GET by default), a JSON body or a form (an upload), a signal. */
export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  json?: unknown;
  form?: FormData;
  signal?: AbortSignal;
}

/**
 * The one transport of the dashboard: any request to the server with the signed-in token, the
 * answer's JSON, or an ApiError with the server's message (or "could not reach" when the network
 * failed). Every helper below goes through it.
 */
export async function request<T>(url: string, init: ApiRequest = {}, token = storedToken()): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Token ${token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      ...(init.json !== undefined
        ? { body: JSON.stringify(init.json) }
        : init.form
          ? { body: init.form }
          : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw unreachable(err);
  }
  const body = await response.text();
  if (!response.ok) throw errorOf(response.status, body);
  // 204 (a deletion) has no body.
  return (body === '' ? null : JSON.parse(body)) as T;
}

export function getJson<T>(url: string, signal?: AbortSignal, token = storedToken()): Promise<T> {
  return request<T>(url, signal ? { signal } : {}, token);
}

export function apiGet<P extends GetPath>(
  path: P,
  query?: Query<P>,
  options: { signal?: AbortSignal; token?: string | null } = {},
): Promise<Answer<P>> {
  const url = path + queryString(query);
  return getJson<Answer<P>>(url, options.signal, options.token === undefined ? storedToken() : options.token);
}

type Method = 'post' | 'patch' | 'put' | 'delete';

/** The /api paths that answer `method` (POST, PATCH, …) with JSON. */
export type SendPath<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends { responses: unknown } ? P : never;
}[keyof paths];

type SendOperation<M extends Method, P extends SendPath<M>> = NonNullable<paths[P][M]>;
type BodyOf<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type PathParamsOf<O> = O extends { parameters: { path: infer X } } ? X : never;
type SuccessOf<O> = O extends { responses: infer R } ? JsonOf<R[Extract<keyof R, 200 | 201>]> : never;

/** `/api/users/{name}` with `{name: 'a b'}` → `/api/users/a%20b`. */
export function fillPath(path: string, params: Record<string, string | number> | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params?.[key];
    if (value === undefined) throw new Error(`${path}: no value for {${key}}`);
    return encodeURIComponent(String(value));
  });
}

/**
 * A typed write on the REST API (POST, PATCH, …): the body and the answer come from schema.d.ts.
 * Like apiGet, a failure is an ApiError with the server's message.
 */
export async function apiSend<M extends Method, P extends SendPath<M>>(
  method: M,
  path: P,
  options: {
    params?: PathParamsOf<SendOperation<M, P>>;
    body?: BodyOf<SendOperation<M, P>>;
    token?: string | null;
  } = {},
): Promise<SuccessOf<SendOperation<M, P>>> {
  const token = options.token === undefined ? storedToken() : options.token;
  return request<SuccessOf<SendOperation<M, P>>>(
    fillPath(path, options.params),
    {
      method: method.toUpperCase() as NonNullable<ApiRequest['method']>,
      ...(options.body !== undefined ? { json: options.body } : {}),
    },
    token,
  );
}
