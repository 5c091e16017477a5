/**
 * Simulated listeners: where they live (country and a fixed UTC offset — daylight saving is left
 * out, an hour's shift does not change the shape of a day), what they like, how much they listen,
 * and on which devices.
 */
import type { Catalogue } from './catalogue.js';
import { userHandle } from './names.js';
import { type Random, WeightedIndex } from './random.js';

export interface Device {
  platform: 'android' | 'ios' | 'web' | 'desktop' | 'sonos' | 'chromecast';
  device: string;
  /** Submitting client (ListenBrainz submission_client). */
  client: string;
}

export interface SimulatedUser {
  index: number;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Local time = UTC + this many minutes (fixed; no daylight saving). */
  utcOffsetMinutes: number;
  /** Multiplier on the mean listens per day. */
  activity: number;
  /** Display name of the streaming service, null for a local library. */
  musicService: string | null;
  devices: Device[];
  /** Weight per catalogue genre (same order as catalogue.genres). */
  genreWeights: number[];
  favouriteArtists: number[];
  favouriteTracks: number[];
}

/** Countries with one representative offset each (minutes east of UTC) and a share of users. */
export const ZONES: ReadonlyArray<{ country: string; utcOffsetMinutes: number; weight: number }> = [
  { country: 'US', utcOffsetMinutes: -300, weight: 10 },
  { country: 'US', utcOffsetMinutes: -480, weight: 6 },
  { country: 'US', utcOffsetMinutes: -360, weight: 4 },
  { country: 'CA', utcOffsetMinutes: -300, weight: 3 },
  { country: 'MX', utcOffsetMinutes: -360, weight: 3 },
  { country: 'BR', utcOffsetMinutes: -180, weight: 6 },
  { country: 'AR', utcOffsetMinutes: -180, weight: 2 },
  { country: 'GB', utcOffsetMinutes: 0, weight: 8 },
  { country: 'DE', utcOffsetMinutes: 60, weight: 7 },
  { country: 'FR', utcOffsetMinutes: 60, weight: 5 },
  { country: 'ES', utcOffsetMinutes: 60, weight: 3 },
  { country: 'IT', utcOffsetMinutes: 60, weight: 3 },
  { country: 'NL', utcOffsetMinutes: 60, weight: 3 },
  { country: 'SE', utcOffsetMinutes: 60, weight: 2 },
  { country: 'PL', utcOffsetMinutes: 60, weight: 2 },
  { country: 'NG', utcOffsetMinutes: 60, weight: 1 },
  { country: 'ZA', utcOffsetMinutes: 120, weight: 1 },
  { country: 'TR', utcOffsetMinutes: 180, weight: 2 },
  { country: 'RU', utcOffsetMinutes: 180, weight: 3 },
  { country: 'IN', utcOffsetMinutes: 330, weight: 4 },
  { country: 'ID', utcOffsetMinutes: 420, weight: 2 },
  { country: 'PH', utcOffsetMinutes: 480, weight: 2 },
  { country: 'KR', utcOffsetMinutes: 540, weight: 3 },
  { country: 'JP', utcOffsetMinutes: 540, weight: 5 },
  { country: 'AU', utcOffsetMinutes: 600, weight: 3 },
  { country: 'NZ', utcOffsetMinutes: 720, weight: 1 },
];

/** Genres a country leans towards (added to a user's taste). */
const COUNTRY_GENRES: Readonly<Record<string, readonly string[]>> = {
  JP: ['j-pop'],
  KR: ['k-pop'],
  BR: ['latin'],
  MX: ['latin'],
  AR: ['latin'],
  ES: ['latin'],
  US: ['hip hop', 'country'],
  NG: ['r&b'],
  SE: ['metal'],
};

const SERVICES: ReadonlyArray<readonly [string | null, number]> = [
  ['Spotify', 45],
  ['YouTube Music', 14],
  ['Apple Music', 10],
  ['Tidal', 7],
  ['Deezer', 8],
  [null, 16],
];

const DEVICE_MODELS: Readonly<Record<Device['platform'], readonly string[]>> = {
  android: ['Pixel 8', 'Galaxy S23', 'OnePlus 12', 'Pixel 6a', 'Xperia 5 V'],
  ios: ['iPhone 15', 'iPhone 13', 'iPhone SE', 'iPad Air'],
  web: ['Firefox on Linux', 'Chrome on Windows', 'Safari on macOS', 'Edge on Windows'],
  desktop: ['MacBook Pro', 'Windows PC', 'Linux desktop', 'iMac'],
  sonos: ['Sonos One', 'Sonos Arc', 'Sonos Five', 'Sonos Move'],
  chromecast: ['Nest Audio', 'Chromecast Audio', 'Nest Hub'],
};

