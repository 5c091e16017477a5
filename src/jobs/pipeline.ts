/**
 * The nightly pipeline: audit → backup → safe fixes → enrichment batch → matching retries →
 * recommendations retrain-if-better → final audit → report. The composition root gives it the
 * phases (services/pipeline-phases.ts); this module runs them in order, records each (duration,
 * volumes, tries, error) in pipeline_runs, retries a failed phase with exponential backoff, and
 * never runs two at once.
 *
 * The lock is the process's own: DuckDB lets one process hold the database, and only that process
 * runs the pipeline (the CLI goes through a running server). A run a killed process left `running`
 * is marked `interrupted` by the next process that takes the database, so nothing stays held.
 */
import { Cron } from 'croner';
import { AppError } from '../domain/errors.js';
import type { PipelinePhase, PipelineRun, Store } from '../store/index.js';

/** What a phase did: volumes by name, and the score when it is an audit. */
export interface PhaseOutput {
  volumes: Record<string, number>;
  score?: number;
}

export interface PhaseWork {
  name: string;
  run: () => Promise<PhaseOutput>;
  /** A phase that may fail without failing the run (enrichment asks outside services). */
  optional?: boolean;
}

export interface PipelineOptions {
  store: Store;
  phases: () => PhaseWork[];
  now: () => number;
  /** Times a failed phase is tried again. */
  retries: number;
  /** Before the first retry; each next one waits twice as long. */
  backoffMs: number;
  /** How to wait (tests: at once). */
  sleep?: (ms: number) => Promise<void>;
}

export type PipelineStart =
  { started: true; run: PipelineRun } | { started: false; reason: string; runningId: number | null };

const wait = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export class Pipeline {
  private current: { id: number | null; done: Promise<PipelineRun> } | null = null;
  /** Runs refused because one was running (since this process started). */
  skipped = 0;
  private lastRun: PipelineRun | null = null;

  constructor(private readonly options: PipelineOptions) {}

  get running(): boolean {
    return this.current !== null;
  }

  get last(): PipelineRun | null {
    return this.lastRun;
  }

  /**
   * Starts a run unless one is running (then it is skipped and counted). `wait`: answer once it has
   * finished, else once it has started.
   */
  async start(trigger: string, wait = true): Promise<PipelineStart> {
    if (this.current) {
      this.skipped++;
      return { started: false, reason: 'a run is in progress', runningId: this.current.id };
    }
    const slot: { id: number | null; done: Promise<PipelineRun> } = {
      id: null,
      done: Promise.resolve(null as never),
    };
    this.current = slot;
    let started!: (id: number) => void;
    const idKnown = new Promise<number>((resolve) => (started = resolve));
    slot.done = this.execute(trigger, (id) => {
      slot.id = id;
      started(id);
    }).finally(() => {
      this.current = null;
    });
    if (wait) return { started: true, run: await slot.done };
    const id = await Promise.race([idKnown, slot.done.then((r) => r.id)]);
    const run = await this.options.store.reader().pipelineRuns.find(id);
    if (!run) throw new AppError('INTERNAL', `Pipeline run ${id} was not recorded.`);
    return { started: true, run };
  }

  /** Waits for the run in progress, if any. */
  async drain(): Promise<void> {
    await this.current?.done.catch(() => undefined);
  }

  private async execute(trigger: string, onId: (id: number) => void): Promise<PipelineRun> {
    const { store, now } = this.options;
    const id = await store.pipelineRuns.start({ trigger, now: now() });
    onId(id);
    const phases: PipelinePhase[] = [];
    let scoreBefore: number | null = null;
    let scoreAfter: number | null = null;
    let failure: string | null = null;
    for (const phase of this.options.phases()) {
      if (failure !== null) {
        phases.push({
          name: phase.name,
          status: 'skipped',
          startedAt: new Date(now()).toISOString(),
          ms: 0,
          tries: 0,
          volumes: {},
          error: null,
        });
        continue;
      }
      const result = await this.runPhase(phase);
      phases.push(result.phase);
      if (result.output?.score !== undefined) {
        if (scoreBefore === null) scoreBefore = result.output.score;
        scoreAfter = result.output.score;
      }
      if (result.phase.status === 'failed' && !phase.optional)
        failure = `${phase.name}: ${result.phase.error ?? ''}`;
      await store.pipelineRuns.record({ id, phases, scoreBefore, scoreAfter });
    }
    await store.pipelineRuns.record({
      id,
      phases,
      scoreBefore,
      scoreAfter,
      finished: { status: failure === null ? 'completed' : 'failed', now: now(), error: failure },
    });
    const run = (await store.pipelineRuns.find(id))!;
    this.lastRun = run;
    return run;
  }

  private async runPhase(phase: PhaseWork): Promise<{ phase: PipelinePhase; output: PhaseOutput | null }> {
    const { now, retries, backoffMs } = this.options;
    const sleep = this.options.sleep ?? wait;
    const startedAt = new Date(now()).toISOString();
    const started = performance.now();
    let error: string | null = null;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(backoffMs * 2 ** (attempt - 1));
      try {
        const output = await phase.run();
        return {
          phase: {
            name: phase.name,
            status: 'completed',
            startedAt,
            ms: Math.round(performance.now() - started),
            tries: attempt + 1,
            volumes: output.volumes,
            error: null,
          },
          output,
        };
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
    }
    return {
      phase: {
        name: phase.name,
        status: 'failed',
        startedAt,
        ms: Math.round(performance.now() - started),
        tries: retries + 1,
        volumes: {},
        error,
      },
      output: null,
    };
  }
}

/** Runs the pipeline on a cron schedule (croner), in a time zone (default: the process's). */
export class PipelineSchedule {
  private job: Cron | null = null;

  constructor(
    private readonly pipeline: Pipeline,
    private readonly schedule: { cron: string; timeZone?: string | undefined },
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** Checks the expression and zone; throws INVALID_INPUT naming what is wrong. */
  static check(cron: string, timeZone?: string): void {
    try {
      new Cron(cron, { paused: true, ...(timeZone ? { timezone: timeZone } : {}) }).stop();
    } catch (err) {
      throw new AppError(
        'INVALID_INPUT',
        `The pipeline schedule "${cron}"${timeZone ? ` in ${timeZone}` : ''} is not valid: ${(err as Error).message}. ` +
          'Write five cron fields: minute hour day month weekday, e.g. "0 2 * * *".',
      );
    }
  }

  start(): void {
    if (this.job) return;
    PipelineSchedule.check(this.schedule.cron, this.schedule.timeZone);
    this.job = new Cron(
      this.schedule.cron,
      { ...(this.schedule.timeZone ? { timezone: this.schedule.timeZone } : {}) },
      () => {
        this.pipeline.start('schedule').catch(this.onError);
      },
    );
  }

  /** The next time it runs, UTC ISO (null when stopped). */
  next(): string | null {
    return this.job?.nextRun()?.toISOString() ?? null;
  }

  stop(): void {
    this.job?.stop();
    this.job = null;
  }
}
