import { Command } from 'commander';
import { registerImportCommand } from '../../../cli/commands/import';
import { CliError } from '../../../cli/output';
const p = new Command('dondoc').exitOverride();
registerImportCommand(p);
p.parseAsync(process.argv).catch((e) => {
  if (e instanceof CliError) {
    console.error('dondoc: ' + e.message);
    process.exit(e.exitCode);
  }
  throw e;
});