/** The client that scrobbles a play from this platform, by service (null: a local library). */
function clientFor(rng: Random, platform: Device['platform'], service: string | null): string {
  if (service === null) {
    return rng.pick(
      {
        android: ['Symfonium', 'Pano Scrobbler'],
        ios: ['Amperfy', 'play:Sub'],
        web: ['Navidrome', 'Jellyfin'],
        desktop: ['Strawberry', 'foobar2000', 'MusicBee'],
        sonos: ['multi-scrobbler'],
        chromecast: ['multi-scrobbler'],
      }[platform],
    );
  }
  if (platform === 'web') return 'Web Scrobbler';
  if (platform === 'android') return rng.pick(['Pano Scrobbler', 'ListenBrainz Android', 'multi-scrobbler']);
  if (platform === 'ios') return rng.pick(['multi-scrobbler', 'ListenBrainz iOS']);
  return 'multi-scrobbler';
}

function makeDevices(rng: Random, service: string | null): Device[] {
  const phone: Device['platform'] = rng.chance(0.6) ? 'android' : 'ios';
  const platforms: Device['platform'][] = [phone];
  if (rng.chance(0.7)) platforms.push(rng.chance(0.5) ? 'desktop' : 'web');
  if (rng.chance(0.25)) platforms.push(rng.chance(0.6) ? 'sonos' : 'chromecast');
  return platforms.map((platform) => ({
    platform,
    device: rng.pick(DEVICE_MODELS[platform]),
    client: clientFor(rng, platform, service),
  }));
}

/** Per-genre tables of artists, weighted by popularity, built once per catalogue. */
export interface GenreTables {
  artistsByGenre: number[][];
  pickByGenre: WeightedIndex[];
}

export function makeGenreTables(catalogue: Catalogue): GenreTables {
  const artistsByGenre: number[][] = catalogue.genres.map(() => []);
  catalogue.artists.forEach((a, i) => artistsByGenre[catalogue.genres.indexOf(a.genre)]?.push(i));
  const pickByGenre = artistsByGenre.map(
    (list) => new WeightedIndex(list.map((i) => catalogue.artists[i]?.weight ?? 0)),
  );
  return { artistsByGenre, pickByGenre };
}

export function makeUser(
  rng: Random,
  index: number,
  catalogue: Catalogue,
  tables: GenreTables,
): SimulatedUser {
  const zone = ZONES[new WeightedIndex(ZONES.map((z) => z.weight)).draw(rng)] ?? {
    country: 'GB',
    utcOffsetMinutes: 0,
  };
  const service = SERVICES[new WeightedIndex(SERVICES.map(([, w]) => w)).draw(rng)]?.[0] ?? null;

  // Taste: one to three main genres (chosen by how common they are), the country's leanings, a
  // little of everything else.
  const genres = catalogue.genres;
  const genreWeights = genres.map(() => 0.02);
  const genreShare = new WeightedIndex(tables.artistsByGenre.map((l) => l.length));
  const mains = 1 + rng.int(3);
  for (let k = 0; k < mains; k++) {
    const g = genreShare.draw(rng);
    genreWeights[g] = (genreWeights[g] ?? 0) + (k === 0 ? 1 : 0.5) * (0.5 + rng.next());
  }
  for (const g of COUNTRY_GENRES[zone.country] ?? []) {
    const gi = genres.indexOf(g);
    if (gi >= 0 && rng.chance(0.6)) genreWeights[gi] = (genreWeights[gi] ?? 0) + 0.4;
  }

  // Favourites come from the main genres; a third are picked without regard to popularity, since
  // everyone has a few niche favourites.
  const byTaste = new WeightedIndex(genreWeights);
  const favouriteArtists: number[] = [];
  const wanted = rng.between(6, 30);
  for (let k = 0; k < wanted * 3 && favouriteArtists.length < wanted; k++) {
    const g = byTaste.draw(rng);
    const list = tables.artistsByGenre[g] ?? [];
    if (list.length === 0) continue;
    const a = rng.chance(0.66) ? (list[tables.pickByGenre[g]?.draw(rng) ?? 0] ?? 0) : rng.pick(list);
    if (!favouriteArtists.includes(a)) favouriteArtists.push(a);
  }
  const favouriteTracks: number[] = [];
  for (const a of favouriteArtists) {
    const own = catalogue.artists[a]?.tracks ?? [];
    const n = Math.min(own.length, rng.between(1, 3));
    for (let k = 0; k < n; k++) {
      const t = own[Math.min(own.length - 1, Math.floor(rng.next() ** 2 * own.length))];
      if (t !== undefined && !favouriteTracks.includes(t)) favouriteTracks.push(t);
    }
  }

  return {
    index,
    name: userHandle(rng),
    country: zone.country,
    utcOffsetMinutes: zone.utcOffsetMinutes,
    activity: Math.min(4, Math.max(0.15, rng.logNormal(0, 0.6))),
    musicService: service,
    devices: makeDevices(rng, service),
    genreWeights,
    favouriteArtists,
    favouriteTracks,
  };
}
