import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve as resolvePath } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl, { type Entry as ZipEntry, type ZipFile } from 'yauzl';
import { AppError } from '../../domain/errors.js';
import type { Entry } from '../types.js';

/** Large reads: fewer chunks means fewer async hops per byte in the parsers. */
const READ_CHUNK_BYTES = 1024 * 1024;

/** Extensions that never hold listening data (export read-me PDFs, cover images, pages). */
const NON_DATA_EXTENSIONS = new Set([
  'pdf',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'svg',
  'bmp',
  'ico',
  'html',
  'htm',
  'css',
  'js',
  'mp3',
  'm4a',
  'mp4',
  'wav',
  'flac',
  'ogg',
  'doc',
  'docx',
]);

const sortByPath = new Intl.Collator('en', { numeric: true }).compare;

/** True for zip members and directory files that are certainly not data: folders, macOS metadata, documents, images. */
export function isIgnoredMember(path: string): boolean {
  if (path.endsWith('/')) return true;
  const segments = path.split(/[\\/]/);
  if (segments.includes('__MACOSX')) return true;
  const name = segments[segments.length - 1] ?? '';
  if (name === '' || name.startsWith('.')) return true;
  const dot = name.lastIndexOf('.');
  return dot > 0 && NON_DATA_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}

function isErrnoException(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && 'code' in err;
}

function unreadable(path: string, err: unknown): AppError {
  const reason = err instanceof Error ? err.message : String(err);
  return new AppError('UNREADABLE_INPUT', `${path}: cannot be read (${reason})`, { cause: err });
}

/** Zips are recognised by their magic bytes (local file header or, for an empty zip, end of directory). */
async function isZipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return (
      bytesRead === 4 &&
      head[0] === 0x50 &&
      head[1] === 0x4b &&
      ((head[2] === 0x03 && head[3] === 0x04) || (head[2] === 0x05 && head[3] === 0x06))
    );
  } finally {
    await handle.close();
  }
}

function fileEntry(path: string, size: number): Entry {
  return {
    path,
    name: basename(path),
    size,
    diskPath: resolvePath(path),
    open: () => Promise.resolve(createReadStream(path, { highWaterMark: READ_CHUNK_BYTES })),
  };
}

function openZip(zipPath: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false }, (err, zip) => {
      if (err) reject(unreadable(zipPath, err));
      else resolve(zip);
    });
  });
}

/**
 * Opens one member by its position in the central directory. The zip is opened afresh for every call
 * so that no file descriptor outlives the stream: yauzl closes it once the member stream has ended.
 */
async function openZipMember(zipPath: string, index: number, fileName: string): Promise<Readable> {
  const zip = await openZip(zipPath);
  return new Promise((resolve, reject) => {
    let position = 0;
    zip.on('entry', (entry: ZipEntry) => {
      if (position++ !== index) {
        zip.readEntry();
        return;
      }
      zip.openReadStream(entry, (err, stream) => {
        zip.close();
        if (err) reject(unreadable(`${zipPath}:${fileName}`, err));
        else resolve(stream);
      });
    });
    zip.on('end', () => {
      zip.close();
      reject(new AppError('NOT_FOUND', `${zipPath}:${fileName}: the member is gone; was the zip replaced?`));
    });
    zip.on('error', (err: unknown) => {
      zip.close();
      reject(unreadable(zipPath, err));
    });
    zip.readEntry();
  });
}

