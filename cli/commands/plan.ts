import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadSettings } from '../../config/settings';
import { notFound } from '../../services/errors';
import { importFileOrThrow, markReviewed, rebindPlan, requireReviewed, reviewPlan } from '../../services/planning';
import { cloneSavedPlan } from '../../services/plan-clone';
import { startPlan } from '../../services/plans';
import { withRuntime } from '../../services/runtime';
import { CliError, formatTable, printJson } from '../output';
import { asCli, operatorPrincipal, progressBar } from './cli-support';
import { formatReview, readPlanBytes } from './import';

function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) throw new CliError(`--year: expected a year YYYY, got "${value}"`);
  return Number(value);
}

/** `dondoc plan import|start|list|clone`: the plan registry and starting plans, over the same services as the API. */
export function registerPlanCommands(program: Command): void {
  const plan = program.command('plan').description('import, list and start plans');

  plan
    .command('import')
    .description('import a plan document, save it to the registry and print the review')
    .argument('<file>', 'plan document')
    .option('--year <year>', 're-anchor the plan to another year')
    .option('--dry-run', 'print the review without saving')
    .option('--json', 'print the review as JSON')
    .option(
      '--directory <id>',
      'resolve units against this directory ("none": no directory) instead of the detected one',
    )
    .action((file: string, opts: { year?: string; dryRun?: boolean; json?: boolean; directory?: string }) =>
      asCli(async () => {
        const year = parseYear(opts.year);
        const directory = opts.directory === undefined ? undefined : opts.directory === 'none' ? null : opts.directory;
        const imported = await importFileOrThrow(readPlanBytes(file), file, {
          ...(year !== undefined ? { year } : {}),
          ...(directory !== undefined ? { directory } : {}),
          by: operatorPrincipal().name,
        });
        if (!opts.dryRun) await withRuntime(loadSettings(), (rt) => rt.plans.save(imported));
        if (opts.json) printJson({ saved: !opts.dryRun, review: reviewPlan(imported) });
        else
          process.stdout.write(
            `${formatReview(imported)}\n${opts.dryRun ? 'dry run: not saved' : `saved as ${imported.plan.id}`}\n`,
          );
      }),
    );

  plan
    .command('start')
    .description(
      'start one workflow per (task, lead unit) of a plan file or a saved plan id; starting twice starts nothing',
    )
    .argument('<fileOrPlanId>', 'plan document (imported and saved first) or a saved plan id')
    .option('--year <year>', 're-anchor a plan file to another year')
    .option('--concurrency <n>', 'workflow starts in flight', '64')
    .option('--yes', 'start without a review (recorded as such in the plan)')
    .option('--json', 'print the report as JSON')
    .option('--directory <id>', 'resolve units against this directory first ("none": no directory)')
    .action(
      (arg: string, opts: { year?: string; concurrency: string; yes?: boolean; json?: boolean; directory?: string }) =>
        asCli(async () => {
          const settings = loadSettings();
          const concurrency = Number(opts.concurrency);
          if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1024) {
            throw new CliError(`--concurrency: expected an integer from 1 to 1024, got "${opts.concurrency}"`);
          }
          const directory =
            opts.directory === undefined ? undefined : opts.directory === 'none' ? null : opts.directory;
          const report = await withRuntime(settings, async (rt) => {
            let p;
            if (existsSync(arg)) {
              const year = parseYear(opts.year);
              p = await importFileOrThrow(readPlanBytes(arg), arg, {
                ...(year !== undefined ? { year } : {}),
                ...(directory !== undefined ? { directory } : {}),
                by: operatorPrincipal().name,
              });
            } else {
              p = await rt.plans.get(arg);
              if (!p) throw notFound(`plan ${arg} (neither a file nor a saved plan id)`);
              if (directory !== undefined && directory !== p.plan.directory) {
                p = rebindPlan(p, directory);
                await rt.plans.save(p);
              }
            }
            if (!p.review && opts.yes)
              p = markReviewed(p, { by: operatorPrincipal().name, via: 'yes', now: new Date() });
            if (existsSync(arg) || opts.yes) await rt.plans.save(p);
            requireReviewed(p);
            return await startPlan(await rt.client(), p, {
              taskQueue: settings.TEMPORAL_TASK_QUEUE,
              concurrency,
              onProgress: progressBar(`starting ${p.plan.id}`),
            });
          });
          if (opts.json) printJson(report);
          else
            process.stdout.write(
              `${report.planId}: ${report.assignments} assignments, ${report.started} started, ${report.alreadyRunning} already running\n`,
            );
        }),
    );

  plan
    .command('list')
    .description('the saved plans, newest first')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      asCli(async () => {
        const rows = await withRuntime(loadSettings(), async (rt) => {
          const store = await rt.store();
          return (await rt.plans.list()).map((p) => ({ ...p, summary: store.planSummary(p.id) }));
        });
        if (opts.json) return printJson({ plans: rows });
        process.stdout.write(
          formatTable(
            ['id', 'number', 'issued', 'tasks', 'overdue', 'on-time', 'title'],
            rows.map((p) => [
              p.id,
              p.number,
              p.issued,
              p.summary.tasks,
              p.summary.byStatus.overdue,
              p.summary.onTimeRate === null ? '-' : `${Math.round(p.summary.onTimeRate * 100)}%`,
              p.title.length > 60 ? `${p.title.slice(0, 59)}…` : p.title,
            ]),
          ) + '\n',
        );
      }),
    );

  plan
    .command('clone')
    .description('re-anchor a saved plan to another year and save it as a new plan (the API: POST /plans/:id/clone)')
    .argument('<planId>', 'a saved plan id')
    .requiredOption('--year <year>', 'the year to anchor the copy to')
    .option('--json', 'print the review as JSON')
    .action((planId: string, opts: { year: string; json?: boolean }) =>
      asCli(async () => {
        const year = parseYear(opts.year)!;
        const { plan: clone, review } = await withRuntime(loadSettings(), (rt) =>
          cloneSavedPlan(rt.plans, planId, year),
        );
        if (opts.json) return printJson({ saved: true, review });
        process.stdout.write(`${formatReview(clone)}\nsaved as ${clone.plan.id}\n`);
      }),
    );
}
