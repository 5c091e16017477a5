/** The nightly pipeline's runs (jobs/pipeline.ts): one row per run, its phases as JSON. */
import type { Database } from './database.js';
import { big, numOrNull, str, strOrNull } from './rows.js';

export interface PipelinePhase {
  name: string;
  status: 'completed' | 'failed' | 'skipped';
  startedAt: string;
  ms: number;
  tries: number;
  /** Volumes in and out (what the phase read, what it changed), by name. */
  volumes: Record<string, number>;
  error: string | null;
}

export interface PipelineRun {
  id: number;
  trigger: string;
  status: 'running' | 'completed' | 'failed' | 'interrupted';
  startedAt: string;
  finishedAt: string | null;
  scoreBefore: number | null;
  scoreAfter: number | null;
  phases: PipelinePhase[];
  error: string | null;
}

const ts = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%gZ')`;
const SELECT = `SELECT id, trigger, status, ${ts('started_at')} AS started_at, ${ts('finished_at')} AS finished_at,
  score_before, score_after, phases, error FROM pipeline_runs`;

function toRun(r: Record<string, unknown>): PipelineRun {
  return {
    id: Number(big(r.id, 'id')),
    trigger: str(r.trigger, 'trigger'),
    status: str(r.status, 'status') as PipelineRun['status'],
    startedAt: str(r.started_at, 'started_at'),
    finishedAt: strOrNull(r.finished_at, 'finished_at'),
    scoreBefore: numOrNull(r.score_before, 'score_before'),
    scoreAfter: numOrNull(r.score_after, 'score_after'),
    phases: JSON.parse(str(r.phases, 'phases')) as PipelinePhase[],
    error: strOrNull(r.error, 'error'),
  };
}

export async function startPipelineRun(db: Database, run: { trigger: string; now: number }): Promise<number> {
  const [row] = await db.all(
    `INSERT INTO pipeline_runs (trigger, status, started_at, phases) VALUES ($trigger, 'running',
       make_timestamp($at::BIGINT * 1000), '[]') RETURNING id`,
    { trigger: run.trigger, at: run.now },
  );
  return Number(big(row?.id, 'id'));
}

export async function recordPipelineRun(
  db: Database,
  update: {
    id: number;
    phases: readonly PipelinePhase[];
    scoreBefore?: number | null;
    scoreAfter?: number | null;
    finished?: { status: 'completed' | 'failed'; now: number; error: string | null };
  },
): Promise<void> {
  await db.run(
    `UPDATE pipeline_runs SET phases = $phases,
       score_before = coalesce($before, score_before), score_after = coalesce($after, score_after),
       status = coalesce($status, status),
       finished_at = CASE WHEN $finished::BIGINT IS NULL THEN finished_at ELSE make_timestamp($finished::BIGINT * 1000) END,
       error = coalesce($error, error)
     WHERE id = $id`,
    {
      id: update.id,
      phases: JSON.stringify(update.phases),
      before: update.scoreBefore ?? null,
      after: update.scoreAfter ?? null,
      status: update.finished?.status ?? null,
      finished: update.finished?.now ?? null,
      error: update.finished?.error ?? null,
    },
  );
}

/** Runs left 'running' by a process that is gone: only the process holding the file runs any. */
export async function markInterruptedPipelineRuns(db: Database): Promise<number> {
  const rows = await db.all(
    "UPDATE pipeline_runs SET status = 'interrupted' WHERE status = 'running' RETURNING id",
  );
  return rows.length;
}

export async function listPipelineRuns(db: Database, limit: number): Promise<PipelineRun[]> {
  return (await db.all(`${SELECT} ORDER BY id DESC LIMIT $limit`, { limit })).map(toRun);
}

export async function findPipelineRun(db: Database, id: number): Promise<PipelineRun | null> {
  const [row] = await db.all(`${SELECT} WHERE id = $id`, { id });
  return row ? toRun(row) : null;
}
