import { boolean, defineSection, integer, text } from '../setting.js';

const COVER_SOURCES = /^\s*(coverartarchive|discogs|spotify)(\s*,\s*(coverartarchive|discogs|spotify))*\s*$/;
const URL = /^https?:\/\/\S+$/;

/**
 * Enrichment from outside services (docs/catalogue.md): covers, genres, descriptions. Every
 * service's address is a setting, so a mirror (or a test's local server) can stand in for it.
 */
export const enrich = defineSection({
  background: boolean({
    default: false,
    env: 'LISTENHOUSE_ENRICH',
    description:
      'whether a running server enriches by itself, in small batches (off by default: it asks services on the internet)',
  }),
  contact: text({
    default: 'https://github.com/listenhouse/listenhouse',
    env: 'LISTENHOUSE_ENRICH_CONTACT',
    expects: 'a URL or an e-mail address',
    description:
      'how MusicBrainz and Discogs can reach you, sent in the User-Agent (`listenhouse/<version> ( <contact> )`, as MusicBrainz asks)',
  }),
  batchSize: integer({
    default: 25,
    min: 1,
    max: 10_000,
    env: 'LISTENHOUSE_ENRICH_BATCH',
    description: 'entities per enrichment batch (each task: covers, genres, descriptions)',
  }),
  intervalSeconds: integer({
    default: 60,
    min: 1,
    max: 86_400,
    env: 'LISTENHOUSE_ENRICH_INTERVAL',
    description: 'seconds between background enrichment batches',
  }),
  imagesDir: text({
    path: true,
    env: 'LISTENHOUSE_IMAGES_DIR',
    expects: 'a folder path',
    description:
      'where cover images are kept, once each by content hash (default: images/ beside the database)',
  }),
  coverSources: text({
    default: 'coverartarchive,discogs,spotify',
    pattern: COVER_SOURCES,
    env: 'LISTENHOUSE_COVER_SOURCES',
    expects: 'a comma-separated list of coverartarchive, discogs, spotify',
    description:
      'where covers are looked for, in this order (Discogs needs a token, Spotify a client id and secret)',
  }),
  timeoutSeconds: integer({
    default: 20,
    min: 1,
    max: 600,
    env: 'LISTENHOUSE_ENRICH_TIMEOUT',
    description: 'seconds a request to a service may take before it is abandoned and retried',
  }),
  retries: integer({
    default: 4,
    min: 0,
    max: 20,
    env: 'LISTENHOUSE_ENRICH_RETRIES',
    description:
      'retries of a request that failed (503, 429, timeout), with exponential backoff that honours Retry-After',
  }),
  musicbrainzUrl: text({
    default: 'https://musicbrainz.org/ws/2',
    pattern: URL,
    env: 'LISTENHOUSE_MUSICBRAINZ_URL',
    expects: 'an http(s) URL',
    description: "MusicBrainz's web service (a mirror works too)",
  }),
  musicbrainzPerSecond: integer({
    default: 1,
    min: 1,
    max: 100,
    env: 'LISTENHOUSE_MUSICBRAINZ_RATE',
    description:
      'requests per second to MusicBrainz (its rule for musicbrainz.org is 1; a mirror of your own may take more)',
  }),
  coverArtUrl: text({
    default: 'https://coverartarchive.org',
    pattern: URL,
    env: 'LISTENHOUSE_COVER_ART_URL',
    expects: 'an http(s) URL',
    description: 'the Cover Art Archive',
  }),
  coverArtPerSecond: integer({
    default: 5,
    min: 1,
    max: 100,
    env: 'LISTENHOUSE_COVER_ART_RATE',
    description: 'requests per second to the Cover Art Archive (and the image hosts it sends to)',
  }),
  discogsUrl: text({
    default: 'https://api.discogs.com',
    pattern: URL,
    env: 'LISTENHOUSE_DISCOGS_URL',
    expects: 'an http(s) URL',
    description: "Discogs' API",
  }),
  discogsPerMinute: integer({
    default: 60,
    min: 1,
    max: 1_000,
    env: 'LISTENHOUSE_DISCOGS_RATE',
    description: 'requests per minute to Discogs (its limit with a token; 25 without)',
  }),
  discogsToken: text({
    secret: true,
    env: 'LISTENHOUSE_DISCOGS_TOKEN',
    description:
      "a Discogs personal access token (Settings → Developers), needed for the collection's covers; unset, Discogs is not asked",
  }),
  spotifyUrl: text({
    default: 'https://api.spotify.com/v1',
    pattern: URL,
    env: 'LISTENHOUSE_SPOTIFY_URL',
    expects: 'an http(s) URL',
    description: "Spotify's Web API",
  }),
  spotifyAccountsUrl: text({
    default: 'https://accounts.spotify.com',
    pattern: URL,
    env: 'LISTENHOUSE_SPOTIFY_ACCOUNTS_URL',
    expects: 'an http(s) URL',
    description: "Spotify's accounts service (client-credentials tokens)",
  }),
  spotifyPerSecond: integer({
    default: 5,
    min: 1,
    max: 100,
    env: 'LISTENHOUSE_SPOTIFY_RATE',
    description: 'requests per second to Spotify',
  }),
  spotifyClientId: text({
    env: 'LISTENHOUSE_SPOTIFY_CLIENT_ID',
    description:
      'a Spotify app client id (developer.spotify.com); with the secret, Spotify is asked for covers',
  }),
  spotifyClientSecret: text({
    secret: true,
    env: 'LISTENHOUSE_SPOTIFY_CLIENT_SECRET',
    description: "the Spotify app's client secret",
  }),
  llmUrl: text({
    pattern: URL,
    env: 'LISTENHOUSE_LLM_URL',
    expects: 'an http(s) URL',
    description:
      'an OpenAI-compatible chat endpoint base (…/v1) for album and artist descriptions; unset, descriptions use the plain template',
  }),
  llmModel: text({
    default: 'gpt-4o-mini',
    env: 'LISTENHOUSE_LLM_MODEL',
    description: 'the model named in description requests',
  }),
  llmKey: text({
    secret: true,
    env: 'LISTENHOUSE_LLM_KEY',
    description: "the endpoint's API key (sent as a Bearer token); unset, none is sent",
  }),
  llmPerMinute: integer({
    default: 20,
    min: 1,
    max: 10_000,
    env: 'LISTENHOUSE_LLM_RATE',
    description: 'requests per minute to the description endpoint',
  }),
});
