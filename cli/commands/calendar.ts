import type { Command } from 'commander';
import { isIsoDate, MAX_YEAR, MIN_YEAR, type DayInfo, type WorkingCalendar } from '../../domain/calendar';
import { CALENDAR_FILE_ENV, loadCalendarFile, readCalendarFile, type CalendarFile } from '../../config/calendar';
import { loadSettings } from '../../config/settings';
import { viDate } from '../../domain/deadlines';
import { ReprojectionService, type ReprojectionReport } from '../../services/reprojection';
import { withRuntime } from '../../services/runtime';
import { CliError, formatTable, printJson } from '../output';
import { asCli, operatorPrincipal } from './cli-support';

export { CALENDAR_FILE_ENV };

interface CalendarOptions {
  calendar?: string;
  json?: boolean;
}

/** Builds the working calendar, applying the overrides file from `--calendar` or DONDOC_CALENDAR_FILE. */
export function loadCalendar(file?: string): WorkingCalendar {
  try {
    return loadCalendarFile(file);
  } catch (err) {
    throw new CliError(`--calendar: ${(err as Error).message}`);
  }
}

interface ReprojectOptions {
  calendar?: string;
  before?: string;
  plan?: string;
  dryRun?: boolean;
  earlier?: boolean;
  json?: boolean;
}

function readCalendarArg(file: string, option: string): CalendarFile {
  try {
    return readCalendarFile(file);
  } catch (err) {
    throw new CliError(`${option}: ${(err as Error).message}`);
  }
}

/** One line per move: "workflow  #0 Mốc 1  10/6/2026 → 11/6/2026  reason", then the totals. */
function printReprojection(report: ReprojectionReport): void {
  const rows = report.tasks.flatMap((t) =>
    t.moves.map((m) => [
      t.workflowId,
      `#${m.milestone} ${m.label}`,
      `${viDate(m.from)} → ${viDate(m.to)}`,
      t.outcome.status === 'refused' ? `refused (${t.outcome.code}): ${t.outcome.message}` : t.outcome.status,
      m.reason,
    ]),
  );
  const verb = report.dryRun ? 'would move' : 'moved';
  process.stdout.write(
    (rows.length ? formatTable(['task', 'milestone', 'due', 'outcome', 'reason'], rows) + '\n' : '') +
      `calendar ${report.calendarVersion}, today ${report.today}: ${report.examined} open task(s) examined; ` +
      `${verb} ${report.moved} milestone(s) of ${report.tasks.length - report.refused} task(s)` +
      `${report.refused ? `; ${report.refused} task(s) refused` : ''}${report.dryRun ? ' (dry run: nothing recorded)' : ''}\n`,
  );
}

function parseDateArg(value: string, argument: string): string {
  if (!isIsoDate(value)) throw new CliError(`${argument}: expected a real date as YYYY-MM-DD, got "${value}"`);
  return value;
}

