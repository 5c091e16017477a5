/**
 * Interactions from files, for research mode: TSV `user<TAB>item<TAB>weight[<TAB>time]` (a header
 * line is recognised by its non-numeric weight; `time` in epoch seconds), Parquet with columns
 * user, item, weight (and time), or a ListenBrainz listens dump in Parquet, aggregated on the way
 * in. Also item features: TSV `item<TAB>feature<TAB>weight`. A bad line is an INVALID_INPUT naming
 * file:line and what to do.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { AppError } from '../../domain/errors.js';
import { openStore, type Store } from '../../store/index.js';
import { loadQuery } from '../sql.js';
import { Accumulator, type Dataset } from './dataset.js';

export interface ReadProgress {
  (bytesRead: number, totalBytes: number): void;
}

function checkReadable(path: string): number {
  if (!existsSync(path))
    throw new AppError(
      'UNREADABLE_INPUT',
      `${path}: no such file. Check the path and run the command again.`,
    );
  const stat = statSync(path);
  if (!stat.isFile()) throw new AppError('UNREADABLE_INPUT', `${path} is not a file.`);
  return stat.size;
}

function badLine(path: string, line: number, what: string, expected: string): AppError {
  return new AppError('INVALID_INPUT', `${path}:${line}: ${what}. Each line must be ${expected}.`);
}

/** Runs `each(fields, line)` on every tab-separated line of a text file (blank lines skipped). */
async function eachTsvLine(
  path: string,
  each: (fields: string[], line: number) => void,
  progress?: ReadProgress,
): Promise<void> {
  const total = checkReadable(path);
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  let lastReport = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    each(text.split('\t'), line);
    if (progress && line - lastReport >= 200_000) {
      lastReport = line;
      progress(stream.bytesRead, total);
    }
  }
  progress?.(total, total);
}

const TSV_SHAPE = 'user<TAB>item<TAB>weight (optionally <TAB>time in epoch seconds)';

/** Reads a TSV interactions file. */
export async function readInteractionsTsv(path: string, progress?: ReadProgress): Promise<Dataset> {
  const acc = new Accumulator();
  await eachTsvLine(
    path,
    (fields, line) => {
      if (fields.length < 3 || fields.length > 4)
        throw badLine(path, line, `${fields.length} field${fields.length === 1 ? '' : 's'}`, TSV_SHAPE);
      const [user, item, weightText, timeText] = fields as [string, string, string, string?];
      const weight = Number(weightText);
      if (weightText.trim() === '' || !Number.isFinite(weight)) {
        if (line === 1 && acc.length === 0) return; // a header line
        throw badLine(path, line, `the weight '${weightText}' is not a number`, TSV_SHAPE);
      }
      if (weight < 0) throw badLine(path, line, `the weight ${weight} is negative`, TSV_SHAPE);
      if (user === '' || item === '') throw badLine(path, line, 'an empty user or item', TSV_SHAPE);
      if (timeText === undefined) return acc.add(user, item, weight);
      const time = Number(timeText);
      if (!Number.isFinite(time))
        throw badLine(path, line, `the time '${timeText}' is not a number`, TSV_SHAPE);
      acc.add(user, item, weight, time);
    },
    progress,
  );
  if (acc.length === 0)
    throw new AppError('INVALID_INPUT', `${path} holds no interactions. Each line must be ${TSV_SHAPE}.`);
  return acc.finish();
}

/** What a Parquet file holds, by its columns. */
type ParquetKind = 'interactions' | 'listenbrainz-dump';

async function parquetColumns(store: Store, path: string): Promise<string[]> {
  try {
    const rows = await store.db.all<{ name: string }>('SELECT name FROM parquet_schema($path)', { path });
    return rows.map((r) => r.name);
  } catch (err) {
    throw new AppError(
      'UNREADABLE_INPUT',
      `${path} could not be read as Parquet: ${(err as Error).message.split('\n')[0]}`,
      { cause: err },
    );
  }
}

/** Which item a ListenBrainz dump's rows become. */
export type DumpItem = 'recording' | 'artist';

