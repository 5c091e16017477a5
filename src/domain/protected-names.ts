import { toKey } from './text-key.js';

/**
 * Well-known artist names that contain credit separators (`,` `&` `and` ` x ` `/` `with`) and
 * must never be split. Compared by key, so "Earth, Wind and Fire" and "Florence & The Machine"
 * are covered by one entry each ("&" and "and" give the same key). Names whose separators the
 * heuristics already keep together ("Polo & Pan", "X & the Ys") need not be listed.
 */
const PROTECTED_NAMES: readonly string[] = [
  'Tyler, The Creator',
  'Simon & Garfunkel',
  'Earth, Wind & Fire',
  'Crosby, Stills, Nash & Young',
  'Crosby, Stills & Nash',
  'Hall & Oates',
  'Daryl Hall & John Oates',
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
  'Blood, Sweat & Tears',
  'Brooks & Dunn',
  'Iron & Wine',
  'Chase & Status',
  'Above & Beyond',
  'Nick Cave & the Bad Seeds',
  'Angus & Julia Stone',
  'Years & Years',
  'Peter Bjorn and John',
  'Peter, Bjorn and John',
  'Tegan and Sara',
  'Sam & Dave',
  'Sonny & Cher',
  'Ike & Tina Turner',
  'Captain & Tennille',
  'Eric B. & Rakim',
  'Macklemore & Ryan Lewis',
  'Bob Marley & the Wailers',
  'Tom Petty and the Heartbreakers',
  'Echo & the Bunnymen',
  'Siouxsie and the Banshees',
  'Huey Lewis and the News',
  'Derek and the Dominos',
  'Prince and the Revolution',
  'Gladys Knight & the Pips',
  'Martha and the Vandellas',
  'Smokey Robinson & the Miracles',
  'Bruce Springsteen & the E Street Band',
  'Elvis Costello & the Attractions',
  'Grandmaster Flash and the Furious Five',
  'DJ Jazzy Jeff & the Fresh Prince',
  'Lisa Lisa & Cult Jam',
  'Rob Base & DJ E-Z Rock',
  'Dan + Shay',
  'Big & Rich',
  'Maddie & Tae',
  'Love and Rockets',
  'Of Monsters and Men',
  'Of Mice & Men',
  'Me First and the Gimme Gimmes',
  'Coheed and Cambria',
  'Matt and Kim',
  'Rodrigo y Gabriela',
  'Kruder & Dorfmeister',
  'Ashford & Simpson',
  'Peaches & Herb',
  'Jan & Dean',
  'Chad & Jeremy',
  'Zager & Evans',
  'Katrina and the Waves',
  'Edward Sharpe and the Magnetic Zeros',
  'Hamilton, Leithauser + Rostam',
  'Axwell /\\ Ingrosso',
  'Now, Now',
  'Oh, Sleeper',
  'Sergio Mendes & Brasil 66',
  'Mike + the Mechanics',
];

export const PROTECTED_NAME_KEYS: ReadonlySet<string> = new Set(PROTECTED_NAMES.map(toKey));

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** One name as a pattern that tolerates `&`/`and`/`+` swaps, a missing comma and any case. */
function namePattern(name: string): string {
  return name
    .split(/(\s*&\s*|\s+and\s+|\s*\+\s*|,\s*|\s+)/i)
    .map((piece, i) => {
      if (i % 2 === 0) return escapeRegExp(piece);
      if (/[&+]|and/i.test(piece)) return '\\s*(?:&|and|\\+)\\s*';
      if (piece.includes(',')) return ',?\\s*';
      return '\\s+';
    })
    .join('');
}

/**
 * Finds protected names inside a credit so the splitter ignores separators within them, even
 * where a separator would overlap the name ("Lil Nas X x Billy Ray Cyrus").
 */
export const PROTECTED_NAME_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...PROTECTED_NAMES]
    .sort((a, b) => b.length - a.length)
    .map(namePattern)
    .join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);
