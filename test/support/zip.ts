import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { ZipFile } from 'yazl';

/** Writes a zip as the services export them: members given as name → bytes (a name ending in / is a folder). */
export async function writeZip(path: string, members: Record<string, Buffer | string>): Promise<void> {
  const zip = new ZipFile();
  for (const [name, content] of Object.entries(members)) {
    if (name.endsWith('/')) zip.addEmptyDirectory(name);
    else zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  }
  zip.end();
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  await once(out, 'finish');
}