function parseIntArg(value: string, argument: string, min: number, max: number): number {
  if (!/^[+-]?\d+$/.test(value)) throw new CliError(`${argument}: expected an integer, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new CliError(`${argument}: expected an integer from ${min} to ${max}, got ${value}`);
  return n;
}

function reasonOf(info: DayInfo): string {
  const label = info.kind.replace('-', ' ');
  if (info.name === null) return `${label} (${weekdayName(info.date)})`;
  return `${label}: ${info.name}${info.source ? ` [${info.source}]` : ''}`;
}

function weekdayName(date: string): string {
  const names = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  return names[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
}

function withCalendar<T>(cmd: Command, run: (calendar: WorkingCalendar, opts: CalendarOptions) => T): T {
  const opts = cmd.optsWithGlobals<CalendarOptions>();
  const calendar = loadCalendar(opts.calendar);
  try {
    return run(calendar, opts);
  } catch (err) {
    if (err instanceof RangeError || err instanceof TypeError) throw new CliError(err.message);
    throw err;
  }
}

/** `dondoc calendar …`: the working calendar of state agencies (year listing, working-day arithmetic). */
export function registerCalendarCommands(program: Command): void {
  const calendar = program
    .command('calendar')
    .description('Vietnamese working calendar for state agencies (holidays, compensatory and make-up days)')
    .option('--calendar <file>', `calendar overrides file, JSON or YAML (default: $${CALENDAR_FILE_ENV})`);

  calendar
    .command('year')
    .description('list the holidays, days off and make-up working days of a year')
    .argument('<year>', 'the year, YYYY')
    .option('--json', 'print JSON')
    .option('--calendar <file>', 'calendar overrides file, JSON or YAML')
    .action((yearArg: string, _opts: unknown, cmd: Command) =>
      withCalendar(cmd, (cal, opts) => {
        const year = parseIntArg(yearArg, 'year', MIN_YEAR, MAX_YEAR);
        const listing = cal.year(year);
        if (opts.json) {
          printJson({
            year: listing.year,
            official: listing.official,
            nonWorkingWeekdays: listing.nonWorkingWeekdays.map((d) => d.date),
            workingWeekendDays: listing.workingWeekendDays.map((d) => d.date),
            days: listing.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, source: d.source })),
          });
          return;
        }
        const header = `${year}: ${listing.official ? 'official schedule' : 'projected from the Labor Code (no published schedule)'}`;
        const rows = listing.days.map((d) => [
          d.date,
          weekdayName(d.date).slice(0, 3),
          d.working ? 'working' : 'off',
          d.kind,
          d.name,
          d.source,
        ]);
        process.stdout.write(
          `${header}\n${formatTable(['date', 'day', 'status', 'kind', 'name', 'source'], rows)}\n` +
            `${listing.nonWorkingWeekdays.length} weekday(s) off, ${listing.workingWeekendDays.length} make-up Saturday/Sunday(s)\n`,
        );
      }),
    );

  calendar
    .command('add-working-days')
    .description('Civil Code Art. 147: the date N working days after (or before, N < 0) a date')
    .argument('<date>', 'start date, YYYY-MM-DD (not counted)')
    .argument('<n>', 'number of working days, may be negative')
    .option('--json', 'print JSON')
    .option('--calendar <file>', 'calendar overrides file, JSON or YAML')
    .action((dateArg: string, nArg: string, _opts: unknown, cmd: Command) =>
      withCalendar(cmd, (cal, opts) => {
        const date = parseDateArg(dateArg, 'date');
        const n = parseIntArg(nArg, 'n', -100000, 100000);
        const result = cal.addWorkingDays(date, n);
        if (opts.json) printJson({ date: result });
        else process.stdout.write(`${result}\n`);
      }),
    );

  calendar
    .command('is-working-day')
    .description('whether a date is a working day for state agencies, and why')
    .argument('<date>', 'the date, YYYY-MM-DD')
    .option('--json', 'print JSON')
    .option('--calendar <file>', 'calendar overrides file, JSON or YAML')
    .action((dateArg: string, _opts: unknown, cmd: Command) =>
      withCalendar(cmd, (cal, opts) => {
        const date = parseDateArg(dateArg, 'date');
        const info = cal.describe(date);
        const reason = reasonOf(info);
        if (opts.json) printJson({ date, working: info.working, reason });
        else process.stdout.write(`${date}: ${info.working ? 'working day' : 'not a working day'} — ${reason}\n`);
      }),
    );

  calendar
    .command('reproject')
    .description(
      'move the open deadlines a calendar change touches (Art. 148): each move is recorded as DeadlineReprojected',
    )
    .option('--calendar <file>', 'the changed calendar overrides file, JSON or YAML (required)')
    .option('--before <file>', `the calendar the deadlines were set on (default: $${CALENDAR_FILE_ENV}, else built-in)`)
    .option('--plan <id>', 'only this plan')
    .option('--dry-run', 'list the moves without recording them')
    .option('--earlier', 'also move due dates earlier when a day off becomes a working day')
    .option('--json', 'print JSON')
    .action((_opts: unknown, cmd: Command) =>
      asCli(async () => {
        // --calendar is also the parent command's option, which takes it wherever it is written.
        const opts = cmd.optsWithGlobals<ReprojectOptions>();
        if (!opts.calendar) throw new CliError('--calendar <file>: expected the changed calendar overrides file');
        const after = readCalendarArg(opts.calendar, '--calendar');
        const before = readCalendarArg(opts.before ?? process.env[CALENDAR_FILE_ENV] ?? '', '--before');
        const report = await withRuntime(loadSettings(), async (rt) =>
          new ReprojectionService({ client: await rt.client(), store: await rt.store() }).reproject(
            operatorPrincipal(),
            {
              before: before.calendar,
              after,
              ...(opts.plan ? { planId: opts.plan } : {}),
              dryRun: opts.dryRun === true,
              earlier: opts.earlier === true,
            },
          ),
        );
        if (opts.json) return printJson(report);
        printReprojection(report);
      }),
    );
}
