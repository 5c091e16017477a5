import { boolean, defineSection, integer } from '../setting.js';

/** Matching listens to the MusicBrainz catalogue (docs/catalogue.md). */
export const catalog = defineSection({
  matchThreshold: integer({
    default: 80,
    min: 1,
    max: 100,
    env: 'LISTENHOUSE_MATCH_THRESHOLD',
    expects: 'a whole number of percent from 1 to 100',
    description:
      'the confidence, in percent, a match needs to count (below it the best candidate is only suggested in the matching view)',
  }),
  backgroundMatch: boolean({
    default: true,
    env: 'LISTENHOUSE_BACKGROUND_MATCH',
    description:
      'whether a running server matches new listens (and, after a catalogue import, the names left unmatched) by itself',
  }),
  matchBatch: integer({
    default: 1_000,
    min: 1,
    max: 100_000,
    env: 'LISTENHOUSE_MATCH_BATCH',
    description:
      'distinct tracks per batch of background matching: each batch is one short write, so submissions never wait long',
  }),
  matchIntervalSeconds: integer({
    default: 30,
    min: 1,
    max: 86_400,
    env: 'LISTENHOUSE_MATCH_INTERVAL',
    description: 'how often, in seconds, a running server looks for listens to match',
  }),
});
