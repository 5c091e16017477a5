/**
 * The canonical genre tree: a short list of top-level genres, each with the MusicBrainz genres
 * (and Discogs genres and styles) that belong under it. MusicBrainz has about two thousand genres
 * and its folksonomy tags are free text; statistics and the dashboard need a dozen or so families.
 * docs/catalogue.md lists the tree.
 *
 * A name maps by (1) the explicit lists below, then (2) a word rule ("… metal" is metal, "… house"
 * electronic), else not at all ("british", "seen live" and other tags that are no genre). Where an
 * entity has no genre or tag at all, `keywordGenres` guesses from what else is known (a release
 * group that is a soundtrack, an artist that is an orchestra), and says so (source 'keyword').
 */

export const TOP_GENRES = [
  'rock',
  'pop',
  'electronic',
  'hip hop',
  'r&b and soul',
  'jazz',
  'blues',
  'classical',
  'folk',
  'country',
  'metal',
  'punk',
  'reggae',
  'latin',
  'world',
  'soundtrack',
  'experimental',
  'ambient',
  'spoken word',
] as const;

export type TopGenre = (typeof TOP_GENRES)[number];

/** Genre names (MusicBrainz genres, Discogs genres and styles, common tags) under each top genre. */
const TREE: Readonly<Record<TopGenre, readonly string[]>> = {
  rock: [
    'rock',
    'alternative rock',
    'indie rock',
    'classic rock',
    'hard rock',
    'progressive rock',
    'psychedelic rock',
    'garage rock',
    'art rock',
    'soft rock',
    'glam rock',
    'blues rock',
    'folk rock',
    'southern rock',
    'rock and roll',
    'rock & roll',
    'post-rock',
    'shoegaze',
    'grunge',
    'britpop',
    'krautrock',
    'space rock',
    'stoner rock',
    'surf rock',
    'math rock',
    'noise rock',
    'dream pop',
    'post-punk revival',
    'indie',
    'alternative',
    'jangle pop',
    'power pop',
    'rockabilly',
    'industrial rock',
    'pop rock',
    'heartland rock',
    'acid rock',
    'emo',
    'slowcore',
    'sadcore',
    'neo-psychedelia',
    'piano rock',
    'arena rock',
    'aor',
    'symphonic rock',
    'instrumental rock',
    'gothic rock',
  ],
  pop: [
    'pop',
    'synth-pop',
    'synthpop',
    'electropop',
    'dance-pop',
    'indie pop',
    'art pop',
    'k-pop',
    'j-pop',
    'c-pop',
    'teen pop',
    'bubblegum pop',
    'europop',
    'chamber pop',
    'baroque pop',
    'sophisti-pop',
    'city pop',
    'hyperpop',
    'bedroom pop',
    'adult contemporary',
    'schlager',
    'chanson',
    'ballad',
    'vocal',
    'easy listening',
    'new wave',
    'yacht rock',
    'traditional pop',
    'pop soul',
    'sunshine pop',
    'disco',
    'italo-disco',
    'eurodance',
    'cantopop',
    'mandopop',
    'latin pop',
    'pop rap',
    'idol',
    'kayōkyoku',
    'enka',
  ],
  electronic: [
    'electronic',
    'electronica',
    'house',
    'deep house',
    'tech house',
    'progressive house',
    'acid house',
    'techno',
    'minimal techno',
    'detroit techno',
    'trance',
    'psytrance',
    'progressive trance',
    'drum and bass',
    'jungle',
    'dubstep',
    'uk garage',
    'garage house',
    'breakbeat',
    'big beat',
    'idm',
    'downtempo',
    'trip hop',
    'chillout',
    'chill-out',
    'lounge',
    'electro',
    'electroclash',
    'edm',
    'electro house',
    'future bass',
    'hardstyle',
    'hardcore techno',
    'gabber',
    'industrial',
    'ebm',
    'synthwave',
    'vaporwave',
    'chiptune',
    'glitch',
    'footwork',
    'grime',
    'uk funky',
    'dance',
    'nu-disco',
    'french house',
    'leftfield',
    'bass music',
    'breaks',
    'electroacoustic',
    'dub techno',
    'witch house',
    'darkwave',
    'coldwave',
    'minimal',
    'trap edm',
    'moombahton',
    'amapiano',
    'gqom',
    'eurobeat',
  ],
  'hip hop': [
    'hip hop',
    'hip-hop',
    'rap',
    'trap',
    'boom bap',
    'conscious hip hop',
    'gangsta rap',
    'west coast hip hop',
    'east coast hip hop',
    'southern hip hop',
    'hardcore hip hop',
    'alternative hip hop',
    'abstract hip hop',
    'jazz rap',
    'drill',
    'uk drill',
    'cloud rap',
    'emo rap',
    'crunk',
    'g-funk',
    'horrorcore',
    'instrumental hip hop',
    'turntablism',
    'memphis rap',
    'phonk',
    'grime rap',
    'trap rap',
    'mumble rap',
    'underground hip hop',
  ],
  'r&b and soul': [
    'r&b',
    'rnb',
    'rhythm and blues',
    'contemporary r&b',
    'alternative r&b',
    'neo soul',
    'soul',
    'funk',
    'motown',
    'northern soul',
    'southern soul',
    'philly soul',
    'quiet storm',
    'new jack swing',
    'gospel',
    'p-funk',
    'boogie',
    'psychedelic soul',
    'smooth soul',
    'doo-wop',
    'funk / soul',
  ],
  jazz: [
    'jazz',
    'bebop',
    'hard bop',
    'cool jazz',
    'modal jazz',
    'free jazz',
    'avant-garde jazz',
    'jazz fusion',
    'fusion',
    'smooth jazz',
    'swing',
    'big band',
    'vocal jazz',
    'latin jazz',
    'acid jazz',
    'nu jazz',
    'post-bop',
    'soul jazz',
    'dixieland',
    'gypsy jazz',
    'spiritual jazz',
    'jazz-funk',
    'bossa nova',
    'ecm style jazz',
    'contemporary jazz',
  ],
  blues: [
    'blues',
    'delta blues',
    'chicago blues',
    'electric blues',
    'country blues',
    'piano blues',
    'jump blues',
    'blues rock',
    'texas blues',
    'modern blues',
    'jazz blues',
  ],
  classical: [
    'classical',
    'baroque',
    'romantic',
    'romanticism',
    'modern classical',
    'contemporary classical',
    'opera',
    'orchestral',
    'symphony',
    'chamber music',
    'choral',
    'early music',
    'renaissance',
    'medieval',
    'minimalism',
    'neoclassical',
    'impressionism',
    'art song',
    'lied',
    'concerto',
    'sonata',
    'string quartet',
    'classical period',
    'post-minimalism',
    'sacred music',
    'oratorio',
    'cantata',
    'requiem',
    'piano music',
  ],
  folk: [
    'folk',
    'contemporary folk',
    'indie folk',
    'folk pop',
    'freak folk',
    'anti-folk',
    'singer-songwriter',
    'americana',
    'traditional folk',
    'celtic',
    'irish folk',
    'scottish folk',
    'british folk',
    'chamber folk',
    'neofolk',
    'folk, world, & country',
    'acoustic',
    'sea shanty',
    'filk',
    'skiffle',
    'protest song',
  ],
  country: [
    'country',
    'alt-country',
    'bluegrass',
    'country pop',
    'outlaw country',
    'honky tonk',
    'country rock',
    'western swing',
    'nashville sound',
    'bro-country',
    'red dirt',
    'cowpunk',
    'truck-driving country',
    'americana country',
  ],
  metal: [
    'metal',
    'heavy metal',
    'thrash metal',
    'death metal',
    'black metal',
    'doom metal',
    'power metal',
    'progressive metal',
    'metalcore',
    'deathcore',
    'nu metal',
    'alternative metal',
    'sludge metal',
    'stoner metal',
    'symphonic metal',
    'gothic metal',
    'folk metal',
    'melodic death metal',
    'melodic black metal',
    'grindcore',
    'speed metal',
    'glam metal',
    'industrial metal',
    'post-metal',
    'djent',
    'drone metal',
    'technical death metal',
    'viking metal',
    'groove metal',
  ],
  punk: [
    'punk',
    'punk rock',
    'hardcore',
    'hardcore punk',
    'post-punk',
    'pop punk',
    'ska punk',
    'anarcho-punk',
    'oi!',
    'street punk',
    'crust punk',
    'garage punk',
    'post-hardcore',
    'emo punk',
    'riot grrrl',
    'skate punk',
    'horror punk',
    'folk punk',
    'noise punk',
    'proto-punk',
  ],
  reggae: [
    'reggae',
    'roots reggae',
    'dub',
    'dancehall',
    'ska',
    'rocksteady',
    'lovers rock',
    'ragga',
    'reggaeton',
    'dub poetry',
    'two tone',
    '2 tone',
  ],
  latin: [
    'latin',
    'salsa',
    'cumbia',
    'bachata',
    'merengue',
    'tango',
    'samba',
    'mpb',
    'bolero',
    'mariachi',
    'ranchera',
    'norteño',
    'banda',
    'latin rock',
    'son cubano',
    'mambo',
    'cha-cha-cha',
    'forró',
    'pagode',
    'sertanejo',
    'tropicália',
    'flamenco',
    'nueva canción',
    'latin alternative',
    'corrido',
    'dembow',
    'baile funk',
    'funk carioca',
  ],
  world: [
    'world',
    'world music',
    'afrobeat',
    'afrobeats',
    'highlife',
    'juju',
    'soukous',
    'mbalax',
    'rai',
    'fado',
    'klezmer',
    'qawwali',
    'bhangra',
    'filmi',
    'gamelan',
    'turkish classical',
    'arabic',
    'indian classical',
    'hindustani classical',
    'carnatic',
    'balkan',
    'polka',
    'zouk',
    'calypso',
    'soca',
    'kompa',
    'township',
    'maloya',
    'throat singing',
    'enka world',
    'non-music',
    'traditional',
  ],
  soundtrack: [
    'soundtrack',
    'film score',
    'film soundtrack',
    'video game music',
    'game music',
    'musical',
    'show tunes',
    'stage & screen',
    'anime',
    'television music',
    'score',
    'library music',
    'trailer music',
  ],
  experimental: [
    'experimental',
    'avant-garde',
    'noise',
    'musique concrète',
    'sound art',
    'free improvisation',
    'drone',
    'sound collage',
    'plunderphonics',
    'power electronics',
    'harsh noise',
    'lowercase',
    'field recordings',
    'tape music',
    'no wave',
  ],
  ambient: [
    'ambient',
    'dark ambient',
    'new age',
    'space music',
    'ambient techno',
    'ambient pop',
    'meditation',
    'healing',
  ],
  'spoken word': [
    'spoken word',
    'comedy',
    'audiobook',
    'poetry',
    'interview',
    'speech',
    'stand-up comedy',
    'radio play',
    'podcast',
  ],
};

