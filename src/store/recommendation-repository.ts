/**
 * The recommender's tables (migrations 007–009): the registry of trained model versions, the
 * retraining decisions, the cached top-N lists with their explanations, and users' feedback.
 * The recommender (src/recommend) decides; this module only reads and writes the rows.
 */
import { blobValue } from '@duckdb/node-api';
import type { Database, SqlList } from './database.js';
import { idList, num, numOrNull, str, strOrNull, textList, type Row } from './rows.js';

export type RecommendationEntity = 'recording' | 'artist' | 'release';
export type ModelStatus = 'candidate' | 'production' | 'retired' | 'rejected';

/** What the registry keeps of a version, without its bytes. */
export interface ModelVersionSummary {
  id: number;
  entity: RecommendationEntity;
  kind: string;
  params: Record<string, unknown>;
  status: ModelStatus;
  trainedAt: string;
  trainSeconds: number;
  data: {
    users: number;
    items: number;
    interactions: number;
    listens: number;
    from: string | null;
    to: string | null;
    fingerprint: string;
  };
  metrics: Record<string, unknown> | null;
  promotedAt: string | null;
  retiredAt: string | null;
}

export interface ModelVersion extends ModelVersionSummary {
  /** Listeners per item id when it was trained (drift is measured from it). */
  itemPopularity: Record<string, number>;
  artifact: Uint8Array;
}

export interface NewModelVersion {
  entity: RecommendationEntity;
  kind: string;
  params: Record<string, unknown>;
  status: ModelStatus;
  trainedAtMs: number;
  trainSeconds: number;
  data: ModelVersionSummary['data'] & { fromMs: number | null; toMs: number | null };
  itemPopularity: Record<string, number>;
  metrics: Record<string, unknown> | null;
  artifact: Uint8Array;
}

function blob(bytes: Uint8Array): SqlList {
  // A DuckDB BLOB value underneath, bound as it is (like idList's list values).
  return blobValue(bytes) as unknown as SqlList;
}
function iso(value: unknown): string | null {
  return value instanceof Date ? value.toISOString() : null;
}
function json(value: unknown, field: string): Record<string, unknown> {
  const text = str(value, field);
  return JSON.parse(text) as Record<string, unknown>;
}
function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'object' && value !== null && 'bytes' in value && value.bytes instanceof Uint8Array)
    return value.bytes;
  throw new Error('model_versions.artifact is not a BLOB');
}

const SUMMARY_COLUMNS = `id, entity, kind, CAST(params AS VARCHAR) AS params, status, trained_at, train_seconds,
  data_users, data_items, data_interactions, data_listens, data_from, data_to, data_fingerprint,
  CAST(metrics AS VARCHAR) AS metrics, promoted_at, retired_at`;

function toSummary(r: Row): ModelVersionSummary {
  const metrics = strOrNull(r.metrics, 'metrics');
  return {
    id: num(r.id, 'id'),
    entity: str(r.entity, 'entity') as RecommendationEntity,
    kind: str(r.kind, 'kind'),
    params: json(r.params, 'params'),
    status: str(r.status, 'status') as ModelStatus,
    trainedAt: iso(r.trained_at) ?? '',
    trainSeconds: num(r.train_seconds, 'train_seconds'),
    data: {
      users: num(r.data_users, 'data_users'),
      items: num(r.data_items, 'data_items'),
      interactions: num(r.data_interactions, 'data_interactions'),
      listens: num(r.data_listens, 'data_listens'),
      from: iso(r.data_from),
      to: iso(r.data_to),
      fingerprint: str(r.data_fingerprint, 'data_fingerprint'),
    },
    metrics: metrics === null ? null : (JSON.parse(metrics) as Record<string, unknown>),
    promotedAt: iso(r.promoted_at),
    retiredAt: iso(r.retired_at),
  };
}

