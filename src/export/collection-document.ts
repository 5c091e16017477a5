/**
 * The Discogs collection as a document to read or print: Markdown, or a PDF catalogue (pdfkit),
 * grouped by artist or by format, each release with its year, label, catalogue number and rating;
 * in the PDF, beside each its cover as enrichment found it (the 'collection-covers' task), or a
 * neutral box where there is none.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { DISCOGS_RELEASE } from '../store/enrich-repository.js';
import type { Database } from '../store/index.js';
import { num, numOrNull, str, strOrNull } from '../store/rows.js';

export const COLLECTION_GROUPS = ['artist', 'format'] as const;
export type CollectionGrouping = (typeof COLLECTION_GROUPS)[number];

interface Item {
  discogsReleaseId: number;
  artist: string;
  title: string;
  format: string | null;
  year: number | null;
  label: string | null;
  catalogNumber: string | null;
  rating: number | null;
  /** The cover's thumbnail, when enrichment found one. */
  cover: { hash: string; mime: string } | null;
}

async function readItems(db: Database, userId: number): Promise<Item[]> {
  const rows = await db.all(
    `SELECT c.discogs_release_id, c.artist, c.title, c.format, c.released_year, c.label, c.catalog_number,
       c.rating, i.hash AS cover_hash, i.mime AS cover_mime
     FROM collection_items c
     LEFT JOIN enrich_artwork a
       ON a.entity = $entity AND a.mbid = c.discogs_release_id::VARCHAR AND a.size = 'thumb'
     LEFT JOIN enrich_images i ON i.hash = a.hash
     WHERE c.user_id = $user AND c.list = 'collection'
     ORDER BY lower(c.artist), c.released_year NULLS LAST, lower(c.title), c.discogs_release_id, c.instance`,
    { user: userId, entity: DISCOGS_RELEASE },
  );
  return rows.map((r) => ({
    discogsReleaseId: num(r.discogs_release_id, 'discogs_release_id'),
    artist: str(r.artist, 'artist'),
    title: str(r.title, 'title'),
    format: strOrNull(r.format, 'format'),
    year: numOrNull(r.released_year, 'released_year'),
    label: strOrNull(r.label, 'label'),
    catalogNumber: strOrNull(r.catalog_number, 'catalog_number'),
    rating: numOrNull(r.rating, 'rating'),
    cover:
      typeof r.cover_hash === 'string' && typeof r.cover_mime === 'string'
        ? { hash: r.cover_hash, mime: r.cover_mime }
        : null,
  }));
}

/** The first word of a Discogs format description ("2xLP, Album" → "LP"). */
function formatGroup(format: string | null): string {
  const first = format?.split(',')[0]?.trim().replace(/^\d+x/, '') ?? '';
  return first === '' ? 'Other' : first;
}

function groupsOf(items: readonly Item[], by: CollectionGrouping): Array<[string, Item[]]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const key = by === 'artist' ? item.artist : formatGroup(item.format);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function detail(item: Item, by: CollectionGrouping): string {
  const facts = [
    by === 'format' ? item.artist : null,
    item.year === null ? null : String(item.year),
    item.format,
    [item.label?.trim(), item.catalogNumber?.trim()].filter(Boolean).join(' '),
    item.rating ? `rated ${item.rating}/5` : null,
  ]
    // Discogs exports keep stray spaces ("LP, Album, PR "): they would widen the separators.
    .map((x) => x?.trim())
    .filter((x): x is string => Boolean(x));
  return facts.join(' · ');
}

export interface CollectionDocument {
  items: number;
  groups: number;
}

/** What the PDF shows besides: how many items have their cover in it, and how many images it holds. */
export interface CollectionPdf extends CollectionDocument {
  pages: number;
  /** Items drawn with their cover (JPEG or PNG); the others have the empty box. */
  covers: number;
  /** Distinct images embedded (copies of one release, and releases sharing a picture, share one). */
  images: number;
}

export async function collectionMarkdown(
  db: Database,
  options: { userId: number; user: string; by: CollectionGrouping },
): Promise<{ text: string } & CollectionDocument> {
  const items = await readItems(db, options.userId);
  const groups = groupsOf(items, options.by);
  const lines = [`# ${options.user}'s collection`, '', `${items.length} releases.`, ''];
  for (const [name, list] of groups) {
    lines.push(`## ${name}`, '');
    for (const item of list) lines.push(`- **${item.title}** — ${detail(item, options.by)}`);
    lines.push('');
  }
  return { text: lines.join('\n'), items: items.length, groups: groups.length };
}

/** Where the image store keeps an image (ImageStore.pathOf). */
export interface CoverFiles {
  pathOf(image: { hash: string; mime: string }): string;
}

/** Formats pdfkit embeds; a WebP or GIF cover gets the empty box. */
const EMBEDDABLE = new Set(['image/jpeg', 'image/png']);

const LAYOUT = {
  margin: 50,
  /** The cover's square, in points (about 15 mm). */
  cover: 44,
  gap: 12,
  /** A row: the cover and the space under it. */
  row: 52,
  footer: 28,
};

/**
 * Writes the PDF catalogue to `path` (through PATH.partial): a row per release, its cover (from
 * `covers`, the image store; none when null) beside its title and details, page numbers at the foot.
 */
