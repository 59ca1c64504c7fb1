import type { Command } from 'commander';
import { loadSettings } from '../../config/settings';
import { BULK_ACTIONS, BulkActions, BulkRequestSchema } from '../../services/bulk';
import { withRuntime } from '../../services/runtime';
import { CliError, formatTable, printJson } from '../output';
import { asCli, operatorPrincipal, progressBar } from './cli-support';

interface BulkOpts {
  plan?: string;
  task?: string;
  unit?: string;
  status?: string;
  ids?: string;
  newDue?: string;
  toUnit?: string;
  reason?: string;
  concurrency: string;
  json?: boolean;
}

/** `dondoc bulk extend|reassign|cancel|remind`: one action on many assignments, each its own audited workflow update. */
export function registerBulkCommand(program: Command): void {
  program
    .command('bulk')
    .description('extend, reassign, cancel or remind many assignments at once (each gets its own audited event)')
    .argument('<action>', BULK_ACTIONS.join(' | '))
    .option('--plan <id>', 'assignments of this plan')
    .option('--task <ref>', 'assignments of this task ref')
    .option('--unit <id>', 'assignments this unit leads')
    .option('--status <list>', 'comma-separated statuses (default: in-progress,due-soon,overdue)')
    .option('--ids <list>', 'comma-separated workflow ids instead of a selection')
    .option('--new-due <date>', 'extend: the new due date, YYYY-MM-DD')
    .option('--to-unit <id>', 'reassign: the new lead unit')
    .option('--reason <text>', 'why (recorded in every event; for remind, the reminder note)')
    .option('--concurrency <n>', 'assignments acted on at once', '8')
    .option('--json', 'print the result as JSON')
    .action((action: string, opts: BulkOpts) =>
      asCli(async () => {
        const concurrency = Number(opts.concurrency);
        if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
          throw new CliError(`--concurrency: expected 1..64, got "${opts.concurrency}"`);
        const list = (v: string | undefined) =>
          v
            ?.split(',')
            .map((x) => x.trim())
            .filter(Boolean);
        const req = BulkRequestSchema.parse({
          action,
          select: {
            ...(opts.plan ? { planId: opts.plan } : {}),
            ...(opts.task ? { taskRef: opts.task } : {}),
            ...(opts.unit ? { unitId: opts.unit } : {}),
            ...(opts.status ? { status: list(opts.status) } : {}),
            ...(opts.ids ? { workflowIds: list(opts.ids) } : {}),
          },
          ...(opts.newDue ? { newDue: opts.newDue } : {}),
          ...(opts.toUnit ? { toUnit: opts.toUnit } : {}),
          ...(opts.reason ? { reason: opts.reason } : {}),
        });
        const bar = progressBar(`bulk ${action}`);
        const result = await withRuntime(loadSettings(), async (rt) =>
          new BulkActions(await rt.tasks()).run(operatorPrincipal(), req, {
            concurrency,
            onProgress: (e) => bar(e.done, e.total),
          }),
        );
        if (opts.json) printJson(result);
        else {
          process.stdout.write(
            `${result.succeeded}/${result.total} ${action} done in ${result.ms} ms; ${result.failed.length} failed\n`,
          );
          if (result.failed.length > 0)
            process.stdout.write(
              formatTable(
                ['workflow', 'why'],
                result.failed.map((f) => [f.workflowId, f.error]),
              ) + '\n',
            );
        }
        if (result.failed.length > 0) process.exitCode = 4;
      }),
    );
}
