/**
 * The fixes: each is previewed (the same work inside a transaction that is always rolled back, so
 * the preview's counts and rows are exactly what applying would do) and applied in one transaction
 * that records a change set (change-sets.ts), which `undo` takes back. Listens change only through
 * the write path (rewrite.ts) or the store's deletion, so the rollups, and every statistic, follow
 * at the commit.
 */
import { AppError } from '../domain/errors.js';
import type { Database, SqlValue } from '../store/index.js';
import { catalogueChanged } from '../store/catalogue-ids.js';
import { deleteListensReturningIds } from '../store/listen-edits.js';
import { RawRecords } from '../store/raw-records.js';
import { anyIds } from './ids.js';
import { big, num, str, strOrNull } from '../store/rows.js';
import { reprocessRecord } from '../ingest/reprocess.js';
import type { FormatName } from '../sources/types.js';
import { ChangeSetRecorder, ensureShadowTables, type ChangeSetView, findChangeSet } from './change-sets.js';
import {
  DEFAULT_FUZZY_THRESHOLD,
  findCollaborations,
  findDuplicateArtists,
  findDuplicateRecordings,
  findDuplicateReleases,
  findStations,
  ORPHAN_MATCHES,
  ORPHAN_QUERIES,
  parseStreamTitle,
  type DuplicateGroup,
} from './detect.js';
import { readListens, rewriteListens, type ListenChange, type StoredListen } from './rewrite.js';

export const FIX_KINDS = [
  'split-collaborations',
  'merge-artists',
  'merge-releases',
  'merge-recordings',
  'resolve-radio',
  'reprocess',
  'delete',
  'hide',
  'remove-orphans',
] as const;
export type FixKind = (typeof FIX_KINDS)[number];

export function isFixKind(value: string): value is FixKind {
  return (FIX_KINDS as readonly string[]).includes(value);
}

export const FIX_DESCRIPTIONS: Readonly<Record<FixKind, string>> = {
  'split-collaborations': 'credits stored as one artist ("A & B") become a credit of the artists it names',
  'merge-artists':
    'artists spelled apart (case, accents, "The", near spellings) take the name of the most played',
  'merge-releases':
    'releases of one artist spelled apart or as editions (remaster, deluxe) take the most played title',
  'merge-recordings': 'recordings of one artist spelled apart take the most played title',
  'resolve-radio':
    'the station as artist and "Artist - Title" as title become the real artist and title; the station is kept as context',
  reprocess:
    "listens read again from their kept records with today's rules, where the names come out different",
  delete: 'listens chosen by artist, release, source or time range are removed (undo brings them back)',
  hide: 'as delete, kept as a change set to show them again by undo',
  'remove-orphans': 'catalogue rows and matches no listen refers to are removed',
};

/** What a fix acts on; every field optional, the kind says which it reads. */
export interface FixParams {
  /** Fuzzy threshold for merges, 0..1. */
  threshold?: number;
  /** Only listens of this user (name). */
  user?: string;
  /** An artist credit (delete, hide: the listens' artist as stored, any case; merges and splits: one name). */
  artist?: string;
  release?: string;
  source?: string;
  /** Time range, ISO 8601 or epoch ms: listens that started in [from, to). */
  from?: string;
  to?: string;
}

/** One row of what a fix changes, as text: before and after. */
export interface FixRow {
  before: string;
  after: string;
}

export interface FixOutcome {
  kind: FixKind;
  params: FixParams;
  applied: boolean;
  summary: string;
  counts: Record<string, number>;
  /** The rows it changes (the first `limit`). */
  rows: FixRow[];
  /** The change set that records it (null for a preview). */
  changeSet: ChangeSetView | null;
}

interface Work {
  summary: string;
  counts: Record<string, number>;
  rows: FixRow[];
  /** Listens it changed or removed (kept in the change set whatever happened to them). */
  changedIds: bigint[];
}

interface Context {
  db: Database;
  params: FixParams;
  recorder: ChangeSetRecorder;
  now: number;
  limit: number;
}

const at = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const describeListen = (l: StoredListen) =>
  `#${l.id} ${at(l.draft.listenedAt)} ${l.draft.artist} – ${l.draft.track}${l.draft.release ? ` [${l.draft.release}]` : ''}`;

