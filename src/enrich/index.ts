/** Enrichment's face for the outer layers (server, CLI, services). */
export { BackgroundEnricher } from './background-enricher.js';
export { createEnrichment, type Enrichment } from './create-enrichment.js';
export {
  ENRICH_TASKS,
  EnrichService,
  type EnrichBatchReport,
  type TaskBatchReport,
} from './enrich-service.js';
export { TOP_GENRES, subgenresOf, type TopGenre } from './genre-tree.js';
export type { ImageStore } from './image-store.js';
export { templateReportText, writeReportText, type ReportFacts, type ReportText } from './report-text.js';
