import { Command } from 'commander';
import { registerCalendarCommands } from './commands/calendar';
import { registerDeadlineCommands } from './commands/deadline';
import { registerImportCommand } from './commands/import';
import { registerStackCommands } from './commands/stack';
import { registerAuditCommands } from './commands/audit';
import { registerBulkCommand } from './commands/bulk';
import { registerProjectionsCommands } from './commands/projections';
import { registerReconcileCommand } from './commands/reconcile';
import { registerReportCommands } from './commands/report';
import { registerSimulateCommand } from './commands/simulate';
import { registerPlanCommands } from './commands/plan';
import { registerTaskCommands } from './commands/task';
import { registerTokenCommands } from './commands/tokens';
import { registerUnitCommands } from './commands/unit';
import { registerStoredDirectories, registerUnitsCommands } from './commands/units';
import { closeCommandDirectories } from './commands/directory-session';
import { CliError } from './output';
import { configureLogging, logger } from '../config/logger';

/** Commands that never resolve units: they do not open the directory store (no NATS probe). */
const WITHOUT_DIRECTORIES = new Set(['up', 'deadline', 'calendar', 'tokens', 'audit', 'projections']);

/** The `dondoc` command line: thin commands over the same services the API uses. */
export function buildProgram(): Command {
  const program = new Command('dondoc')
    .description('Press every plan task through to completion: deadlines, reminders, escalation.')
    .showHelpAfterError()
    .exitOverride()
    // Each command's options come after its name: `report schedule create --plan` is the subcommand's --plan.
    .enablePositionalOptions();
  registerStackCommands(program);
  registerDeadlineCommands(program);
  registerCalendarCommands(program);
  registerImportCommand(program);
  registerAuditCommands(program);
  registerProjectionsCommands(program);
  registerReconcileCommand(program);
  registerSimulateCommand(program);
  registerPlanCommands(program);
  registerTaskCommands(program);
  registerUnitCommands(program);
  registerUnitsCommands(program);
  // Commands that resolve units load the stored directories first (one store per run, shared with `units …`).
  program.hook('preAction', async (_program, action) => {
    let top = action;
    while (top.parent && top.parent !== program) top = top.parent;
    if (!WITHOUT_DIRECTORIES.has(top.name())) await registerStoredDirectories();
  });
  registerReportCommands(program);
  registerBulkCommand(program);
  registerTokenCommands(program);
  return program;
}

/** Runs the CLI; user errors exit non-zero with a one-line message. */
export async function main(argv: string[]): Promise<void> {
  configureLogging({ format: 'text' }); // a person reads the CLI's log lines (`<name>: <message>`)
  try {
    try {
      await buildProgram().parseAsync(argv);
    } finally {
      await closeCommandDirectories();
    }
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`dondoc: ${err.message}\n`);
      process.exit(err.exitCode);
    }
    const code = (err as { code?: string; exitCode?: number }).code;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      process.exit((err as { exitCode?: number }).exitCode ?? 1);
    }
    logger('dondoc').fatal({ err }, 'unexpected error');
    process.exit(1);
  }
}
