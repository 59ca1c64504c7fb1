import { DateTime } from 'luxon';
import { z } from 'zod';
import { ZONE, type WorkingCalendar } from '../calendar/types';
import { endOfDayMs, evolve, localDate, type AssignmentState } from '../events/assignment';
import type { DondocEvent, MilestoneRef } from '../events/schemas';

/**
 * The status of one milestone of one assignment as the Government Office's task-tracking reports count it
 * (hoàn thành đúng hạn, hoàn thành quá hạn, chưa hoàn thành trong hạn, chưa hoàn thành quá hạn), with near due
 * split out of "within the deadline" and "no deadline fixed yet" added. Judged against the ORIGINAL due date:
 * an extension never turns a late milestone into an on-time one (it is shown, and counted, as extended).
 */
export const LineStatusSchema = z.enum([
  'done-on-time',
  'done-late',
  'within-deadline',
  'near-due',
  'overdue',
  'no-deadline',
]);
export type LineStatus = z.infer<typeof LineStatusSchema>;
export const LINE_STATUSES = LineStatusSchema.options;

/** Vietnamese names of the statuses, as the reports print them. */
export const LINE_STATUS_LABELS: Record<LineStatus, string> = {
  'done-on-time': 'Hoàn thành đúng hạn',
  'done-late': 'Hoàn thành quá hạn',
  'within-deadline': 'Chưa hoàn thành, trong hạn',
  'near-due': 'Chưa hoàn thành, sắp đến hạn',
  overdue: 'Chưa hoàn thành, quá hạn',
  'no-deadline': 'Chưa xác định thời hạn',
};

/** One row of the follow-up ledger (sổ theo dõi): one milestone of one task × lead unit. */
export interface ReportLine {
  /** `<workflowId>#<milestone index>`, or `<workflowId>#-` for an assignment without a deadline yet. */
  id: string;
  workflowId: string;
  planId: string;
  taskRef: string;
  title: string;
  /** The lead unit answering for the line: the one that closed the milestone, or the current lead. */
  unitId: string;
  supportUnits: string[];
  monitoringUnit: string;
  deadlineText: string;
  milestoneLabel: string | null;
  /**
   * The last day the deadline's text allows ("Trong năm 2022": 2022-12-31), before Art. 148's roll-forward; the
   * period a line belongs to is the period of this date, so a year's task stays in that year's report.
   */
  nominal: string | null;
  /** The original due date (after Art. 148's roll-forward); null when no deadline is fixed yet. */
  due: string | null;
  /** The due date after an approved extension, or null. */
  extendedDue: string | null;
  status: LineStatus;
  /** The civil date the result was submitted (and later approved), or null. */
  completedOn: string | null;
  /** Calendar days past the original due date: at completion, or as of the report date when still open. */
  daysLate: number | null;
  evidence: string[];
  /** Notes the unit gave with its result or progress, last first. */
  note: string | null;
  /** Explanation requests ("yêu cầu giải trình") made about this milestone by the report date, with the answers. */
  explanations: LineExplanation[];
}

/** One explanation request about a ledger line's milestone and, once given, the lead unit's answer. */
export interface LineExplanation {
  /** When it was asked (ISO instant) and by which unit (the monitoring unit, or the monitor's unit). */
  requestedAt: string;
  requestedBy: string;
  reason: string;
  /** The civil date the answer is due by. */
  dueBy: string;
  /** The answer, or null while it is awaited (as of the report date). */
  answer: { at: string; by: string; text: string; attachments: string[]; onTime: boolean } | null;
}

/** Options of `reportLines`. */
export interface LineOptions {
  /** The report's date (civil date, Asia/Ho_Chi_Minh): events after its 24:00 are not counted. */
  asOf: string;
  /** Open milestones due within this many working days of `asOf` are near due (default 5, the first reminder). */
  nearDueWorkingDays?: number;
  /** The working calendar for near-due; without one, calendar days are counted. */
  calendar?: WorkingCalendar;
}

const days = (from: string, to: string): number =>
  Math.round(DateTime.fromISO(to, { zone: ZONE }).diff(DateTime.fromISO(from, { zone: ZONE }), 'days').days);

interface Folded {
  first: Extract<DondocEvent, { type: 'TaskAssigned' }>;
  state: AssignmentState;
  cancelled: boolean;
  /** Per milestone index: the unit that closed it, when and how. */
  completions: Map<number, { unitId: string; submittedAt: string; onTimeOriginal: boolean }>;
  closedBy: Map<number, string>;
  evidence: Map<number, string[]>;
  notes: Map<number, string>;
}

