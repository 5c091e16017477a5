/** The catalogue's face for the outer layers (server, CLI, services). */
export { BackgroundMatcher, type BackgroundMatcherOptions } from './background-matcher.js';
export {
  CatalogService,
  type CatalogSettings,
  type CatalogStatus,
  type HandLinkRequest,
} from './catalog-service.js';
export { DUMP_ENTITIES, isDumpEntity } from './dump-entities.js';
export type {
  CatalogImportProgress,
  CatalogImportReport,
  FileReport,
  PartReport,
  BadLine,
} from './dump-import.js';
export { CatalogImportJobs, type CatalogJobView } from './import-jobs.js';
export { exportMbidMap, MBID_MAP_COLUMNS, MBID_MAP_FORMATS, type MbidMapFormat } from './mbid-map.js';
export type { MatchReport, MatchCounts } from './match-service.js';
