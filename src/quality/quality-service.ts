import type { Database } from '../store/index.js';
import {
  auditHistory,
  latestAudit,
  runAudit,
  saveAudit,
  type AuditHistoryEntry,
  type AuditReport,
} from './audit.js';
import { listChangeSets, undoChangeSet, type ChangeSetView, type UndoResult } from './change-sets.js';
import { runFix, type FixOutcome, type FixRequest } from './fixes.js';

export interface QualitySettings {
  /** Fuzzy threshold for duplicates, 0..1. */
  threshold: number;
  /**
   * Called before a fix is applied (not before a preview): the composition root takes a backup
   * there when configured. `skipBackup` on a request leaves it out (the pipeline has just taken one).
   */
  beforeApply?: () => Promise<void>;
}

/** The audit, the fixes and their change sets, on the store's two connections (one service for the CLI and the API). */
export class QualityService {
  constructor(
    private readonly dbs: { reads: Database; writes: Database },
    private readonly settings: QualitySettings,
    private readonly now: () => number,
  ) {}

  /** Runs the audit; `save` keeps it in the score's history. */
  async audit(options: { save: boolean; trigger: string; examples?: number }): Promise<AuditReport> {
    const report = await runAudit(this.dbs.reads, {
      now: this.now(),
      threshold: this.settings.threshold,
      ...(options.examples !== undefined ? { examples: options.examples } : {}),
    });
    return options.save ? saveAudit(this.dbs.writes, report, options.trigger) : report;
  }

  history(limit?: number): Promise<AuditHistoryEntry[]> {
    return auditHistory(this.dbs.reads, limit);
  }

  latest(): Promise<AuditReport | null> {
    return latestAudit(this.dbs.reads);
  }

  async fix(request: Omit<FixRequest, 'now'> & { skipBackup?: boolean }): Promise<FixOutcome> {
    const { skipBackup, ...rest } = request;
    if (rest.apply && !skipBackup) await this.settings.beforeApply?.();
    return runFix(this.dbs.writes, {
      ...rest,
      params: { threshold: this.settings.threshold, ...rest.params },
      now: this.now(),
    });
  }

  changeSets(limit?: number): Promise<ChangeSetView[]> {
    return listChangeSets(this.dbs.reads, limit);
  }

  undo(id: number, by: string): Promise<UndoResult> {
    return undoChangeSet(this.dbs.writes, { id, by, now: this.now() });
  }
}
