/**
 * A realistic, deterministic listening history: each user has a home time zone, a taste, a daily
 * rhythm (quiet nights, evening peaks, later weekends), and listens in sessions — whole albums,
 * runs of one artist, shuffles, a favourite on repeat — on their own devices, skipping some tracks.
 */
import { makeCatalogue, type Catalogue, type CatalogueTrack } from './catalogue.js';
import { Random, WeightedIndex, deriveSeed } from './random.js';
import { makeGenreTables, makeUser, type Device, type GenreTables, type SimulatedUser } from './users.js';

export interface SimulationOptions {
  seed: number;
  users: number;
  days: number;
  /** UTC epoch ms: the end of the simulated period (exclusive). */
  end: number;
  /** Mean listens per user per day over the population; default 40. */
  listensPerUserPerDay?: number;
  /** Catalogue size in artists; default 2000. */
  artists?: number;
}

export interface SimulatedListen {
  user: string;
  /** Start of the play, UTC ms. */
  listenedAt: number;
  durationMs: number;
  playedMs: number;
  skipped: boolean;
  /** Credit text: "A", "A feat. B" or "A, B". */
  artist: string;
  track: string;
  release: string;
  recordingMbid: string | null;
  /** MBID of the first credited artist. */
  artistMbid: string | null;
  /** MBIDs of every credited artist in credit order; null unless all are known. */
  artistMbids: string[] | null;
  releaseMbid: string | null;
  genre: string;
  platform: string;
  device: string;
  /** ISO 3166-1 alpha-2 country of the user. */
  country: string;
  /** Submitting client. */
  client: string;
  /** Streaming service display name; null for a local library. */
  musicService: string | null;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Relative listening by local hour (0–23). Little at night, a morning commute, an evening peak. */
const WEEKDAY_RHYTHM = [
  0.5, 0.25, 0.12, 0.07, 0.05, 0.1, 0.4, 1.3, 1.9, 1.6, 1.4, 1.4, 1.6, 1.5, 1.4, 1.5, 1.7, 2.1, 2.5, 2.8, 3.0,
  2.8, 2.0, 1.1,
];
/** Weekends: a late start, a long afternoon, later nights. */
const WEEKEND_RHYTHM = [
  1.1, 0.8, 0.5, 0.25, 0.12, 0.08, 0.12, 0.3, 0.6, 1.0, 1.5, 1.8, 2.0, 2.0, 2.0, 2.0, 2.1, 2.3, 2.6, 2.9, 3.0,
  2.9, 2.4, 1.7,
];
/** By local day of week, Sunday first. */
const DAY_OF_WEEK_FACTOR = [1.05, 0.95, 0.95, 0.97, 1.0, 1.05, 1.03];
const DAY_OFF_CHANCE = 0.07;

type SessionKind = 'album' | 'artist' | 'shuffle' | 'repeat' | 'single';
const SESSION_KINDS: readonly SessionKind[] = ['album', 'artist', 'shuffle', 'repeat', 'single'];
const SESSION_WEIGHTS = new WeightedIndex([0.18, 0.17, 0.5, 0.07, 0.08]);
const SKIP_CHANCE: Readonly<Record<SessionKind, number>> = {
  album: 0.04,
  artist: 0.09,
  shuffle: 0.2,
  repeat: 0.02,
  single: 0.1,
};

/** What a listen repeats from its track: worked out once per track, shared by every play. */
interface TrackFacts {
  artist: string;
  track: string;
  release: string;
  durationMs: number;
  recordingMbid: string | null;
  artistMbid: string | null;
  artistMbids: string[] | null;
  releaseMbid: string | null;
  genre: string;
}

class World {
  readonly tables: GenreTables;
  readonly popularity: WeightedIndex;
  readonly facts: TrackFacts[];
  private readonly trackPickers = new Map<number, WeightedIndex>();

  constructor(readonly catalogue: Catalogue) {
    this.tables = makeGenreTables(catalogue);
    this.popularity = new WeightedIndex(catalogue.artists.map((a) => a.weight));
    this.facts = catalogue.tracks.map((t) => this.factsOf(t));
  }

