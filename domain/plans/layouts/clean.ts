import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CsvError, parseCsv as parseCsvRecords } from '../../csv';
import { IsoDateSchema } from '../../deadlines/types';
import type { Plan } from '../model';
import { LayoutError, type RawPlan } from '../raw';
import { readReportedStatus, type ReportedStatus } from './status';

const CellList = z.union([z.string(), z.array(z.string())]).optional();

/** The hand-typed plan format (JSON or YAML); see domain/plans/README.md. */
export const CleanPlanSchema = z.object({
  plan: z.object({
    number: z.string().nullable().optional(),
    issuer: z.string().min(1),
    issued: IsoDateSchema,
    title: z.string().min(1),
    period: z.object({ from: IsoDateSchema, to: IsoDateSchema }).optional(),
    directory: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a directory id or "none"')
      .optional(),
  }),
  tasks: z
    .array(
      z.object({
        ref: z.union([z.string(), z.number()]).transform(String),
        section: z.string().optional(),
        title: z.string().min(1),
        products: CellList,
        lead: CellList,
        support: CellList,
        accountable: CellList,
        deadline: z.string().optional(),
        /** What the document reports of the task ("Đã hoàn thành"): a completed task starts no workflow. */
        status: z.string().optional(),
      }),
    )
    .min(1, 'at least one task'),
});
export type CleanPlan = z.input<typeof CleanPlanSchema>;

/**
 * A plan written back in the clean layout, its mentions and phrases as imported (the inverse of this reader):
 * importing it again resolves units and deadlines afresh, e.g. for another year or another directory.
 */
export function asCleanPlan(plan: Plan, directory: string | null = plan.plan.directory): CleanPlan {
  return {
    plan: {
      number: plan.plan.number,
      issuer: plan.plan.issuer,
      issued: plan.plan.issued,
      title: plan.plan.title,
      period: plan.plan.period,
      directory: directory ?? 'none',
    },
    tasks: plan.tasks.map((t) => ({
      ref: t.ref,
      section: t.section,
      title: t.title,
      products: t.products,
      lead: t.lead.map((m) => m.text),
      support: t.support.map((m) => m.text),
      accountable: t.accountable.map((m) => m.text),
      deadline: t.deadline.text,
      ...(t.reported ? { status: t.reported.text } : {}),
    })),
  };
}

/** A list cell: one item per line when it has several lines (an item may hold ";"), else items split on ";". */
const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : v.split(v.includes('\n') ? /\s*\n\s*/ : /\s*;\s*/).filter(Boolean);

function fromObject(value: unknown, layout: string): RawPlan {
  const parsed = CleanPlanSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LayoutError(
      `a plan object { plan, tasks } (${issue?.path.join('.') || 'root'}: ${issue?.message})`,
      null,
    );
  }
  const { plan, tasks } = parsed.data;
  const directory = plan.directory === undefined ? undefined : plan.directory === 'none' ? null : plan.directory;
  return {
    layout,
    warnings: [],
    headerText: '',
    meta: {
      number: plan.number ?? null,
      issuer: plan.issuer,
      issued: plan.issued,
      title: plan.title,
      ...(plan.period ? { from: plan.period.from, to: plan.period.to } : {}),
      ...(directory !== undefined ? { directory } : guessDirectory(plan.issuer)),
    },
    tasks: tasks.map((t, i) => ({
      ref: t.ref,
      section: t.section ?? '',
      title: t.title,
      products: list(t.products),
      lead: list(t.lead).join('; '),
      support: list(t.support).join('; '),
      accountable: list(t.accountable).join('; '),
      deadlineText: t.deadline ?? '',
      ...statusOf(t.status),
      line: i + 1,
      endLine: i + 1,
    })),
  };
}

function statusOf(cell: string | undefined): { status?: ReportedStatus } {
  const status = cell ? readReportedStatus(cell) : null;
  return status ? { status } : {};
}