export async function insertModelVersion(db: Database, v: NewModelVersion): Promise<number> {
  const [row] = await db.all(
    `INSERT INTO model_versions (entity, kind, params, status, trained_at, train_seconds, data_users,
       data_items, data_interactions, data_listens, data_from, data_to, data_fingerprint, item_popularity,
       metrics, artifact)
     VALUES ($entity, $kind, $params, $status, epoch_ms($trained_at), $train_seconds, $users, $items,
       $interactions, $listens, CASE WHEN $from_ms IS NULL THEN NULL ELSE epoch_ms($from_ms) END,
       CASE WHEN $to_ms IS NULL THEN NULL ELSE epoch_ms($to_ms) END, $fingerprint, $popularity, $metrics, $artifact)
     RETURNING id`,
    {
      entity: v.entity,
      kind: v.kind,
      params: JSON.stringify(v.params),
      status: v.status,
      trained_at: v.trainedAtMs,
      train_seconds: v.trainSeconds,
      users: v.data.users,
      items: v.data.items,
      interactions: v.data.interactions,
      listens: v.data.listens,
      from_ms: v.data.fromMs,
      to_ms: v.data.toMs,
      fingerprint: v.data.fingerprint,
      popularity: JSON.stringify(v.itemPopularity),
      metrics: v.metrics === null ? null : JSON.stringify(v.metrics),
      artifact: blob(v.artifact),
    },
  );
  return num(row!.id, 'id');
}

/** A version with its bytes and training popularity; null when there is none with that id. */
export async function findModelVersion(db: Database, id: number): Promise<ModelVersion | null> {
  const rows = await db.all(
    `SELECT ${SUMMARY_COLUMNS}, CAST(item_popularity AS VARCHAR) AS item_popularity, artifact
     FROM model_versions WHERE id = $id`,
    { id },
  );
  const r = rows[0];
  if (!r) return null;
  return {
    ...toSummary(r),
    itemPopularity: json(r.item_popularity, 'item_popularity') as Record<string, number>,
    artifact: bytesOf(r.artifact),
  };
}

/** The version in production for `entity`, with its bytes; null when none has been promoted. */
export async function findProductionModel(
  db: Database,
  entity: RecommendationEntity,
): Promise<ModelVersion | null> {
  const rows = await db.all(
    "SELECT id FROM model_versions WHERE entity = $entity AND status = 'production' ORDER BY id DESC LIMIT 1",
    { entity },
  );
  return rows[0] ? findModelVersion(db, num(rows[0].id, 'id')) : null;
}

/** The version in production for `entity` without its bytes (what a list names); null when none. */
export async function findProductionSummary(
  db: Database,
  entity: RecommendationEntity,
): Promise<ModelVersionSummary | null> {
  const rows = await db.all(
    `SELECT ${SUMMARY_COLUMNS} FROM model_versions
     WHERE entity = $entity AND status = 'production' ORDER BY id DESC LIMIT 1`,
    { entity },
  );
  return rows[0] ? toSummary(rows[0]) : null;
}

/** Versions, newest first (all entities unless one is named). */
export async function listModelVersions(
  db: Database,
  filter: { entity?: RecommendationEntity; limit: number },
): Promise<ModelVersionSummary[]> {
  const rows = await db.all(
    `SELECT ${SUMMARY_COLUMNS} FROM model_versions
     WHERE $entity IS NULL OR entity = $entity ORDER BY id DESC LIMIT $limit`,
    { entity: filter.entity ?? null, limit: filter.limit },
  );
  return rows.map(toSummary);
}

/** Marks a version rejected (a candidate that lost) or retired. */
export async function setModelStatus(
  db: Database,
  change: { id: number; status: Exclude<ModelStatus, 'production'>; atMs: number },
): Promise<void> {
  await db.run(
    `UPDATE model_versions SET status = $status,
       retired_at = CASE WHEN $status = 'retired' THEN epoch_ms($at) ELSE retired_at END
     WHERE id = $id`,
    { id: change.id, status: change.status, at: change.atMs },
  );
}

/** Puts a version in production for its entity and retires the one that was, in one transaction. */
export async function promoteModelVersion(
  db: Database,
  change: { id: number; entity: RecommendationEntity; atMs: number },
): Promise<void> {
  await db.transaction(async () => {
    await db.run(
      `UPDATE model_versions SET status = 'retired', retired_at = epoch_ms($at)
       WHERE entity = $entity AND status = 'production' AND id <> $id`,
      { entity: change.entity, id: change.id, at: change.atMs },
    );
    await db.run(
      "UPDATE model_versions SET status = 'production', promoted_at = epoch_ms($at) WHERE id = $id",
      { id: change.id, at: change.atMs },
    );
  });
}

export interface RetrainRun {
  id: number;
  entity: RecommendationEntity;
  startedAt: string;
  finishedAt: string;
  decision: 'promoted' | 'kept' | 'skipped';
  reasons: string[];
  drift: Record<string, unknown> | null;
  metric: string;
  candidateVersionId: number | null;
  productionVersionId: number | null;
  candidateValue: number | null;
  productionValue: number | null;
}