  private factsOf(t: CatalogueTrack): TrackFacts {
    const { artists, releases } = this.catalogue;
    const artist = artists[t.artist];
    const featured = t.featured === null ? undefined : artists[t.featured];
    const mbids = [artist?.mbid ?? null, ...(featured ? [featured.mbid] : [])];
    const release = releases[t.release];
    return {
      artist: t.credit,
      track: t.title,
      release: release?.title ?? '',
      durationMs: t.durationMs,
      recordingMbid: t.mbid,
      artistMbid: artist?.mbid ?? null,
      artistMbids: mbids.every((m): m is string => m !== null) ? mbids : null,
      releaseMbid: release?.mbid ?? null,
      genre: artist?.genre ?? 'pop',
    };
  }

  /** A track of the artist, the hits more often (their tracks are listed most popular first). */
  trackOf(rng: Random, artist: number): number {
    const own = this.catalogue.artists[artist]?.tracks ?? [];
    let picker = this.trackPickers.get(artist);
    if (!picker) {
      picker = new WeightedIndex(own.map((_, rank) => 1 / (rank + 1)));
      this.trackPickers.set(artist, picker);
    }
    return own[picker.draw(rng)] ?? 0;
  }
}

class UserStream {
  private readonly rng: Random;
  private readonly byTaste: WeightedIndex;
  private readonly offsetMs: number;
  private localDay: number;
  private nextFree = -Infinity;
  private pending: SimulatedListen[] = [];
  private head = 0;

  constructor(
    private readonly world: World,
    private readonly user: SimulatedUser,
    seed: number,
    periodStart: number,
    private readonly meanPerDay: number,
  ) {
    this.rng = new Random(deriveSeed(seed, 0x5e55 + user.index * 7919));
    this.byTaste = new WeightedIndex(user.genreWeights);
    this.offsetMs = user.utcOffsetMinutes * 60_000;
    this.localDay = Math.floor((periodStart + this.offsetMs) / DAY);
  }

  /** UTC start of the next local day to generate; every later listen starts at or after it. */
  get generatedUntil(): number {
    return this.localDay * DAY - this.offsetMs;
  }

  /** Move this user's listens that start before `until` into `out`, in time order. */
  takeBefore(until: number, out: SimulatedListen[]): void {
    const p = this.pending;
    while (this.head < p.length) {
      const l = p[this.head];
      if (!l || l.listenedAt >= until) break;
      out.push(l);
      this.head++;
    }
    if (this.head > 4096 || this.head === p.length) {
      this.pending = p.slice(this.head);
      this.head = 0;
    }
  }

