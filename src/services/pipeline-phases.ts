/**
 * The pipeline's phases, built from the services: audit → backup → safe fixes → enrichment batch →
 * matching retries → recommendations retrain-if-better → final audit → report.
 */
import type { CatalogService } from '../catalog/index.js';
import type { Config } from '../config/index.js';
import type { Enrichment } from '../enrich/index.js';
import type { Backups } from '../jobs/backups.js';
import type { PhaseOutput, PhaseWork } from '../jobs/pipeline.js';
import { isFixKind, type QualityService } from '../quality/index.js';
import { ENTITIES, retrain, sharedPool } from '../recommend/index.js';
import type { Store } from '../store/index.js';

export interface PhaseDeps {
  config: Config;
  store: Store;
  quality: QualityService;
  backups: Backups;
  catalog: CatalogService;
  enrichment: Enrichment;
  now: () => number;
}

/** The fix kinds `quality.safeFixes` names ('none': none). */
export function safeFixesOf(config: Config): string[] {
  const text = config.quality.safeFixes.trim();
  return text === 'none' || text === '' ? [] : text.split(',').map((k) => k.trim());
}

export function pipelinePhases(deps: PhaseDeps): PhaseWork[] {
  const { config, quality } = deps;
  const changeSets: number[] = [];
  const audit = async () => {
    const report = await quality.audit({ save: true, trigger: 'pipeline' });
    return {
      volumes: {
        listens: report.listens,
        findings: report.findings.filter((f) => f.count > 0).length,
        atFault: report.findings.reduce((n, f) => n + f.count, 0),
      },
      score: report.score,
    };
  };
  return [
    { name: 'audit', run: audit },
    {
      name: 'backup',
      run: async (): Promise<PhaseOutput> => {
        if (deps.store.path === ':memory:') return { volumes: { skipped: 1 } };
        const taken = await deps.backups.take('pipeline');
        return {
          volumes: {
            bytes: taken.backup.bytes,
            listens: taken.counts.listens,
            removed: taken.removed.length,
            compressed: taken.compressed.length,
          },
        };
      },
    },
    {
      name: 'safe-fixes',
      run: async () => {
        const volumes: Record<string, number> = {};
        for (const kind of safeFixesOf(config)) {
          if (!isFixKind(kind) || kind === 'delete' || kind === 'hide' || kind === 'reprocess')
            throw new Error(`quality.safeFixes names "${kind}", which is not a fix the pipeline applies`);
          const outcome = await quality.fix({
            kind,
            params: {},
            apply: true,
            by: 'pipeline',
            skipBackup: true,
          });
          if (outcome.changeSet) changeSets.push(outcome.changeSet.id);
          volumes[kind] = Object.values(outcome.counts).reduce((a, b) => a + b, 0);
        }
        return { volumes };
      },
    },
    {
      name: 'enrichment',
      optional: true,
      run: async (): Promise<PhaseOutput> => {
        if (!config.enrich.background) return { volumes: { off: 1 } };
        const report = await deps.enrichment.service.runBatch();
        const sum = (key: 'done' | 'found' | 'failed') => report.tasks.reduce((n, t) => n + t[key], 0);
        return { volumes: { done: sum('done'), found: sum('found'), failed: sum('failed') } };
      },
    },
    {
      name: 'matching',
      run: async () => {
        const report = await deps.catalog.match({});
        return {
          volumes: { tuples: report.tuples, listens: report.listens, listensMatched: report.listensMatched },
        };
      },
    },
    {
      name: 'recommendations',
      optional: true,
      run: async () => {
        const volumes: Record<string, number> = {};
        for (const entity of ENTITIES) {
          const outcome = await retrain({ store: deps.store, entity, pool: sharedPool(), now: deps.now() });
          volumes[`${entity}Promoted`] = outcome.decision === 'promoted' ? 1 : 0;
        }
        return { volumes };
      },
    },
    { name: 'final-audit', run: audit },
    {
      name: 'report',
      run: () => Promise.resolve({ volumes: { changeSets: changeSets.length } }),
    },
  ];
}
