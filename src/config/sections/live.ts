import { defineSection, integer, text } from '../setting.js';

/**
 * Live sources (docs/sources.md, "Live sources") and the credentials they and the Last.fm API keep:
 * tokens and passwords are stored sealed with one key (AES-256-GCM).
 */
export const live = defineSection({
  credentialsKey: text({
    secret: true,
    env: 'LISTENHOUSE_CREDENTIALS_KEY',
    expects: '64 hex digits or a passphrase of 8 characters or more',
    description:
      'the key credentials are stored encrypted with (connections, scrobbling passwords); unset, a random key is kept in <database>.key beside the database (mode 600)',
  }),
  pollSeconds: integer({
    default: 180,
    min: 10,
    max: 86_400,
    env: 'LISTENHOUSE_LIVE_POLL',
    description: 'seconds between two polls of a live source once it has caught up',
  }),
  timeoutSeconds: integer({
    default: 20,
    min: 1,
    max: 600,
    env: 'LISTENHOUSE_LIVE_TIMEOUT',
    description: 'seconds a request to a live source may take before it counts as failed',
  }),
  maxBackoffSeconds: integer({
    default: 3600,
    min: 10,
    max: 86_400,
    env: 'LISTENHOUSE_LIVE_MAX_BACKOFF',
    description:
      'the longest wait between tries of a failing live source (the wait doubles from the poll interval)',
  }),
});