/** The shipped directory the issuer names; otherwise nothing, so the plan builder detects a loaded one. */
function guessDirectory(issuer: string): { directory?: 'hcm' | 'hcm-q1' } {
  if (/quận 1\b/i.test(issuer)) return { directory: 'hcm-q1' };
  if (/hồ chí minh/i.test(issuer)) return { directory: 'hcm' };
  return {};
}

export function readJson(text: string): RawPlan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new LayoutError(`valid JSON (${err instanceof Error ? err.message : String(err)})`, null);
  }
  return fromObject(value, 'json');
}

export function readYaml(text: string): RawPlan {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (err) {
    const line = (err as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? null;
    throw new LayoutError(`valid YAML (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`, line);
  }
  return fromObject(value, 'yaml');
}

/** RFC 4180 CSV (domain/csv.ts); an unreadable one is a layout error at its line. */
export function parseCsv(text: string): { rows: string[][]; lines: number[] } {
  try {
    return parseCsvRecords(text);
  } catch (err) {
    if (err instanceof CsvError) throw new LayoutError(`${err.expected} in the CSV`, err.line);
    throw err;
  }
}

const CSV_COLUMNS = [
  'ref',
  'section',
  'title',
  'products',
  'lead',
  'support',
  'accountable',
  'deadline',
  'status',
] as const;

/** CSV: "# key: value" metadata lines, then a header row with (at least) ref,title,lead,deadline. */
export function readCsv(text: string): RawPlan {
  const meta: Record<string, string> = {};
  const body: string[] = [];
  const bodyStart = { line: 0 };
  text.split(/\r?\n/).forEach((l, i) => {
    const m = /^#\s*([a-z.]+)\s*:\s*(.*)$/i.exec(l);
    if (m && body.length === 0) meta[(m[1] ?? '').toLowerCase()] = (m[2] ?? '').trim();
    else {
      if (body.length === 0) bodyStart.line = i;
      body.push(l);
    }
  });
  const { rows, lines } = parseCsv(body.join('\n'));
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  for (const need of ['ref', 'title', 'lead', 'deadline']) {
    if (!header.includes(need)) throw new LayoutError(`a CSV header row with column "${need}"`, bodyStart.line + 1);
  }
  const idx = Object.fromEntries(CSV_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof CSV_COLUMNS)[number],
    number
  >;
  const cell = (r: string[], c: (typeof CSV_COLUMNS)[number]) => (idx[c] >= 0 ? (r[idx[c]] ?? '').trim() : '');
  const tasks = rows
    .slice(1)
    .map((r, k) => ({ r, line: bodyStart.line + (lines[k + 1] ?? 0) }))
    .filter(({ r }) => r.some((c) => c.trim()))
    .map(({ r, line }) => ({
      ref: cell(r, 'ref'),
      section: cell(r, 'section') || undefined,
      title: cell(r, 'title'),
      products: cell(r, 'products') || undefined,
      lead: cell(r, 'lead') || undefined,
      support: cell(r, 'support') || undefined,
      accountable: cell(r, 'accountable') || undefined,
      deadline: cell(r, 'deadline'),
      status: cell(r, 'status') || undefined,
      line,
    }));
  const bad = tasks.find((t) => !t.ref || !t.title);
  if (bad) throw new LayoutError('every CSV row to have a ref and a title', bad.line);
  const plan = {
    number: meta['number'] ?? null,
    issuer: meta['issuer'],
    issued: meta['issued'],
    title: meta['title'],
    ...(meta['from'] && meta['to'] ? { period: { from: meta['from'], to: meta['to'] } } : {}),
    ...(meta['directory'] ? { directory: meta['directory'] } : {}),
  };
  const raw = fromObject({ plan, tasks }, 'csv');
  raw.tasks.forEach((t, i) => {
    t.line = tasks[i]?.line ?? t.line;
    t.endLine = t.line;
  });
  return raw;
}
