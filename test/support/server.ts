import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { spawnCli } from './cli.js';

export interface SpawnedServer {
  child: ChildProcess;
  /** The address the server printed ("… is serving DB at http://…"). */
  url: string;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
}

/** Spawns `listenhouse serve|start …` and resolves once it says where it listens. */
export async function spawnServer(args: string[]): Promise<SpawnedServer> {
  const child = spawnCli(args);
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /is serving .* at (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => reject(new Error(`${args[0]} exited with ${code}: ${out}`)));
  });
  // What follows the address line (npm start's token) comes in the same write or right after.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { child, url, output: () => out };
}

/** Sends the signal (SIGTERM: a graceful stop) and resolves with the exit code once it is gone. */
export async function stopServer(
  server: SpawnedServer | undefined,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number | null> {
  if (!server || server.child.exitCode !== null) return server?.child.exitCode ?? null;
  server.child.kill(signal);
  const [code] = (await once(server.child, 'close')) as [number | null];
  return code;
}
