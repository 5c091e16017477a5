import type { Command } from 'commander';
import { registerCatalogCommands } from './catalog.js';
import { registerCollectionCommand } from './collection.js';
import { registerConfigCommands } from './config.js';
import { registerConnectCommands } from './connect.js';
import { registerEnrichCommand } from './enrich.js';
import { registerExportCommands } from './export.js';
import { registerHistoryCommands } from './history.js';
import { registerImportCommand } from './import.js';
import { registerImportUndoCommand } from './import-undo.js';
import { registerServeCommand } from './serve.js';
import { registerSimulateCommand } from './simulate.js';
import { registerStartCommand } from './start.js';
import { registerUsersCommands } from './users.js';
import { registerStatsCommand } from './stats.js';
import { registerStreamCommands } from './stream.js';
import { registerLakeCommands } from './lake.js';
import { registerMetricsCommands } from './metrics.js';
import { registerRecommendCommand } from './recommend.js';
import { registerQualityCommands } from './quality.js';
import { registerReportCommand, registerSoundtracksCommand } from './report.js';

/** Each command group lives in its own file and registers itself here. */
export function registerCommands(program: Command): void {
  registerStatsCommand(program);
  registerStartCommand(program);
  registerImportCommand(program);
  registerSimulateCommand(program);
  registerHistoryCommands(program);
  registerImportUndoCommand(program);
  registerUsersCommands(program);
  registerExportCommands(program);
  registerCollectionCommand(program);
  registerRecommendCommand(program);
  registerCatalogCommands(program);
  registerEnrichCommand(program);
  registerConnectCommands(program);
  registerQualityCommands(program);
  registerReportCommand(program);
  registerSoundtracksCommand(program);
  registerServeCommand(program);
  registerConfigCommands(program);
  registerStreamCommands(program);
  registerLakeCommands(program);
  registerMetricsCommands(program);
}
