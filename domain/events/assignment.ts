import { DateTime } from 'luxon';
import { ZONE } from '../calendar/types';
import type { ResolvedDeadline } from '../deadlines/types';
import type { Policy } from '../policy/policy';
import type { Command } from './commands';
import type { Actor, DondocEvent, DraftEvent, MilestoneRef, Recipient } from './schemas';

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
}

/** The national reporting statuses, plus cancelled. */
export type TaskStatus =
  'in-progress' | 'due-soon' | 'overdue' | 'done-on-time' | 'done-late' | 'no-deadline' | 'cancelled';

export const TASK_STATUSES: TaskStatus[] = [
  'in-progress',
  'due-soon',
  'overdue',
  'done-on-time',
  'done-late',
  'no-deadline',
  'cancelled',
];

/** Why an action was refused; `code` maps to the API's 403 / 409 / 400. */
export class ActionRejected extends Error {
  constructor(
    readonly code: 'forbidden' | 'conflict' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'ActionRejected';
  }
}

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

export function effectiveDue(m: MilestoneRef): string {
  return m.extendedDue ?? m.due;
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

const isMonitor = (a: Actor) => a.role === 'monitor' || a.role === 'admin' || a.role === 'system';
const actsForLead = (a: Actor, s: AssignmentState) => isMonitor(a) || (a.role === 'unit' && a.unitId === s.leadUnit);

function requireActive(s: AssignmentState): void {
  if (s.lifecycle === 'cancelled') throw new ActionRejected('conflict', 'the task is cancelled');
  if (s.lifecycle === 'completed') throw new ActionRejected('conflict', 'the task is already completed');
}

function requireCurrent(s: AssignmentState): Occurrence {
  if (!s.current) throw new ActionRejected('conflict', 'the task has no open milestone (no deadline fixed yet)');
  return s.current;
}

/**
 * Decides what a human action means for an assignment: the events it produces, or why it is refused.
 * `now` is the instant of the action (ISO with offset).
 */
export function decide(command: Command, state: AssignmentState, actor: Actor, now: string): DraftEvent[] {
  const today = localDate(now);
  if (!actsForLead(actor, state)) {
    throw new ActionRejected('forbidden', `unit ${actor.unitId ?? '?'} is not the lead unit of this assignment`);
  }
  switch (command.type) {
    case 'ReportProgress': {
      requireActive(state);
      const cur = state.current;
      if (cur && cur.milestone.kind === 'report' && cur.status === 'open') {
        // A periodic progress report is the deliverable of an ongoing task's reporting milestone.
        return [
          {
            type: 'ProgressReported',
            data: {
              milestone: cur.milestone,
              percent: command.percent,
              note: command.note,
              evidence: command.evidence,
            },
          },
          completion(cur, now),
        ];
      }
      return [
        {
          type: 'ProgressReported',
          data: {
            milestone: state.current?.milestone ?? null,
            percent: command.percent,
            note: command.note,
            evidence: command.evidence,
          },
        },
      ];
    }
    case 'SubmitResult': {
      requireActive(state);
      const cur = requireCurrent(state);
      if (cur.status === 'submitted')
        throw new ActionRejected('conflict', 'a result is already submitted and awaits approval');
      const submitted: DraftEvent = {
        type: 'ResultSubmitted',
        data: { milestone: cur.milestone, note: command.note, evidence: command.evidence },
      };
      return cur.milestone.kind === 'report' ? [submitted, completion(cur, now)] : [submitted];
    }
    case 'ApproveCompletion':
    case 'RejectCompletion': {
      if (!isMonitor(actor))
        throw new ActionRejected('forbidden', 'only the monitoring unit approves or rejects completions');
      requireActive(state);
      const cur = requireCurrent(state);
      if (cur.status !== 'submitted' || !cur.submittedAt) {
        throw new ActionRejected('conflict', 'nothing has been submitted for this milestone');
      }
      if (command.type === 'RejectCompletion') {
        return [{ type: 'CompletionRejected', data: { milestone: cur.milestone, reason: command.reason } }];
      }
      return [
        { type: 'CompletionApproved', data: { milestone: cur.milestone, note: command.note } },
        completion(cur, cur.submittedAt),
      ];
    }
    case 'RequestExtension': {
      requireActive(state);
      const cur = requireCurrent(state);
      if (cur.status === 'submitted') throw new ActionRejected('conflict', 'a result is already submitted');
      if (cur.pendingExtension) throw new ActionRejected('conflict', 'an extension request is already pending');
      if (command.requestedDue <= effectiveDue(cur.milestone)) {
        throw new ActionRejected(
          'invalid',
          `the requested date ${command.requestedDue} is not after the current due date ${effectiveDue(cur.milestone)}`,
        );
      }
      if (command.requestedDue < today)
        throw new ActionRejected('invalid', `the requested date ${command.requestedDue} is in the past`);
      return [
        {
          type: 'ExtensionRequested',
          data: { milestone: cur.milestone, requestedDue: command.requestedDue, reason: command.reason },
        },
      ];
    }
    case 'DecideExtension': {
      if (!isMonitor(actor)) throw new ActionRejected('forbidden', 'only the monitoring unit decides extensions');
      requireActive(state);
      const cur = requireCurrent(state);
      const pending = cur.pendingExtension;
      if (!pending) throw new ActionRejected('conflict', 'no extension request is pending');
      if (!command.approve) {
        return [{ type: 'ExtensionDenied', data: { milestone: cur.milestone, reason: command.note || 'denied' } }];
      }
      const newDue = command.newDue ?? pending.requestedDue;
      if (newDue <= effectiveDue(cur.milestone)) {
        throw new ActionRejected(
          'invalid',
          `the new due date ${newDue} is not after the current due date ${effectiveDue(cur.milestone)}`,
        );
      }
      if (newDue < today) throw new ActionRejected('invalid', `the new due date ${newDue} is in the past`);
      return [
        {
          type: 'ExtensionGranted',
          data: { milestone: cur.milestone, originalDue: cur.milestone.due, newDue, note: command.note },
        },
      ];
    }
    case 'Trigger': {
      requireActive(state);
      if (state.kind !== 'relative')
        throw new ActionRejected('conflict', `only relative deadlines have a trigger; this one is ${state.kind}`);
      if (command.occurredOn > today)
        throw new ActionRejected('invalid', `the event date ${command.occurredOn} is in the future`);
      return [{ type: 'TriggerReceived', data: { occurredOn: command.occurredOn, note: command.note } }];
    }
    case 'SetDueDate': {
      if (!isMonitor(actor)) throw new ActionRejected('forbidden', 'only the monitoring unit sets due dates');
      requireActive(state);
      if (state.current && state.current.status !== 'done') {
        throw new ActionRejected('conflict', 'the task already has an open milestone; request an extension instead');
      }
      if (state.kind === 'fixed' || state.kind === 'recurring' || state.kind === 'ongoing') {
        throw new ActionRejected(
          'conflict',
          `a ${state.kind} deadline comes from the plan; request an extension instead`,
        );
      }
      if (command.due < today) throw new ActionRejected('invalid', `the due date ${command.due} is in the past`);
      const index = state.milestones.length;
      return [
        {
          type: 'DueDateSet',
          data: {
            milestone: {
              index,
              label: command.label ?? `Hạn ${command.due}`,
              kind: 'deliverable',
              nominal: command.due,
              due: command.due,
              extendedDue: null,
            },
            note: command.note,
          },
        },
      ];
    }
    case 'Reassign': {
      if (!isMonitor(actor)) throw new ActionRejected('forbidden', 'only the monitoring unit reassigns tasks');
      requireActive(state);
      if (command.toUnit === state.leadUnit)
        throw new ActionRejected('conflict', `the task is already assigned to ${command.toUnit}`);
      return [
        {
          type: 'TaskReassigned',
          data: {
            fromUnit: state.leadUnit,
            toUnit: command.toUnit,
            reason: command.reason,
            recipients: { lead: command.lead, head: command.head },
          },
        },
      ];
    }
    case 'Cancel': {
      if (!isMonitor(actor)) throw new ActionRejected('forbidden', 'only the monitoring unit cancels tasks');
      requireActive(state);
      return [{ type: 'TaskCancelled', data: { reason: command.reason } }];
    }
    default: {
      const _exhaustive: never = command;
      throw new ActionRejected('invalid', `unknown command ${JSON.stringify(_exhaustive)}`);
    }
  }
}

/** The completion of a milestone delivered at `submittedAt`, judged against its due dates (Art. 148: by 24:00). */
function completion(cur: Occurrence, submittedAt: string): DraftEvent {
  const submittedMs = DateTime.fromISO(submittedAt, { setZone: true }).toMillis();
  return {
    type: 'TaskCompleted',
    data: {
      milestone: cur.milestone,
      onTime: submittedMs < endOfDayMs(effectiveDue(cur.milestone)),
      onTimeOriginal: submittedMs < endOfDayMs(cur.milestone.due),
      submittedAt,
    },
  };
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
      return state;
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
