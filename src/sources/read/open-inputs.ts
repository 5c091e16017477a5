import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
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

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const dirent of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, dirent.name);
    if (dirent.name.startsWith('.')) continue;
    const isDir = dirent.isDirectory() || (dirent.isSymbolicLink() && (await stat(path)).isDirectory());
    if (isDir) out.push(...(await filesUnder(path)));
    else if (!isIgnoredMember(path)) out.push(path);
  }
  return out;
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
    const files = (await filesUnder(path)).sort(sortByPath);
    const entries: Entry[] = [];
    for (const file of files) entries.push(...(await entriesOfFile(file, (await stat(file)).size)));
    return entries;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable(path, err);
  }
}