/**
 * Reads a Parquet interactions file (columns user, item, weight[, time]) or a ListenBrainz listens
 * dump (columns user_id, listened_at, recording_msid, …), aggregated in DuckDB.
 */
export async function readInteractionsParquet(
  path: string,
  dumpItem: DumpItem = 'recording',
): Promise<Dataset> {
  checkReadable(path);
  const store = await openStore(':memory:');
  try {
    const columns = await parquetColumns(store, path);
    const has = (c: string) => columns.includes(c);
    let kind: ParquetKind;
    if (has('user') && has('item') && has('weight')) kind = 'interactions';
    else if (has('user_id') && has('listened_at') && has('recording_msid')) kind = 'listenbrainz-dump';
    else
      throw new AppError(
        'INVALID_INPUT',
        `${path} has the columns ${columns.join(', ')}; an interactions file needs user, item and weight ` +
          '(and optionally time), a ListenBrainz dump user_id, listened_at and recording_msid.',
      );
    if (kind === 'interactions') {
      const time = has('time') ? 'max(CAST(time AS DOUBLE))' : 'CAST(NULL AS DOUBLE)';
      await store.db.run(loadQuery('parquet-cells').replace('__TIME__', time), { path });
    } else {
      const item =
        dumpItem === 'recording'
          ? 'CAST(coalesce(recording_mbid, recording_msid) AS VARCHAR)'
          : 'artist_name';
      await store.db.run(loadQuery('listenbrainz-dump-cells').replaceAll('__ITEM__', item), { path });
    }
    await store.db.run(loadQuery('cell-users'));
    await store.db.run(loadQuery('cell-items'));
    const users = await store.db.columns('SELECT u FROM rec_users ORDER BY id', { u: 'text' });
    const items = await store.db.columns('SELECT i FROM rec_items ORDER BY id', { i: 'text' });
    const cells = await store.db.columns(loadQuery('cell-triples'), {
      row: 'int32',
      col: 'int32',
      value: 'float32',
      time: 'float64',
    });
    const acc = new Accumulator();
    users.columns.u.forEach((u) => acc.users.id(u));
    items.columns.i.forEach((i) => acc.items.id(i));
    const { row, col, value, time } = cells.columns;
    const timed = kind === 'listenbrainz-dump' || has('time');
    for (let k = 0; k < cells.rowCount; k++)
      acc.addIds(row[k]!, col[k]!, value[k]!, timed ? time[k]! : undefined);
    if (acc.length === 0) throw new AppError('INVALID_INPUT', `${path} holds no interactions.`);
    return acc.finish();
  } finally {
    store.close();
  }
}

/** Reads TSV or Parquet, by the file's extension. */
export function readInteractionsFile(
  path: string,
  options: { progress?: ReadProgress; dumpItem?: DumpItem } = {},
): Promise<Dataset> {
  return /\.parquet$/i.test(path)
    ? readInteractionsParquet(path, options.dumpItem)
    : readInteractionsTsv(path, options.progress);
}

/** Item features: for each item, its (feature, weight) pairs. */
export type ItemFeatures = Map<string, Map<string, number>>;

const FEATURE_SHAPE = 'item<TAB>feature<TAB>weight';

/** Reads a TSV of item features (a header line is recognised by its non-numeric weight). */
export async function readItemFeatures(path: string): Promise<ItemFeatures> {
  const features: ItemFeatures = new Map();
  let rows = 0;
  await eachTsvLine(path, (fields, line) => {
    if (fields.length !== 3)
      throw badLine(path, line, `${fields.length} field${fields.length === 1 ? '' : 's'}`, FEATURE_SHAPE);
    const [item, feature, weightText] = fields as [string, string, string];
    const weight = Number(weightText);
    if (weightText.trim() === '' || !Number.isFinite(weight)) {
      if (line === 1 && rows === 0) return;
      throw badLine(path, line, `the weight '${weightText}' is not a number`, FEATURE_SHAPE);
    }
    let map = features.get(item);
    if (!map) features.set(item, (map = new Map<string, number>()));
    map.set(feature, (map.get(feature) ?? 0) + weight);
    rows++;
  });
  return features;
}
