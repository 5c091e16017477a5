/**
 * Labelled data for measuring the matcher, built from the real samples in ../shared (never copied
 * into the repository):
 *
 * - the MBIDs Last.fm assigned to artists in the Last.fm 1K sample (artist level: the catalogue is
 *   the 21,208-artist dump, which holds no recordings of theirs);
 * - the `mbid_mapping` of the ListenBrainz export fixtures (Koito's two export zips and
 *   multi-scrobbler's mapping cases): each mapped recording becomes a catalogue line in the dump's
 *   own shape, and the listen's submitted text (without its MBIDs) must find it;
 * - the recordings of the MusicBrainz JSON dump sample, and the mapped ones, under names varied the
 *   way services vary them (typographic apostrophes and hyphens, case, a leading "The", &/and,
 *   accents, feat. moved into the title, version tags, a typo);
 * - distractors: for every labelled recording another artist's recording of the same title and the
 *   same artist's recording of a longer title, so a careless matcher pays in precision.
 *
 * A case's label says which recording (and first artist) is right; `null` means nothing in the
 * catalogue is, so any match is wrong. Each case is one listen at its own time.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { removeVersionTags } from '../../src/domain/normalise.js';
import { Random } from '../../src/sim/random.js';
import { sharedFile } from './shared-data.js';

export interface LabelledCase {
  source: 'lastfm-1k' | 'listenbrainz-mapping' | 'varied' | 'submitted-wrong';
  artist: string;
  track: string;
  release: string | null;
  lengthMs: number | null;
  /** The right recording; null: none in the catalogue (artist-level cases leave it undefined). */
  recording?: string | null;
  /**
   * Recordings as right as `recording`: the same artist's recordings whose titles differ only by a
   * version tag ("You Were My Sunshine (radio edit)"). listenhouse stores such plays as one
   * recording (version tags are not part of a recording's identity), so either is a right answer.
   */
  siblings?: string[];
  /** The right first artist; null: none in the catalogue. */
  artist0?: string | null;
  /** A recording MBID submitted with the listen (to test that a wrong one is not trusted). */
  submittedRecording?: string;
  listenedAt: number;
}

export interface LabelledData {
  /** Dump files to import, in order. */
  catalogue: string[];
  /** A ListenBrainz JSON-lines export holding one listen per case. */
  listens: string;
  cases: LabelledCase[];
}

type Json = Record<string, unknown>;

interface Mapped {
  recording: string;
  title: string;
  artists: { name: string; mbid: string; join: string }[];
}

const START = Date.UTC(2020, 0, 1) / 1000;

async function zipLines(path: string): Promise<string[]> {
  const zip = await new Promise<yauzl.ZipFile>((done, fail) =>
    yauzl.open(path, { lazyEntries: true }, (err, z) => (err ? fail(err) : done(z))),
  );
  const lines: string[] = [];
  await new Promise<void>((done, fail) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('.jsonl')) return zip.readEntry();
      zip.openReadStream(entry, (err, stream) => {
        if (err) return fail(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          lines.push(
            ...Buffer.concat(chunks)
              .toString('utf8')
              .split('\n')
              .filter((l) => l.trim() !== ''),
          );
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => done());
    zip.on('error', fail);
    zip.readEntry();
  });
  return lines;
}

function mappingOf(meta: Json): Mapped | null {
  const m = meta.mbid_mapping as Json | null | undefined;
  if (!m || typeof m.recording_mbid !== 'string' || !Array.isArray(m.artists)) return null;
  return {
    recording: m.recording_mbid,
    title: String(m.recording_name),
    artists: (m.artists as Json[]).map((a) => ({
      name: String(a.artist_credit_name),
      mbid: String(a.artist_mbid),
      join: typeof a.join_phrase === 'string' ? a.join_phrase : '',
    })),
  };
}

function recordingLine(
  id: string,
  title: string,
  artists: Mapped['artists'],
  lengthMs: number | null,
): string {
  return JSON.stringify({
    id,
    title,
    length: lengthMs,
    video: false,
    disambiguation: '',
    isrcs: [],
    'artist-credit': artists.map((a) => ({
      name: a.name,
      joinphrase: a.join,
      artist: { id: a.mbid, name: a.name, 'sort-name': a.name, aliases: [], tags: [], genres: [] },
    })),
    aliases: [],
    tags: [],
    genres: [],
  });
}

