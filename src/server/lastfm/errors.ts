/** A Last.fm API error: its numbered code, its message, and the HTTP status when it is not the code's usual one. */
export class LastfmError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export const missing = (name: string) =>
  new LastfmError(6, `Invalid parameters - Your request is missing a required parameter: ${name}`);
