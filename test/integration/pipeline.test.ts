// The pipeline on its schedule with a fake clock: it starts at the cron time, skips a run that
// would overlap one in progress, records its phases (durations, volumes, tries, errors, the score
// before and after), retries a failed phase with backoff, and a run left `running` by a killed
// process does not hold anything.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Pipeline, PipelineSchedule, type PhaseWork } from '../../src/jobs/pipeline.js';
import { resolveConfig } from '../../src/config/index.js';
import { servicesOn } from '../../src/services/index.js';
import { storeOn, type Store } from '../../src/store/index.js';
import { memoryDb } from '../support/temp.js';

async function store(): Promise<Store> {
  return storeOn(await memoryDb());
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the pipeline', () => {
  it('runs on its cron schedule, skips an overlapping run and records its phases', async () => {
    const s = await store();
    let release!: () => void;
    const gate = new Promise<void>((done) => (release = done));
    let slowRuns = 0;
    const phases = (): PhaseWork[] => [
      { name: 'audit', run: () => Promise.resolve({ volumes: { listens: 0 }, score: 80 }) },
      {
        name: 'slow',
        run: async () => {
          slowRuns++;
          await gate;
          return { volumes: { done: 1 } };
        },
      },
      { name: 'final-audit', run: () => Promise.resolve({ volumes: { listens: 0 }, score: 90 }) },
    ];
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2026-03-01T01:59:00Z'));
    const pipeline = new Pipeline({ store: s, phases, now: () => Date.now(), retries: 0, backoffMs: 0 });
    const schedule = new PipelineSchedule(pipeline, { cron: '0 2 * * *', timeZone: 'UTC' });
    schedule.start();
    expect(schedule.next()).toBe('2026-03-01T02:00:00.000Z');

    await vi.advanceTimersByTimeAsync(30_000);
    expect(slowRuns).toBe(0);
    await vi.advanceTimersByTimeAsync(31_000);
    await vi.waitFor(() => expect(slowRuns).toBe(1), { timeout: 10_000 });
    expect(pipeline.running).toBe(true);

    // An overlapping start (by hand, or the next day's while this one still runs) is skipped.
    const second = await pipeline.start('cli');
    expect(second).toMatchObject({ started: false, reason: 'a run is in progress' });
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect(slowRuns).toBe(1);
    expect(pipeline.skipped).toBe(2);

    release();
    vi.useRealTimers();
    await pipeline.drain();
    schedule.stop();
    const [run] = await s.pipelineRuns.list(10);
    expect(run).toMatchObject({
      trigger: 'schedule',
      status: 'completed',
      scoreBefore: 80,
      scoreAfter: 90,
      error: null,
    });
    expect(run!.startedAt).toBe('2026-03-01T02:00:00.000Z');
    expect(run!.phases.map((p) => [p.name, p.status, p.tries, p.volumes])).toEqual([
      ['audit', 'completed', 1, { listens: 0 }],
      ['slow', 'completed', 1, { done: 1 }],
      ['final-audit', 'completed', 1, { listens: 0 }],
    ]);
    s.close();
  }, 60_000);

  it('retries a failed phase with backoff; a phase that keeps failing fails the run and skips the rest', async () => {
    const s = await store();
    const waits: number[] = [];
    let tries = 0;
    const pipeline = new Pipeline({
      store: s,
      phases: () => [
        {
          name: 'flaky',
          run: () =>
            ++tries < 3
              ? Promise.reject(new Error('upstream said 503'))
              : Promise.resolve({ volumes: { ok: 1 } }),
        },
        { name: 'broken', run: () => Promise.reject(new Error('disk full')) },
        { name: 'after', run: () => Promise.resolve({ volumes: {} }) },
      ],
      now: () => Date.UTC(2026, 2, 1),
      retries: 2,
      backoffMs: 1000,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    const outcome = await pipeline.start('cli');
    expect(outcome.started).toBe(true);
    if (!outcome.started) return;
    expect(outcome.run.status).toBe('failed');
    expect(outcome.run.error).toBe('broken: disk full');
    expect(outcome.run.phases.map((p) => [p.name, p.status, p.tries, p.error])).toEqual([
      ['flaky', 'completed', 3, null],
      ['broken', 'failed', 3, 'disk full'],
      ['after', 'skipped', 0, null],
    ]);
    expect(waits).toEqual([1000, 2000, 1000, 2000]);
    s.close();
  });

  it('a run a killed process left running is marked interrupted, and the next run starts', async () => {
    const s = await store();
    await s.pipelineRuns.start({ trigger: 'schedule', now: Date.UTC(2026, 2, 1) });
    expect(await s.pipelineRuns.markInterrupted()).toBe(1);
    const pipeline = new Pipeline({
      store: s,
      phases: () => [{ name: 'audit', run: () => Promise.resolve({ volumes: {} }) }],
      now: () => Date.UTC(2026, 2, 2),
      retries: 0,
      backoffMs: 0,
    });
    expect((await pipeline.start('cli')).started).toBe(true);
    expect((await s.pipelineRuns.list(10)).map((r) => r.status)).toEqual(['completed', 'interrupted']);
    s.close();
  });

  it('the services’ pipeline runs every phase on a real store', async () => {
    const s = await store();
    const { config } = resolveConfig({ flags: {} });
    const services = servicesOn(s, { config, clock: { now: () => Date.UTC(2026, 2, 1) } });
    const outcome = await services.pipeline.start('cli');
    if (!outcome.started) throw new Error('not started');
    expect(outcome.run.phases.map((p) => p.name)).toEqual([
      'audit',
      'backup',
      'safe-fixes',
      'enrichment',
      'matching',
      'recommendations',
      'final-audit',
      'report',
    ]);
    expect(outcome.run.phases.find((p) => p.name === 'safe-fixes')).toMatchObject({ status: 'completed' });
    expect(outcome.run.scoreAfter).not.toBeNull();
    expect((await services.quality.history()).length).toBe(2);
    await services.close();
  }, 120_000);

  it('refuses a bad cron expression with a message that says how to write one', () => {
    expect(() => PipelineSchedule.check('every night')).toThrow(/five cron fields/);
  });
});