export type NewRetrainRun = Omit<RetrainRun, 'id' | 'startedAt' | 'finishedAt'> & {
  startedAtMs: number;
  finishedAtMs: number;
};

export async function recordRetrainRun(db: Database, run: NewRetrainRun): Promise<number> {
  const [row] = await db.all(
    `INSERT INTO retrain_runs (entity, started_at, finished_at, decision, reasons, drift, metric,
       candidate_version_id, production_version_id, candidate_value, production_value)
     VALUES ($entity, epoch_ms($started), epoch_ms($finished), $decision, $reasons, $drift, $metric,
       $candidate, $production, $candidate_value, $production_value)
     RETURNING id`,
    {
      entity: run.entity,
      started: run.startedAtMs,
      finished: run.finishedAtMs,
      decision: run.decision,
      reasons: JSON.stringify(run.reasons),
      drift: run.drift === null ? null : JSON.stringify(run.drift),
      metric: run.metric,
      candidate: run.candidateVersionId,
      production: run.productionVersionId,
      candidate_value: run.candidateValue,
      production_value: run.productionValue,
    },
  );
  return num(row!.id, 'id');
}

export async function listRetrainRuns(
  db: Database,
  filter: { entity?: RecommendationEntity; limit: number },
): Promise<RetrainRun[]> {
  const rows = await db.all(
    `SELECT id, entity, started_at, finished_at, decision, CAST(reasons AS VARCHAR) AS reasons,
       CAST(drift AS VARCHAR) AS drift, metric, candidate_version_id, production_version_id,
       candidate_value, production_value
     FROM retrain_runs WHERE $entity IS NULL OR entity = $entity ORDER BY id DESC LIMIT $limit`,
    { entity: filter.entity ?? null, limit: filter.limit },
  );
  return rows.map((r) => {
    const drift = strOrNull(r.drift, 'drift');
    return {
      id: num(r.id, 'id'),
      entity: str(r.entity, 'entity') as RecommendationEntity,
      startedAt: iso(r.started_at) ?? '',
      finishedAt: iso(r.finished_at) ?? '',
      decision: str(r.decision, 'decision') as RetrainRun['decision'],
      reasons: JSON.parse(str(r.reasons, 'reasons')) as string[],
      drift: drift === null ? null : (JSON.parse(drift) as Record<string, unknown>),
      metric: str(r.metric, 'metric'),
      candidateVersionId: numOrNull(r.candidate_version_id, 'candidate_version_id'),
      productionVersionId: numOrNull(r.production_version_id, 'production_version_id'),
      candidateValue: numOrNull(r.candidate_value, 'candidate_value'),
      productionValue: numOrNull(r.production_value, 'production_value'),
    };
  });
}

export interface CachedRecommendation {
  rank: number;
  itemId: number;
  score: number;
  /** JSON text as stored (the recommender's explanation). */
  explanation: string;
}

/** Replaces a user's list for an entity (one transaction; the rows in one statement). */
export async function replaceRecommendations(
  db: Database,
  list: {
    userId: number;
    entity: RecommendationEntity;
    versionId: number;
    computedAtMs: number;
    expiresAtMs: number;
    rows: readonly Omit<CachedRecommendation, 'rank'>[];
  },
): Promise<void> {
  await db.transaction(async () => {
    await db.run('DELETE FROM recommendations WHERE user_id = $user AND entity = $entity', {
      user: list.userId,
      entity: list.entity,
    });
    if (list.rows.length === 0) return;
    await db.run(
      `INSERT INTO recommendations (user_id, entity, model_version_id, rank, item_id, score, explanation,
         computed_at, expires_at)
       SELECT $user, $entity, $version, CAST(i AS INTEGER), CAST($items[i] AS INTEGER), CAST($scores[i] AS DOUBLE),
         CAST($explanations[i] AS JSON), epoch_ms($computed), epoch_ms($expires)
       FROM range(1, len($items) + 1) t(i)`,
      {
        user: list.userId,
        entity: list.entity,
        version: list.versionId,
        items: idList(list.rows.map((r) => r.itemId)),
        // As text: a list of JS numbers is typed by its first element, and an integral score would
        // make the list INTEGER.
        scores: textList(list.rows.map((r) => String(r.score))),
        explanations: textList(list.rows.map((r) => r.explanation)),
        computed: list.computedAtMs,
        expires: list.expiresAtMs,
      },
    );
  });
}

export interface CachedList {
  versionId: number;
  computedAt: string;
  expiresAt: string;
  computedAtMs: number;
  expiresAtMs: number;
  rows: CachedRecommendation[];
}

