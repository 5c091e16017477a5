/** Data quality's face for the outer layers: the audit and its score, the fixes and their change sets. */
export {
  auditHistory,
  auditMarkdown,
  FINDINGS,
  latestAudit,
  runAudit,
  saveAudit,
  WEIGHTS,
  type AuditHistoryEntry,
  type AuditReport,
  type Finding,
  type FindingId,
} from './audit.js';
export {
  listChangeSets,
  findChangeSet,
  undoChangeSet,
  type ChangeSetView,
  type UndoResult,
} from './change-sets.js';
export { DEFAULT_FUZZY_THRESHOLD } from './detect.js';
export {
  FIX_DESCRIPTIONS,
  FIX_KINDS,
  isFixKind,
  runFix,
  type FixKind,
  type FixOutcome,
  type FixParams,
  type FixRequest,
  type FixRow,
} from './fixes.js';
export { QualityService, type QualitySettings } from './quality-service.js';
