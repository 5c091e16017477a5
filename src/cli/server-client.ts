import { AppError, errorCodeForStatus, isErrorCode } from '../domain/errors.js';
import type { LocalServer } from '../server/local-credential.js';

/** The CLI's way to the REST API of the server that holds the database (see local-credential.ts). */
export class ServerClient {
  constructor(readonly server: LocalServer) {}

  /** A server found beside the database (pid known), or one named by its address (`--server`, pid 0). */
  private describe(): string {
    return this.server.pid > 0
      ? `The server that holds the database (pid ${this.server.pid}, ${this.server.url})`
      : `The server at ${this.server.url}`;
  }

  get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
    const qs = params.toString();
    return this.request<T>('GET', qs ? `${path}?${qs}` : path);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.server.url + path, {
        method,
        headers: {
          authorization: `Bearer ${this.server.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      throw new AppError(
        'UPSTREAM_UNAVAILABLE',
        `${this.describe()} did not answer: ${(err as Error).message}`,
        { cause: err },
      );
    }
    const text = await response.text();
    if (!response.ok) throw errorOf(this.server, response.status, text);
    // 204 (a deletion) has no body.
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  /** A GET whose answer is a download (an export): the response, its body not yet read. */
  async download(path: string, query: Record<string, string | undefined>): Promise<Response> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, v);
    let response: Response;
    try {
      response = await fetch(`${this.server.url}${path}?${params.toString()}`, {
        headers: { authorization: `Bearer ${this.server.token}` },
      });
    } catch (err) {
      throw new AppError(
        'UPSTREAM_UNAVAILABLE',
        `${this.describe()} did not answer: ${(err as Error).message}`,
        { cause: err },
      );
    }
    if (!response.ok) throw errorOf(this.server, response.status, await response.text());
    return response;
  }
}

/**
 * The server's error as the AppError it was there: /api answers `{code, status, error, field?}`
 * with the AppError code, so exit codes and `--json` codes are the same as without a server.
 */
function errorOf(server: LocalServer, status: number, text: string): AppError {
  let body: { code?: unknown; error?: unknown } | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) body = parsed;
  } catch {
    // not JSON (a proxy's HTML page): the status is all there is
  }
  const message =
    typeof body?.error === 'string'
      ? body.error
      : `The server that holds the database (${server.url}) answered HTTP ${status} without a listenhouse error: ` +
        (text.trim().slice(0, 200) || 'an empty body') +
        '. Is something else (a proxy) answering at that address?';
  const code = isErrorCode(body?.code) ? body.code : errorCodeForStatus(status);
  return new AppError(code, message);
}