/** Lists the data members of a zip, reading only its central directory (nothing is extracted to disk). */
async function zipEntries(zipPath: string): Promise<Entry[]> {
  const zip = await openZip(zipPath);
  const entries = await new Promise<Entry[]>((resolve, reject) => {
    const found: Entry[] = [];
    let position = 0;
    zip.on('entry', (entry: ZipEntry) => {
      const index = position++;
      const fileName = entry.fileName;
      if (!isIgnoredMember(fileName)) {
        found.push({
          path: `${zipPath}:${fileName}`,
          name: basename(fileName),
          size: entry.uncompressedSize,
          open: () => openZipMember(zipPath, index, fileName),
        });
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(found));
    zip.on('error', (err: unknown) => reject(unreadable(zipPath, err)));
    zip.readEntry();
  });
  zip.close();
  return entries.sort((a, b) => sortByPath(a.path, b.path));
}

/** The files under a folder, recursively: those that may hold data, and those passed over. */
async function filesUnder(dir: string, out = { data: [] as string[], passedOver: [] as string[] }) {
  for (const dirent of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, dirent.name);
    const isDir = dirent.isDirectory() || (dirent.isSymbolicLink() && (await stat(path)).isDirectory());
    if (dirent.name.startsWith('.')) {
      if (!isDir) out.passedOver.push(path);
    } else if (isDir) await filesUnder(path, out);
    else if (!isIgnoredMember(path)) out.data.push(path);
    else out.passedOver.push(path);
  }
  return out;
}

const WHAT_TO_DO =
  "Point `listenhouse import` at the files of your export, or at the export's zip as you downloaded it; " +
  '`listenhouse import --help` lists the formats it reads.';

/** Up to five names, relative to the folder, then how many more. */
function someNames(folder: string, paths: readonly string[]): string {
  const names = [...paths].sort(sortByPath).map((p) => relative(folder, p));
  return names.slice(0, 5).join(', ') + (names.length > 5 ? `, … (${names.length - 5} more)` : '');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A folder with nothing to read: say what it holds and why none of it counts. */
function nothingToRead(folder: string, files: { data: string[]; passedOver: string[] }): AppError {
  const all = [...files.data, ...files.passedOver];
  if (all.length === 0)
    return new AppError(
      'UNKNOWN_FORMAT',
      `${folder}: the folder is empty (no files in it or below it). ${WHAT_TO_DO}`,
    );
  const zips =
    files.data.length > 0 ? ` (the ${plural(files.data.length, 'zip')} among them hold only such files)` : '';
  return new AppError(
    'UNKNOWN_FORMAT',
    `${folder}: the folder holds ${plural(all.length, 'file')} (${someNames(folder, all)}), none in a format ` +
      `listenhouse reads: images, documents, audio, web pages and hidden files are passed over${zips}. ${WHAT_TO_DO}`,
  );
}

/**
 * How the message about an input whose entries were all unrecognised names them: "this file", "the
 * one file in this folder (notes.txt)", "any of the 3 members of this zip" …
 */
export function describeEntries(input: string, entries: readonly Entry[]): string {
  const only = entries.length === 1 ? entries[0] : undefined;
  if (only?.path === input) return 'this file';
  if (entries.every((e) => e.path.startsWith(`${input}:`))) {
    return only
      ? `the one member of this zip (${only.path.slice(input.length + 1)})`
      : `any of the ${entries.length} members of this zip`;
  }
  return only
    ? `the one file in this folder (${relative(input, only.path)})`
    : `any of the ${entries.length} files in this folder`;
}

async function entriesOfFile(path: string, size: number): Promise<Entry[]> {
  return (await isZipFile(path)) ? zipEntries(path) : [fileEntry(path, size)];
}

/**
 * What the user pointed at, as readable entries: a plain file is one entry; a zip (recognised by its
 * bytes, not its name) gives its data members as `export.zip:listens/2024/1.jsonl`; a directory gives
 * every file under it, recursively, sorted by path (zips inside are expanded too).
 */
export async function openInputs(path: string): Promise<Entry[]> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    if (isErrnoException(err) && (err.code === 'ENOENT' || err.code === 'ENOTDIR')) {
      throw new AppError('NOT_FOUND', `${path}: no such file; check the path`, { cause: err });
    }
    throw unreadable(path, err);
  }
  try {
    if (!info.isDirectory()) return await entriesOfFile(path, info.size);
    const files = await filesUnder(path);
    const entries: Entry[] = [];
    for (const file of files.data.sort(sortByPath))
      entries.push(...(await entriesOfFile(file, (await stat(file)).size)));
    if (entries.length === 0) throw nothingToRead(path, files);
    return entries;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable(path, err);
  }
}
