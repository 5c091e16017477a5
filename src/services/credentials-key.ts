/**
 * The key credentials are sealed with: `live.credentialsKey` (LISTENHOUSE_CREDENTIALS_KEY) when
 * set, else a random key kept in `<database>.key` beside the database, created on first use with
 * mode 600 (written to a temporary file and renamed, so a crash never leaves half a key). An
 * in-memory database gets a key of its own that dies with it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { AppError } from '../domain/errors.js';
import { keyFromText, SecretBox } from '../domain/secret-box.js';

export function keyFileOf(dbPath: string): string {
  return `${dbPath}.key`;
}

export function credentialsBox(settings: { credentialsKey?: string | undefined }, dbPath: string): SecretBox {
  if (settings.credentialsKey) return new SecretBox(keyFromText(settings.credentialsKey));
  if (dbPath === ':memory:') return SecretBox.random();
  const file = keyFileOf(dbPath);
  if (!existsSync(file)) {
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    try {
      // link fails when another process made the file first: then its key is the one.
      linkSync(temp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(temp);
    }
  }
  const text = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(text))
    throw new AppError(
      'INVALID_INPUT',
      `${file}: the credentials key file holds no key (64 hex digits). Restore it from a backup; a new one cannot open what was stored.`,
    );
  return new SecretBox(Buffer.from(text, 'hex'));
}
