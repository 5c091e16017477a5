import { describe, expect, it } from 'vitest';
import {
  discogsReleaseKey,
  normaliseNames,
  normaliseText,
  releaseKeyOf,
  removeVersionTags,
  splitArtistCredit,
  toKey,
} from './normalise.js';

const names = (credit: string, known?: ReadonlySet<string>) =>
  splitArtistCredit(credit, known).map((a) => a.name);
const joins = (credit: string) => splitArtistCredit(credit).map((a) => [a.name, a.joinPhrase]);

describe('normaliseText', () => {
  it.each([
    ['  Daft   Punk ', 'Daft Punk'],
    ['Daft\u00a0Punk', 'Daft Punk'],
    ['Daft\u200bPunk', 'DaftPunk'],
    ['\ufeffBjörk', 'Björk'],
    ['Line\nbreak\ttab', 'Line break tab'],
    ['Beyonce\u0301', 'Beyoncé'],
    ['Sigur Ro\u0301s', 'Sigur Rós'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });

  it('keeps case, punctuation and version tags', () => {
    expect(normaliseText('Song (feat. X) - Remastered 2011')).toBe('Song (feat. X) - Remastered 2011');
  });

  it('keeps a zero-width joiner inside an emoji sequence', () => {
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    expect(normaliseText(`The ${family} Band`)).toBe(`The ${family} Band`);
  });
});

describe('toKey: spellings that must match', () => {
  it.each([
    ['Tyler, The Creator', 'Tyler The Creator'],
    ['Tyler, The Creator', 'tyler, the creator'],
    ['AC/DC', 'ACDC'],
    ['Simon & Garfunkel', 'Simon and Garfunkel'],
    ['Link Up (Spider\u2010Verse remix)', 'Link Up (Spider-Verse remix)'],
    ['Don\u2019t Stop Me Now', "Don't Stop Me Now"],
    ['\u201cHeroes\u201d', '"Heroes"'],
    ['R.E.M.', 'REM'],
    ['Guns N\u2019 Roses', "Guns N' Roses"],
    ['De Qué Manera', 'De qué manera'],
    ['Dina Ögon', 'Dina ögon'],
    ['Straße', 'STRASSE'],
    ['Ty Dolla $ign', 'Ty Dolla Sign'],
  ])('%j = %j', (a, b) => {
    expect(toKey(a)).toBe(toKey(b));
  });

  it.each([
    ['AC/DC', 'acdc'],
    ['Tyler, The Creator', 'tyler the creator'],
    ['  Hall   &   Oates ', 'hall and oates'],
  ])('%j → %j', (input, key) => {
    expect(toKey(input)).toBe(key);
  });
});

describe('toKey: Unicode', () => {
  it('treats NFC and NFD "é" alike', () => {
    expect(toKey('Beyonc\u00e9')).toBe(toKey('Beyonce\u0301'));
    expect(toKey('Beyonc\u00e9')).toBe('beyoncé');
  });

  it('folds full-width and half-width forms (NFKC)', () => {
    expect(toKey('ＡＢＣ')).toBe('abc');
    expect(toKey('ｶﾀｶﾅ')).toBe(toKey('カタカナ'));
  });

  it.each([
    ['きゃりーぱみゅぱみゅ', 'きゃりーぱみゅぱみゅ'],
    ['宇多田ヒカル', '宇多田ヒカル'],
    ['Кино', 'кино'],
    ['ДДТ', 'ддт'],
    ['Σωκράτης', 'σωκράτησ'],
    ['हिन्दी', 'हिन्दी'],
    ['방탄소년단', '방탄소년단'],
  ])('keeps the letters of %j', (input, key) => {
    expect(toKey(input)).toBe(key);
  });

  it.each([['!!!'], ['†'], ['???'], ['*']])('never returns an empty key for %j', (name) => {
    expect(toKey(name)).not.toBe('');
  });

  it('keeps distinct symbol-only names distinct', () => {
    expect(toKey('!!!')).not.toBe(toKey('†'));
  });

  it('gives "" only for empty text', () => {
    expect(toKey('')).toBe('');
    expect(toKey('   ')).toBe('');
  });
});

describe('splitArtistCredit: names that must not split', () => {
  it.each([
    'Tyler, The Creator',
    'Simon & Garfunkel',
    'Earth, Wind & Fire',
    'Earth, Wind and Fire',
    'Crosby, Stills, Nash & Young',
    'Hall & Oates',
    'Mumford & Sons',
    'Florence + the Machine',
    'Florence and the Machine',
    'AC/DC',
    'Lil Nas X',
    'X Japan',
    'Belle & Sebastian',
    'Hootie & the Blowfish',
    'Marina and the Diamonds',
    'Kool & the Gang',
    'Sly & the Family Stone',
    'Peter, Paul and Mary',
    'Emerson, Lake & Palmer',
    'Brooks & Dunn',
    'Iron & Wine',
    'Chase & Status',
    'Above & Beyond',
    'Nick Cave & the Bad Seeds',
    'Angus & Julia Stone',
    'Years & Years',
    // Not in the built-in list: kept by the heuristics.
    'Polo & Pan',
    'Durand Jones & The Indications',
    'Tom Petty and the Heartbreakers',
    'Dance with the Dead',
    'Peanut, The Elephant',
    'Daft Punk',
    'Bob Dylan',
  ])('%j', (credit) => {
    expect(names(credit)).toEqual([credit]);
  });

  it('keeps a name the caller knows', () => {
    expect(names('Kings & Queens', new Set([toKey('Kings & Queens')]))).toEqual(['Kings & Queens']);
    expect(names('Foo, Bar Baz', new Set(['foo bar baz']))).toEqual(['Foo, Bar Baz']);
  });
});

describe('splitArtistCredit: credits that must split', () => {
  it('splits a feat. clause and lists on both sides (join phrases as written)', () => {
    expect(joins('Metro Boomin, Don Toliver & Wizkid feat. BEAM & Toian')).toEqual([
      ['Metro Boomin', ', '],
      ['Don Toliver', ' & '],
      ['Wizkid', ' feat. '],
      ['BEAM', ' & '],
      ['Toian', ''],
    ]);
  });

  it.each([
    ['Jay-Z feat. Alicia Keys', ['Jay-Z', 'Alicia Keys']],
    ['Jay-Z Feat. Alicia Keys', ['Jay-Z', 'Alicia Keys']],
    ['Jay-Z ft. Alicia Keys', ['Jay-Z', 'Alicia Keys']],
    ['Jay-Z ft Alicia Keys', ['Jay-Z', 'Alicia Keys']],
    ['Jay-Z featuring Alicia Keys', ['Jay-Z', 'Alicia Keys']],
    ['Jay-Z feat Alicia Keys', ['Jay-Z', 'Alicia Keys']],
    ['Daft Punk feat. Pharrell & Nile Rodgers', ['Daft Punk', 'Pharrell', 'Nile Rodgers']],
    ['Metro Boomin, Swae Lee, Lil Wayne, Offset', ['Metro Boomin', 'Swae Lee', 'Lil Wayne', 'Offset']],
    ['Metro Boomin & James Blake', ['Metro Boomin', 'James Blake']],
    [
      'Childish Gambino, 21 Savage, Ink, Kadhja Bonet',
      ['Childish Gambino', '21 Savage', 'Ink', 'Kadhja Bonet'],
    ],
    ['A; B', ['A', 'B']],
    ['Artist One / Artist Two', ['Artist One', 'Artist Two']],
    ['Armin van Buuren vs. Vini Vici', ['Armin van Buuren', 'Vini Vici']],
    ['Armin van Buuren vs Vini Vici', ['Armin van Buuren', 'Vini Vici']],
    ['Yoasobi × Ado', ['Yoasobi', 'Ado']],
    ['Alpha, Beta & Gamma', ['Alpha', 'Beta', 'Gamma']],
    ['Alpha, Beta and Gamma', ['Alpha', 'Beta', 'Gamma']],
    ['Alpha x Beta, Gamma', ['Alpha', 'Beta', 'Gamma']],
    ['Lil Nas X x Billy Ray Cyrus', ['Lil Nas X', 'Billy Ray Cyrus']],
    ['Tyler, The Creator feat. Kali Uchis', ['Tyler, The Creator', 'Kali Uchis']],
    ['Tyler, The Creator, A$AP Rocky', ['Tyler, The Creator', 'A$AP Rocky']],
    ['Simon & Garfunkel, Paul Simon', ['Simon & Garfunkel', 'Paul Simon']],
    ['Earth, Wind & Fire feat. The Emotions', ['Earth, Wind & Fire', 'The Emotions']],
    ['Mumford & Sons x Baaba Maal', ['Mumford & Sons', 'Baaba Maal']],
    ['Marvin Gaye & Tammi Terrell', ['Marvin Gaye', 'Tammi Terrell']],
    ['Metro Boomin, Future & The Weeknd', ['Metro Boomin', 'Future', 'The Weeknd']],
    ['Durand Jones & The Indications, Aaron Frazer', ['Durand Jones & The Indications', 'Aaron Frazer']],
    ['Nick Cave & The Bad Seeds, Kylie Minogue', ['Nick Cave & The Bad Seeds', 'Kylie Minogue']],
  ])('%j', (credit, expected) => {
    expect(names(credit)).toEqual(expected);
  });

  it('moves the closing bracket of "(feat. …)" into the join phrase', () => {
    expect(joins('Artist (feat. Guest & Other)')).toEqual([
      ['Artist', ' (feat. '],
      ['Guest', ' & '],
      ['Other', ')'],
    ]);
  });

  it('gives back the credit when names and join phrases are joined', () => {
    for (const credit of [
      'Metro Boomin, Don Toliver & Wizkid feat. BEAM & Toian',
      'A; B',
      'Artist (feat. Guest & Other)',
    ]) {
      expect(
        splitArtistCredit(credit)
          .map((a) => a.name + a.joinPhrase)
          .join(''),
      ).toBe(credit);
    }
  });

  it('splits "&" between two known artists', () => {
    expect(names('Offset & JID', new Set(['offset', 'jid']))).toEqual(['Offset', 'JID']);
    expect(names('Offset & JID')).toEqual(['Offset & JID']);
  });

  it('gives keys and no MBIDs', () => {
    expect(splitArtistCredit('Tyler, The Creator feat. Kali Uchis')).toEqual([
      { name: 'Tyler, The Creator', joinPhrase: ' feat. ', key: 'tyler the creator', mbid: null },
      { name: 'Kali Uchis', joinPhrase: '', key: 'kali uchis', mbid: null },
    ]);
  });
});

describe('normaliseNames: version tags stripped for titleKey, kept in track', () => {
  it.each([
    ['Here Comes the Sun - Remastered 2009', 'here comes the sun'],
    ['Here Comes the Sun - 2009 Remaster', 'here comes the sun'],
    ['Here Comes the Sun (Remastered 2009)', 'here comes the sun'],
    ['Here Comes the Sun [Remastered]', 'here comes the sun'],
    ['Here Comes the Sun - remastered', 'here comes the sun'],
    ['Learning to Fly - 2001 Digital Remaster', 'learning to fly'],
    ['Song (Love Theme) (Remastered)', 'song love theme'],
    ['Roxanne - Live', 'roxanne'],
    ['Roxanne - Live at Wembley 1986', 'roxanne'],
    ['Roxanne (Live)', 'roxanne'],
    ['Roxanne (Live at the Hollywood Bowl)', 'roxanne'],
    ['Ticket To Ride - Live / Remastered', 'ticket to ride'],
    ['Blinding Lights (Radio Edit)', 'blinding lights'],
    ['Blinding Lights - Radio Edit', 'blinding lights'],
    ['Blinding Lights (Single Version)', 'blinding lights'],
    ['Blinding Lights (Album Version)', 'blinding lights'],
    ['Blinding Lights (Edit)', 'blinding lights'],
    ['Blinding Lights [Explicit]', 'blinding lights'],
    ['Blinding Lights (Clean)', 'blinding lights'],
    ['Satisfaction - Mono Version', 'satisfaction'],
    ['Time (feat. Ariana Grande)', 'time'],
    ['Time [ft. Ariana Grande & Someone]', 'time'],
    ['Time - feat. Ariana Grande', 'time'],
    ['Time feat. Ariana Grande', 'time'],
    ['Time (with Ariana Grande)', 'time'],
    ['Time (feat. Ariana Grande) - Remastered 2011', 'time'],
    ['Sound of White Noise (Deluxe Edition)', 'sound of white noise'],
    ['Mothership (Remastered) (Live)', 'mothership'],
  ])('%j → %j', (track, titleKey) => {
    const n = normaliseNames({ artist: 'Someone', track });
    expect(n.titleKey).toBe(titleKey);
    expect(n.track).toBe(track);
  });

  it.each([
    ['Midnight River (Memtrix Remix)', 'midnight river memtrix remix'],
    ['Midnight River - Memtrix Remix', 'midnight river memtrix remix'],
    ['Midnight River (Extended Mix)', 'midnight river extended mix'],
    ['Midnight River (Acoustic)', 'midnight river acoustic'],
    ['Live Forever', 'live forever'],
    ['Dancing with Myself', 'dancing with myself'],
    ['Remastered', 'remastered'],
    ['(Remastered)', 'remastered'],
  ])('keeps what names a different recording or the whole title: %j → %j', (track, titleKey) => {
    expect(normaliseNames({ artist: 'Someone', track }).titleKey).toBe(titleKey);
  });

  it('offers the cleaned display title', () => {
    expect(removeVersionTags('Time (feat. Ariana Grande) - Remastered 2011')).toBe('Time');
  });

  it.each([
    ['Abbey Road (Remastered)', 'abbey road'],
    ['Abbey Road (Super Deluxe Edition)', 'abbey road'],
    ['Abbey Road (50th Anniversary Edition)', 'abbey road'],
    ['Abbey Road (Deluxe)', 'abbey road'],
    ['Ace of Spades (Expanded Edition)', 'ace of spades'],
    ['Blinding Lights - Single', 'blinding lights'],
    ['Alive 2007 (Live)', 'alive 2007 live'],
  ])('release %j → key %j', (release, releaseKey) => {
    const n = normaliseNames({ artist: 'Someone', track: 'x', release });
    expect(n.release).toBe(release);
    expect(n.releaseKey).toBe(releaseKey);
  });

  it('has no release when none is given', () => {
    expect(normaliseNames({ artist: 'A', track: 'T' })).toMatchObject({ release: null, releaseKey: null });
    expect(normaliseNames({ artist: 'A', track: 'T', release: '  ' })).toMatchObject({
      release: null,
      releaseKey: null,
    });
  });
});

describe('normaliseNames: credits', () => {
  it('appends featured artists from the title with " feat. "', () => {
    const n = normaliseNames({
      artist: 'Childish Gambino',
      track: '12.38 (feat. 21 Savage, Ink & Kadhja Bonet)',
    });
    expect(n.artists.map((a) => [a.name, a.joinPhrase])).toEqual([
      ['Childish Gambino', ' feat. '],
      ['21 Savage', ', '],
      ['Ink', ' & '],
      ['Kadhja Bonet', ''],
    ]);
    expect(n.artistCredit).toBe('Childish Gambino');
    // The credit is who this play credits: the title's guests are part of it.
    expect(n.creditKey).toBe('childish gambino\u001e21 savage\u001eink\u001ekadhja bonet');
    expect(n.creditName).toBe('Childish Gambino feat. 21 Savage, Ink & Kadhja Bonet');
    expect(n.track).toBe('12.38 (feat. 21 Savage, Ink & Kadhja Bonet)');
    expect(n.matchKey).toBe('childish gambino\u001f1238');
  });

  it('gives plays of one artist with and without a guest different credits', () => {
    const guest = normaliseNames({ artist: 'Daft Punk', track: 'Get Lucky (feat. Pharrell Williams)' });
    const alone = normaliseNames({ artist: 'Daft Punk', track: 'Around the World' });
    expect(guest.creditKey).not.toBe(alone.creditKey);
    expect(alone.artists.map((a) => a.name)).toEqual(['Daft Punk']);
    expect(alone.creditKey).toBe('daft punk');
  });

  it('ends a bare feat. clause at an opening quote (radio-show titles)', () => {
    const n = normaliseNames({
      artist: 'Gilles Peterson',
      track: 'Shuya Okino Feat. Navasha Daya ‘Thank You’ (Replayed By Sleep Walker)',
    });
    expect(n.artists.map((a) => a.name)).toEqual(['Gilles Peterson', 'Navasha Daya']);
    const ascii = normaliseNames({ artist: 'Gilles Peterson', track: "Deetron Feat. Ovasoul7 'I Cling'" });
    expect(ascii.artists.map((a) => a.name)).toEqual(['Gilles Peterson', 'Ovasoul7']);
  });

  it('does not repeat a featured artist the credit already names', () => {
    const n = normaliseNames({
      artist: 'Daft Punk feat. Julian Casablancas',
      track: 'Instant Crush (feat. Julian Casablancas)',
    });
    expect(n.artists.map((a) => a.name)).toEqual(['Daft Punk', 'Julian Casablancas']);
  });

  it('uses a structured credit as is', () => {
    const n = normaliseNames({
      artist: 'Tyler, The Creator',
      track: 'WUSYANAME',
      credit: [
        { name: 'Tyler, the Creator', joinPhrase: ' feat. ', mbid: 'f6beac20-5dfe-4d1f-ae02-0b0a740aafd6' },
        {
          name: 'YoungBoy Never Broke Again',
          joinPhrase: ' & ',
          mbid: '127d8614-0876-4408-886c-6f110b047a78',
        },
        { name: 'Ty Dolla $ign', joinPhrase: '' },
      ],
    });
    expect(n.artists).toEqual([
      {
        name: 'Tyler, the Creator',
        joinPhrase: ' feat. ',
        key: 'tyler the creator',
        mbid: 'f6beac20-5dfe-4d1f-ae02-0b0a740aafd6',
      },
      {
        name: 'YoungBoy Never Broke Again',
        joinPhrase: ' & ',
        key: 'youngboy never broke again',
        mbid: '127d8614-0876-4408-886c-6f110b047a78',
      },
      { name: 'Ty Dolla $ign', joinPhrase: '', key: 'ty dolla sign', mbid: null },
    ]);
    expect(n.artistCredit).toBe('Tyler, The Creator');
    expect(n.primaryArtistKey).toBe('tyler the creator');
  });

  it('falls back to splitting when the structured credit is empty', () => {
    expect(normaliseNames({ artist: 'A, B', track: 'T', credit: [] }).artists.map((a) => a.name)).toEqual([
      'A',
      'B',
    ]);
  });

  it('attaches artist MBIDs in order when their count matches', () => {
    const n = normaliseNames({
      artist: 'Metro Boomin, James Blake',
      track: 'Hummingbird',
      artistMbids: ['m1', 'm2'],
    });
    expect(n.artists.map((a) => a.mbid)).toEqual(['m1', 'm2']);
    const off = normaliseNames({ artist: 'Metro Boomin', track: 'Hummingbird', artistMbids: ['m1', 'm2'] });
    expect(off.artists.map((a) => a.mbid)).toEqual([null]);
  });

  it('gives the same matchKey to a submission and its ListenBrainz mapping', () => {
    const submitted = normaliseNames({
      artist: 'Metro Boomin, Don Toliver & Wizkid feat. BEAM & Toian',
      track: 'Link Up (Spider-Verse remix)',
    });
    const mapped = normaliseNames({
      artist: 'Metro Boomin',
      track: 'Link Up (Spider\u2010Verse remix)',
      credit: [
        { name: 'Metro Boomin', joinPhrase: ', ' },
        { name: 'Don Toliver', joinPhrase: '' },
      ],
    });
    expect(submitted.matchKey).toBe(mapped.matchKey);
  });

  it('gives the same matchKey across common spelling differences', () => {
    const a = normaliseNames({ artist: 'Tyler, The Creator', track: 'See You Again (feat. Kali Uchis)' });
    const b = normaliseNames({ artist: 'Tyler The Creator feat. Kali Uchis', track: 'See You Again' });
    const c = normaliseNames({ artist: 'TYLER, THE CREATOR', track: 'See You Again - Remastered 2011' });
    expect(new Set([a.matchKey, b.matchKey, c.matchKey]).size).toBe(1);
  });

  it('returns equal, frozen results for equal drafts', () => {
    const draft = { artist: 'Björk', track: 'Jóga', release: 'Homogenic' };
    const first = normaliseNames(draft);
    const again = normaliseNames({ ...draft });
    expect(again).toEqual(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.artists)).toBe(true);
  });

  it('keeps a title shared by many artists apart per artist', () => {
    const artists = Array.from({ length: 40 }, (_, i) => `Artist ${i}`);
    const first = artists.map((artist) => normaliseNames({ artist, track: 'Intro' }));
    const again = artists.map((artist) => normaliseNames({ artist: `${artist}`, track: 'Intro' }));
    expect(again.map((n) => n.primaryArtistKey)).toEqual(artists.map((a) => a.toLowerCase()));
    again.forEach((n, i) => expect(n).toBe(first[i]));
  });

  it('tells drafts apart that differ only in release, credit or MBIDs', () => {
    const base = { artist: 'A', track: 'Intro' };
    expect(normaliseNames({ ...base, release: 'One' }).release).toBe('One');
    expect(normaliseNames({ ...base, release: 'Two' }).release).toBe('Two');
    expect(normaliseNames({ ...base, artistMbids: ['x'] }).artists[0]?.mbid).toBe('x');
    expect(normaliseNames({ ...base, artistMbids: ['y'] }).artists[0]?.mbid).toBe('y');
    expect(normaliseNames({ ...base, credit: [{ name: 'B', joinPhrase: '' }] }).primaryArtistKey).toBe('b');
    expect(normaliseNames(base).artists[0]?.mbid).toBe(null);
  });
});

