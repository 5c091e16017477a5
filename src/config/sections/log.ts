import { boolean, defineSection, oneOf } from '../setting.js';

/** What the process writes to stderr besides its output. */
export const log = defineSection({
  level: oneOf(['info', 'debug'] as const, {
    default: 'info',
    env: 'LISTENHOUSE_LOG',
    description: 'debug: also log each committed import batch (counts and memory) to stderr',
  }),
  debug: boolean({
    default: false,
    env: 'LISTENHOUSE_DEBUG',
    description: 'print the stack trace of an unexpected error',
  }),
});
