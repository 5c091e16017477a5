/**
 * Change sets: every fix applied keeps the rows it replaced, so `undo` puts them back exactly.
 *
 * The rows are kept in shadow tables, `quality_shadow_<table>`, made on first use with the table's
 * own columns (and the columns a later migration adds), plus `change_set_id`. A fix on listens keeps
 * the listens it changes and every listen of the same user near them in time (the write path's
 * duplicate decision can only reach those), with their further sources and contexts; once the fix
 * has run, the neighbours it left as they were are dropped from the set. The rows the fix created
 * (listens and catalogue rows) are listed in change_set_created. Undo, in one transaction: the
 * rollups lose the current rows of those listens, the rows go, the kept rows come back and the
 * rollups gain them; created catalogue rows no listen needs any more go too.
 */
import { AppError } from '../domain/errors.js';
import type { Database, SqlValue } from '../store/index.js';
import { catalogueChanged } from '../store/catalogue-ids.js';
import { applyListenDelta } from '../store/rollups.js';
import { anyIds } from './ids.js';
import { big, num, str, strOrNull } from '../store/rows.js';
import { LISTENS_WINDOW_S } from '../domain/dedup-tolerances.js';
import { ORPHAN_QUERIES } from './detect.js';

/** Tables whose rows a change set can keep. Listen-keyed ones are kept per listen id. */
const LISTEN_TABLES = ['listens', 'listen_sources', 'listen_contexts'] as const;
const CATALOGUE_TABLES = [
  'artists',
  'artist_credits',
  'artist_credit_members',
  'recordings',
  'releases',
  'catalog_matches',
] as const;
type ShadowTable = (typeof LISTEN_TABLES)[number] | (typeof CATALOGUE_TABLES)[number];
const CREATED_TABLES = ['artists', 'artist_credits', 'recordings', 'releases'] as const;

const shadow = (table: ShadowTable) => `quality_shadow_${table}`;
const LISTEN_ID: Readonly<Record<(typeof LISTEN_TABLES)[number], string>> = {
  listens: 'id',
  listen_sources: 'listen_id',
  listen_contexts: 'listen_id',
};

/**
 * Makes the shadow tables, or adds the columns their tables gained since. Outside a transaction:
 * DuckDB does not alter a table a transaction has written to.
 */
export async function ensureShadowTables(db: Database): Promise<void> {
  for (const table of [...LISTEN_TABLES, ...CATALOGUE_TABLES]) {
    const columns = async (name: string) =>
      (
        await db.all(
          `SELECT column_name, data_type FROM information_schema.columns
           WHERE table_schema = 'main' AND table_name = $name ORDER BY ordinal_position`,
          { name },
        )
      ).map((r) => ({ name: str(r.column_name, 'column_name'), type: str(r.data_type, 'data_type') }));
    const kept = await columns(shadow(table));
    if (kept.length === 0) {
      await db.run(
        `CREATE TABLE IF NOT EXISTS ${shadow(table)} AS SELECT NULL::BIGINT AS change_set_id, * FROM ${table} LIMIT 0`,
      );
      continue;
    }
    const have = new Set(kept.map((c) => c.name));
    for (const c of await columns(table))
      if (!have.has(c.name)) await db.run(`ALTER TABLE ${shadow(table)} ADD COLUMN "${c.name}" ${c.type}`);
  }
}