function fold(events: DondocEvent[], untilMs: number): Folded | null {
  const sorted = [...events].sort((a, b) => a.metadata.seq - b.metadata.seq);
  const first = sorted[0];
  if (!first || first.type !== 'TaskAssigned') return null;
  const f: Folded = {
    first,
    state: {
      lifecycle: 'active',
      leadUnit: first.data.leadUnit,
      recipients: { lead: [], head: [], authority: [] },
      kind: first.data.deadlineKind as AssignmentState['kind'],
      milestones: [],
      current: null,
      closed: [],
      progress: null,
      pendingTriggers: [],
    },
    cancelled: false,
    completions: new Map(),
    closedBy: new Map(),
    evidence: new Map(),
    notes: new Map(),
  };
  for (const e of sorted) {
    if (Date.parse(e.metadata.at) >= untilMs) break;
    const before = f.state;
    f.state = evolve(f.state, e);
    for (const c of f.state.closed.slice(before.closed.length)) f.closedBy.set(c.index, e.metadata.unitId);
    switch (e.type) {
      case 'TaskCompleted':
        f.completions.set(e.data.milestone.index, {
          unitId: e.metadata.unitId,
          submittedAt: e.data.submittedAt,
          onTimeOriginal: e.data.onTimeOriginal,
        });
        break;
      case 'ResultSubmitted':
      case 'ProgressReported': {
        const m = e.data.milestone;
        if (!m) break;
        if (e.data.evidence.length > 0)
          f.evidence.set(m.index, [...(f.evidence.get(m.index) ?? []), ...e.data.evidence]);
        if (e.data.note) f.notes.set(m.index, e.data.note);
        break;
      }
      case 'TaskCancelled':
        f.cancelled = true;
        break;
      default:
        break;
    }
  }
  return f;
}

/**
 * The ledger lines of one assignment as of a date, folded from its events with the assignment's own `evolve`
 * (the rule the workflow and the projections use). A cancelled assignment keeps the lines it closed before
 * the cancellation and drops its open ones.
 */
export function assignmentLines(events: DondocEvent[], opts: LineOptions): ReportLine[] {
  const untilMs = endOfDayMs(opts.asOf);
  const f = fold(events, untilMs);
  if (!f) return [];
  const a = f.first;
  const base = {
    workflowId: a.metadata.workflowId,
    planId: a.metadata.planId,
    taskRef: a.metadata.taskRef,
    title: a.data.title.trim(),
    supportUnits: a.data.supportUnits,
    monitoringUnit: a.data.monitoringUnit,
    deadlineText: a.data.deadlineText,
  };
  const nearDays = opts.nearDueWorkingDays ?? 5;
  const lines: ReportLine[] = [];
  const milestones: MilestoneRef[] = [...f.state.milestones].sort((x, y) => x.index - y.index);
  for (const m of milestones) {
    const done = f.completions.get(m.index);
    const closedBy = f.closedBy.get(m.index);
    if (f.cancelled && !done && !closedBy) continue;
    let status: LineStatus;
    let completedOn: string | null = null;
    let daysLate: number | null = null;
    if (done) {
      completedOn = localDate(done.submittedAt);
      status = done.onTimeOriginal ? 'done-on-time' : 'done-late';
      const late = days(m.due, completedOn);
      daysLate = late > 0 ? late : 0;
    } else if (m.due < opts.asOf) {
      status = 'overdue';
      daysLate = days(m.due, opts.asOf);
    } else {
      const ahead = opts.calendar ? opts.calendar.workingDaysBetween(opts.asOf, m.due) : days(opts.asOf, m.due);
      status = ahead <= nearDays ? 'near-due' : 'within-deadline';
    }
    lines.push({
      ...base,
      id: `${base.workflowId}#${m.index}`,
      unitId: done?.unitId ?? closedBy ?? f.state.leadUnit,
      milestoneLabel: m.label,
      nominal: m.nominal,
      due: m.due,
      extendedDue: m.extendedDue,
      status,
      completedOn,
      daysLate,
      evidence: f.evidence.get(m.index) ?? [],
      note: f.notes.get(m.index) ?? null,
      explanations: (f.state.explanations ?? [])
        .filter((x) => x.milestone.index === m.index)
        .map((x) => ({
          requestedAt: x.requestedAt,
          requestedBy: x.by,
          reason: x.reason,
          dueBy: x.dueBy,
          answer: x.answer,
        })),
    });
  }
  if (lines.length === 0 && !f.cancelled && f.state.milestones.length === 0) {
    lines.push({
      ...base,
      id: `${base.workflowId}#-`,
      unitId: f.state.leadUnit,
      milestoneLabel: null,
      nominal: null,
      due: null,
      extendedDue: null,
      status: 'no-deadline',
      completedOn: null,
      daysLate: null,
      evidence: [],
      note: null,
      explanations: [],
    });
  }
  return lines;
}

/** Every ledger line of a set of events (any number of assignments and plans), sorted by plan, task, unit, due. */
export function reportLines(events: Iterable<DondocEvent>, opts: LineOptions): ReportLine[] {
  const byWorkflow = new Map<string, DondocEvent[]>();
  for (const e of events) {
    const list = byWorkflow.get(e.metadata.workflowId);
    if (list) list.push(e);
    else byWorkflow.set(e.metadata.workflowId, [e]);
  }
  const lines = [...byWorkflow.values()].flatMap((evs) => assignmentLines(evs, opts));
  return lines.sort(compareLines);
}

/** Task refs in document order: 1.2 before 1.10, 2 before 2.1. */
export function compareRefs(a: string, b: string): number {
  const pa = a.split(/[.\s]+/);
  const pb = b.split(/[.\s]+/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = Number(x);
    const ny = Number(y);
    const c = Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x.localeCompare(y);
    if (c !== 0) return c;
  }
  return 0;
}

function compareLines(a: ReportLine, b: ReportLine): number {
  return (
    a.planId.localeCompare(b.planId) ||
    compareRefs(a.taskRef, b.taskRef) ||
    a.unitId.localeCompare(b.unitId) ||
    (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
    a.id.localeCompare(b.id)
  );
}
