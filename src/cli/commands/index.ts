import type { Command } from 'commander';
import { registerConfigCommands } from './config.js';
import { registerHistoryCommands } from './history.js';
import { registerImportCommand } from './import.js';
import { registerServeCommand } from './serve.js';
import { registerSimulateCommand } from './simulate.js';
import { registerStartCommand } from './start.js';
import { registerUsersCommands } from './users.js';
import { registerStatsCommand } from './stats.js';

/** Each command group lives in its own file and registers itself here. */
export function registerCommands(program: Command): void {
  registerStatsCommand(program);
  registerStartCommand(program);
  registerImportCommand(program);
  registerSimulateCommand(program);
  registerHistoryCommands(program);
  registerUsersCommands(program);
  registerServeCommand(program);
  registerConfigCommands(program);
}
