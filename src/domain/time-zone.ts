/** Time-zone names: the pure rule the store (a user's zone) and statistics (their buckets) share. */
import { AppError } from './errors.js';

/** Examples shown whenever a zone name is rejected. */
export const TIME_ZONE_EXAMPLES = 'UTC, Europe/Berlin, America/New_York, Asia/Kolkata';

/**
 * The canonical IANA name of `tz` ('europe/berlin' → 'Europe/Berlin').
 * Throws INVALID_INPUT for a name the platform does not know.
 */
export function canonicalTimeZone(tz: string): string {
  const name = tz.trim();
  if (name === '') throw invalidZone(tz);
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch (err) {
    throw invalidZone(tz, err);
  }
}

function invalidZone(tz: string, cause?: unknown): AppError {
  return new AppError(
    'INVALID_INPUT',
    `Unknown time zone '${tz}': use an IANA zone name such as ${TIME_ZONE_EXAMPLES}.`,
    { cause },
  );
}

/** The months' English names, January first: labels in the CLI and the ListenBrainz API. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