/** Rewrites listens under their changes, keeping them in the change set first. */
async function rewrite(
  ctx: Context,
  changes: Array<{ listen: StoredListen; change: ListenChange; after: string }>,
  what: string,
): Promise<Work> {
  await ctx.recorder.keepListens(changes.map((c) => c.listen.id));
  const outcome = await rewriteListens(ctx.db, changes, ctx.now);
  return {
    summary: `${what}: ${counted(outcome.rewritten, 'listen', 'written again')} (${outcome.rewritten - outcome.stored} now repeat a stored listen)`,
    counts: {
      listens: outcome.rewritten,
      absorbed: outcome.rewritten - outcome.stored,
      refused: outcome.refused,
    },
    rows: changes.slice(0, ctx.limit).map((c) => ({ before: describeListen(c.listen), after: c.after })),
    changedIds: changes.map((c) => c.listen.id),
  };
}

/** The user id a `user` parameter names, or null for everyone. */
async function userFilter(db: Database, params: FixParams): Promise<number | null> {
  if (params.user === undefined) return null;
  const [row] = await db.all('SELECT id FROM users WHERE name = $name', { name: params.user });
  if (!row) throw new AppError('NOT_FOUND', `There is no user "${params.user}".`);
  return num(row.id, 'id');
}

function timeOf(value: string, option: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms))
    throw new AppError(
      'INVALID_INPUT',
      `${option} takes a date or time (2024-05-01, 2024-05-01T18:00:00Z), not "${value}".`,
    );
  return ms;
}

/** Listens of the users the params allow. */
async function listensOf(
  ctx: Context,
  idsSql: string,
  binds: Record<string, SqlValue>,
): Promise<StoredListen[]> {
  const user = await userFilter(ctx.db, ctx.params);
  return readListens(
    ctx.db,
    user === null ? idsSql : `SELECT id FROM listens WHERE user_id = $only_user AND id IN (${idsSql})`,
    user === null ? binds : { ...binds, only_user: user },
  );
}

function onlyNamed(groups: DuplicateGroup[], name: string | undefined): DuplicateGroup[] {
  if (name === undefined) return groups;
  const wanted = name.toLowerCase();
  return groups.filter(
    (g) => g.canonical.name.toLowerCase() === wanted || g.others.some((o) => o.name.toLowerCase() === wanted),
  );
}

async function splitCollaborations(ctx: Context): Promise<Work> {
  let found = await findCollaborations(ctx.db);
  if (ctx.params.artist !== undefined) {
    const wanted = ctx.params.artist.toLowerCase();
    found = found.filter((c) => c.name.toLowerCase() === wanted);
  }
  const parts = new Map(found.map((c) => [c.creditId, c.parts]));
  const listens = await listensOf(
    ctx,
    'SELECT id FROM listens WHERE list_contains($credits, artist_credit_id)',
    {
      credits: anyIds(found.map((c) => c.creditId)),
    },
  );
  const credits = await creditsOf(ctx.db, listens);
  return rewrite(
    ctx,
    listens.map((listen) => {
      const credit = parts
        .get(credits.get(listen.id)!)!
        .map((p) => ({ name: p.name, joinPhrase: p.joinPhrase }));
      return {
        listen,
        change: { credit, keepMbids: true },
        after: `${credit.map((p) => p.name).join(' + ')} – ${listen.draft.track}`,
      };
    }),
    counted(found.length, 'collaboration', 'split'),
  );
}

async function creditsOf(db: Database, listens: readonly StoredListen[]): Promise<Map<bigint, number>> {
  const rows = await db.all('SELECT id, artist_credit_id FROM listens WHERE list_contains($ids, id)', {
    ids: anyIds(listens.map((l) => l.id)),
  });
  return new Map(rows.map((r) => [big(r.id, 'id'), num(r.artist_credit_id, 'artist_credit_id')]));
}

async function mergeArtists(ctx: Context): Promise<Work> {
  const groups = onlyNamed(
    await findDuplicateArtists(ctx.db, ctx.params.threshold ?? DEFAULT_FUZZY_THRESHOLD),
    ctx.params.artist,
  );
  const names = new Map<number, { from: string; to: string }>();
  for (const g of groups) for (const o of g.others) names.set(o.id, { from: o.name, to: g.canonical.name });
  const members = await ctx.db.all(
    `SELECT DISTINCT l.id, m.artist_id, m.credited_name FROM listens l
     JOIN artist_credit_members m ON m.credit_id = l.artist_credit_id WHERE list_contains($artists, m.artist_id)`,
    { artists: anyIds([...names.keys()]) },
  );
  const renames = new Map<bigint, Array<{ from: string; to: string }>>();
  for (const r of members) {
    const id = big(r.id, 'id');
    const rename = names.get(num(r.artist_id, 'artist_id'))!;
    renames.set(id, [
      ...(renames.get(id) ?? []),
      { from: str(r.credited_name, 'credited_name'), to: rename.to },
    ]);
  }
  const listens = await listensOf(ctx, 'SELECT unnest($ids::BIGINT[])', { ids: anyIds([...renames.keys()]) });
  return rewrite(
    ctx,
    listens.map((listen) => {
      let artist = listen.draft.artist;
      for (const r of renames.get(listen.id) ?? []) artist = replaceName(artist, r.from, r.to);
      return { listen, change: { artist, keepMbids: true }, after: `${artist} – ${listen.draft.track}` };
    }),
    counted(groups.length, 'artist', 'merged'),
  );
}

