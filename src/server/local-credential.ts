import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * While `listenhouse serve` holds a database, it writes `<database>.server.json` beside it (mode
 * 0600: only the same OS account, who could open the database file anyway, can read it) with its
 * address and a credential made for this run. The CLI on the same machine finds the database
 * locked, reads the file and sends imports and admin commands through the server instead. The
 * credential lives in memory and in this file only, never in the database, and dies with the server.
 */
export interface LocalServer {
  url: string;
  pid: number;
  token: string;
}

export function localServerFile(dbPath: string): string {
  return `${dbPath}.server.json`;
}

export function newLocalToken(): string {
  return `local-${randomUUID()}`;
}

export function writeLocalServer(dbPath: string, server: LocalServer): void {
  writeFileSync(localServerFile(dbPath), JSON.stringify(server, null, 2) + '\n', { mode: 0o600 });
}

export function removeLocalServer(dbPath: string): void {
  rmSync(localServerFile(dbPath), { force: true });
}

/** The server holding this database, or null when there is none (or its process is gone). */
export function findLocalServer(dbPath: string): LocalServer | null {
  let server: LocalServer;
  try {
    server = JSON.parse(readFileSync(localServerFile(dbPath), 'utf8')) as LocalServer;
  } catch {
    return null;
  }
  if (typeof server.url !== 'string' || typeof server.token !== 'string' || !Number.isInteger(server.pid))
    return null;
  try {
    process.kill(server.pid, 0);
  } catch {
    return null;
  }
  return server;
}

/** The address a client on this machine uses for a server listening on `address`. */
export function localUrl(address: string): string {
  return address.replace('://0.0.0.0', '://127.0.0.1').replace('://[::]', '://[::1]');
}