/** Word rules for names not in the lists: the last matching word decides. */
const WORD_RULES: ReadonlyArray<[RegExp, TopGenre]> = [
  [/\bmetal\b|core$/, 'metal'],
  [/\bpunk\b/, 'punk'],
  [/\b(house|techno|trance|electro|edm|bass|step|garage|rave|synth|idm|breaks?)\b/, 'electronic'],
  [/\b(hip hop|hip-hop|rap|trap|drill)\b/, 'hip hop'],
  [/\b(soul|funk|r&b|rnb|gospel)\b/, 'r&b and soul'],
  [/\bjazz\b|bop$/, 'jazz'],
  [/\bblues\b/, 'blues'],
  [/\b(classical|baroque|opera|symphon|orchestr|choral|chamber)/, 'classical'],
  [/\bfolk\b|singer-songwriter/, 'folk'],
  [/\bcountry\b|bluegrass/, 'country'],
  [/\b(reggae|dub|ska|dancehall)\b/, 'reggae'],
  [/\b(latin|salsa|cumbia|samba|tango|bossa)\b/, 'latin'],
  [/\b(ambient|new age)\b/, 'ambient'],
  [/\b(soundtrack|score|video game)\b/, 'soundtrack'],
  [/\b(experimental|noise|avant)/, 'experimental'],
  [/\brock\b|\bindie\b|grunge|shoegaze/, 'rock'],
  [/\bpop\b|disco/, 'pop'],
];

