import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { ZONE, type WorkingCalendar } from '../../domain/calendar/types';
import {
  explainDeadline,
  interpretDeadline,
  type DeadlineContext,
  type DeadlineExplanation,
  type ResolvedDeadline,
} from '../../domain/deadlines';
import { loadCalendar } from './calendar';
import { CliError, formatTable, printJson } from '../output';

interface ParseOptions {
  issued?: string;
  until?: string;
  from?: string;
  json?: boolean;
  explain?: boolean;
  calendar?: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function isIsoDay(s: string): boolean {
  return ISO.test(s) && DateTime.fromISO(s, { zone: ZONE }).isValid;
}

/** The CLI contract: exactly these keys, in this order (`explanation` only with --explain). */
function contract(r: ResolvedDeadline): ResolvedDeadline {
  return {
    text: r.text,
    kind: r.kind,
    milestones: r.milestones.map((m) => ({ label: m.label, nominal: m.nominal, due: m.due })),
    recurrence: r.recurrence,
    trigger: r.trigger,
    workingDays: r.workingDays,
    calendarDays: r.calendarDays,
    start: r.start,
    notes: r.notes,
    months: r.months ?? null,
    certain: r.certain ?? true,
    review: r.review ?? null,
  };
}

function withExplanation(
  r: ResolvedDeadline,
  calendar: WorkingCalendar,
  explain: boolean | undefined,
): ResolvedDeadline & { explanation?: DeadlineExplanation } {
  const out = contract(r);
  return explain ? { ...out, explanation: explainDeadline(r, calendar) } : out;
}

/** --issued defaults to today in Asia/Ho_Chi_Minh, --until to the end of the issued year. */
function contextFrom(issued: string | undefined, until: string | undefined, from: string | undefined): DeadlineContext {
  const ctx: DeadlineContext = {
    issued: issued ?? (DateTime.now().setZone(ZONE).toISODate() as string),
    until: '',
  };
  ctx.until = until ?? `${ctx.issued.slice(0, 4)}-12-31`;
  if (from !== undefined) ctx.from = from;
  return ctx;
}

function checkOption(name: string, value: string | undefined): void {
  if (value !== undefined && !isIsoDay(value)) {
    throw new CliError(`--${name} expects a date as YYYY-MM-DD, got "${value}"`);
  }
}

function render(r: ResolvedDeadline): string {
  const lines = [`${r.kind}: ${r.text.replace(/\s+/g, ' ').trim()}`];
  if (r.milestones.length > 0) {
    lines.push(
      formatTable(
        ['label', 'nominal', 'due'],
        r.milestones.map((m) => [m.label, m.nominal, m.due]),
      ),
    );
  }
  if (r.recurrence) {
    const rec = r.recurrence;
    lines.push(
      `recurrence: every ${rec.interval > 1 ? `${rec.interval} ` : ''}${rec.every}` +
        `${rec.dayOfPeriod ? `, day ${rec.dayOfPeriod}` : ''}${rec.month ? `, month ${rec.month}` : ''}`,
    );
  }
  if (r.trigger) lines.push(`trigger: ${r.trigger}`);
  if (r.workingDays !== null) lines.push(`working days: ${r.workingDays}`);
  if (r.calendarDays !== null) lines.push(`calendar days: ${r.calendarDays}`);
  if (r.months) lines.push(`months: ${r.months}`);
  if (r.start) lines.push(`start: ${r.start}`);
  if (r.certain === false) lines.push('certain: no, flagged for review');
  for (const n of r.notes ?? []) lines.push(`note: ${n}`);
  return lines.join('\n');
}

function renderExplanation(e: DeadlineExplanation): string {
  return ['', `Giải thích: ${e.summary}`, ...e.lines.map((l) => `  - ${l}`)].join('\n');
}

/** One JSON Lines input line → one output object; a bad line yields {"error": "line N: …"}. */
function processLine(line: string, n: number, defaults: ParseOptions, calendar: WorkingCalendar): unknown {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { error: `line ${n}: expected a JSON object {"text","issued","until"}, got invalid JSON` };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { error: `line ${n}: expected a JSON object {"text","issued","until"}` };
  }
  const o = input as Record<string, unknown>;
  if (typeof o.text !== 'string') return { error: `line ${n}: expected "text" to be a string` };
  for (const key of ['issued', 'until', 'from'] as const) {
    const v = o[key];
    if (v !== undefined && v !== null && (typeof v !== 'string' || !isIsoDay(v))) {
      return { error: `line ${n}: expected "${key}" as a date YYYY-MM-DD` };
    }
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const ctx = contextFrom(
    str(o.issued) ?? defaults.issued,
    str(o.until) ?? (str(o.issued) ? undefined : defaults.until),
    str(o.from) ?? defaults.from,
  );
  return withExplanation(interpretDeadline(o.text, ctx, calendar), calendar, defaults.explain);
}

async function parseStdin(options: ParseOptions, calendar: WorkingCalendar): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  const out: string[] = [];
  for await (const line of rl) {
    n++;
    let result: unknown;
    try {
      result =
        line.trim() === ''
          ? { error: `line ${n}: expected a JSON object, got an empty line` }
          : processLine(line, n, options, calendar);
    } catch (err) {
      result = { error: `line ${n}: ${err instanceof Error ? err.message : String(err)}` };
    }
    out.push(JSON.stringify(result));
    if (out.length >= 256) process.stdout.write(out.splice(0).join('\n') + '\n');
  }
  if (out.length > 0) process.stdout.write(out.join('\n') + '\n');
}

/** `dondoc deadline parse`: reads a deadline phrase against a plan context. */
export function registerDeadlineCommands(program: Command): void {
  const deadline = program.command('deadline').description('Read deadline phrases of plan tasks');
  deadline
    .command('parse')
    .description('Parse a deadline phrase (or JSON Lines {"text","issued","until"} from stdin when no text is given)')
    .argument('[text]', 'the deadline phrase, e.g. "Trước tháng 10 năm 2022"')
    .option('--issued <date>', 'plan issue date YYYY-MM-DD (default: today, Asia/Ho_Chi_Minh)')
    .option('--until <date>', 'end of the plan period YYYY-MM-DD (default: end of the issued year)')
    .option('--from <date>', 'start of the plan period YYYY-MM-DD (default: the issue date)')
    .option('--json', 'print one JSON object')
    .option('--explain', 'say how the text became dates, in Vietnamese (JSON: an "explanation" key)')
    .option('--calendar <file>', 'a calendar overrides file (default: DONDOC_CALENDAR_FILE)')
    .action(async (text: string | undefined, options: ParseOptions) => {
      checkOption('issued', options.issued);
      checkOption('until', options.until);
      checkOption('from', options.from);
      const calendar = loadCalendar(options.calendar);
      if (text === undefined) {
        await parseStdin(options, calendar);
        return;
      }
      const ctx = contextFrom(options.issued, options.until, options.from);
      if (ctx.until < ctx.issued && options.from === undefined) {
        throw new CliError(`--until expects a date on or after --issued (${ctx.issued}), got "${ctx.until}"`);
      }
      const resolved = interpretDeadline(text, ctx, calendar);
      const result = withExplanation(resolved, calendar, options.explain);
      if (options.json) printJson(result);
      else {
        const explanation = result.explanation ? renderExplanation(result.explanation) + '\n' : '';
        process.stdout.write(render(result) + '\n' + explanation);
      }
    });
}