/** `text` with the name `from` (as credited; any case) replaced by `to`. */
function replaceName(text: string, from: string, to: string): string {
  if (text === from) return to;
  const at = text.toLowerCase().indexOf(from.toLowerCase());
  return at < 0 ? text : text.slice(0, at) + to + text.slice(at + from.length);
}

async function mergeTitles(ctx: Context, entity: 'releases' | 'recordings'): Promise<Work> {
  const threshold = ctx.params.threshold ?? DEFAULT_FUZZY_THRESHOLD;
  const groups = onlyNamed(
    entity === 'releases'
      ? await findDuplicateReleases(ctx.db, threshold)
      : await findDuplicateRecordings(ctx.db, threshold),
    entity === 'releases' ? ctx.params.release : undefined,
  );
  const to = new Map<number, string>();
  for (const g of groups) for (const o of g.others) to.set(o.id, g.canonical.name);
  const column = entity === 'releases' ? 'release_id' : 'recording_id';
  const rows = await ctx.db.all(
    `SELECT id, ${column} AS entity FROM listens WHERE list_contains($ids, ${column})`,
    {
      ids: anyIds([...to.keys()]),
    },
  );
  const entityOf = new Map(rows.map((r) => [big(r.id, 'id'), num(r.entity, 'entity')]));
  const listens = await listensOf(ctx, 'SELECT unnest($ids::BIGINT[])', {
    ids: anyIds([...entityOf.keys()]),
  });
  return rewrite(
    ctx,
    listens.map((listen) => {
      const title = to.get(entityOf.get(listen.id)!)!;
      const change: ListenChange =
        entity === 'releases' ? { release: title, keepMbids: true } : { track: title, keepMbids: true };
      return {
        listen,
        change,
        after:
          entity === 'releases'
            ? `${listen.draft.artist} – ${listen.draft.track} [${title}]`
            : `${listen.draft.artist} – ${title}`,
      };
    }),
    counted(groups.length, entity.replace(/s$/, ''), 'merged'),
  );
}

async function resolveRadio(ctx: Context): Promise<Work> {
  let stations = await findStations(ctx.db);
  if (ctx.params.artist !== undefined) {
    const wanted = ctx.params.artist.toLowerCase();
    stations = stations.filter((s) => s.station.toLowerCase() === wanted);
  }
  const names = new Map(stations.map((s) => [s.creditId, s.station]));
  const listens = await listensOf(
    ctx,
    `SELECT id FROM listens l WHERE list_contains($credits, artist_credit_id)
       AND NOT EXISTS (SELECT 1 FROM listen_contexts x WHERE x.listen_id = l.id AND x.kind = 'station')`,
    { credits: anyIds(stations.map((s) => s.creditId)) },
  );
  const credits = await creditsOf(ctx.db, listens);
  const changes = listens.flatMap((listen) => {
    const parsed = parseStreamTitle(listen.draft.track);
    if (!parsed) return [];
    const station = names.get(credits.get(listen.id)!)!;
    return [
      {
        listen,
        change: { artist: parsed.artist, track: parsed.title, context: { kind: 'station', value: station } },
        after: `${parsed.artist} – ${parsed.title} (on ${station})`,
      },
    ];
  });
  return rewrite(ctx, changes, counted(stations.length, 'station', 'resolved'));
}

