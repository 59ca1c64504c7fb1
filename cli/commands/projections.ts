import type { Command } from 'commander';
import { loadSettings } from '../../config/settings';
import { connectNats } from '../../nats/streams';
import { rebuildProjections } from '../../projections/rebuild';
import { printJson } from '../output';

/** `dondoc projections rebuild`: purge the projections and replay the whole stream into them. */
export function registerProjectionsCommands(program: Command): void {
  const projections = program.command('projections').description('the read models built from the event stream');
  projections
    .command('rebuild')
    .description('purge the projections bucket and rebuild it from zero by replaying the stream')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      const settings = loadSettings();
      const nats = await connectNats(settings.NATS_URL, 'dondoc-cli');
      try {
        const report = await rebuildProjections({
          ...nats,
          replicas: settings.NATS_REPLICAS,
          onProgress: (delivered, pending) =>
            process.stderr.write(`\rrebuild: stream seq ${delivered}, ${pending} pending   `),
        });
        process.stderr.write('\n');
        if (opts.json) printJson(report);
        else {
          process.stdout.write(
            `rebuilt ${report.tasks} task records from ${report.stats.applied} events in ${report.ms} ms (purged ${report.purged}; ${report.stats.poison} poison messages dead-lettered)\n`,
          );
        }
      } finally {
        await nats.nc.drain();
      }
    });
}
