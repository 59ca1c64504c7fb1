import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import type { DondocEvent } from '../../domain/events/schemas';
import { importPlan } from '../../domain/plans/import';
import { plannedAssignments } from '../../domain/plans/assignments';
import type { Plan } from '../../domain/plans/model';
import { ScenarioSchema } from '../../domain/process/scenario';
import { localMs, simulateProcesses } from '../../domain/process/simulator';
import { LINE_STATUSES, type ReportData, type StatusGrid } from '../../domain/reports';
import { loadSettings } from '../../config/settings';
import {
  ReportService,
  ReportQuerySchema,
  gridOf,
  reportFile,
  reportFrom,
  type ReportQuery,
} from '../../services/reports';
import { ReportEverySchema } from '../../domain/reports/schedule';
import { GRID_COLUMNS, gridValues } from '../../reports';
import { ReportScheduleService, type ReportScheduleView } from '../../services/report-schedules';
import { withRuntime } from '../../services/runtime';
import { CliError, formatTable, printJson } from '../output';
import { asCli, operatorPrincipal } from './cli-support';
import { loadCalendar } from './calendar';

const KINDS = ['grid', 'score', 'xlsx', 'docx', 'csv'] as const;
type Kind = (typeof KINDS)[number];

interface ReportOpts {
  plan?: string;
  simulate?: string;
  scenario?: string;
  until?: string;
  period?: string;
  asOf?: string;
  unit?: string;
  rule?: string;
  by?: string;
  out?: string;
  calendar?: string;
  json?: boolean;
}

const pct = (r: number | null) => (r === null ? '-' : `${Math.round(r * 1000) / 10}%`);

function gridText(grid: StatusGrid): string {
  const row = (r: StatusGrid['total']) => [r.label.slice(0, 40), ...gridValues(r)];
  return formatTable([grid.dimension, ...GRID_COLUMNS], [...grid.rows.map(row), row(grid.total)]);
}

function readPlan(file: string): Plan {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`${file}: cannot read: ${(err as Error).message}`);
  }
  const r = importPlan(text, path.basename(file));
  if (!r.ok)
    throw new CliError(
      `${r.error.file}${r.error.line ? `:${r.error.line}` : ''}: ${r.error.message} (expected ${r.error.expected})`,
    );
  return r.plan;
}

