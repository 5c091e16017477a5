/**
 * Credentials at rest (live-source tokens, scrobbling passwords): AES-256-GCM with one key from
 * the configuration (`credentials.key`) or the key file beside the database. A sealed value is
 * `v1.<iv>.<tag>.<ciphertext>` in base64url: a copy of the database alone reveals nothing, and a
 * value changed on disk fails to open instead of decrypting to something else.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { AppError } from './errors.js';

const VERSION = 'v1';
const IV_BYTES = 12;

/** A key of 32 bytes: 64 hex digits as they are, any other text stretched by scrypt. */
export function keyFromText(text: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (trimmed.length < 8)
    throw new AppError(
      'INVALID_INPUT',
      'credentials.key is too short: give 64 hex digits (`openssl rand -hex 32`) or a passphrase of 8 characters or more.',
    );
  return scryptSync(trimmed, 'listenhouse credentials v1', 32);
}

export class SecretBox {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox: the key must be 32 bytes');
    this.key = Buffer.from(key);
  }

  static random(): SecretBox {
    return new SecretBox(randomBytes(32));
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
    return [VERSION, ...parts].join('.');
  }

  /** The plain text; INTERNAL when the value was sealed with another key or changed. */
  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || body === undefined)
      throw new AppError('INTERNAL', 'A stored credential is not in a form this version can read.');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch (cause) {
      throw new AppError(
        'INTERNAL',
        'A stored credential cannot be decrypted: the server runs with another credentials key (credentials.key or the key file beside the database) than the one it was stored with.',
        { cause },
      );
    }
  }
}
