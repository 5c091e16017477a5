import { boolean, defineSection, integer, text } from '../setting.js';

const FIX_LIST = /^\s*(?:none|[a-z-]+(?:\s*,\s*[a-z-]+)*)\s*$/;
/** Five cron fields (minute hour day month weekday), or six with seconds first. */
const CRON = /^\s*\S+(\s+\S+){4,5}\s*$/;

/** Data quality and operations (docs/operations.md): the audit, fixes, backups and the nightly pipeline. */
export const quality = defineSection({
  schedule: text({
    default: '0 2 * * *',
    pattern: CRON,
    env: 'LISTENHOUSE_PIPELINE_SCHEDULE',
    expects: 'a cron expression (minute hour day month weekday), e.g. "0 2 * * *"',
    description: 'when the pipeline runs (`listenhouse schedule`, and inside `serve` when pipeline is on)',
  }),
  timeZone: text({
    env: 'LISTENHOUSE_PIPELINE_TIME_ZONE',
    expects: 'an IANA time zone such as Europe/Paris',
    description: "the zone the schedule is read in (default: the server's own zone)",
  }),
  pipeline: boolean({
    default: false,
    env: 'LISTENHOUSE_PIPELINE',
    description: 'whether a running server runs the pipeline on its schedule',
  }),
  safeFixes: text({
    default: 'remove-orphans',
    pattern: FIX_LIST,
    env: 'LISTENHOUSE_SAFE_FIXES',
    expects:
      'fix kinds separated by commas (split-collaborations, merge-artists, merge-releases, merge-recordings, resolve-radio, remove-orphans)',
    description:
      'the fixes the pipeline applies by itself (each recorded as a change set that `listenhouse undo` takes back)',
  }),
  fuzzyThreshold: integer({
    default: 90,
    min: 50,
    max: 100,
    env: 'LISTENHOUSE_FUZZY_THRESHOLD',
    expects: 'a whole number of percent from 50 to 100',
    description: 'how alike two names must be, in percent, for the audit and the merges to take them as one',
  }),
  retries: integer({
    default: 2,
    min: 0,
    max: 10,
    env: 'LISTENHOUSE_PIPELINE_RETRIES',
    description: 'times a failed pipeline phase is tried again (after 1 s, 2 s, 4 s … times backoffSeconds)',
  }),
  backoffSeconds: integer({
    default: 30,
    min: 0,
    max: 3_600,
    env: 'LISTENHOUSE_PIPELINE_BACKOFF',
    description: 'seconds before the first retry of a failed phase; each next retry waits twice as long',
  }),
  backupDir: text({
    path: true,
    env: 'LISTENHOUSE_BACKUP_DIR',
    expects: 'a folder path',
    description: 'where backups go (default: backups/ beside the database)',
  }),
  backupKeep: integer({
    default: 10,
    min: 1,
    max: 1_000,
    env: 'LISTENHOUSE_BACKUP_KEEP',
    description: 'backups kept; older ones are removed after each new one',
  }),
  backupCompressDays: integer({
    default: 7,
    min: 0,
    max: 3_650,
    env: 'LISTENHOUSE_BACKUP_COMPRESS_DAYS',
    description: 'backups older than this many days are gzip-compressed',
  }),
  backupBeforeImportMb: integer({
    default: 100,
    min: 0,
    max: 1_000_000,
    env: 'LISTENHOUSE_BACKUP_BEFORE_IMPORT_MB',
    description:
      'a backup is taken before `listenhouse import` of files this many MB or more in all (0: never)',
  }),
  backupBeforeFix: boolean({
    default: true,
    env: 'LISTENHOUSE_BACKUP_BEFORE_FIX',
    description:
      'whether a backup is taken before every fix applied (`listenhouse fix --apply`, the pipeline)',
  }),
});
