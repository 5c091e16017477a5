/**
 * Migration 5: the per-user rollups the statistics read (src/store/rollups.ts, the tables in
 * sql/rollups/tables.sql), built from the listens an existing database already holds.
 */
export { createRollups } from '../rollups.js';
