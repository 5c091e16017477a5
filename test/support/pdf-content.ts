/**
 * What a test reads of a PDF pdfkit wrote (no PDF library): its pages, its image XObjects, and per
 * content stream (one per page, inflated) the text shown and the images drawn. pdfkit writes every
 * object uncompressed but the streams, and shows text as hex strings in TJ arrays (standard fonts,
 * WinAnsi), so this is enough to check what a reader sees.
 */
import { inflateSync } from 'node:zlib';

/** WinAnsiEncoding, the standard fonts' (Windows-1252): Latin-1 but for 0x80–0x9F. */
const WIN_ANSI_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = (bytes: Buffer) =>
  [...bytes]
    .map((b) => (b >= 0x80 && b <= 0x9f ? WIN_ANSI_HIGH[b - 0x80]! : String.fromCharCode(b)))
    .join('');

export interface PdfContent {
  /** /Type /Pages /Count. */
  pages: number;
  /** Image XObjects in the file (each embedded once however often it is drawn). */
  images: number;
  /** Per page, in order: the text runs shown, joined per TJ operator. */
  text: string[][];
  /** Per page: how many times an image is drawn (`/In Do`). */
  drawn: number[];
}

export function readPdf(bytes: Buffer): PdfContent {
  const raw = bytes.toString('latin1');
  const pages = Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(raw)?.[1] ?? NaN);
  const images = raw.match(/\/Subtype \/Image\b/g)?.length ?? 0;
  // Each page's /Contents object number, in the order of the page tree's /Kids.
  const kids = /\/Type \/Pages\s*\/Count \d+\s*\/Kids \[([^\]]*)\]/.exec(raw)?.[1] ?? '';
  const pageObjects = [...kids.matchAll(/(\d+) 0 R/g)].map((m) => m[1]!);
  const text: string[][] = [];
  const drawn: number[] = [];
  for (const id of pageObjects) {
    const page = new RegExp(`(?:^|\\n)${id} 0 obj\\s*<<([\\s\\S]*?)>>\\s*endobj`).exec(raw)?.[1] ?? '';
    const contents = /\/Contents (\d+) 0 R/.exec(page)?.[1];
    const stream = contents ? streamOf(bytes, raw, contents) : '';
    text.push(
      [...stream.matchAll(/\[([^\]]*)\] TJ/g)].map((m) =>
        [...m[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => winAnsi(Buffer.from(h[1]!, 'hex'))).join(''),
      ),
    );
    drawn.push(stream.match(/\/I\d+ Do\b/g)?.length ?? 0);
  }
  return { pages, images, text, drawn };
}

function streamOf(bytes: Buffer, raw: string, id: string): string {
  const start = new RegExp(`(?:^|\\n)${id} 0 obj\\s*<<([\\s\\S]*?)>>\\s*stream\\r?\\n`).exec(raw);
  if (!start) return '';
  const from = start.index + start[0].length;
  const to = raw.indexOf('endstream', from);
  const data = bytes.subarray(from, to);
  return /\/FlateDecode/.test(start[1]!) ? inflateSync(data).toString('latin1') : data.toString('latin1');
}
