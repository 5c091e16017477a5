/**
 * How far apart two reports of one play may be, in seconds: the one place these numbers live. The
 * merge SQL (store/sql/decide-duplicates.sql, may-have-duplicates.sql) takes them as bound
 * parameters, and a corrected listen (ingest/edit-service.ts) finds the listen it merged into with them.
 * docs/architecture.md, "Listen identity and dedup", says what the rule is.
 */

/**
 * The farthest a stored listen can be from a new one and still be the same play (start vs end
 * stamping plus minute precision on both sides stays well inside five minutes). Nothing farther
 * is ever compared.
 */
export const REACH_S = 300;

/** Clock slack between two sources' stamps of the same play, on top of their precisions. */
export const SLACK_S = 2;

/**
 * Added when either side was end-stamped: Spotify's start is derived from `ts − ms_played`, and
 * pauses are not in `ms_played`, so its start drifts earlier by the time the play was paused.
 */
export const END_STAMPED_S = 60;

/**
 * Stored listens read either side of a batch for the decision: wider than REACH_S, so every listen
 * it can reach is among them.
 */
export const LISTENS_WINDOW_S = 10 * 60;

/**
 * Stored second sources read either side of a batch: a day, because a source stays with its listen
 * when that listen's time is corrected later, so it can lie farther from it than REACH_S.
 */
export const SOURCES_WINDOW_S = 24 * 60 * 60;