async function reprocess(ctx: Context): Promise<Work> {
  const filters = ["raw IS NOT NULL AND raw <> ''"];
  const binds: Record<string, SqlValue> = {};
  if (ctx.params.from !== undefined) {
    filters.push('listened_at >= make_timestamp($from::BIGINT * 1000)');
    binds.from = timeOf(ctx.params.from, '--from');
  }
  if (ctx.params.to !== undefined) {
    filters.push('listened_at < make_timestamp($to::BIGINT * 1000)');
    binds.to = timeOf(ctx.params.to, '--to');
  }
  const keys = await ctx.db.all(
    `SELECT l.id, c.key AS credit_key, r.key AS recording_key, rel.key AS release_key
     FROM listens l JOIN artist_credits c ON c.id = l.artist_credit_id JOIN recordings r ON r.id = l.recording_id
     LEFT JOIN releases rel ON rel.id = l.release_id WHERE ${filters.join(' AND ')}`,
    binds,
  );
  const stored = new Map(
    keys.map((k) => [
      big(k.id, 'id'),
      {
        credit: str(k.credit_key, 'credit_key'),
        recording: str(k.recording_key, 'recording_key'),
        release: strOrNull(k.release_key, 'release_key'),
      },
    ]),
  );
  const listens = await listensOf(ctx, 'SELECT unnest($ids::BIGINT[])', { ids: anyIds([...stored.keys()]) });
  const raw = new RawRecords(ctx.db);
  const changes: Array<{ listen: StoredListen; change: ListenChange; after: string }> = [];
  let unreadable = 0;
  for (const listen of listens) {
    const text = await raw.text(listen.raw);
    const again = text === null ? null : reprocessRecord(listen.format as FormatName, text, ctx.now);
    if (again === null || 'rejected' in again) {
      if (again !== null) unreadable++;
      continue;
    }
    const keysNow = stored.get(listen.id)!;
    const releaseKey = again.names.releaseKey
      ? `${again.names.primaryArtistKey}\u001f${again.names.releaseKey}`
      : null;
    if (
      again.names.creditKey === keysNow.credit &&
      again.names.matchKey === keysNow.recording &&
      releaseKey === keysNow.release
    )
      continue;
    changes.push({
      listen,
      change: { draft: again.draft },
      after: `${again.draft.artist} – ${again.draft.track}${again.draft.release ? ` [${again.draft.release}]` : ''}`,
    });
  }
  const work = await rewrite(ctx, changes, counted(listens.length, 'listen', 'read again'));
  return { ...work, counts: { ...work.counts, checked: listens.length, unreadable } };
}

async function deleteListens(ctx: Context, verb: 'deleted' | 'hidden'): Promise<Work> {
  const p = ctx.params;
  const filters: string[] = [];
  const binds: Record<string, SqlValue> = {};
  if (p.artist !== undefined) {
    filters.push('lower(artist) = lower($artist)');
    binds.artist = p.artist;
  }
  if (p.release !== undefined) {
    filters.push('lower(release) = lower($release)');
    binds.release = p.release;
  }
  if (p.source !== undefined) {
    filters.push('source = $source');
    binds.source = p.source;
  }
  if (p.from !== undefined) {
    filters.push('listened_at >= make_timestamp($from::BIGINT * 1000)');
    binds.from = timeOf(p.from, '--from');
  }
  if (p.to !== undefined) {
    filters.push('listened_at < make_timestamp($to::BIGINT * 1000)');
    binds.to = timeOf(p.to, '--to');
  }
  if (filters.length === 0)
    throw new AppError(
      'INVALID_INPUT',
      `fix ${verb === 'deleted' ? 'delete' : 'hide'} needs at least one of --artist, --release, --source, --from, --to: it never removes every listen.`,
    );
  const listens = await listensOf(ctx, `SELECT id FROM listens WHERE ${filters.join(' AND ')}`, binds);
  await ctx.recorder.keepListens(listens.map((l) => l.id));
  let removed = 0;
  const byUser = new Map<number, bigint[]>();
  for (const l of listens) byUser.set(l.userId, [...(byUser.get(l.userId) ?? []), l.id]);
  for (const [user, ids] of byUser) removed += (await deleteListensReturningIds(ctx.db, user, ids)).length;
  if (listens.length > 0)
    await ctx.db.run('DELETE FROM listen_contexts WHERE list_contains($ids, listen_id)', {
      ids: anyIds(listens.map((l) => l.id)),
    });
  return {
    summary: `${removed} listens ${verb}`,
    counts: { listens: removed },
    rows: listens.slice(0, ctx.limit).map((l) => ({ before: describeListen(l), after: `(${verb})` })),
    changedIds: listens.map((l) => l.id),
  };
}

