import { DateTime } from 'luxon';
import { ZONE } from '../calendar/types';
import type { ResolvedDeadline } from '../deadlines/types';
import type { Policy } from '../policy/policy';
import type { AcceleratedClock } from '../process/clock';
import { TASK_STATUSES } from './constants';
import type { DondocEvent, MilestoneRef, Recipient } from './schemas';

/** Everything an assignment workflow is started with: one task, one lead unit. */
export interface AssignmentInput {
  planId: string;
  taskRef: string;
  /** The lead unit the assignment was created for; part of the workflow id. */
  unitId: string;
  title: string;
  planTitle: string;
  supportUnits: string[];
  monitoringUnit: string;
  deadline: ResolvedDeadline;
  policy: Policy;
  /** Reminders go to `lead`, level-1 escalations to `head`, level 2 to `authority`. */
  recipients: { lead: Recipient[]; head: Recipient[]; authority: Recipient[] };
  period: { from: string; to: string };
  /**
   * Added to the workflow clock. 0 in production; `dondoc simulate` sets it so that a plan from another
   * year runs on the time-skipping server as if it were that year.
   */
  clockOffsetMs?: number;
  /** A demo plan's fast clock (`dondoc up --demo`); absent in production, where the workflow runs on real time. */
  clock?: AcceleratedClock;
}

export type OccurrenceStatus = 'open' | 'submitted' | 'done';

/** The milestone an assignment is working toward now. */
export interface Occurrence {
  milestone: MilestoneRef;
  status: OccurrenceStatus;
  missed: boolean;
  escalationLevel: number;
  remindersSent: number[];
  submittedAt: string | null;
  pendingExtension: { requestedDue: string; reason: string; requestedBy: string } | null;
}

/** An explanation request ("Yêu cầu giải trình") and, once given, the lead unit's answer. */
export interface ExplanationRecord {
  milestone: MilestoneRef;
  requestedAt: string;
  by: string;
  reason: string;
  dueBy: string;
  answer: { at: string; by: string; text: string; attachments: string[]; onTime: boolean } | null;
}

export type Outcome = 'on-time' | 'late' | 'missed';

export interface AssignmentState {
  lifecycle: 'active' | 'cancelled' | 'completed';
  leadUnit: string;
  recipients: AssignmentInput['recipients'];
  kind: ResolvedDeadline['kind'];
  /** Every milestone known so far, in order; relative and external tasks add theirs as they come. */
  milestones: MilestoneRef[];
  current: Occurrence | null;
  closed: { index: number; label: string; due: string; outcome: Outcome; onTimeOriginal: boolean }[];
  progress: { percent: number; note: string; at: string } | null;
  /** Trigger dates of a relative task not yet turned into milestones. */
  pendingTriggers: string[];
  /** Explanation requests in order; absent in states carried by runs from before they existed. */
  explanations?: ExplanationRecord[];
}

/** The explanation request still waiting for its answer, if any. */
export function pendingExplanation(state: AssignmentState): ExplanationRecord | null {
  const last = state.explanations?.at(-1);
  return last && !last.answer ? last : null;
}

export { TASK_STATUSES };
/** The national reporting statuses, plus cancelled. */
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The milestones a deadline yields up front (fixed and recurring); relative and external ones come later. */
export function plannedMilestones(
  deadline: ResolvedDeadline,
  reportDates: { nominal: string; due: string; label: string }[],
): MilestoneRef[] {
  if (deadline.kind === 'ongoing') {
    return reportDates.map((r, index) => ({
      index,
      label: r.label,
      kind: 'report',
      nominal: r.nominal,
      due: r.due,
      extendedDue: null,
    }));
  }
  if (deadline.kind !== 'fixed' && deadline.kind !== 'recurring') return [];
  return deadline.milestones.map((m, index) => ({
    index,
    label: m.label,
    kind: 'deliverable',
    nominal: m.nominal,
    due: m.due,
    extendedDue: null,
  }));
}

/** The state an assignment starts from; `TaskAssigned` (the first event of every assignment) fills it in. */
export function initialState(input: AssignmentInput, milestones: MilestoneRef[]): AssignmentState {
  return {
    lifecycle: 'active',
    leadUnit: input.unitId,
    recipients: input.recipients,
    kind: input.deadline.kind,
    milestones,
    current: null,
    closed: [],
    progress: null,
    pendingTriggers: [],
  };
}

