import { defineSection, integer, text } from '../setting.js';

/** `listenhouse serve` (and `npm start`): where it listens and the limits it applies. */
export const server = defineSection({
  host: text({
    default: '127.0.0.1',
    env: 'LISTENHOUSE_HOST',
    flag: '--host',
    expects: 'an address such as 127.0.0.1 or 0.0.0.0',
    description: 'the address to listen on (0.0.0.0: every interface)',
  }),
  port: integer({
    default: 8080,
    min: 0,
    max: 65535,
    env: 'LISTENHOUSE_PORT',
    flag: '--port',
    expects: 'a port number from 0 to 65535',
    description: 'the TCP port (0: any free port)',
  }),
  rateLimit: integer({
    default: 600,
    min: 1,
    env: 'LISTENHOUSE_RATE_LIMIT',
    flag: '--rate-limit',
    description: 'requests per 10-second window, per token (per address without one); over it: 429',
  }),
  maxUploadBytes: integer({
    default: 4 * 1024 ** 3,
    min: 1,
    env: 'LISTENHOUSE_MAX_UPLOAD_BYTES',
    expects: 'a whole number of bytes, 1 or more',
    description: 'the largest file one upload to /api/imports may carry, in bytes (default 4 GiB)',
  }),
  metricsToken: text({
    secret: true,
    env: 'LISTENHOUSE_METRICS_TOKEN',
    description:
      'a token that reads GET /api/metrics and nothing else (`Authorization: Bearer <this>`, for Prometheus); unset, metrics need an admin token',
  }),
});
