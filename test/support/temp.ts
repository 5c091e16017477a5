import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/store/database.js';

/** A temp folder removed after the test file: `using dir = tempDir()` is not available on Node 20, so call cleanup. */
export function tempDir(prefix = 'listenhouse-test-'): {
  path: string;
  file(name: string, content: string | Buffer): string;
  cleanup(): void;
} {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file(name, content) {
      const target = join(path, name);
      writeFileSync(target, content);
      return target;
    },
    cleanup() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}

export async function memoryDb(): Promise<Database> {
  return openDatabase(':memory:');
}

export async function count(db: Database, sql: string, params: (string | number)[] = []): Promise<number> {
  const rows = await db.all<{ n: bigint | number }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}
