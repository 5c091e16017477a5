/** Listening statistics: one service module over the store, shared by the CLI and the REST API. */
export {
  ACTIVITY_PERIODS,
  DEFAULT_GAP_MINUTES,
  DEFAULT_LIMIT,
  MAX_LEADERS,
  MAX_LIMIT,
  findStatsUser,
  getActivity,
  getBreakdown,
  getEntityCounts,
  getLeaders,
  getListeningClock,
  getSessions,
  getStreaks,
  getSummary,
  getTopArtists,
  getTopRecordings,
  getTopReleaseGroups,
  getTopReleases,
  resolveStatsRange,
} from './stats-service.js';
export {
  ENTITY_KINDS,
  ENTITY_TOP,
  getEntity,
  localMonths,
  type EntityKind,
  type EntityMonth,
  type EntityPage,
} from './entity.js';
export {
  FIRST_REVIEW_YEAR,
  REVIEW_TOP,
  compareUsers,
  getYearInReview,
  shapeComparison,
  type ComparedArtist,
  type Comparison,
  type DiscoveredArtist,
  type YearInReview,
} from './review.js';
export { SHORT_PLAY_MS, getShortPlays, type ShortPlays } from './skips.js';
export { readingListens } from './sources.js';
export { RANGE_EXAMPLES, ROLLING_DAYS, previousRange, resolveRange, type ResolvedRange } from './range.js';
export { TIME_ZONE_EXAMPLES, canonicalTimeZone } from './time-zone.js';
export * from './types.js';
export {
  REPORT_PERIODS,
  getListeningReport,
  reportFacts,
  reportMarkdown,
  type ListeningReport,
  type ReportPeriod,
} from './period-report.js';
export { getSoundtracks, type Soundtracks } from './soundtracks.js';