/** The state before any event: what a read model folds `TaskAssigned` into. */
export const UNASSIGNED: AssignmentState = {
  lifecycle: 'active',
  leadUnit: '',
  recipients: { lead: [], head: [], authority: [] },
  kind: 'unparsed',
  milestones: [],
  current: null,
  closed: [],
  progress: null,
  pendingTriggers: [],
};

/** The date a milestone is due now: an extension's, else a calendar re-projection's, else the original. */
export function effectiveDue(m: MilestoneRef): string {
  return m.extendedDue ?? m.reprojectedDue ?? m.due;
}

/** A milestone moved to `to` by a calendar change: an extension date moves itself, else the original stays. */
export function reprojected(m: MilestoneRef, to: string): MilestoneRef {
  return m.extendedDue ? { ...m, extendedDue: to } : { ...m, reprojectedDue: to };
}

/** The first instant after a civil date's 24:00 in Asia/Ho_Chi_Minh, in epoch ms. */
export function endOfDayMs(date: string): number {
  return DateTime.fromISO(date, { zone: ZONE }).plus({ days: 1 }).toMillis();
}

export function localDate(instant: string): string {
  return DateTime.fromISO(instant, { setZone: true }).setZone(ZONE).toISODate() as string;
}

/** The status monitoring offices report for this assignment. */
export function taskStatus(state: AssignmentState): TaskStatus {
  switch (state.lifecycle) {
    case 'cancelled':
      return 'cancelled';
    case 'completed': {
      if (state.closed.length === 0) return 'no-deadline';
      return state.closed.some((c) => c.outcome !== 'on-time') ? 'done-late' : 'done-on-time';
    }
    case 'active': {
      const cur = state.current;
      if (!cur) {
        if (state.closed.some((c) => c.outcome === 'missed')) return 'overdue';
        return state.milestones.length > state.closed.length ? 'in-progress' : 'no-deadline';
      }
      if (cur.missed && cur.status !== 'submitted') return 'overdue';
      if (cur.remindersSent.length > 0 && cur.status === 'open') return 'due-soon';
      return 'in-progress';
    }
    default: {
      const _exhaustive: never = state.lifecycle;
      return _exhaustive;
    }
  }
}

function closeCurrent(state: AssignmentState, outcome: Outcome, onTimeOriginal: boolean): AssignmentState {
  const cur = state.current;
  if (!cur) return state;
  return {
    ...state,
    current: null,
    closed: [
      ...state.closed,
      {
        index: cur.milestone.index,
        label: cur.milestone.label,
        due: effectiveDue(cur.milestone),
        outcome,
        onTimeOriginal,
      },
    ],
  };
}

function withCurrent(state: AssignmentState, f: (o: Occurrence) => Occurrence): AssignmentState {
  return state.current ? { ...state, current: f(state.current) } : state;
}

/**
 * Applies an event to the assignment's state. Pure, and the only way the state changes: folding a task's events
 * from UNASSIGNED rebuilds the state its workflow holds (for runs since the patch state-events-v1).
 */
