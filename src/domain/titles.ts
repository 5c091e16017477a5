import {
  removeCleanExplicit,
  removeLive,
  removeReissue,
  removeVersion,
} from '@web-scrobbler/metadata-filter';
import { BoundedCache } from './bounded-cache.js';
import { splitFeaturedList, type CreditedArtist } from './credits.js';
import { normaliseText, toKey } from './text-key.js';

/**
 * Featured artists credited in a title: "Title (feat. X)", "Title [ft. X & Y]", "Title (with X)",
 * "Title - feat. X", "Title feat. X". A bare "with" is not a credit ("Dancing with Myself").
 */
const FEAT_BRACKETED = /\s*[([]\s*(?:feat\.?|ft\.?|featuring|with)\s+([^)\]]+?)\s*[)\]]/iu;
const FEAT_DASHED = /\s+[-–—‐]\s+(?:feat\.?|ft\.?|featuring)\s+(.+)$/iu;
// A bare clause ends at a bracket or an opening quote: radio-show titles read "A feat. B ‘Title’".
const FEAT_BARE = /\s+(?:feat\.?|ft\.?|featuring)\s+(.+?)(?=\s*[([‘“«]|\s+['"]|$)/iu;

/**
 * Version and edition tags that do not change which recording (or release) was played. Remixes,
 * extended mixes, acoustic and instrumental versions are different recordings and stay.
 * metadata-filter's removeRemastered is not used: its bracket rule is greedy across bracket
 * groups ("Song (Love Theme) (Remastered)" → "Song"), so remaster tags are matched here.
 */
const COMMON_TAG = String.raw`(?:(?:radio|single|album|clean|explicit|dirty|censored|uncensored|mono|stereo|original|short)\s+(?:edit|version|mix)|edit|mono|stereo|explicit|clean|dirty|censored|uncensored|bonus\s+track|(?:super\s+)?deluxe(?:\s+(?:edition|version))?|(?:expanded|special|collector'?s|limited|anniversary|bonus\s+track)\s+edition|\d+(?:st|nd|rd|th)\s+anniversary(?:\s+(?:edition|version|remaster(?:ed)?))?|(?:\d{4}\s+)?(?:digital(?:ly)?\s+)?re-?master(?:ed)?(?:\s+(?:version|edition))?(?:\s+\d{4})?)`;
const TRACK_TAG = String.raw`(?:${COMMON_TAG}|live(?:\s+version)?|live\s+(?:at|from|in|on)\s[^)\]]+)`;
const RELEASE_TAG = String.raw`(?:${COMMON_TAG}|single|ep)`;

const TRACK_TAG_RULES: readonly RegExp[] = [
  new RegExp(String.raw`\s*[([]\s*${TRACK_TAG}\s*[)\]]$`, 'iu'),
  new RegExp(String.raw`\s+[-–—‐]\s+${TRACK_TAG}$`, 'iu'),
];
const RELEASE_TAG_RULES: readonly RegExp[] = [
  new RegExp(String.raw`\s*[([]\s*${RELEASE_TAG}\s*[)\]]$`, 'iu'),
  new RegExp(String.raw`\s+[-–—‐]\s+${RELEASE_TAG}$`, 'iu'),
];

export interface TitleParts {
  /** Display title: normalised text, tags kept. */
  track: string;
  titleKey: string;
  /** Artists credited in the title's feat. clause, in order; empty when none. */
  featured: readonly CreditedArtist[];
}

export interface ReleaseParts {
  release: string;
  releaseKey: string;
}

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

const titleCache = new BoundedCache<TitleParts>();
const releaseCache = new BoundedCache<ReleaseParts>();

/** Display title, matching key and featured artists of a track title. Memoised; results are frozen. */
export function parseTitle(raw: string): TitleParts {
  const hit = titleCache.get(raw);
  if (hit !== undefined) return hit;
  const track = normaliseText(raw);
  const { rest, clause } = takeFeatureClause(track);
  const featured = clause === null ? [] : splitFeaturedList(clause).filter((a) => a.key !== '');
  const parts: TitleParts = Object.freeze({
    track,
    titleKey: toKey(stripTags(rest, stripTrackTagsOnce)),
    featured: Object.freeze(featured),
  });
  return titleCache.set(raw, parts);
}

/** Display release and its key with edition tags ("Deluxe Edition", "Remastered", " - Single") removed. */
export function parseRelease(raw: string): ReleaseParts {
  const hit = releaseCache.get(raw);
  if (hit !== undefined) return hit;
  const release = normaliseText(raw);
  const { rest } = takeFeatureClause(release);
  const parts: ReleaseParts = Object.freeze({
    release,
    releaseKey: toKey(stripTags(rest, stripReleaseTagsOnce)),
  });
  return releaseCache.set(raw, parts);
}

/** The title without its version tags, as display text (for callers that want to show it). */
export function removeVersionTags(title: string): string {
  return stripTags(takeFeatureClause(normaliseText(title)).rest, stripTrackTagsOnce);
}

function takeFeatureClause(title: string): { rest: string; clause: string | null } {
  for (const rule of [FEAT_BRACKETED, FEAT_DASHED, FEAT_BARE]) {
    const m = rule.exec(title);
    if (m && m.index > 0 && m[1]) {
      const rest = (title.slice(0, m.index) + title.slice(m.index + m[0].length)).replace(/\s+/g, ' ').trim();
      if (rest !== '') return { rest, clause: m[1] };
    }
  }
  return { rest: title, clause: null };
}

/** Strip trailing tags until none is left ("Song (Live) - Remastered 2011"); never to ''. */
function stripTags(title: string, once: (s: string) => string): string {
  let current = title;
  for (let i = 0; i < 6; i++) {
    const next = once(current).trim();
    if (next === current || !HAS_LETTER_OR_DIGIT.test(next)) break;
    current = next;
  }
  return current;
}

function stripTrackTagsOnce(s: string): string {
  let t = removeCleanExplicit(removeVersion(removeLive(s)));
  for (const rule of TRACK_TAG_RULES) t = t.replace(rule, '');
  return t;
}

function stripReleaseTagsOnce(s: string): string {
  let t = removeReissue(removeCleanExplicit(removeVersion(s)));
  for (const rule of RELEASE_TAG_RULES) t = t.replace(rule, '');
  return t;
}
