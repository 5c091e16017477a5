/**
 * One line of a MusicBrainz JSON dump (mbdump/<entity>: the entity as the web service renders it
 * with every include) → the rows the catalogue keeps. Pure: parsing defensively (unknown keys
 * ignored, missing ones tolerated, formats.md §5), so a line is refused only when it has no id or
 * no name. Entities embedded in the line (a recording's credited artists, a release's release
 * group and track recordings) become stub rows, stored only until their own dump line arrives.
 */
import { normaliseText } from '../domain/normalise.js';
import type { CatalogueBatch, MbAliasRow, MbEntity, MbKeyRow } from '../store/catalog-rows.js';
import { looseOfKey, nameKeys, releaseKeys, titleKeys } from './match-keys.js';

export const DUMP_ENTITIES: readonly MbEntity[] = ['artist', 'release-group', 'release', 'recording'];

export function isDumpEntity(value: string): value is MbEntity {
  return (DUMP_ENTITIES as readonly string[]).includes(value);
}

/** Numbers entity occurrences within a batch (see catalog-rows.ts). */
export interface InstanceCounter {
  next: number;
  /**
   * Embedded entities already added by this import (bounded by the caller): a stub is stored only
   * when its entity is not, so once is enough — an artist credited on 5,000 recordings is parsed,
   * staged and looked up once, not 5,000 times.
   */
  stubsSeen?: Set<string>;
}

/** Whether a stub of `mbid` was added already (and remembers it). */
function seenStub(counter: InstanceCounter, mbid: string): boolean {
  const seen = counter.stubsSeen;
  if (!seen) return false;
  if (seen.has(mbid)) return true;
  seen.add(mbid);
  return false;
}

type Json = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const whole = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null;

/**
 * Adds the rows of one parsed line to `batch`; returns why the line was refused, or null. The
 * line's own entity is a full row; what it embeds, stubs.
 */
export function addDumpEntity(
  batch: CatalogueBatch,
  entity: MbEntity,
  value: unknown,
  counter: InstanceCounter,
): string | null {
  if (!isObject(value)) return `a ${entity} line must be a JSON object`;
  const id = text(value.id);
  if (id === null || !UUID.test(id)) return `no MBID: "id" is ${JSON.stringify(value.id ?? null)}`;
  const name = entity === 'artist' ? text(value.name) : text(value.title);
  if (name === null) return `${entity} ${id} has no ${entity === 'artist' ? 'name' : 'title'}`;
  switch (entity) {
    case 'artist':
      addArtist(batch, value, false, counter);
      break;
    case 'release-group':
      addReleaseGroup(batch, value, false, counter);
      break;
    case 'release':
      addRelease(batch, value, counter);
      break;
    case 'recording':
      addRecording(batch, value, false, counter, null);
      break;
  }
  return null;
}

function addArtist(batch: CatalogueBatch, a: Json, stub: boolean, counter: InstanceCounter): void {
  const mbid = text(a.id);
  const name = text(a.name);
  if (mbid === null || name === null || !UUID.test(mbid)) return;
  if (stub && seenStub(counter, mbid)) return;
  const inst = counter.next++;
  const lifeSpan = isObject(a['life-span']) ? a['life-span'] : {};
  const sortName = text(a['sort-name']);
  batch.artists.push({
    inst,
    mbid,
    stub,
    name: normaliseText(name),
    sortName: sortName && normaliseText(sortName),
    disambiguation: text(a.disambiguation),
    type: text(a.type),
    gender: text(a.gender),
    country: text(a.country),
    beginDate: text(lifeSpan.begin),
    endDate: text(lifeSpan.end),
  });
  const aliases = addAliases(batch, { inst, entity: 'artist', mbid }, a.aliases);
  addTags(batch, { inst, entity: 'artist', mbid }, a);
  const keys = new KeySet(batch, { inst, entity: 'artist', mbid });
  keys.add('name', nameKeys(name));
  for (const alias of aliases) keys.add('alias', nameKeys(alias.name));
  if (sortName) keys.add('sort', sortKeys(sortName));
}

/** "Beatles, The" → the keys of "The Beatles"; other sort names ("Charles, Ray") as they are. */
function sortKeys(sortName: string): { key: string; loose: string } {
  const m = /^(.+),\s*(the|a|an)$/iu.exec(sortName.trim());
  return nameKeys(m ? `${m[2]} ${m[1]}` : sortName);
}

