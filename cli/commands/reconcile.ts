import { Client, Connection } from '@temporalio/client';
import type { Command } from 'commander';
import { loadSettings } from '../../config/settings';
import { connectNats } from '../../nats/streams';
import { reconcile } from '../../services/reconcile';
import { CliError, printJson } from '../output';

/** `dondoc reconcile`: republish events the stream lacks, from each workflow's own log. */
export function registerReconcileCommand(program: Command): void {
  program
    .command('reconcile')
    .description("compare every assignment workflow's event log with the stream and republish what is missing")
    .option('--plan <id>', 'only this plan')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { plan?: string; json?: boolean }) => {
      const settings = loadSettings();
      const nats = await connectNats(settings.NATS_URL, 'dondoc-cli');
      const connection = await Connection.connect({ address: settings.TEMPORAL_ADDRESS });
      try {
        const client = new Client({ connection, namespace: settings.TEMPORAL_NAMESPACE });
        const report = await reconcile({ client, js: nats.js, ...(opts.plan ? { planId: opts.plan } : {}) });
        if (opts.json) printJson(report);
        else {
          process.stdout.write(
            `reconcile: ${report.workflows} workflows, ${report.events} events, ${report.present} on the stream, ${report.republished} republished, ${report.failed.length} not queryable\n`,
          );
          for (const r of report.repaired)
            process.stdout.write(`  repaired ${r.workflowId}: ${r.eventIds.length} events\n`);
          for (const f of report.failed) process.stdout.write(`  failed ${f.workflowId}: ${f.error}\n`);
          for (const d of report.diverged)
            process.stdout.write(`  diverged ${d.workflowId}: ${d.eventIds.join(', ')} stored in another version\n`);
        }
        if (report.diverged.length > 0)
          throw new CliError(
            `${report.diverged.length} workflows have events the stream holds in another version than their history`,
            1,
          );
        if (report.failed.length > 0)
          throw new CliError(`${report.failed.length} workflows could not be queried (is a worker running?)`, 1);
      } finally {
        await connection.close();
        await nats.nc.drain();
      }
    });
}
