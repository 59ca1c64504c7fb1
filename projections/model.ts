import {
  effectiveDue,
  evolve,
  taskStatus,
  TASK_STATUSES,
  UNASSIGNED,
  type AssignmentState,
  type Outcome,
  type TaskStatus,
} from '../domain/events/assignment';
import type { DondocEvent, MilestoneRef } from '../domain/events/schemas';

/** A closed milestone as the projections count it: who was lead when it closed, and how it ended. */
export interface ClosedOutcome {
  index: number;
  label: string;
  /** The original due date (ISO civil date, Asia/Ho_Chi_Minh). */
  due: string;
  /** The due date after extensions; on-time is judged against it. */
  effectiveDue: string;
  outcome: Outcome;
  /** On time against the original due date, ignoring extensions. */
  onTimeOriginal: boolean;
  /** The lead unit when the milestone closed; scorecards credit it. */
  unitId: string;
}

/**
 * The read model of one assignment (task × lead unit), folded from its events through the workflow's own
 * `evolve`, from UNASSIGNED: its state, and so its status, are the workflow's.
 */
export interface TaskProjection {
  workflowId: string;
  planId: string;
  taskRef: string;
  /** The current lead unit (changes on TaskReassigned). */
  unitId: string;
  title: string;
  planTitle: string;
  status: TaskStatus;
  deadlineKind: string;
  deadlineText: string;
  /** The effective due date of the open milestone, or null. */
  nextDue: string | null;
  escalationLevel: number;
  milestones: MilestoneRef[];
  closed: ClosedOutcome[];
  progress: { percent: number; note: string; at: string } | null;
  /**
   * The reminder and escalation instants the workflow scheduled for the open milestone (DeadlineScheduled), while
   * that milestone's due date stands; null otherwise. Absent in records folded before it existed.
   */
  schedule?: ScheduledNotices | null;
  /** Sequence of the last event folded in; events with seq ≤ lastSeq are ignored. */
  lastSeq: number;
  lastEventAt: string;
  updatedAt: string;
}

/** The notices scheduled for one milestone, as DeadlineScheduled recorded them. */
export interface ScheduledNotices {
  milestoneIndex: number;
  /** The effective due date they were scheduled for. */
  due: string;
  reminders: string[];
  escalations: { level: number; at: string }[];
}

/** What the projector stores per task: the read model plus the domain state it folds with. */
export interface TaskRecord extends TaskProjection {
  state: AssignmentState;
}

/** On-time figures for one period (a quarter `2025-Q2` or a year `2025`) of milestone due dates. */
export interface PeriodRate {
  closed: number;
  onTime: number;
  onTimeOriginal: number;
  /** onTime / closed, or null when nothing closed. */
  onTimeRate: number | null;
  /** onTimeOriginal / closed, or null when nothing closed. */
  onTimeRateOriginal: number | null;
}

/** One unit's counters, derived from task records (never incremented), so nothing is counted twice. */
export interface UnitScorecard {
  unitId: string;
  /** Assignments the unit currently leads, cancelled ones excluded. */
  assigned: number;
  /** Milestones closed on time (against the effective due date) while the unit was lead. */
  doneOnTime: number;
  /** Milestones closed late or missed while the unit was lead. */
  doneLate: number;
  /** Assignments the unit leads that are overdue now. */
  overdue: number;
  onTimeRate: number | null;
  onTimeRateOriginal: number | null;
  byQuarter: Record<string, PeriodRate>;
  byYear: Record<string, PeriodRate>;
}

/** A plan's counts per status and its on-time rate. */
export interface PlanSummary {
  planId: string;
  planTitle: string | null;
  tasks: number;
  byStatus: Record<TaskStatus, number>;
  closedMilestones: number;
  onTimeRate: number | null;
  onTimeRateOriginal: number | null;
}

/** The result of folding one event into a task record. */
export type FoldResult =
  { applied: true; record: TaskRecord } | { applied: false; reason: 'duplicate' | 'gap' | 'no-assignment' };

function newRecord(event: Extract<DondocEvent, { type: 'TaskAssigned' }>, now: string): TaskRecord {
  const m = event.metadata;
  return {
    workflowId: m.workflowId,
    planId: m.planId,
    taskRef: m.taskRef,
    unitId: event.data.leadUnit,
    title: event.data.title,
    planTitle: event.data.planTitle,
    status: 'no-deadline',
    deadlineKind: event.data.deadlineKind,
    deadlineText: event.data.deadlineText,
    nextDue: null,
    escalationLevel: 0,
    milestones: [],
    closed: [],
    progress: null,
    schedule: null,
    lastSeq: 0,
    lastEventAt: m.at,
    updatedAt: now,
    state: UNASSIGNED,
  };
}

/** Closed outcomes newly added by `evolve`, each credited to the lead unit of the closing event. */
function closedOutcomes(
  before: AssignmentState,
  after: AssignmentState,
  event: DondocEvent,
  prev: ClosedOutcome[],
): ClosedOutcome[] {
  if (after.closed.length === before.closed.length) return prev;
  const added = after.closed.slice(before.closed.length).map((c) => {
    const m = before.milestones.find((x) => x.index === c.index) ?? before.current?.milestone;
    return {
      index: c.index,
      label: c.label,
      due: m?.due ?? c.due,
      effectiveDue: c.due,
      outcome: c.outcome,
      onTimeOriginal: c.onTimeOriginal,
      unitId: event.metadata.unitId,
    };
  });
  return [...prev, ...added];
}

