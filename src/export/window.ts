import { AppError } from '../domain/errors.js';

const DAY_MS = 86_400_000;

/**
 * `--from` / `--to` of `listenhouse export`: a date (YYYY-MM-DD, a whole UTC day, both ends
 * included), an ISO-8601 instant (UTC unless it names its offset; FROM included, TO not) or epoch
 * seconds. Answers epoch ms, `toMs` exclusive.
 */
export function parseExportWindow(given: { from?: string; to?: string }): {
  fromMs?: number;
  toMs?: number;
} {
  const fromMs = given.from === undefined ? undefined : instant(given.from, '--from', false);
  const toMs = given.to === undefined ? undefined : instant(given.to, '--to', true);
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs)
    throw new AppError(
      'INVALID_INPUT',
      `--from ${given.from} is not before --to ${given.to}: nothing could be exported.`,
    );
  return { ...(fromMs !== undefined ? { fromMs } : {}), ...(toMs !== undefined ? { toMs } : {}) };
}

function instant(value: string, option: string, isEnd: boolean): number {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const ms = Date.parse(`${text}T00:00:00Z`);
    if (!Number.isNaN(ms)) return isEnd ? ms + DAY_MS : ms;
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
    const ms = Date.parse(zoned);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new AppError(
    'INVALID_INPUT',
    `${option} '${value}' is not a time: use a date (2024-05-01), an ISO-8601 instant ` +
      '(2024-05-01T12:00:00Z) or epoch seconds.',
  );
}
