import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { importPlan } from '../../domain/plans/import';
import type { Plan, PlanTask } from '../../domain/plans/model';
import { CliError, formatTable, printJson } from '../output';

function readPlanFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(
      `${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)}); expected a plan document`,
    );
  }
}

function leadText(task: PlanTask): string {
  return task.lead.map((m) => (m.kind === 'unresolved' ? `?${m.text}` : m.text)).join('; ');
}

function flags(task: PlanTask, plan: Plan): string {
  const out: string[] = [];
  if (task.lead.length === 0) out.push('NO-LEAD');
  if (task.lead.some((m) => m.kind === 'unresolved')) out.push('UNIT?');
  if (task.deadline.kind === 'unparsed') out.push('DEADLINE?');
  if (task.deadline.notes?.some((n) => n.includes('end of plan period'))) out.push('DEFAULT-DEADLINE');
  const n = plan.warnings.filter((w) => w.ref === task.ref).length;
  if (n > 0) out.push(`${n}w`);
  return out.join(' ');
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Renders an imported plan as a review table for a person to check. */
export function formatReview(plan: Plan): string {
  const p = plan.plan;
  const head = [
    `${p.number ?? '(no number)'} — ${p.issuer} — issued ${p.issued}`,
    p.title,
    `period ${p.period.from} → ${p.period.to}; directory ${p.directory ?? 'none'}; monitoring ${p.monitoringUnit ?? '-'}; id ${p.id}`,
    `${plan.tasks.length} tasks, ${plan.warnings.length} warnings (layout ${p.layout})`,
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

/** `dondoc import <file> [--json] [--year YYYY]`: imports a plan and prints it for review. */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Import a plan (seed text, corpus markdown, or JSON/YAML/CSV) and print it for review')
    .argument('<file>', 'plan document')
    .option('--json', 'print the imported plan as JSON')
    .option('--year <year>', 're-anchor the plan to another year')
    .option(
      '--directory <id>',
      'resolve units against this directory ("none": no directory) instead of the detected one',
    )
    .option('--issued <date>', 'the issue date (YYYY-MM-DD) of a document that states none')
    .action((file: string, opts: { json?: boolean; year?: string; directory?: string; issued?: string }) => {
      let year: number | undefined;
      if (opts.year !== undefined) {
        if (!/^\d{4}$/.test(opts.year)) throw new CliError(`--year: expected a year YYYY, got "${opts.year}"`);
        year = Number(opts.year);
      }
      if (opts.issued !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.issued))
        throw new CliError(`--issued: expected a date YYYY-MM-DD, got "${opts.issued}"`);
      const directory =
        opts.directory === undefined ? {} : { directory: opts.directory === 'none' ? null : opts.directory };
      const result = importPlan(readPlanFile(file), file, {
        year,
        ...directory,
        ...(opts.issued ? { issued: opts.issued } : {}),
      });
      if (!result.ok) throw new CliError(result.error.message);
      if (opts.json) printJson(result.plan);
      else process.stdout.write(formatReview(result.plan) + '\n');
    });
}