/**
 * The notices scheduled for the open milestone after `event`: those of a DeadlineScheduled, kept while the open
 * milestone and its effective due date are the ones they were scheduled for (a move without a new schedule drops
 * them, and readers fall back to the policy).
 */
function scheduleAfter(
  prev: ScheduledNotices | null,
  event: DondocEvent,
  openIndex: number | null,
  nextDue: string | null,
): ScheduledNotices | null {
  const s =
    event.type === 'DeadlineScheduled'
      ? {
          milestoneIndex: event.data.milestone.index,
          due: effectiveDue(event.data.milestone),
          reminders: event.data.reminders,
          escalations: event.data.escalations,
        }
      : prev;
  return s && s.milestoneIndex === openIndex && s.due === nextDue ? s : null;
}

/**
 * Folds one event into a task record (pure). Events must arrive in seq order: a seq at or below
 * `lastSeq` is a duplicate, a seq beyond `lastSeq + 1` a gap (the caller waits for the missing event).
 * `now` stamps `updatedAt`.
 */
export function foldEvent(record: TaskRecord | null, event: DondocEvent, now: string): FoldResult {
  const m = event.metadata;
  if (record && m.seq <= record.lastSeq) return { applied: false, reason: 'duplicate' };
  if ((record?.lastSeq ?? 0) + 1 !== m.seq) return { applied: false, reason: 'gap' };
  let base: TaskRecord;
  if (record) base = record;
  else if (event.type === 'TaskAssigned') base = newRecord(event, now);
  else return { applied: false, reason: 'no-assignment' };

  const state = evolve(base.state, event);
  const cur = state.current;
  const nextDue = cur ? effectiveDue(cur.milestone) : null;
  return {
    applied: true,
    record: {
      ...base,
      unitId: state.leadUnit,
      status: taskStatus(state),
      nextDue,
      escalationLevel: cur?.escalationLevel ?? 0,
      milestones: state.milestones,
      closed: closedOutcomes(base.state, state, event, base.closed),
      progress: state.progress,
      schedule: scheduleAfter(base.schedule ?? null, event, cur?.milestone.index ?? null, nextDue),
      lastSeq: m.seq,
      lastEventAt: m.at,
      updatedAt: now,
      state,
    },
  };
}

/** The read model without the fold state. */
export function toProjection(record: TaskRecord): TaskProjection {
  const { state: _state, ...view } = record;
  return view;
}

/** `2025-Q2` for a civil date `2025-05-31`. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

function emptyRate(): PeriodRate {
  return { closed: 0, onTime: 0, onTimeOriginal: 0, onTimeRate: null, onTimeRateOriginal: null };
}

function addOutcome(rate: PeriodRate, c: ClosedOutcome): void {
  rate.closed += 1;
  if (c.outcome === 'on-time') rate.onTime += 1;
  if (c.onTimeOriginal) rate.onTimeOriginal += 1;
  rate.onTimeRate = ratio(rate.onTime, rate.closed);
  rate.onTimeRateOriginal = ratio(rate.onTimeOriginal, rate.closed);
}

/**
 * A unit's scorecard computed from task records. Quarter and year are those of the milestone's original
 * due date, a civil date in Asia/Ho_Chi_Minh.
 */
export function unitScorecard(unitId: string, tasks: Iterable<TaskProjection>): UnitScorecard {
  const card: UnitScorecard = {
    unitId,
    assigned: 0,
    doneOnTime: 0,
    doneLate: 0,
    overdue: 0,
    onTimeRate: null,
    onTimeRateOriginal: null,
    byQuarter: {},
    byYear: {},
  };
  const total = emptyRate();
  for (const t of tasks) {
    if (t.unitId === unitId && t.status !== 'cancelled') card.assigned += 1;
    if (t.unitId === unitId && t.status === 'overdue') card.overdue += 1;
    for (const c of t.closed) {
      if (c.unitId !== unitId) continue;
      if (c.outcome === 'on-time') card.doneOnTime += 1;
      else card.doneLate += 1;
      addOutcome(total, c);
      addOutcome((card.byQuarter[quarterOf(c.due)] ??= emptyRate()), c);
      addOutcome((card.byYear[c.due.slice(0, 4)] ??= emptyRate()), c);
    }
  }
  card.onTimeRate = total.onTimeRate;
  card.onTimeRateOriginal = total.onTimeRateOriginal;
  return card;
}

/** Counts per status and the on-time rate of a plan's assignments. */
export function planSummary(planId: string, tasks: Iterable<TaskProjection>): PlanSummary {
  const byStatus = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
  const total = emptyRate();
  let count = 0;
  let planTitle: string | null = null;
  for (const t of tasks) {
    if (t.planId !== planId) continue;
    count += 1;
    planTitle ??= t.planTitle;
    byStatus[t.status] += 1;
    for (const c of t.closed) addOutcome(total, c);
  }
  return {
    planId,
    planTitle,
    tasks: count,
    byStatus,
    closedMilestones: total.closed,
    onTimeRate: total.onTimeRate,
    onTimeRateOriginal: total.onTimeRateOriginal,
  };
}
