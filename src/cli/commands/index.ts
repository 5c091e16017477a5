import type { Command } from 'commander';
import { registerHistoryCommands } from './history.js';
import { registerImportCommand } from './import.js';

/** Each command group lives in its own file and registers itself here. */
export function registerCommands(program: Command): void {
  registerImportCommand(program);
  registerHistoryCommands(program);
}