interface Credited {
  mbid: string;
  credited: string;
}

/** The credit's rows and its artists (stubs); returns the credited artists in order and the display text. */
function addCredit(
  batch: CatalogueBatch,
  owner: { inst: number; entity: MbEntity; mbid: string },
  credit: unknown,
  counter: InstanceCounter,
): { artists: Credited[]; display: string | null } {
  const artists: Credited[] = [];
  let display = '';
  for (const part of list(credit)) {
    if (!isObject(part)) continue;
    const artist = isObject(part.artist) ? part.artist : null;
    const artistMbid = artist ? text(artist.id) : null;
    const credited = text(part.name) ?? (artist ? text(artist.name) : null);
    const join = typeof part.joinphrase === 'string' ? part.joinphrase : '';
    if (credited !== null) display += credited + join;
    if (artistMbid === null || credited === null || !UUID.test(artistMbid)) continue;
    batch.credits.push({
      ...owner,
      position: artists.length,
      artistMbid,
      creditedName: normaliseText(credited),
      joinPhrase: join,
    });
    artists.push({ mbid: artistMbid, credited });
    if (artist) addArtist(batch, artist, true, counter);
  }
  return { artists, display: display === '' ? null : normaliseText(display) };
}

function addReleaseGroup(batch: CatalogueBatch, rg: Json, stub: boolean, counter: InstanceCounter): void {
  const mbid = text(rg.id);
  const title = text(rg.title);
  if (mbid === null || title === null || !UUID.test(mbid)) return;
  if (stub && seenStub(counter, mbid)) return;
  const inst = counter.next++;
  const owner = { inst, entity: 'release-group' as const, mbid };
  const { display } = addCredit(batch, owner, rg['artist-credit'], counter);
  batch.releaseGroups.push({
    inst,
    mbid,
    stub,
    title: normaliseText(title),
    primaryType: text(rg['primary-type']),
    secondaryTypes: list(rg['secondary-types']).filter((t): t is string => typeof t === 'string'),
    firstReleaseDate: text(rg['first-release-date']),
    disambiguation: text(rg.disambiguation),
    credit: display,
  });
  const aliases = addAliases(batch, owner, rg.aliases);
  addTags(batch, owner, rg);
  const keys = new KeySet(batch, owner);
  keys.add('name', releaseKeys(title));
  for (const alias of aliases) keys.add('alias', releaseKeys(alias.name));
}

function addRelease(batch: CatalogueBatch, r: Json, counter: InstanceCounter): void {
  const mbid = text(r.id)!;
  const title = text(r.title)!;
  const inst = counter.next++;
  const owner = { inst, entity: 'release' as const, mbid };
  const { artists, display } = addCredit(batch, owner, r['artist-credit'], counter);
  const rg = isObject(r['release-group']) ? r['release-group'] : null;
  if (rg) addReleaseGroup(batch, rg, true, counter);
  const caa = isObject(r['cover-art-archive']) ? r['cover-art-archive'] : null;
  batch.releases.push({
    inst,
    mbid,
    stub: false,
    title: normaliseText(title),
    releaseGroupMbid: rg ? text(rg.id) : null,
    status: text(r.status),
    date: text(r.date),
    country: text(r.country),
    barcode: text(r.barcode),
    hasFrontArt: caa && typeof caa.front === 'boolean' ? caa.front : null,
    disambiguation: text(r.disambiguation),
    credit: display,
  });
  const aliases = addAliases(batch, owner, r.aliases);
  addTags(batch, owner, r);
  const keys = new KeySet(batch, owner);
  keys.add('name', releaseKeys(title));
  for (const alias of aliases) keys.add('alias', releaseKeys(alias.name));
  let mediumNo = 0;
  for (const medium of list(r.media)) {
    if (!isObject(medium)) continue;
    mediumNo = whole(medium.position) ?? mediumNo + 1;
    let trackNo = 0;
    for (const track of list(medium.tracks)) {
      if (!isObject(track)) continue;
      trackNo = whole(track.position) ?? trackNo + 1;
      const recording = isObject(track.recording) ? track.recording : null;
      const recordingMbid = recording ? text(recording.id) : null;
      if (recording === null || recordingMbid === null || !UUID.test(recordingMbid)) continue;
      const trackTitle = text(track.title) ?? text(recording.title);
      if (trackTitle === null) continue;
      batch.tracks.push({
        ...owner,
        medium: mediumNo,
        position: trackNo,
        recordingMbid,
        title: normaliseText(trackTitle),
        lengthMs: whole(track.length) ?? whole(recording.length),
      });
      // A track without its own credit is credited as the release.
      const fallback = (track['artist-credit'] ?? recording['artist-credit']) ? null : artists;
      addRecording(
        batch,
        { ...recording, 'artist-credit': recording['artist-credit'] ?? track['artist-credit'] },
        true,
        counter,
        fallback,
      );
    }
  }
}

