import { defineSection, text } from '../setting.js';

/** The Last.fm-compatible scrobble API (/2.0, docs/lastfm-api.md). */
export const lastfm = defineSection({
  secret: text({
    secret: true,
    env: 'LISTENHOUSE_LASTFM_SECRET',
    description: 'the shared secret clients sign requests with (api_sig); unset, any signature is accepted',
  }),
});
