import { AppError } from '../domain/errors.js';
import type { ColumnMapping } from '../sources/types.js';

/**
 * The generic CSV/TSV column mapping, "artist=Artist,track=Title,timestamp=Played At[,…]", as the
 * CLI's --columns and the API's `columns` field take it.
 */
const COLUMN_KEYS: Record<string, keyof ColumnMapping> = {
  artist: 'artist',
  track: 'track',
  timestamp: 'timestamp',
  release: 'release',
  album: 'release',
  duration_ms: 'durationMs',
  user: 'user',
};

export function parseColumns(spec: string): ColumnMapping {
  const mapping: Partial<ColumnMapping> = {};
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    if (part.slice(0, eq).trim() === 'timestamp_format') {
      const value = part.slice(eq + 1).trim();
      if (value !== 'unix' && value !== 'unix_ms' && value !== 'iso') {
        throw new AppError('INVALID_INPUT', `--columns: timestamp_format=${value}: use unix, unix_ms or iso`);
      }
      mapping.timestampFormat = value;
      continue;
    }
    const key = COLUMN_KEYS[part.slice(0, eq).trim()];
    if (eq < 0 || !key) {
      throw new AppError(
        'INVALID_INPUT',
        `--columns: "${part}" is not FIELD=COLUMN with FIELD one of ${Object.keys(COLUMN_KEYS).join(', ')}, timestamp_format`,
      );
    }
    if (key === 'timestampFormat' || key === 'delimiter') continue;
    mapping[key] = part.slice(eq + 1).trim();
  }
  for (const required of ['artist', 'track', 'timestamp'] as const) {
    if (!mapping[required]) {
      throw new AppError(
        'INVALID_INPUT',
        `--columns: map "${required}" to a column (e.g. ${required}=Column Name)`,
      );
    }
  }
  return mapping as ColumnMapping;
}