function addRecording(
  batch: CatalogueBatch,
  rec: Json,
  stub: boolean,
  counter: InstanceCounter,
  creditFallback: Credited[] | null,
): void {
  const mbid = text(rec.id);
  const title = text(rec.title);
  if (mbid === null || title === null || !UUID.test(mbid)) return;
  if (stub && seenStub(counter, mbid)) return;
  const inst = counter.next++;
  const owner = { inst, entity: 'recording' as const, mbid };
  const credit = addCredit(batch, owner, rec['artist-credit'], counter);
  const display = credit.display;
  let artists = credit.artists;
  if (artists.length === 0 && creditFallback) {
    artists = creditFallback;
    creditFallback.forEach((a, position) =>
      batch.credits.push({
        ...owner,
        position,
        artistMbid: a.mbid,
        creditedName: a.credited,
        joinPhrase: '',
      }),
    );
  }
  batch.recordings.push({
    inst,
    mbid,
    stub,
    title: normaliseText(title),
    lengthMs: whole(rec.length),
    video: typeof rec.video === 'boolean' ? rec.video : null,
    disambiguation: text(rec.disambiguation),
    firstReleaseDate: text(rec['first-release-date']),
    credit: display,
  });
  const aliases = addAliases(batch, owner, rec.aliases);
  addTags(batch, owner, rec);
  for (const isrc of list(rec.isrcs)) {
    const code = text(isrc);
    if (code) batch.isrcs.push({ ...owner, isrc: code.toUpperCase() });
  }
  // A recording's titles are looked up under its artists only (mb_recording_keys).
  const titles = [titleKeys(title), ...aliases.map((a) => titleKeys(a.name))];
  const seen = new Set<string>();
  artists.forEach((a, position) => {
    for (const t of titles) {
      const id = `${a.mbid}\u001f${t.key}`;
      if (t.key === '' || seen.has(id)) continue;
      seen.add(id);
      batch.recordingKeys.push({ ...owner, artistMbid: a.mbid, position, key: t.key, loose: t.loose });
    }
  });
}

function addAliases(
  batch: CatalogueBatch,
  owner: { inst: number; entity: MbEntity; mbid: string },
  aliases: unknown,
): MbAliasRow[] {
  const out: MbAliasRow[] = [];
  for (const alias of list(aliases)) {
    if (!isObject(alias)) continue;
    const name = text(alias.name);
    if (name === null) continue;
    const sortName = text(alias['sort-name']);
    const row: MbAliasRow = {
      ...owner,
      name: normaliseText(name),
      sortName: sortName && normaliseText(sortName),
      locale: text(alias.locale),
      type: text(alias.type),
      isPrimary: typeof alias.primary === 'boolean' ? alias.primary : null,
    };
    batch.aliases.push(row);
    out.push(row);
  }
  return out;
}

function addTags(
  batch: CatalogueBatch,
  owner: { inst: number; entity: MbEntity; mbid: string },
  value: Json,
): void {
  for (const [field, isGenre] of [
    ['genres', true],
    ['tags', false],
  ] as const) {
    for (const tag of list(value[field])) {
      if (!isObject(tag)) continue;
      const name = text(tag.name);
      if (name === null) continue;
      batch.tags.push({ ...owner, name: name.toLowerCase(), count: whole(tag.count) ?? 0, isGenre });
    }
  }
}

/** The keys of one entity occurrence, each (kind-less) key once. */
class KeySet {
  private readonly seen = new Set<string>();

  constructor(
    private readonly batch: CatalogueBatch,
    private readonly owner: { inst: number; entity: MbEntity; mbid: string },
  ) {}

  add(kind: MbKeyRow['kind'], keys: { key: string; loose: string }): void {
    if (keys.key === '' || this.seen.has(keys.key)) return;
    this.seen.add(keys.key);
    this.batch.keys.push({ ...this.owner, kind, key: keys.key, loose: keys.loose || looseOfKey(keys.key) });
  }
}