describe('discogsReleaseKey: a Discogs item finds the release its listens have', () => {
  const listenKey = (artist: string, release: string) =>
    releaseKeyOf(normaliseNames({ artist, track: 'Any Track', release }));
  it.each([
    ['Radiohead', 'OK Computer', 'radiohead', 'OK Computer'],
    ['Nirvana (2)', 'Nevermind', 'Nirvana', 'Nevermind (Deluxe Edition)'],
    ['Prince*', '1999', 'Prince', '1999'],
    ['Crosby, Stills, Nash & Young', 'Déjà Vu', 'Crosby, Stills, Nash and Young', 'DÉJÀ VU'],
    ['Bob Marley & The Wailers', 'Exodus', 'Bob Marley & The Wailers', 'Exodus (Remastered)'],
  ])('%s – %s matches %s – %s', (artist, title, lArtist, lRelease) => {
    expect(discogsReleaseKey(artist, title)).toBe(listenKey(lArtist, lRelease));
  });
  it('keeps artists apart, and an empty title has no key', () => {
    expect(discogsReleaseKey('Radiohead', 'Kid A')).not.toBe(listenKey('Radiohead', 'OK Computer'));
    expect(discogsReleaseKey('*NSYNC', 'No Strings Attached')).toBe(
      listenKey('*NSYNC', 'No Strings Attached'),
    );
    expect(discogsReleaseKey('Radiohead', '')).toBeNull();
  });
});