  generateDay(): void {
    const rng = this.rng;
    const dayStart = this.localDay * DAY - this.offsetMs;
    const dow = (((this.localDay + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    this.localDay++;
    if (rng.chance(DAY_OFF_CHANCE)) return;
    const weekend = dow === 0 || dow === 6;
    const mean =
      (this.meanPerDay * this.user.activity * (DAY_OF_WEEK_FACTOR[dow] ?? 1)) / (1 - DAY_OFF_CHANCE);
    let remaining = Math.round(mean * rng.logNormal(-0.1, 0.45));
    const rhythm = weekend ? WEEKEND_HOURS : WEEKDAY_HOURS;

    // Plan the day's sessions (what and when), then play them in time order, each starting when
    // both its planned time has come and the previous session is over.
    const plans: Array<{ start: number; kind: SessionKind; tracks: number[] }> = [];
    while (remaining > 0) {
      const kind = SESSION_KINDS[SESSION_WEIGHTS.draw(rng)] ?? 'shuffle';
      const tracks = this.sessionTracks(kind, this.plannedLength(kind));
      if (tracks.length > remaining) tracks.length = remaining;
      remaining -= tracks.length;
      const hour = rhythm.draw(rng);
      plans.push({ start: dayStart + hour * HOUR + rng.int(HOUR), kind, tracks });
    }
    plans.sort((a, b) => a.start - b.start);
    for (const plan of plans)
      this.playSession(plan.kind, plan.tracks, Math.max(plan.start, this.nextFree), weekend);
  }

  private plannedLength(kind: SessionKind): number {
    const rng = this.rng;
    switch (kind) {
      case 'album':
        return 0; // an album session plays (part of) its release
      case 'artist':
        return rng.between(4, 12);
      case 'shuffle':
        return rng.between(5, 25);
      case 'repeat':
        return rng.between(2, 5);
      case 'single':
        return rng.between(1, 2);
    }
  }

  private favouriteOrTasteArtist(favouriteShare: number): number {
    const fav = this.user.favouriteArtists;
    if (fav.length > 0 && this.rng.chance(favouriteShare)) return this.rng.pick(fav);
    return this.tasteArtist();
  }

  private tasteArtist(): number {
    const g = this.byTaste.draw(this.rng);
    const list = this.world.tables.artistsByGenre[g] ?? [];
    const picker = this.world.tables.pickByGenre[g];
    if (list.length === 0 || !picker) return this.world.popularity.draw(this.rng);
    return list[picker.draw(this.rng)] ?? 0;
  }

  private shuffleTrack(): number {
    const rng = this.rng;
    const r = rng.next();
    const favTracks = this.user.favouriteTracks;
    if (r < 0.22 && favTracks.length > 0) return rng.pick(favTracks);
    if (r < 0.47) return this.world.trackOf(rng, this.favouriteOrTasteArtist(1));
    if (r < 0.87) return this.world.trackOf(rng, this.tasteArtist());
    return this.world.trackOf(rng, this.world.popularity.draw(rng));
  }

  /** The tracks of one session, in play order. */
  private sessionTracks(kind: SessionKind, length: number): number[] {
    const rng = this.rng;
    const { catalogue } = this.world;
    const out: number[] = [];
    switch (kind) {
      case 'album': {
        const artist = catalogue.artists[this.favouriteOrTasteArtist(0.55)];
        const releases = artist?.releases ?? [];
        const release = catalogue.releases[releases.find(() => rng.chance(0.5)) ?? releases[0] ?? 0];
        const list = release?.tracks ?? [];
        const from = rng.chance(0.85) ? 0 : rng.int(list.length);
        const upTo = rng.chance(0.25) ? from + 1 + rng.int(list.length - from) : list.length;
        for (let i = from; i < upTo; i++) out.push(list[i] ?? 0);
        if (out.length === 0) out.push(this.shuffleTrack());
        return out;
      }
      case 'artist': {
        const artist = this.favouriteOrTasteArtist(0.6);
        for (let i = 0; i < length; i++) {
          let t = this.world.trackOf(rng, artist);
          if (t === out[out.length - 1]) t = this.world.trackOf(rng, artist);
          out.push(t);
        }
        return out;
      }
      case 'repeat': {
        const fav = this.user.favouriteTracks;
        const t = fav.length > 0 ? rng.pick(fav) : this.shuffleTrack();
        for (let i = 0; i < length; i++) out.push(t);
        return out;
      }
      case 'shuffle':
      case 'single': {
        for (let i = 0; i < length; i++) {
          let t = this.shuffleTrack();
          if (t === out[out.length - 1]) t = this.shuffleTrack();
          out.push(t);
        }
        return out;
      }
    }
  }

  private playSession(kind: SessionKind, tracks: readonly number[], start: number, weekend: boolean): void {
    const rng = this.rng;
    const localHour = Math.floor(((((start + this.offsetMs) % DAY) + DAY) % DAY) / HOUR);
    const device = this.pickDevice(localHour, weekend);
    const skipChance = SKIP_CHANCE[kind];
    const user = this.user;
    let at = start;
    for (const t of tracks) {
      const f = this.world.facts[t];
      if (!f) continue;
      const skipped = rng.chance(skipChance);
      const playedMs = skipped
        ? Math.min(f.durationMs - 1000, rng.between(2000, 30_000))
        : rng.chance(0.9)
          ? f.durationMs
          : Math.round(f.durationMs * (0.5 + 0.48 * rng.next()));
      this.pending.push({
        user: user.name,
        listenedAt: at,
        durationMs: f.durationMs,
        playedMs,
        skipped,
        artist: f.artist,
        track: f.track,
        release: f.release,
        recordingMbid: f.recordingMbid,
        artistMbid: f.artistMbid,
        artistMbids: f.artistMbids,
        releaseMbid: f.releaseMbid,
        genre: f.genre,
        platform: device.platform,
        device: device.device,
        country: user.country,
        client: device.client,
        musicService: user.musicService,
      });
      const gap = rng.chance(0.04) ? rng.between(60_000, 1_200_000) : rng.int(2500);
      at += playedMs + gap;
    }
    this.nextFree = at;
  }

  /** Phones on the commute, computers at work, speakers in the evening and at weekends. */
  private pickDevice(localHour: number, weekend: boolean): Device {
    const devices = this.user.devices;
    if (devices.length === 1) return devices[0] as Device;
    const commute = !weekend && (localHour === 7 || localHour === 8 || localHour === 17 || localHour === 18);
    const work = !weekend && localHour >= 9 && localHour < 17;
    const evening = localHour >= 18 || (weekend && localHour >= 10);
    const weights = devices.map((d) => {
      switch (d.platform) {
        case 'android':
        case 'ios':
          return commute ? 4 : 1;
        case 'desktop':
        case 'web':
          return work ? 4 : 0.6;
        case 'sonos':
        case 'chromecast':
          return evening ? 2.5 : 0.2;
      }
    });
    return devices[new WeightedIndex(weights).draw(this.rng)] ?? (devices[0] as Device);
  }
}

const WEEKDAY_HOURS = new WeightedIndex(WEEKDAY_RHYTHM);
const WEEKEND_HOURS = new WeightedIndex(WEEKEND_RHYTHM);

interface Setup {
  world: World;
  users: SimulatedUser[];
}

function setUp(options: SimulationOptions): Setup {
  const catalogue = makeCatalogue(options.seed, Math.max(10, Math.round(options.artists ?? 2000)));
  const world = new World(catalogue);
  const users: SimulatedUser[] = [];
  const names = new Set<string>();
  for (let i = 0; i < options.users; i++) {
    const u = makeUser(
      new Random(deriveSeed(options.seed, 0x75e7 + i * 104_729)),
      i,
      catalogue,
      world.tables,
    );
    if (names.has(u.name)) u.name = `${u.name}${i}`;
    names.add(u.name);
    users.push(u);
  }
  // Scale activity so the population mean is exactly the requested listens per day.
  const meanActivity = users.reduce((s, u) => s + u.activity, 0) / Math.max(1, users.length);
  for (const u of users) u.activity /= meanActivity;
  return { world, users };
}

/** The users a simulation with these options has (name, country, UTC offset, devices, taste). */
export function simulatedUsers(options: SimulationOptions): SimulatedUser[] {
  return setUp(options).users;
}

/**
 * Listens of `users` users over the `days` days that end at `end`, in global time order
 * (listenedAt ascending; equal times by user). Only plays that start and finish inside the
 * period are given. Deterministic by seed; lazy, so a caller may stop at any count.
 */
export function* simulateListens(options: SimulationOptions): Generator<SimulatedListen> {
  if (options.users <= 0 || options.days <= 0) return;
  const { world, users } = setUp(options);
  const start = options.end - options.days * DAY;
  const meanPerDay = options.listensPerUserPerDay ?? 40;
  const streams = users.map((u) => new UserStream(world, u, options.seed, start, meanPerDay));
  const batch: SimulatedListen[] = [];
  for (let windowStart = start; windowStart < options.end; windowStart += DAY) {
    const windowEnd = Math.min(options.end, windowStart + DAY);
    batch.length = 0;
    for (const s of streams) {
      while (s.generatedUntil < windowEnd) s.generateDay();
      s.takeBefore(windowEnd, batch);
    }
    // Stable sort: equal times keep user order.
    batch.sort((a, b) => a.listenedAt - b.listenedAt);
    for (const l of batch) {
      if (l.listenedAt >= start && l.listenedAt + l.playedMs <= options.end) yield l;
    }
  }
}
