/**
 * The Discogs collection as a document to read or print: Markdown, or a PDF catalogue (pdfkit),
 * grouped by artist or by format, each release with its year, label, catalogue number and rating.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { Database } from '../store/index.js';
import { numOrNull, str, strOrNull } from '../store/rows.js';

export const COLLECTION_GROUPS = ['artist', 'format'] as const;
export type CollectionGrouping = (typeof COLLECTION_GROUPS)[number];

interface Item {
  artist: string;
  title: string;
  format: string | null;
  year: number | null;
  label: string | null;
  catalogNumber: string | null;
  rating: number | null;
}

async function readItems(db: Database, userId: number): Promise<Item[]> {
  const rows = await db.all(
    `SELECT artist, title, format, released_year, label, catalog_number, rating FROM collection_items
     WHERE user_id = $user AND list = 'collection' ORDER BY lower(artist), released_year NULLS LAST, lower(title)`,
    { user: userId },
  );
  return rows.map((r) => ({
    artist: str(r.artist, 'artist'),
    title: str(r.title, 'title'),
    format: strOrNull(r.format, 'format'),
    year: numOrNull(r.released_year, 'released_year'),
    label: strOrNull(r.label, 'label'),
    catalogNumber: strOrNull(r.catalog_number, 'catalog_number'),
    rating: numOrNull(r.rating, 'rating'),
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
    [item.label, item.catalogNumber].filter(Boolean).join(' '),
    item.rating ? `rated ${item.rating}/5` : null,
  ].filter((x): x is string => Boolean(x));
  return facts.join(' · ');
}

export interface CollectionDocument {
  items: number;
  groups: number;
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

/** Writes the PDF catalogue to `path` (through PATH.partial). */
export async function collectionPdf(
  db: Database,
  options: { userId: number; user: string; by: CollectionGrouping; path: string; now: number },
): Promise<CollectionDocument> {
  const items = await readItems(db, options.userId);
  const groups = groupsOf(items, options.by);
  const partial = `${options.path}.partial`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${options.user}'s collection`, Author: 'listenhouse' },
  });
  const out = createWriteStream(partial);
  doc.pipe(out);
  try {
    doc.fontSize(24).text(`${options.user}'s collection`);
    doc.moveDown(0.5).fontSize(11).fillColor('#555555');
    doc.text(
      `${items.length} releases, by ${options.by}, ${new Date(options.now).toISOString().slice(0, 10)}`,
    );
    doc.fillColor('#000000').moveDown();
    for (const [name, list] of groups) {
      if (doc.y > doc.page.height - 120) doc.addPage();
      doc.moveDown(0.5).fontSize(15).text(name);
      doc.moveDown(0.2);
      for (const item of list) {
        if (doc.y > doc.page.height - 80) doc.addPage();
        doc
          .fontSize(11)
          .text(item.title, { continued: true })
          .fillColor('#555555')
          .text(`   ${detail(item, options.by)}`);
        doc.fillColor('#000000');
      }
    }
    doc.end();
    await finished(out);
    await rename(partial, options.path);
  } catch (err) {
    doc.end();
    await rm(partial, { force: true });
    throw err;
  }
  return { items: items.length, groups: groups.length };
}
