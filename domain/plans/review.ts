import { z } from 'zod';
import type { WorkingCalendar } from '../calendar/types';
import { explainDeadline } from '../deadlines/explain';
import type { ResolvedDeadline } from '../deadlines/types';
import { IsoDateSchema } from '../deadlines/types';
import { DirectoryIdSchema, type Mention, type Plan, type PlanTask } from './model';

/**
 * The review sheet: every task as read, for a person to check and correct before anything starts. The editable
 * columns are the plan's own words (ref … deadline); the others are computed on every import, so the sheet shows
 * what dondoc understood and a correction is read again from scratch. `dondoc import <review file>` takes it back
 * as the clean CSV/YAML layouts do (the derived columns are ignored there).
 */
export const REVIEW_COLUMNS = [
  { key: 'ref', editable: true, label: 'Số TT / ref' },
  { key: 'section', editable: true, label: 'Mục / section' },
  { key: 'title', editable: true, label: 'Nhiệm vụ / task' },
  { key: 'lead', editable: true, label: 'Chủ trì / lead' },
  { key: 'lead_resolved', editable: false, label: 'Chủ trì đã xác định / lead as resolved' },
  { key: 'support', editable: true, label: 'Phối hợp / support' },
  { key: 'support_resolved', editable: false, label: 'Phối hợp đã xác định / support as resolved' },
  { key: 'accountable', editable: true, label: 'Người chịu trách nhiệm / accountable' },
  { key: 'products', editable: true, label: 'Sản phẩm / product' },
  { key: 'deadline', editable: true, label: 'Thời hạn / deadline text' },
  { key: 'status', editable: true, label: 'Tình hình đã báo cáo / reported status' },
  { key: 'reading', editable: false, label: 'Cách hiểu / reading' },
  { key: 'nominal', editable: false, label: 'Hạn theo văn bản / nominal' },
  { key: 'due', editable: false, label: 'Hạn xử lý / due' },
  { key: 'flags', editable: false, label: 'Cần xem / flags' },
  { key: 'warnings', editable: false, label: 'Ghi chú / warnings' },
] as const;
export type ReviewColumn = (typeof REVIEW_COLUMNS)[number]['key'];
export type ReviewRow = Record<ReviewColumn, string>;

/** The plan's header as the review sheet writes it (`# key: value` lines in CSV, a sheet of its own in .xlsx). */
export const ReviewMetaSchema = z.object({
  number: z.string().nullable(),
  issuer: z.string().min(1),
  issued: IsoDateSchema,
  title: z.string().min(1),
  from: IsoDateSchema,
  to: IsoDateSchema,
  directory: z.union([DirectoryIdSchema, z.literal('none')]),
});
export type ReviewMeta = z.infer<typeof ReviewMetaSchema>;

const fmtDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${Number(d)}/${Number(m)}/${y}`;
};

/**
 * How a deadline was read, in one line ("Trước tháng 10" → hạn 30/9/2026, xử lý đến 30/9/2026). The one place
 * the reading is worded, so a fuller Vietnamese explanation can replace it.
 */
export function readingOf(d: ResolvedDeadline): string {
  const first = d.milestones[0];
  const more = d.milestones.length > 1 ? ` (+${d.milestones.length - 1} mốc)` : '';
  switch (d.kind) {
    case 'fixed':
    case 'recurring': {
      if (!first) return d.kind === 'recurring' ? `định kỳ: ${d.recurrence?.description ?? ''}`.trim() : 'không có mốc';
      const rule = d.kind === 'recurring' ? `định kỳ ${d.recurrence?.description ?? ''}; ` : '';
      const roll = first.due !== first.nominal ? `, lùi sang ngày làm việc ${fmtDate(first.due)}` : '';
      return `${rule}hạn ${fmtDate(first.nominal)}${roll}${more}`;
    }
    case 'relative':
      return `${d.workingDays ?? d.calendarDays ?? '?'} ${d.workingDays !== null ? 'ngày làm việc' : 'ngày'} sau khi ${d.trigger ?? 'sự kiện'}`;
    case 'ongoing':
      return `thường xuyên${d.start ? ` từ ${fmtDate(d.start)}` : ''}${first ? `; mốc ${fmtDate(first.due)}${more}` : ''}`;
    case 'external':
      return `theo văn bản/sự kiện khác${d.trigger ? `: ${d.trigger}` : ''}`;
    case 'unparsed':
      return `chưa hiểu được thời hạn${d.notes?.[0] ? ` (${d.notes[0]})` : ''}`;
    default: {
      const _exhaustive: never = d.kind;
      return String(_exhaustive);
    }
  }
}

const mentionText = (ms: Mention[]) => ms.map((m) => m.text).join('; ');
const resolvedText = (ms: Mention[]) =>
  ms
    .map((m) =>
      m.kind === 'unresolved'
        ? `? ${m.text}`
        : `${m.text} → ${m.unitIds.length > 3 ? `${m.unitIds.slice(0, 3).join(', ')} … (${m.unitIds.length})` : m.unitIds.join(', ')}`,
    )
    .join('; ');

/** The doubtful-row flags a person should look at first. */
export function flagsOf(task: PlanTask, plan: Plan): string[] {
  const out: string[] = [];
  if (task.lead.length === 0) out.push('NO-LEAD');
  if (task.lead.some((m) => m.kind === 'unresolved')) out.push('UNIT?');
  if (task.deadline.kind === 'unparsed') out.push('DEADLINE?');
  if (task.deadline.notes?.some((n) => n.includes('end of plan period'))) out.push('DEFAULT-DEADLINE');
  if (task.deadline.milestones.some((m) => m.nominal < plan.plan.issued)) out.push('BEFORE-ISSUE');
  if (plan.warnings.some((w) => w.ref === task.ref)) out.push('WARNING');
  return out;
}

/**
 * The review rows of a plan, one per task. With the working calendar, each reading is the Vietnamese explanation of
 * how the deadline text became dates (explainDeadline), naming the rule or holiday that moved each date.
 */
export function reviewRows(plan: Plan, calendar?: WorkingCalendar): ReviewRow[] {
  return plan.tasks.map((t) => ({
    ref: t.ref,
    section: t.section,
    title: t.title,
    lead: mentionText(t.lead),
    lead_resolved: resolvedText(t.lead),
    support: mentionText(t.support),
    support_resolved: resolvedText(t.support),
    accountable: mentionText(t.accountable),
    // One product per line: a product may itself hold ";".
    products: t.products.join('\n'),
    deadline: t.deadline.text,
    status: t.reported?.text ?? '',
    reading: calendar ? explainedReading(t.deadline, calendar) : readingOf(t.deadline),
    nominal: t.deadline.milestones.map((m) => m.nominal).join('; '),
    due: t.deadline.milestones.map((m) => m.due).join('; '),
    flags: flagsOf(t, plan).join(' '),
    warnings: plan.warnings
      .filter((w) => w.ref === t.ref)
      .map((w) => w.message)
      .join(' | '),
  }));
}

function explainedReading(d: ResolvedDeadline, calendar: WorkingCalendar): string {
  const e = explainDeadline(d, calendar);
  return [e.summary, ...e.lines].join('\n');
}

/** The header a review sheet writes. */
export function reviewMeta(plan: Plan): ReviewMeta {
  const p = plan.plan;
  return {
    number: p.number,
    issuer: p.issuer,
    issued: p.issued,
    title: p.title,
    from: p.period.from,
    to: p.period.to,
    directory: p.directory ?? 'none',
  };
}

/** A review sheet back as a clean plan object (the JSON/YAML layout's `{ plan, tasks }`). */
export function cleanPlanOf(meta: ReviewMeta, rows: ReviewRow[]): unknown {
  return {
    plan: {
      number: meta.number,
      issuer: meta.issuer,
      issued: meta.issued,
      title: meta.title,
      period: { from: meta.from, to: meta.to },
      directory: meta.directory,
    },
    tasks: rows.map((r) => ({
      ref: r.ref,
      section: r.section,
      title: r.title,
      products: r.products.split(/\s*\n\s*/).filter(Boolean),
      lead: r.lead,
      support: r.support,
      accountable: r.accountable,
      deadline: r.deadline,
      ...(r.status ? { status: r.status } : {}),
    })),
  };
}

/** Where a review sheet is wrong: the row (as the sheet numbers it), the column and what was expected. */
export class ReviewCellError extends Error {
  constructor(
    readonly row: number,
    readonly column: string,
    readonly expected: string,
  ) {
    super(`row ${row}, column ${column}: expected ${expected}`);
  }
}

/** Checks the editable cells a person may have broken: refs present and unique, tasks named. */
export function checkReviewRows(
  rows: { row: number; cells: ReviewRow }[],
  columnName: (key: ReviewColumn) => string,
): void {
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    if (!cells.ref.trim()) throw new ReviewCellError(row, columnName('ref'), 'a task ref (e.g. 1.2)');
    const before = seen.get(cells.ref.trim());
    if (before !== undefined)
      throw new ReviewCellError(row, columnName('ref'), `a ref of its own; ${cells.ref} is already on row ${before}`);
    seen.set(cells.ref.trim(), row);
    if (!cells.title.trim()) throw new ReviewCellError(row, columnName('title'), 'the task text');
  }
}