async function removeOrphans(ctx: Context): Promise<Work> {
  const counts: Record<string, number> = {};
  const rows: FixRow[] = [];
  const orphanIds: Record<string, bigint[]> = {};
  // Found before any goes: each query looks only at listens, so the order of deletion does not matter.
  for (const table of ['recordings', 'releases', 'artist_credits', 'artists'] as const)
    orphanIds[table] = (await ctx.db.all(ORPHAN_QUERIES[table])).map((r) => big(r.id, 'id'));
  for (const table of ['recordings', 'releases', 'artist_credits', 'artists'] as const) {
    const ids = orphanIds[table]!;
    counts[table] = ids.length;
    if (ids.length === 0) continue;
    const nameColumn = table === 'recordings' || table === 'releases' ? 'title' : 'name';
    const named = await ctx.db.all(
      `SELECT ${nameColumn} AS name FROM ${table} WHERE list_contains($ids, id) ORDER BY id LIMIT ${ctx.limit}`,
      {
        ids: anyIds(ids),
      },
    );
    for (const n of named) rows.push({ before: `${table}: ${str(n.name, 'name')}`, after: '(removed)' });
    await ctx.recorder.keepRows(table, 'list_contains($ids, t.id)', { ids: anyIds(ids) });
    if (table === 'artist_credits') {
      await ctx.recorder.keepRows('artist_credit_members', 'list_contains($ids, t.credit_id)', {
        ids: anyIds(ids),
      });
      await ctx.db.run('DELETE FROM artist_credit_members WHERE list_contains($ids, credit_id)', {
        ids: anyIds(ids),
      });
    }
    await ctx.db.run(`DELETE FROM ${table} WHERE list_contains($ids, id)`, { ids: anyIds(ids) });
  }
  await ctx.recorder.keepRows(
    'catalog_matches',
    `NOT EXISTS (SELECT 1 FROM listens l WHERE l.artist_credit_id = t.credit_id AND l.recording_id = t.recording_id
       AND coalesce(l.release_id, 0) = t.release_id)`,
  );
  const matches = await ctx.db.all(`DELETE ${ORPHAN_MATCHES} RETURNING 1`);
  counts.catalog_matches = matches.length;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { summary: `${total} catalogue rows no listen refers to removed`, counts, rows, changedIds: [] };
}

function workOf(kind: FixKind): (ctx: Context) => Promise<Work> {
  switch (kind) {
    case 'split-collaborations':
      return splitCollaborations;
    case 'merge-artists':
      return mergeArtists;
    case 'merge-releases':
      return (ctx) => mergeTitles(ctx, 'releases');
    case 'merge-recordings':
      return (ctx) => mergeTitles(ctx, 'recordings');
    case 'resolve-radio':
      return resolveRadio;
    case 'reprocess':
      return reprocess;
    case 'delete':
      return (ctx) => deleteListens(ctx, 'deleted');
    case 'hide':
      return (ctx) => deleteListens(ctx, 'hidden');
    case 'remove-orphans':
      return removeOrphans;
  }
}

export interface FixRequest {
  kind: FixKind;
  params: FixParams;
  /** Apply (record a change set) or only preview (everything rolled back). */
  apply: boolean;
  /** Who asks: a user name, or 'pipeline'. */
  by: string;
  now: number;
  /** Rows to show. */
  limit?: number;
  /**
   * Called inside the fix's transaction after its work, before the commit (tests use it to stop a
   * fix half-way; the pipeline does nothing there).
   */
  beforeCommit?: () => Promise<void>;
}

/** Previews or applies a fix (see the module's comment). */
export async function runFix(db: Database, request: FixRequest): Promise<FixOutcome> {
  const threshold = request.params.threshold;
  if (threshold !== undefined && !(threshold > 0 && threshold <= 1))
    throw new AppError(
      'INVALID_INPUT',
      `The fuzzy threshold is a share from 0 to 1 (0.9 = 90%), not ${threshold}.`,
    );
  await ensureShadowTables(db);
  const run = async () => {
    const recorder = await ChangeSetRecorder.begin(db, {
      kind: request.kind,
      params: request.params,
      createdBy: request.by,
      now: request.now,
    });
    const work = await workOf(request.kind)({
      db,
      params: request.params,
      recorder,
      now: request.now,
      limit: request.limit ?? 20,
    });
    await recorder.finish(work.summary, work.counts, work.changedIds);
    await request.beforeCommit?.();
    return { work, id: recorder.id };
  };
  const { work, id } = request.apply ? await db.transaction(run) : await db.preview(run);
  if (request.apply) catalogueChanged(db);
  return {
    kind: request.kind,
    params: request.params,
    applied: request.apply,
    summary: work.summary,
    counts: work.counts,
    rows: work.rows,
    changeSet: request.apply ? await findChangeSet(db, id) : null,
  };
}

/** "1 artist merged", "2 artists merged": the summaries a preview shows. */
function counted(n: number, noun: string, done: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'} ${done}`;
}
