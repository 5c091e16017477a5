/**
 * The closed list of failure kinds. The server maps them to HTTP statuses (and sends the code in
 * every /api error body), the CLI to exit codes, and stream consumers use `retriable` to choose
 * between retry and dead letter.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNREADABLE_INPUT',
  'UNKNOWN_FORMAT',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CONFLICT',
  'DATABASE_LOCKED',
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; retriable?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retriable = options.retriable ?? (code === 'RATE_LIMITED' || code === 'UPSTREAM_UNAVAILABLE');
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Exit codes documented in docs/cli.md: 0 ok, 1 the operation failed, 2 bad usage or unreadable input. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export function exitCodeFor(err: unknown): number {
  if (!isAppError(err)) return EXIT_FAILED;
  switch (err.code) {
    case 'INVALID_INPUT':
    case 'UNREADABLE_INPUT':
    case 'UNKNOWN_FORMAT':
    case 'PAYLOAD_TOO_LARGE':
    case 'NOT_FOUND':
      return EXIT_USAGE;
    default:
      return EXIT_FAILED;
  }
}

/**
 * The code an HTTP status stands for, for an error that carries only a status (Fastify's and its
 * plugins' errors on the server; a proxy's page or an older server in the CLI). INTERNAL for 5xx
 * other than 503, INVALID_INPUT for any other 4xx.
 */
export function errorCodeForStatus(status: number): ErrorCode {
  const known: Partial<Record<number, ErrorCode>> = {
    400: 'INVALID_INPUT',
    401: 'UNAUTHORIZED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    409: 'CONFLICT',
    413: 'PAYLOAD_TOO_LARGE',
    429: 'RATE_LIMITED',
    503: 'UPSTREAM_UNAVAILABLE',
  };
  return known[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_INPUT');
}
