import type { Command } from 'commander';
import { loadSettings } from '../../config/settings';
import { connectNats } from '../../nats/streams';
import { taskHistory, verifyAudit } from '../../services/audit';
import { CliError, formatTable, printJson } from '../output';

/** `dondoc audit verify|history`: the hash chain of every task, and one task's history, from the stream. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('check and read the tamper-evident event stream');

  audit
    .command('verify')
    .description("verify every task's hash chain on the stream; exits 1 on any break")
    .option('--plan <id>', 'only this plan')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { plan?: string; json?: boolean }) => {
      const nats = await connectNats(loadSettings().NATS_URL, 'dondoc-cli');
      try {
        const report = await verifyAudit(nats.js, opts.plan ? { planId: opts.plan } : {});
        if (opts.json) printJson(report);
        else {
          process.stdout.write(
            `audit: ${report.tasks} tasks, ${report.events} events, ${report.breaks.length} breaks, ${report.unreadable.length} unreadable messages\n`,
          );
          if (report.breaks.length > 0) {
            process.stdout.write(
              formatTable(
                ['workflow', 'seq', 'stream seq', 'problem'],
                report.breaks.map((b) => [b.workflowId, b.seq, b.streamSeq, b.problem]),
              ) + '\n',
            );
          }
          for (const u of report.unreadable)
            process.stdout.write(`unreadable: stream seq ${u.streamSeq} ${u.subject}: ${u.error}\n`);
        }
        if (report.breaks.length > 0 || report.unreadable.length > 0) {
          throw new CliError(
            `audit failed: ${report.breaks.length} chain breaks, ${report.unreadable.length} unreadable messages`,
            1,
          );
        }
      } finally {
        await nats.nc.drain();
      }
    });

  audit
    .command('history <workflowId>')
    .description("print one task's events from the stream, in order")
    .option('--json', 'print the events as JSON')
    .action(async (workflowId: string, opts: { json?: boolean }) => {
      const nats = await connectNats(loadSettings().NATS_URL, 'dondoc-cli');
      try {
        const events = await taskHistory(nats.js, workflowId);
        if (events.length === 0) throw new CliError(`no events on the stream for ${workflowId}`, 1);
        if (opts.json) printJson(events.map((e) => ({ streamSeq: e.streamSeq, ...e.event })));
        else {
          process.stdout.write(
            formatTable(
              ['seq', 'stream', 'at', 'type', 'unit', 'actor', 'hash'],
              events.map(({ streamSeq, event: e }) => [
                e.metadata.seq,
                streamSeq,
                e.metadata.at,
                e.type,
                e.metadata.unitId,
                e.metadata.actor.id,
                e.metadata.hash.slice(0, 12),
              ]),
            ) + '\n',
          );
        }
      } finally {
        await nats.nc.drain();
      }
    });
}