/** A report from a simulation (no servers): the plan file run with the scenario to --until. */
function simulated(opts: ReportOpts, q: ReportQuery): { report: ReportData; plans: Plan[] } {
  const plan = readPlan(opts.simulate!);
  const calendar = loadCalendar(opts.calendar);
  let scenario;
  if (opts.scenario) {
    let raw: unknown;
    try {
      raw = parseYaml(fs.readFileSync(opts.scenario, 'utf8'));
    } catch (err) {
      throw new CliError(`${opts.scenario}: cannot read as YAML/JSON: ${(err as Error).message}`);
    }
    const parsed = ScenarioSchema.safeParse(raw);
    if (!parsed.success)
      throw new CliError(
        `${opts.scenario}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    scenario = parsed.data;
  }
  const until = opts.until ?? q.asOf ?? plan.plan.period.to;
  const { events } = simulateProcesses(plannedAssignments(plan), {
    startMs: localMs(plan.plan.issued, '08:00'),
    untilMs: localMs(until) + 86_400_000,
    ...(scenario ? { scenario } : {}),
    calendar,
  });
  const query = { ...q, asOf: q.asOf ?? until };
  return { report: reportFrom([plan], events as DondocEvent[], query, calendar, new Date()), plans: [plan] };
}

/** `dondoc report grid|score|xlsx|docx|csv`: the status grid, the PAR score and the report files. */
export function registerReportCommands(program: Command): void {
  const report = program
    .command('report')
    // Options after `schedule` are the subcommand's (`--plan` there is the schedule's scope, not a report's).
    .enablePositionalOptions()
    .description('status grid, PAR Index plan-completion score, and the report files (.xlsx ledger, .docx report, CSV)')
    .argument('<kind>', KINDS.join(' | '))
    // Checked in the action: commander checks a parent's mandatory options for its subcommands too (`schedule`).
    .option('--period <key>', 'YYYY, YYYY-H1/H2, YYYY-Q1..Q4 or YYYY-MM (required)')
    .option('--plan <ids>', 'comma-separated plan ids (from the stream and the plan registry)')
    .option('--simulate <planFile>', 'instead of --plan: simulate this plan document (no servers needed)')
    .option('--scenario <file>', 'with --simulate: scripted actions (YAML/JSON)')
    .option('--until <date>', 'with --simulate: last day simulated (default --as-of, else the plan period end)')
    .option('--as-of <date>', 'report date, YYYY-MM-DD (default today)')
    .option('--unit <id>', "only this lead unit's lines")
    .option('--rule <id>', 'PAR scoring rule (docs/reports.md)')
    .option('--by <dimension>', 'grid rows: unit, plan, issuer, month, quarter, half, year', 'unit')
    .option('--out <file>', 'where to write xlsx/docx/csv (default: a file name in the current directory)')
    .option('--calendar <file>', 'calendar overrides file')
    .option('--json', 'print JSON (grid, score; for files: where it was written)')
    .action((kindArg: string, opts: ReportOpts) =>
      asCli(async () => {
        if (!KINDS.includes(kindArg as Kind))
          throw new CliError(`<kind>: expected one of ${KINDS.join(', ')}, got "${kindArg}"`);
        const kind = kindArg as Kind;
        if (!opts.period) throw new CliError("required option '--period <key>' not specified");
        if (!opts.plan === !opts.simulate) throw new CliError('give either --plan <ids> or --simulate <planFile>');
        const q = ReportQuerySchema.parse({
          period: opts.period,
          ...(opts.asOf ? { asOf: opts.asOf } : {}),
          ...(opts.unit ? { unit: opts.unit } : {}),
          ...(opts.rule ? { rule: opts.rule } : {}),
          by: opts.by,
        });
        const { report, plans } = opts.simulate
          ? simulated(opts, q)
          : await withRuntime(loadSettings(), async (rt) =>
              new ReportService({ js: rt.nats.js, plans: rt.plans, calendar: loadCalendar(opts.calendar) }).build(
                operatorPrincipal(),
                opts
                  .plan!.split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
                q,
              ),
            );
        if (kind === 'grid') {
          const grid = gridOf(report, q.by, plans);
          if (opts.json) return printJson({ period: report.period, asOf: report.asOf, grid });
          process.stdout.write(`${report.period.label}, as of ${report.asOf}\n${gridText(grid)}\n`);
          return;
        }
        if (kind === 'score') {
          if (opts.json) return printJson(report.score);
          const s = report.score!;
          process.stdout.write(
            [
              `${s.rule.criterion}`,
              `as of ${s.asOf}: ${s.completed}/${s.tasks} tasks of ${s.year} completed (${pct(s.share)}) → ${s.points}/${s.rule.maxPoints} points (${s.band})`,
              `already due: ${s.completedOfDueSoFar}/${s.dueSoFar} completed (${pct(s.shareOfDueSoFar)}) → ${s.pointsOfDueSoFar} points`,
              `source: ${s.rule.source}${s.rule.verified ? '' : ' [thresholds not yet checked against the text]'}`,
            ].join('\n') + '\n',
          );
          return;
        }
        const file = await reportFile(report, kind);
        const out = opts.out ?? file.filename;
        fs.writeFileSync(out, file.body);
        const counts = Object.fromEntries(LINE_STATUSES.map((s) => [s, report.byUnit.total.counts[s]]));
        if (opts.json) return printJson({ file: out, bytes: file.body.length, lines: report.lines.length, counts });
        process.stdout.write(`${out}: ${file.body.length} bytes, ${report.lines.length} ledger lines\n`);
      }),
    );
  registerScheduleCommands(report);
}

interface ScheduleCreateOpts {
  every: string;
  plan?: string;
  issuer?: string;
  recipient: string[];
  json?: boolean;
}

const splitIds = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function scheduleRow(s: ReportScheduleView): string[] {
  const scope = !s.spec ? '?' : 'plans' in s.spec.scope ? s.spec.scope.plans.join(',') : s.spec.scope.issuer;
  return [
    s.scheduleId,
    s.spec?.every ?? '?',
    scope,
    s.spec?.recipients.join(',') || '-',
    s.paused ? 'paused' : (s.nextActionTimes[0] ?? '-'),
    String(s.recentActions.length),
  ];
}

async function withSchedules<T>(f: (s: ReportScheduleService) => Promise<T>): Promise<T> {
  const settings = loadSettings();
  return await withRuntime(settings, async (rt) =>
    f(
      new ReportScheduleService({
        client: await rt.client(),
        plans: rt.plans,
        taskQueue: settings.TEMPORAL_TASK_QUEUE,
      }),
    ),
  );
}

/** `dondoc report schedule create|list|delete`: the period-end report Schedules on Temporal. */
function registerScheduleCommands(report: Command): void {
  const schedule = report
    .command('schedule')
    .description("period-end report Schedules on Temporal: the report is built after each period's end and sent");
  schedule
    .command('create')
    .description("create a Schedule that reports on some plans, or an issuer's plans, after each period's end")
    .requiredOption('--every <period>', ReportEverySchema.options.join(' | '))
    .option('--plan <ids>', 'comma-separated plan ids the report covers')
    .option('--issuer <name>', "instead of --plan: every plan this body issued (e.g. 'UBND Quận 1')")
    .option(
      '--recipient <unitId>',
      "an extra unit that receives the report (repeatable); the plans' monitoring unit always does",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--json', 'print the created schedule as JSON')
    .action((opts: ScheduleCreateOpts) =>
      asCli(async () => {
        if (!opts.plan === !opts.issuer) throw new CliError('give either --plan <ids> or --issuer <name>');
        const every = ReportEverySchema.safeParse(opts.every);
        if (!every.success)
          throw new CliError(`--every: expected one of ${ReportEverySchema.options.join(', ')}, got "${opts.every}"`);
        const spec = {
          every: every.data,
          scope: opts.plan ? { plans: splitIds(opts.plan) } : { issuer: opts.issuer! },
          recipients: opts.recipient,
        };
        const created = await withSchedules((s) => s.create(spec));
        if (opts.json) return printJson(created);
        process.stdout.write(
          `created ${created.scheduleId}; next report run ${created.nextActionTimes[0] ?? '(none scheduled)'}\n`,
        );
      }),
    );
  schedule
    .command('list')
    .description('list the report Schedules (also in `temporal schedule list`)')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      asCli(async () => {
        const list = await withSchedules((s) => s.list());
        if (opts.json) return printJson({ schedules: list });
        if (list.length === 0) {
          process.stdout.write('no report schedule\n');
          return;
        }
        process.stdout.write(
          formatTable(['schedule', 'every', 'scope', 'recipients', 'next run', 'runs'], list.map(scheduleRow)) + '\n',
        );
      }),
    );
  schedule
    .command('delete')
    .description('delete a report Schedule; the reports it already generated stay')
    .argument('<scheduleId>', 'as `list` shows it, e.g. report-quarter-plans-kh-98')
    .action((id: string) =>
      asCli(async () => {
        await withSchedules((s) => s.delete(id));
        process.stdout.write(`deleted ${id}\n`);
      }),
    );
}