/** The columns of `table` as a list for INSERT … SELECT (the shadow may have the same set in another order). */
async function columnList(db: Database, table: string): Promise<string> {
  const rows = await db.all(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $name
     ORDER BY ordinal_position`,
    { name: table },
  );
  return rows.map((r) => `"${str(r.column_name, 'column_name')}"`).join(', ');
}

/** A change set being recorded: made by `beginChangeSet` inside the fix's transaction. */
export class ChangeSetRecorder {
  private readonly touched = new Set<bigint>();

  private constructor(
    private readonly db: Database,
    readonly id: number,
    private readonly maxBefore: Readonly<Record<string, bigint>>,
  ) {}

  static async begin(
    db: Database,
    set: { kind: string; params: unknown; createdBy: string; now: number },
  ): Promise<ChangeSetRecorder> {
    const [row] = await db.all(
      `INSERT INTO change_sets (kind, params, status, created_at, created_by, summary, counts)
       VALUES ($kind, $params, 'applied', make_timestamp($at::BIGINT * 1000), $by, '', '{}') RETURNING id`,
      { kind: set.kind, params: JSON.stringify(set.params), at: set.now, by: set.createdBy },
    );
    const maxBefore: Record<string, bigint> = {};
    for (const table of ['listens', ...CREATED_TABLES]) {
      const [m] = await db.all(`SELECT coalesce(max(id), 0) AS id FROM ${table}`);
      maxBefore[table] = big(m?.id, 'id');
    }
    return new ChangeSetRecorder(db, Number(big(row?.id, 'id')), maxBefore);
  }

  /**
   * Keeps the listens with these ids, as they are now, and the user's listens near them in time
   * (which a rewritten listen may merge into), with their further sources and contexts.
   */
  async keepListens(ids: readonly bigint[]): Promise<void> {
    const fresh = ids.filter((id) => !this.touched.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) this.touched.add(id);
    const binds = { cs: this.id, ids: anyIds(fresh), window_s: LISTENS_WINDOW_S };
    await this.db.run(
      `CREATE OR REPLACE TEMP TABLE quality_keep AS
       SELECT DISTINCT n.id FROM listens a JOIN listens n ON n.user_id = a.user_id
         AND n.listened_at BETWEEN a.listened_at - to_seconds($window_s) AND a.listened_at + to_seconds($window_s)
       WHERE list_contains($ids, a.id)
         AND n.id NOT IN (SELECT id FROM ${shadow('listens')} WHERE change_set_id = $cs)`,
      binds,
    );
    for (const table of LISTEN_TABLES) {
      await this.db.run(
        `INSERT INTO ${shadow(table)} BY NAME SELECT $cs AS change_set_id, * FROM ${table}
         WHERE ${LISTEN_ID[table]} IN (SELECT id FROM quality_keep)`,
        { cs: this.id },
      );
    }
    await this.db.run('DROP TABLE quality_keep');
  }

  /** Keeps the catalogue rows `where` selects from `table` (before the fix deletes them). */
  async keepRows(
    table: (typeof CATALOGUE_TABLES)[number],
    where: string,
    binds: Record<string, SqlValue> = {},
  ): Promise<void> {
    await this.db.run(
      `INSERT INTO ${shadow(table)} BY NAME SELECT $cs AS change_set_id, * FROM ${table} t WHERE ${where}`,
      { ...binds, cs: this.id },
    );
  }

  /**
   * After the fix: drops the kept neighbours it left as they were, lists what it created, and
   * writes the set's summary and counts.
   */
  async finish(
    summary: string,
    counts: Record<string, number>,
    changedIds: readonly bigint[],
  ): Promise<void> {
    const cs = { cs: this.id };
    const kept = `SELECT id FROM ${shadow('listens')} WHERE change_set_id = $cs`;
    const listens = await columnList(this.db, 'listens');
    const sources = await columnList(this.db, 'listen_sources');
    const contexts = await columnList(this.db, 'listen_contexts');
    await this.db.run(
      `CREATE OR REPLACE TEMP TABLE quality_changed AS
       SELECT id FROM (SELECT ${listens} FROM ${shadow('listens')} WHERE change_set_id = $cs
                       EXCEPT ALL SELECT ${listens} FROM listens WHERE id IN (${kept}))
       UNION SELECT listen_id FROM (
         (SELECT ${sources} FROM ${shadow('listen_sources')} WHERE change_set_id = $cs
          EXCEPT ALL SELECT ${sources} FROM listen_sources WHERE listen_id IN (${kept}))
         UNION ALL
         (SELECT ${sources} FROM listen_sources WHERE listen_id IN (${kept})
          EXCEPT ALL SELECT ${sources} FROM ${shadow('listen_sources')} WHERE change_set_id = $cs))
       UNION SELECT listen_id FROM (
         (SELECT ${contexts} FROM ${shadow('listen_contexts')} WHERE change_set_id = $cs
          EXCEPT ALL SELECT ${contexts} FROM listen_contexts WHERE listen_id IN (${kept}))
         UNION ALL
         (SELECT ${contexts} FROM listen_contexts WHERE listen_id IN (${kept})
          EXCEPT ALL SELECT ${contexts} FROM ${shadow('listen_contexts')} WHERE change_set_id = $cs))
       UNION SELECT unnest($changed::BIGINT[])`,
      { ...cs, changed: anyIds(changedIds) },
    );
    for (const table of LISTEN_TABLES)
      await this.db.run(
        `DELETE FROM ${shadow(table)} WHERE change_set_id = $cs
           AND ${LISTEN_ID[table]} NOT IN (SELECT id FROM quality_changed)`,
        cs,
      );
    await this.db.run('DROP TABLE quality_changed');
    for (const table of ['listens', ...CREATED_TABLES])
      await this.db.run(
        `INSERT INTO change_set_created SELECT $cs, $table, id FROM ${table} WHERE id > $above`,
        { ...cs, table, above: this.maxBefore[table]! },
      );
    await this.db.run('UPDATE change_sets SET summary = $summary, counts = $counts WHERE id = $cs', {
      ...cs,
      summary,
      counts: JSON.stringify(counts),
    });
  }
}

export interface ChangeSetView {
  id: number;
  kind: string;
  params: unknown;
  status: 'applied' | 'undone';
  createdAt: string;
  createdBy: string;
  summary: string;
  counts: Record<string, number>;
  undoneAt: string | null;
  undoneBy: string | null;
}

const VIEW_SQL = `SELECT id, kind, params, status, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, created_by,
  summary, counts, strftime(undone_at, '%Y-%m-%dT%H:%M:%SZ') AS undone_at, undone_by FROM change_sets`;

function toView(r: Record<string, unknown>): ChangeSetView {
  return {
    id: Number(big(r.id, 'id')),
    kind: str(r.kind, 'kind'),
    params: JSON.parse(str(r.params, 'params')) as unknown,
    status: r.status === 'undone' ? 'undone' : 'applied',
    createdAt: str(r.created_at, 'created_at'),
    createdBy: str(r.created_by, 'created_by'),
    summary: str(r.summary, 'summary'),
    counts: JSON.parse(str(r.counts, 'counts')) as Record<string, number>,
    undoneAt: strOrNull(r.undone_at, 'undone_at'),
    undoneBy: strOrNull(r.undone_by, 'undone_by'),
  };
}

/** The audit log of fixes: newest first. */
export async function listChangeSets(db: Database, limit = 100): Promise<ChangeSetView[]> {
  const rows = await db.all(`${VIEW_SQL} ORDER BY id DESC LIMIT $limit`, { limit });
  return rows.map(toView);
}

export async function findChangeSet(db: Database, id: number): Promise<ChangeSetView | null> {
  const [row] = await db.all(`${VIEW_SQL} WHERE id = $id`, { id });
  return row ? toView(row) : null;
}

export interface UndoResult {
  changeSet: ChangeSetView;
  restoredListens: number;
  removedListens: number;
  removedCatalogueRows: number;
}

/** Puts back what change set `id` replaced, in one transaction (see the module's comment). */
export async function undoChangeSet(
  db: Database,
  request: { id: number; by: string; now: number },
): Promise<UndoResult> {
  const before = await findChangeSet(db, request.id);
  if (!before)
    throw new AppError(
      'NOT_FOUND',
      `There is no change set ${request.id}: \`listenhouse fix log\` lists them.`,
    );
  if (before.status === 'undone')
    throw new AppError('CONFLICT', `Change set ${request.id} was undone already (${before.undoneAt ?? ''}).`);
  await ensureShadowTables(db);
  const result = await db.transaction(async () => {
    const cs = { cs: request.id };
    const ids = `SELECT id FROM ${shadow('listens')} WHERE change_set_id = $cs
      UNION SELECT id FROM change_set_created WHERE change_set_id = $cs AND tbl = 'listens'`;
    const [current] = await db.all(`SELECT count(*) AS n FROM listens WHERE id IN (${ids})`, cs);
    await applyListenDelta(db, {
      sign: -1,
      listens: `SELECT * FROM listens WHERE id IN (${ids})`,
      binds: cs,
    });
    for (const table of LISTEN_TABLES)
      await db.run(`DELETE FROM ${table} WHERE ${LISTEN_ID[table]} IN (${ids})`, cs);
    for (const table of LISTEN_TABLES) {
      const columns = await columnList(db, table);
      await db.run(
        `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM ${shadow(table)} WHERE change_set_id = $cs`,
        cs,
      );
    }
    const [restored] = await db.all(
      `SELECT count(*) AS n FROM ${shadow('listens')} WHERE change_set_id = $cs`,
      cs,
    );
    await applyListenDelta(db, {
      sign: 1,
      listens: `SELECT * FROM listens WHERE id IN (SELECT id FROM ${shadow('listens')} WHERE change_set_id = $cs)`,
      binds: cs,
    });
    // Catalogue rows the fix deleted come back (unless a row of the same key was made since).
    let removedCatalogue = 0;
    for (const table of CATALOGUE_TABLES) {
      const columns = await columnList(db, table);
      const unique =
        table === 'artist_credit_members' || table === 'catalog_matches'
          ? ''
          : `AND NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.key = s.key OR t.id = s.id)`;
      await db.run(
        `INSERT INTO ${table} (${columns}) SELECT ${columns
          .replaceAll('"', '')
          .split(', ')
          .map((c) => `s."${c}"`)
          .join(', ')}
         FROM ${shadow(table)} s WHERE s.change_set_id = $cs ${unique}`,
        cs,
      );
    }
    // Catalogue rows it created go when no listen needs them any more.
    for (const table of ['recordings', 'releases', 'artist_credits', 'artists'] as const) {
      const gone = await db.all(
        `DELETE FROM ${table} WHERE id IN (SELECT id FROM change_set_created WHERE change_set_id = $cs AND tbl = $table)
           AND id IN (${ORPHAN_QUERIES[table]}) RETURNING id`,
        { ...cs, table },
      );
      removedCatalogue += gone.length;
      if (table === 'artist_credits' && gone.length > 0)
        await db.run('DELETE FROM artist_credit_members WHERE list_contains($ids, credit_id)', {
          ids: anyIds(gone.map((r) => big(r.id, 'id'))),
        });
    }
    await db.run(
      `UPDATE change_sets SET status = 'undone', undone_at = make_timestamp($at::BIGINT * 1000), undone_by = $by
       WHERE id = $cs`,
      { ...cs, at: request.now, by: request.by },
    );
    return {
      restoredListens: num(restored?.n, 'n'),
      removedListens: num(current?.n, 'n'),
      removedCatalogueRows: removedCatalogue,
    };
  });
  catalogueChanged(db);
  const after = await findChangeSet(db, request.id);
  return { changeSet: after!, ...result };
}