/** A user's cached list for an entity, best first; null when none has been computed. */
export async function findRecommendations(
  db: Database,
  key: { userId: number; entity: RecommendationEntity },
): Promise<CachedList | null> {
  const rows = await db.all(
    `SELECT model_version_id, rank, item_id, score, CAST(explanation AS VARCHAR) AS explanation,
       computed_at, expires_at, epoch_ms(computed_at) AS computed_ms, epoch_ms(expires_at) AS expires_ms
     FROM recommendations WHERE user_id = $user AND entity = $entity ORDER BY rank`,
    { user: key.userId, entity: key.entity },
  );
  const first = rows[0];
  if (!first) return null;
  return {
    versionId: num(first.model_version_id, 'model_version_id'),
    computedAt: iso(first.computed_at) ?? '',
    expiresAt: iso(first.expires_at) ?? '',
    computedAtMs: num(first.computed_ms, 'computed_ms'),
    expiresAtMs: num(first.expires_ms, 'expires_ms'),
    rows: rows.map((r) => ({
      rank: num(r.rank, 'rank'),
      itemId: num(r.item_id, 'item_id'),
      score: num(r.score, 'score'),
      explanation: str(r.explanation, 'explanation'),
    })),
  };
}

/** Drops cached lists (of one entity, or all). */
export async function clearRecommendations(db: Database, entity?: RecommendationEntity): Promise<void> {
  await db.run('DELETE FROM recommendations WHERE $entity IS NULL OR entity = $entity', {
    entity: entity ?? null,
  });
}

export type Feedback = 'not_interested';

/** Records a user's feedback on an item (replacing what they said before about it). */
export async function setRecommendationFeedback(
  db: Database,
  f: { userId: number; entity: RecommendationEntity; itemId: number; feedback: Feedback; atMs: number },
): Promise<void> {
  await db.transaction(async () => {
    await removeRecommendationFeedback(db, f);
    await db.run(
      `INSERT INTO recommendation_feedback (user_id, entity, item_id, feedback, created_at)
       VALUES ($user, $entity, $item, $feedback, epoch_ms($at))`,
      { user: f.userId, entity: f.entity, item: f.itemId, feedback: f.feedback, at: f.atMs },
    );
  });
}

export async function removeRecommendationFeedback(
  db: Database,
  f: { userId: number; entity: RecommendationEntity; itemId: number },
): Promise<void> {
  await db.run(
    'DELETE FROM recommendation_feedback WHERE user_id = $user AND entity = $entity AND item_id = $item',
    { user: f.userId, entity: f.entity, item: f.itemId },
  );
}

/** The items a user marked "not interested" for an entity. */
export async function listNotInterested(
  db: Database,
  key: { userId: number; entity: RecommendationEntity },
): Promise<number[]> {
  const rows = await db.all(
    `SELECT item_id FROM recommendation_feedback
     WHERE user_id = $user AND entity = $entity AND feedback = 'not_interested' ORDER BY item_id`,
    { user: key.userId, entity: key.entity },
  );
  return rows.map((r) => num(r.item_id, 'item_id'));
}

const tables = {
  insertVersion: insertModelVersion,
  findVersion: findModelVersion,
  production: findProductionModel,
  productionSummary: findProductionSummary,
  listVersions: listModelVersions,
  setStatus: setModelStatus,
  promote: promoteModelVersion,
  recordRetrain: recordRetrainRun,
  listRetrains: listRetrainRuns,
  replaceLists: replaceRecommendations,
  findList: findRecommendations,
  clearLists: clearRecommendations,
  setFeedback: setRecommendationFeedback,
  removeFeedback: removeRecommendationFeedback,
  notInterested: listNotInterested,
};

type Tables = typeof tables;
/** The recommender's tables with a database bound (as the Store binds its repositories). */
export type RecommendationTables = {
  readonly [K in keyof Tables]: Tables[K] extends (db: Database, ...args: infer A) => infer T
    ? (...args: A) => T
    : never;
};

const bound = new WeakMap<Database, RecommendationTables>();

/** The recommender's tables on `db` (store.db for writes, store.reader().db for reads). */
export function recommendationTables(db: Database): RecommendationTables {
  let t = bound.get(db);
  if (!t) {
    const out: Record<string, unknown> = {};
    for (const [name, fn] of Object.entries(tables))
      out[name] = (...args: never[]) => (fn as (db: Database, ...a: never[]) => unknown)(db, ...args);
    t = out as RecommendationTables;
    bound.set(db, t);
  }
  return t;
}