export async function collectionPdf(
  db: Database,
  options: {
    userId: number;
    user: string;
    by: CollectionGrouping;
    path: string;
    now: number;
    covers: CoverFiles | null;
  },
): Promise<CollectionPdf> {
  const items = await readItems(db, options.userId);
  const groups = groupsOf(items, options.by);
  const partial = `${options.path}.partial`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: LAYOUT.margin,
    bufferPages: true,
    info: { Title: `${options.user}'s collection`, Author: 'listenhouse' },
  });
  const out = createWriteStream(partial);
  doc.pipe(out);
  let covers = 0;
  const embedded = new Set<string>();
  try {
    const left = LAYOUT.margin;
    const width = doc.page.width - 2 * LAYOUT.margin;
    const bottom = () => doc.page.height - LAYOUT.margin - LAYOUT.footer;
    doc.font('Helvetica').fontSize(24).fillColor('#000000').text(`${options.user}'s collection`, left);
    doc.moveDown(0.3).fontSize(11).fillColor('#555555');
    const withCovers = items.filter((i) => coverPath(i, options.covers) !== null).length;
    doc.text(
      `${items.length} releases, by ${options.by}, ${new Date(options.now).toISOString().slice(0, 10)}` +
        (items.length > 0 ? ` · ${withCovers} with their cover` : ''),
    );
    doc.moveDown(0.8);
    const heading = (name: string, continued: boolean) => {
      doc.font('Helvetica-Bold').fontSize(14).fillColor('#000000');
      doc.text(name, left, doc.y, { width, continued });
      if (continued) doc.font('Helvetica').fillColor('#888888').text(' (continued)');
      const ruleY = doc.y + 2;
      doc
        .moveTo(left, ruleY)
        .lineTo(left + width, ruleY)
        .lineWidth(0.5)
        .strokeColor('#bbbbbb')
        .stroke();
      doc.y = ruleY + 8;
    };
    for (const [name, list] of groups) {
      // A heading never ends a page: it keeps its first two rows (or its only one) with it.
      if (doc.y + 30 + Math.min(list.length, 2) * LAYOUT.row > bottom()) doc.addPage();
      heading(name, false);
      for (const item of list) {
        if (doc.y + LAYOUT.row > bottom()) {
          doc.addPage();
          heading(name, true);
        }
        const top = doc.y;
        const file = coverPath(item, options.covers);
        if (file && drawCover(doc, file, left, top)) {
          covers++;
          embedded.add(file);
        } else drawPlaceholder(doc, left, top);
        const textX = left + LAYOUT.cover + LAYOUT.gap;
        const textWidth = width - LAYOUT.cover - LAYOUT.gap;
        doc.font('Helvetica-Bold').fontSize(11).fillColor('#000000');
        doc.text(fitted(doc, item.title, textWidth), textX, top + 7, { width: textWidth, lineBreak: false });
        doc.font('Helvetica').fontSize(9.5).fillColor('#555555');
        doc.text(fitted(doc, detail(item, options.by), textWidth), textX, top + 24, {
          width: textWidth,
          lineBreak: false,
        });
        doc.y = top + LAYOUT.row;
      }
      doc.y += 6;
    }
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // The footer sits in the bottom margin: without this, pdfkit would start a page for it.
      const margins = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font('Helvetica')
        .fontSize(8.5)
        .fillColor('#888888')
        .text(
          `${options.user}'s collection · page ${i + 1 - range.start} of ${range.count}`,
          left,
          doc.page.height - LAYOUT.margin - 10,
          { width, align: 'center', lineBreak: false },
        );
      doc.page.margins.bottom = margins;
    }
    const pages = range.count;
    doc.end();
    await finished(out);
    await rename(partial, options.path);
    return { items: items.length, groups: groups.length, pages, covers, images: embedded.size };
  } catch (err) {
    doc.end();
    await rm(partial, { force: true });
    throw err;
  }
}

function coverPath(item: Item, files: CoverFiles | null): string | null {
  if (!files || !item.cover || !EMBEDDABLE.has(item.cover.mime)) return null;
  const path = files.pathOf(item.cover);
  return existsSync(path) ? path : null;
}

/** The cover fitted and centred in its square; false when pdfkit cannot read the file. */
function drawCover(doc: PDFKit.PDFDocument, path: string, x: number, y: number): boolean {
  try {
    // By path, so one image used by several rows is embedded once. A file pdfkit cannot read
    // throws while it is opened, before anything is drawn.
    doc.image(path, x, y, { fit: [LAYOUT.cover, LAYOUT.cover], align: 'center', valign: 'center' });
  } catch {
    return false;
  }
  doc.rect(x, y, LAYOUT.cover, LAYOUT.cover).lineWidth(0.5).strokeColor('#cccccc').stroke();
  return true;
}

/** A neutral square with a record's outline where a release has no cover. */
function drawPlaceholder(doc: PDFKit.PDFDocument, x: number, y: number): void {
  const size = LAYOUT.cover;
  doc.rect(x, y, size, size).lineWidth(0.5).fillAndStroke('#f1f1f1', '#cccccc');
  const cx = x + size / 2;
  const cy = y + size / 2;
  doc
    .circle(cx, cy, size * 0.32)
    .lineWidth(0.8)
    .strokeColor('#d0d0d0')
    .stroke();
  doc
    .circle(cx, cy, size * 0.08)
    .fillColor('#d0d0d0')
    .fill();
}

/** The text cut with an ellipsis to fit `width` at the current font and size. */
function fitted(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let end = text.length;
  while (end > 0 && doc.widthOfString(`${text.slice(0, end).trimEnd()}…`) > width) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}