export function evolve(state: AssignmentState, event: DondocEvent): AssignmentState {
  switch (event.type) {
    case 'TaskAssigned':
      return {
        ...state,
        leadUnit: event.data.leadUnit,
        kind: event.data.deadlineKind as AssignmentState['kind'],
        recipients: event.data.recipients ?? state.recipients,
      };
    case 'MilestonesPlanned': {
      const planned = event.data.milestones;
      return {
        ...state,
        milestones: [...planned, ...state.milestones.filter((m) => !planned.some((p) => p.index === m.index))],
      };
    }
    case 'DeadlineScheduled': {
      const m = event.data.milestone;
      const known = state.milestones.some((x) => x.index === m.index);
      const milestones = known ? state.milestones.map((x) => (x.index === m.index ? m : x)) : [...state.milestones, m];
      if (state.current?.milestone.index === m.index)
        return { ...state, milestones, current: { ...state.current, milestone: m } };
      const base = state.current && state.current.status !== 'done' ? closeCurrent(state, 'missed', false) : state;
      return {
        ...base,
        milestones,
        current: {
          milestone: m,
          status: 'open',
          missed: false,
          escalationLevel: 0,
          remindersSent: [],
          submittedAt: null,
          pendingExtension: null,
        },
      };
    }
    case 'ReminderSent':
      return withCurrent(state, (o) => ({ ...o, remindersSent: [...o.remindersSent, event.data.workingDaysBefore] }));
    case 'DeadlineMissed':
      return withCurrent(state, (o) => ({ ...o, missed: true }));
    case 'TaskEscalated':
      return withCurrent(state, (o) => ({ ...o, escalationLevel: Math.max(o.escalationLevel, event.data.level) }));
    case 'ProgressReported':
      return { ...state, progress: { percent: event.data.percent, note: event.data.note, at: event.metadata.at } };
    case 'ResultSubmitted':
      return withCurrent(state, (o) => ({
        ...o,
        status: 'submitted',
        submittedAt: event.metadata.at,
        pendingExtension: null,
      }));
    case 'CompletionApproved':
      return state;
    case 'CompletionRejected':
      return withCurrent(state, (o) => ({ ...o, status: 'open', submittedAt: null }));
    case 'ExtensionRequested':
      return withCurrent(state, (o) => ({
        ...o,
        pendingExtension: {
          requestedDue: event.data.requestedDue,
          reason: event.data.reason,
          requestedBy: event.metadata.actor.id,
        },
      }));
    case 'ExtensionGranted': {
      const extend = (m: MilestoneRef): MilestoneRef => ({ ...m, extendedDue: event.data.newDue });
      return {
        ...state,
        milestones: state.milestones.map((m) => (m.index === event.data.milestone.index ? extend(m) : m)),
        current: state.current
          ? {
              ...state.current,
              milestone: extend(state.current.milestone),
              pendingExtension: null,
              missed: false,
              escalationLevel: 0,
              remindersSent: [],
            }
          : null,
      };
    }
    case 'DeadlineReprojected': {
      const index = event.data.milestone.index;
      const move = (m: MilestoneRef): MilestoneRef => (m.index === index ? reprojected(m, event.data.to) : m);
      const cur = state.current;
      return {
        ...state,
        milestones: state.milestones.map(move),
        // The current milestone's reminders and escalations start over from the new date, as after an extension.
        current:
          cur && cur.milestone.index === index
            ? { ...cur, milestone: move(cur.milestone), missed: false, escalationLevel: 0, remindersSent: [] }
            : cur,
      };
    }
    case 'ExtensionDenied':
      return withCurrent(state, (o) => ({ ...o, pendingExtension: null }));
    case 'TriggerReceived':
      return { ...state, pendingTriggers: [...state.pendingTriggers, event.data.occurredOn] };
    case 'TriggerConsumed': {
      const i = state.pendingTriggers.indexOf(event.data.occurredOn);
      return i < 0 ? state : { ...state, pendingTriggers: state.pendingTriggers.filter((_, j) => j !== i) };
    }
    case 'DueDateSet':
      return { ...state, milestones: [...state.milestones, event.data.milestone] };
    case 'TaskReassigned':
      return {
        ...state,
        leadUnit: event.data.toUnit,
        recipients: event.data.recipients ? { ...state.recipients, ...event.data.recipients } : state.recipients,
      };
    case 'AssignmentClosed':
      return { ...state, lifecycle: 'completed' };
    case 'TaskCancelled':
      return { ...state, lifecycle: 'cancelled' };
    case 'ActionRefused':
    case 'ManualReminderSent':
      return state;
    case 'ExplanationRequested':
      return {
        ...state,
        explanations: [
          ...(state.explanations ?? []),
          {
            milestone: event.data.milestone,
            requestedAt: event.metadata.at,
            by: event.data.by,
            reason: event.data.reason,
            dueBy: event.data.dueBy,
            answer: null,
          },
        ],
      };
    case 'ExplanationSubmitted': {
      const list = state.explanations ?? [];
      const i = list.length - 1;
      if (i < 0 || list[i]!.answer) return state;
      const { by, text, attachments, onTime } = event.data;
      const answer = { at: event.metadata.at, by, text, attachments, onTime };
      return { ...state, explanations: [...list.slice(0, i), { ...list[i]!, answer }] };
    }
    case 'TaskCompleted': {
      const closed = closeCurrent(state, event.data.onTime ? 'on-time' : 'late', event.data.onTimeOriginal);
      return closed;
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