/** A UUID made from a seed, for distractors. */
function fakeUuid(rng: Random): string {
  const hex = () => rng.nextUint32().toString(16).padStart(8, '0');
  const h = hex() + hex() + hex() + hex();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const stripAccents = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');

/** Names as services vary them; each variant says which of the two fields it changes. */
function variants(
  artist: string,
  title: string,
  rng: Random,
  extra: string | null,
): { artist: string; track: string; how: string }[] {
  const out: { artist: string; track: string; how: string }[] = [];
  const add = (a: string, t: string, how: string) => {
    if (a !== artist || t !== title) out.push({ artist: a, track: t, how });
  };
  add(artist.replaceAll("'", '’'), title.replaceAll("'", '’'), 'apostrophe');
  add(artist.replaceAll('’', "'"), title.replaceAll('’', "'"), 'apostrophe back');
  add(artist.replaceAll('-', '‐'), title.replaceAll('-', '‐'), 'hyphen');
  add(artist.toUpperCase(), title.toLowerCase(), 'case');
  add(/^the\s/i.test(artist) ? artist.replace(/^the\s+/i, '') : `The ${artist}`, title, 'the');
  add(artist.replace(/\s&\s/g, ' and ').replace(/\sand\s/g, ' & '), title, 'and');
  add(stripAccents(artist), stripAccents(title), 'accents');
  add(artist, `${title} - 2011 Remaster`, 'version tag');
  add(artist, `${title} (Remastered)`, 'version tag');
  if (extra && !/\bfeat\.?\s/i.test(title)) add(artist, `${title} (feat. ${extra})`, 'feat in title');
  if (title.length >= 7) {
    const at = 2 + Math.floor(rng.nextUint32() % (title.length - 4));
    const chars = [...title];
    if (/\p{L}/u.test(chars[at] ?? '') && /\p{L}/u.test(chars[at + 1] ?? '')) {
      [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
      add(artist, chars.join(''), 'typo in title');
    }
  }
  if (artist.length >= 8 && !/\s(&|and|feat\.?)\s/i.test(artist)) {
    const chars = [...artist];
    const at = 3 + Math.floor(rng.nextUint32() % (artist.length - 5));
    if (/\p{L}/u.test(chars[at] ?? '')) {
      chars.splice(at, 1);
      add(chars.join(''), title, 'typo in artist');
    }
  }
  return out;
}

export async function buildLabelledData(dir: string): Promise<LabelledData> {
  const rng = new Random(12);
  const cases: LabelledCase[] = [];
  let t = START;
  const push = (c: Omit<LabelledCase, 'listenedAt'>) => cases.push({ ...c, listenedAt: (t += 600) });

  // 1. Artist dump: names and MBIDs; Last.fm 1K's artist MBIDs.
  const dump = sharedFile('musicbrainz-artist-dump-derived', 'artist.tar.xz');
  const artistLines = execFileSync('tar', ['-xJOf', dump, 'mbdump/artist'], { maxBuffer: 64 << 20 })
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
  const dumpArtists = new Map<string, string>();
  for (const l of artistLines) {
    const a = JSON.parse(l) as { id: string; name: string };
    dumpArtists.set(a.id, a.name);
  }
  const lastfm = readFileSync(
    sharedFile('lastfm-1k-sample', 'userid-timestamp-artid-artname-traid-traname.head5000.tsv'),
    'utf8',
  );
  const seenArtist = new Set<string>();
  for (const row of lastfm.split('\n')) {
    const [, , mbid, name, , track] = row.split('\t');
    if (!mbid || !name || !track || seenArtist.has(`${mbid}\t${name}`)) continue;
    seenArtist.add(`${mbid}\t${name}`);
    push({
      source: 'lastfm-1k',
      artist: name,
      track,
      release: null,
      lengthMs: null,
      artist0: dumpArtists.has(mbid) ? mbid : null,
    });
  }

  // 2. ListenBrainz mappings: the catalogue holds the mapped recordings; the listens their text.
  const mapped = new Map<string, Mapped & { lengthMs: number | null }>();
  const lbListens: { meta: Json; mapping: Mapped }[] = [];
  const fixtures = sharedFile('listenbrainz-export-fixtures');
  for (const zip of ['koito/listenbrainz_shoko1_123456789.zip', 'koito/listenbrainz_shoko1_1749780844.zip']) {
    for (const line of await zipLines(join(fixtures, zip))) {
      const meta = (JSON.parse(line) as Json).track_metadata as Json;
      const mapping = mappingOf(meta);
      if (mapping) lbListens.push({ meta, mapping });
    }
  }
  for (const file of [
    'artistProperHasJoinerInName',
    'multiArtistInArtistName',
    'multiArtistInTrackName',
    'multiArtistMappingWithSingleRecordedArtist',
    'normalizedName',
    'trackNameSlightlyDifferent',
  ]) {
    const list = JSON.parse(
      readFileSync(join(fixtures, 'multi-scrobbler', 'correctlyMapped', `${file}.json`), 'utf8'),
    ) as { data: Json }[];
    for (const c of list) {
      const meta = c.data.track_metadata as Json;
      const mapping = mappingOf(meta);
      if (mapping) lbListens.push({ meta, mapping });
    }
  }
  for (const { meta, mapping } of lbListens) {
    const info = (meta.additional_info ?? {}) as Json;
    const lengthMs = typeof info.duration_ms === 'number' ? info.duration_ms : null;
    mapped.set(mapping.recording, { ...mapping, lengthMs });
    push({
      source: 'listenbrainz-mapping',
      artist: String(meta.artist_name),
      track: String(meta.track_name),
      release: typeof meta.release_name === 'string' ? meta.release_name : null,
      lengthMs,
      recording: mapping.recording,
      artist0: mapping.artists[0]?.mbid ?? null,
    });
  }

  // 3. The dump sample's recordings, and the mapped ones, under varied names.
  const sample = readFileSync(sharedFile('musicbrainz-json-dump-sample', 'recording.sample100.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Json);
  const known: { recording: string; title: string; artists: Mapped['artists']; lengthMs: number | null }[] = [
    ...sample.map((r) => ({
      recording: String(r.id),
      title: String(r.title),
      lengthMs: typeof r.length === 'number' ? r.length : null,
      artists: (r['artist-credit'] as Json[]).map((c) => ({
        name: String(c.name),
        mbid: String((c.artist as Json).id),
        join: typeof c.joinphrase === 'string' ? c.joinphrase : '',
      })),
    })),
    ...[...mapped.values()].map((m) => ({
      recording: m.recording,
      title: m.title,
      artists: m.artists,
      lengthMs: m.lengthMs,
    })),
  ];
  const catalogueArtists = [...dumpArtists.entries()];
  // Siblings: the same first artist and the same title once version tags are set aside.
  const groups = new Map<string, string[]>();
  const groupOf = (k: (typeof known)[number]) =>
    `${k.artists[0]?.mbid}\u001f${removeVersionTags(k.title).toLowerCase()}`;
  for (const k of known) groups.set(groupOf(k), [...(groups.get(groupOf(k)) ?? []), k.recording]);
  const siblingsOf = (k: (typeof known)[number]) =>
    (groups.get(groupOf(k)) ?? []).filter((m) => m !== k.recording);
  const distractors: string[] = [];
  for (const k of known) {
    const credit = k.artists.map((a) => a.name + a.join).join('');
    for (const v of variants(credit, k.title, rng, k.artists.length === 1 ? 'Some Guest' : null))
      push({
        source: 'varied',
        artist: v.artist,
        track: v.track,
        release: null,
        lengthMs: k.lengthMs,
        recording: k.recording,
        siblings: siblingsOf(k),
        artist0: k.artists[0]?.mbid ?? null,
      });
    // Another artist's recording of the same title, and this artist's of a longer one.
    const [otherId, otherName] = catalogueArtists[rng.nextUint32() % catalogueArtists.length]!;
    distractors.push(
      recordingLine(fakeUuid(rng), k.title, [{ name: otherName, mbid: otherId, join: '' }], k.lengthMs),
    );
    distractors.push(recordingLine(fakeUuid(rng), `${k.title} Reprise Part Two`, k.artists, k.lengthMs));
  }

  // 4. A submitted MBID that names another recording is not trusted.
  const [zombie, desert] = [...mapped.values()].filter((m) => m.title === 'Zombie' || m.title === 'Desert');
  if (zombie && desert)
    push({
      source: 'submitted-wrong',
      artist: 'The Cranberries',
      track: 'Zombie',
      release: null,
      lengthMs: null,
      recording: zombie.recording,
      artist0: zombie.artists[0]?.mbid ?? null,
      submittedRecording: desert.recording,
    });

  const labelled = join(dir, 'recording.labelled.jsonl');
  writeFileSync(
    labelled,
    [...mapped.values()].map((m) => recordingLine(m.recording, m.title, m.artists, m.lengthMs)).join('\n') +
      '\n' +
      distractors.join('\n') +
      '\n',
  );
  const listens = join(dir, 'labelled-listens.jsonl');
  writeFileSync(
    listens,
    cases
      .map((c) =>
        JSON.stringify({
          listened_at: c.listenedAt,
          track_metadata: {
            artist_name: c.artist,
            track_name: c.track,
            ...(c.release ? { release_name: c.release } : {}),
            additional_info: {
              ...(c.lengthMs ? { duration_ms: c.lengthMs } : {}),
              ...(c.submittedRecording ? { recording_mbid: c.submittedRecording } : {}),
            },
          },
        }),
      )
      .join('\n') + '\n',
  );
  return {
    catalogue: [dump, sharedFile('musicbrainz-json-dump-sample', 'recording.sample100.jsonl'), labelled],
    listens,
    cases,
  };
}

export interface Figures {
  cases: number;
  /** Cases whose right answer is in the catalogue. */
  answerable: number;
  correct: number;
  wrong: number;
  precision: number;
  recall: number;
}

/** Precision (right among matches made) and recall (right among answerable cases). */
export function figures(
  results: readonly { expected: string | null | undefined; also?: readonly string[]; got: string | null }[],
): Figures {
  const scored = results.filter((r) => r.expected !== undefined);
  const answerable = scored.filter((r) => r.expected !== null).length;
  const right = (r: (typeof scored)[number]) =>
    r.got !== null && (r.got === r.expected || (r.also ?? []).includes(r.got));
  const correct = scored.filter(right).length;
  const wrong = scored.filter((r) => r.got !== null && !right(r)).length;
  return {
    cases: scored.length,
    answerable,
    correct,
    wrong,
    precision: correct + wrong === 0 ? 1 : correct / (correct + wrong),
    recall: answerable === 0 ? 1 : correct / answerable,
  };
}
