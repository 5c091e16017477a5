import { Command, CommanderError } from 'commander';
import { EXIT_USAGE } from '../domain/errors.js';
import { registerCommands } from './commands/index.js';

// A closed pipe (`listenhouse import --help | head -1`) ends the output quietly, for every command:
// what was asked for has been read. Any other write error is a failure.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

const program = new Command();
program
  .name('listenhouse')
  .description('Your listening history, imported once and correctly, with statistics that answer at once.')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Help and version exit 0; anything commander rejects is bad usage.
    process.exitCode = err.exitCode === 0 ? 0 : EXIT_USAGE;
  } else {
    throw err;
  }
}
