import { loadCalendar } from './calendar';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadSettings } from '../../config/settings';
import type { Plan, PlanTask } from '../../domain/plans/model';
import { flagsOf } from '../../domain/plans/review';
import { reviewFormatOf, writeReview } from '../../documents/review-file';
import { importFileOrThrow } from '../../services/planning';
import { CliError, formatTable, printJson } from '../output';
import { asCli } from './cli-support';

/** Reads a plan file's bytes, refusing one over DONDOC_DOCUMENT_MAX_BYTES before reading it. */
export function readPlanBytes(file: string): Buffer {
  try {
    const max = loadSettings().DONDOC_DOCUMENT_MAX_BYTES;
    const size = statSync(file).size;
    if (size > max)
      throw new CliError(
        `${file}: the file is ${size} bytes, more than the ${max} accepted (DONDOC_DOCUMENT_MAX_BYTES); refused`,
      );
    return readFileSync(file);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(
      `${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)}); expected a plan document`,
    );
  }
}

function leadText(task: PlanTask): string {
  return task.lead.map((m) => (m.kind === 'unresolved' ? `?${m.text}` : m.text)).join('; ');
}

function flags(task: PlanTask, plan: Plan): string {
  return flagsOf(task, plan).join(' ');
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Renders an imported plan as a review table for a person to check. */
export function formatReview(plan: Plan): string {
  const p = plan.plan;
  const head = [
    `${p.number ?? '(no number)'} — ${p.issuer} — issued ${p.issued}`,
    p.title,
    `period ${p.period.from} → ${p.period.to}; directory ${p.directory ?? 'none'}; monitoring ${p.monitoringUnit ?? '-'}; id ${p.id}`,
    `${plan.tasks.length} tasks, ${plan.warnings.length} warnings (layout ${p.layout}); ${plan.review ? `reviewed ${plan.review.at} by ${plan.review.by}` : 'not reviewed yet'}`,
    '',
  ];
  const rows = plan.tasks.map((t) => [
    t.ref,
    cut(leadText(t), 48),
    cut(t.deadline.text || '(none)', 40),
    t.deadline.kind,
    cut(t.deadline.milestones.map((m) => m.due).join(', '), 34),
    flags(t, plan),
  ]);
  const table = formatTable(['ref', 'lead', 'deadline', 'kind', 'due', 'flags'], rows);
  const general = plan.warnings
    .filter((w) => w.ref === null)
    .map((w) => `! ${w.line !== null ? `line ${w.line}: ` : ''}${w.message}`);
  return [...head, table, '', ...general].join('\n');
}

/** `dondoc import <file> [--json] [--year YYYY] [--review out.xlsx|.csv|.yaml]`: imports a plan and prints it for review. */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'Import a plan (.docx, .pdf, .xlsx, .csv, text layouts, JSON/YAML, or a review sheet) and print it for review',
    )
    .argument('<file>', 'plan document')
    .option('--json', 'print the imported plan as JSON')
    .option('--year <year>', 're-anchor the plan to another year')
    .option(
      '--directory <id>',
      'resolve units against this directory ("none": no directory) instead of the detected one',
    )
    .option('--issued <date>', 'the issue date (YYYY-MM-DD) of a document that states none')
    .option('--review <out>', 'write every task with its reading to a review sheet (.xlsx, .csv or .yaml) to edit')
    .action(
      (file: string, opts: { json?: boolean; year?: string; directory?: string; issued?: string; review?: string }) =>
        asCli(async () => {
          let year: number | undefined;
          if (opts.year !== undefined) {
            if (!/^\d{4}$/.test(opts.year)) throw new CliError(`--year: expected a year YYYY, got "${opts.year}"`);
            year = Number(opts.year);
          }
          if (opts.issued !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.issued))
            throw new CliError(`--issued: expected a date YYYY-MM-DD, got "${opts.issued}"`);
          const format = opts.review === undefined ? null : reviewFormatOf(opts.review);
          if (opts.review !== undefined && !format)
            throw new CliError(`--review: expected a file name ending in .xlsx, .csv or .yaml, got "${opts.review}"`);
          const plan = await importFileOrThrow(readPlanBytes(file), file, {
            ...(year === undefined ? {} : { year }),
            ...(opts.directory === undefined ? {} : { directory: opts.directory === 'none' ? null : opts.directory }),
            ...(opts.issued ? { issued: opts.issued } : {}),
          });
          if (opts.review && format) {
            writeFileSync(opts.review, await writeReview(plan, format, loadCalendar()));
            process.stderr.write(
              `${opts.review}: ${plan.tasks.length} tasks to review; edit it, then: dondoc plan import ${opts.review}\n`,
            );
          }
          if (opts.json) printJson(plan);
          else process.stdout.write(formatReview(plan) + '\n');
        }),
    );
}