const BY_NAME = new Map<string, TopGenre>();
for (const top of TOP_GENRES) for (const name of TREE[top]) BY_NAME.set(normaliseGenreName(name), top);
for (const top of TOP_GENRES) BY_NAME.set(normaliseGenreName(top), top);

export function normaliseGenreName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[‐‑–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The top genre a MusicBrainz genre, tag, or Discogs genre or style belongs to; null for a tag that names no genre. */
export function topGenreOf(name: string): TopGenre | null {
  const n = normaliseGenreName(name);
  const listed = BY_NAME.get(n);
  if (listed) return listed;
  for (const [rule, top] of WORD_RULES) if (rule.test(n)) return top;
  return null;
}

/** The subgenres listed under a top genre (for docs and tests). */
export function subgenresOf(top: TopGenre): readonly string[] {
  return TREE[top];
}

export interface WeightedGenre {
  genre: TopGenre;
  /** The name it came from (a MusicBrainz genre, a Discogs style); null when it is the top genre itself. */
  subgenre: string | null;
  /** Share of the entity's votes, 0..1; the weights of one entity add up to 1. */
  weight: number;
}

/**
 * Genres from votes: MusicBrainz genres when the entity has any, else its tags; each vote counts
 * (a genre with 5 votes weighs five times one with 1). Names that map to no top genre are dropped.
 */
export function genresFromVotes(
  votes: readonly { name: string; count: number; isGenre: boolean }[],
): WeightedGenre[] {
  const genres = votes.filter((v) => v.isGenre);
  const used = genres.length > 0 ? genres : votes.filter((v) => !v.isGenre);
  const mapped = used
    .map((v) => ({ top: topGenreOf(v.name), name: normaliseGenreName(v.name), votes: Math.max(1, v.count) }))
    .filter((v): v is { top: TopGenre; name: string; votes: number } => v.top !== null);
  return weigh(mapped);
}

/** Genres from Discogs' genres and styles (no votes: styles count twice, being the finer names). */
export function genresFromDiscogs(genres: readonly string[], styles: readonly string[]): WeightedGenre[] {
  const mapped = [
    ...styles.map((s) => ({ top: topGenreOf(s), name: normaliseGenreName(s), votes: 2 })),
    ...genres.map((g) => ({ top: topGenreOf(g), name: normaliseGenreName(g), votes: 1 })),
  ].filter((v): v is { top: TopGenre; name: string; votes: number } => v.top !== null);
  return weigh(mapped);
}

function weigh(mapped: readonly { top: TopGenre; name: string; votes: number }[]): WeightedGenre[] {
  const total = mapped.reduce((n, v) => n + v.votes, 0);
  if (total === 0) return [];
  const bySub = new Map<string, WeightedGenre>();
  for (const v of mapped) {
    const subgenre = v.name === v.top ? null : v.name;
    const key = `${v.top}\u001f${subgenre ?? ''}`;
    const known = bySub.get(key);
    if (known) known.weight += v.votes / total;
    else bySub.set(key, { genre: v.top, subgenre, weight: v.votes / total });
  }
  return [...bySub.values()].sort((a, b) => b.weight - a.weight || a.genre.localeCompare(b.genre));
}

/**
 * The last resort, marked as such: what a release group's types, an artist's type or the titles
 * say ("Original Soundtrack", an orchestra, "Symphony No. 5", a live album of a jazz club…).
 */
export function keywordGenres(facts: {
  title: string;
  artist: string | null;
  type: string | null;
  secondaryTypes: readonly string[];
}): WeightedGenre[] {
  const text = `${facts.title} ${facts.artist ?? ''}`.toLowerCase();
  const types = facts.secondaryTypes.map((t) => t.toLowerCase());
  const found: TopGenre[] = [];
  if (
    types.includes('soundtrack') ||
    /\b(original (motion picture )?soundtrack|ost|score|video game)\b/.test(text)
  )
    found.push('soundtrack');
  if (types.includes('spokenword') || types.includes('audiobook') || types.includes('interview'))
    found.push('spoken word');
  if (
    facts.type === 'Orchestra' ||
    facts.type === 'Choir' ||
    /\b(symphony|sonata|concerto|quartet|requiem|opus|op\.|bwv|k\.\s?\d|philharmonic|orchestra)\b/.test(text)
  )
    found.push('classical');
  if (/\b(oc remix|8-bit|chiptune)\b/.test(text)) found.push('electronic');
  if (/\b(remix|dub mix|club mix|extended mix)\b/.test(text) && !found.includes('electronic'))
    found.push('electronic');
  if (/\bjazz\b/.test(text)) found.push('jazz');
  if (/\b(riddim|dub)\b/.test(text)) found.push('reggae');
  const unique = [...new Set(found)];
  return unique.map((genre) => ({ genre, subgenre: null, weight: 1 / unique.length }));
}
