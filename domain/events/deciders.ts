import { DateTime } from 'luxon';
import {
  effectiveDue,
  endOfDayMs,
  localDate,
  pendingExplanation,
  type AssignmentState,
  type Occurrence,
} from './assignment';
import type { Command, CommandType } from './commands';
import type { Actor, DraftEvent, Refusal, RefusalCode } from './schemas';

/** What a command means for an assignment: the events it produces, or why it is refused. */
export type Decision = { ok: true; events: DraftEvent[] } | { ok: false; refusal: Refusal };

/** One command's rules: given the state, who acts and when (`today`, `now`), the decision. */
export type Decider<C extends Command> = (
  state: AssignmentState,
  command: C,
  ctx: { actor: Actor; now: string; today: string },
) => Decision;

const accept = (...events: DraftEvent[]): Decision => ({ ok: true, events });
export const refuse = (code: RefusalCode, message: string): Decision => ({ ok: false, refusal: { code, message } });

const isMonitor = (a: Actor) => a.role === 'monitor' || a.role === 'admin' || a.role === 'system';
const actsForLead = (a: Actor, s: AssignmentState) => isMonitor(a) || (a.role === 'unit' && a.unitId === s.leadUnit);

/** The refusal of an action on an assignment that is no longer active, or null. */
function inactive(s: AssignmentState): Decision | null {
  if (s.lifecycle === 'cancelled') return refuse('conflict', 'the task is cancelled');
  if (s.lifecycle === 'completed') return refuse('conflict', 'the task is already completed');
  return null;
}

const noMilestone = () => refuse('conflict', 'the task has no open milestone (no deadline fixed yet)');
const monitorsOnly = (actor: Actor, what: string) =>
  isMonitor(actor) ? null : refuse('forbidden', `only the monitoring unit ${what}`);

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

/** A progress report; on an ongoing task's open reporting milestone it is that milestone's deliverable. */
const reportProgress: Decider<Extract<Command, { type: 'ReportProgress' }>> = (s, c, { now }) => {
  const refused = inactive(s);
  if (refused) return refused;
  const cur = s.current;
  const data = { percent: c.percent, note: c.note, evidence: c.evidence };
  if (cur && cur.milestone.kind === 'report' && cur.status === 'open') {
    return accept({ type: 'ProgressReported', data: { milestone: cur.milestone, ...data } }, completion(cur, now));
  }
  return accept({ type: 'ProgressReported', data: { milestone: cur?.milestone ?? null, ...data } });
};

/** A result for the open milestone; a report milestone is done with it, a deliverable awaits approval. */
const submitResult: Decider<Extract<Command, { type: 'SubmitResult' }>> = (s, c, { now }) => {
  const cur = s.current;
  const refused = inactive(s);
  if (refused) return refused;
  if (!cur) return noMilestone();
  if (cur.status === 'submitted') return refuse('conflict', 'a result is already submitted and awaits approval');
  const submitted: DraftEvent = {
    type: 'ResultSubmitted',
    data: { milestone: cur.milestone, note: c.note, evidence: c.evidence },
  };
  return cur.milestone.kind === 'report' ? accept(submitted, completion(cur, now)) : accept(submitted);
};

/** The monitoring unit's verdict on a submitted result; approval completes it as of its submission. */
const reviewCompletion: Decider<Extract<Command, { type: 'ApproveCompletion' | 'RejectCompletion' }>> = (
  s,
  c,
  { actor },
) => {
  const cur = s.current;
  const refused = monitorsOnly(actor, 'approves or rejects completions') ?? inactive(s);
  if (refused) return refused;
  if (!cur) return noMilestone();
  if (cur.status !== 'submitted' || !cur.submittedAt)
    return refuse('conflict', 'nothing has been submitted for this milestone');
  if (c.type === 'RejectCompletion')
    return accept({ type: 'CompletionRejected', data: { milestone: cur.milestone, reason: c.reason } });
  return accept(
    { type: 'CompletionApproved', data: { milestone: cur.milestone, note: c.note } },
    completion(cur, cur.submittedAt),
  );
};

/** A later due date asked for the open milestone; the original stays on record. */
const requestExtension: Decider<Extract<Command, { type: 'RequestExtension' }>> = (s, c, { today }) => {
  const cur = s.current;
  const refused = inactive(s);
  if (refused) return refused;
  if (!cur) return noMilestone();
  if (cur.status === 'submitted') return refuse('conflict', 'a result is already submitted');
  if (cur.pendingExtension) return refuse('conflict', 'an extension request is already pending');
  const due = effectiveDue(cur.milestone);
  if (c.requestedDue <= due)
    return refuse('invalid', `the requested date ${c.requestedDue} is not after the current due date ${due}`);
  if (c.requestedDue < today) return refuse('invalid', `the requested date ${c.requestedDue} is in the past`);
  return accept({
    type: 'ExtensionRequested',
    data: { milestone: cur.milestone, requestedDue: c.requestedDue, reason: c.reason },
  });
};

/** The monitoring unit grants (by default the requested date) or denies a pending extension. */
const decideExtension: Decider<Extract<Command, { type: 'DecideExtension' }>> = (s, c, { actor, today }) => {
  const cur = s.current;
  const refused = monitorsOnly(actor, 'decides extensions') ?? inactive(s);
  if (refused) return refused;
  if (!cur) return noMilestone();
  const pending = cur.pendingExtension;
  if (!pending) return refuse('conflict', 'no extension request is pending');
  if (!c.approve)
    return accept({ type: 'ExtensionDenied', data: { milestone: cur.milestone, reason: c.note || 'denied' } });
  const newDue = c.newDue ?? pending.requestedDue;
  const due = effectiveDue(cur.milestone);
  if (newDue <= due) return refuse('invalid', `the new due date ${newDue} is not after the current due date ${due}`);
  if (newDue < today) return refuse('invalid', `the new due date ${newDue} is in the past`);
  return accept({
    type: 'ExtensionGranted',
    data: { milestone: cur.milestone, originalDue: cur.milestone.due, newDue, note: c.note },
  });
};

/** The event a relative deadline counts from ("khi có thay đổi nhân sự") has happened. */
const trigger: Decider<Extract<Command, { type: 'Trigger' }>> = (s, c, { today }) => {
  const refused = inactive(s);
  if (refused) return refused;
  if (s.kind !== 'relative') return refuse('conflict', `only relative deadlines have a trigger; this one is ${s.kind}`);
  if (c.occurredOn > today) return refuse('invalid', `the event date ${c.occurredOn} is in the future`);
  return accept({ type: 'TriggerReceived', data: { occurredOn: c.occurredOn, note: c.note } });
};

/** The monitoring unit fixes a due date the plan left open ("theo kế hoạch riêng", a count with no trigger). */
const setDueDate: Decider<Extract<Command, { type: 'SetDueDate' }>> = (s, c, { actor, today }) => {
  const refused = monitorsOnly(actor, 'sets due dates') ?? inactive(s);
  if (refused) return refused;
  if (s.current && s.current.status !== 'done')
    return refuse('conflict', 'the task already has an open milestone; request an extension instead');
  if (s.kind === 'fixed' || s.kind === 'recurring' || s.kind === 'ongoing')
    return refuse('conflict', `a ${s.kind} deadline comes from the plan; request an extension instead`);
  if (c.due < today) return refuse('invalid', `the due date ${c.due} is in the past`);
  const milestone = {
    index: s.milestones.length,
    label: c.label ?? `Hạn ${c.due}`,
    kind: 'deliverable' as const,
    nominal: c.due,
    due: c.due,
    extendedDue: null,
  };
  return accept({ type: 'DueDateSet', data: { milestone, note: c.note } });
};

/** Another lead unit takes the task over, with whom its reminders and escalations go to. */
const reassign: Decider<Extract<Command, { type: 'Reassign' }>> = (s, c, { actor }) => {
  const refused = monitorsOnly(actor, 'reassigns tasks') ?? inactive(s);
  if (refused) return refused;
  if (c.toUnit === s.leadUnit) return refuse('conflict', `the task is already assigned to ${c.toUnit}`);
  return accept({
    type: 'TaskReassigned',
    data: { fromUnit: s.leadUnit, toUnit: c.toUnit, reason: c.reason, recipients: { lead: c.lead, head: c.head } },
  });
};

/**
 * Calendar re-projection: each move must be of a milestone still open and not yet due, whose due date is still the
 * one the move starts from (else the caller read a stale state); the new date may not be in the past.
 */
const reproject: Decider<Extract<Command, { type: 'Reproject' }>> = (s, c, { actor, today }) => {
  const refused = monitorsOnly(actor, 're-projects deadlines') ?? inactive(s);
  if (refused) return refused;
  const closed = new Set(s.closed.map((x) => x.index));
  const events: DraftEvent[] = [];
  const seen = new Set<number>();
  for (const move of c.moves) {
    const m = s.milestones.find((x) => x.index === move.milestone);
    if (!m) return refuse('invalid', `milestone ${move.milestone} does not exist`);
    if (seen.has(move.milestone)) return refuse('invalid', `milestone ${move.milestone} is moved twice`);
    seen.add(move.milestone);
    if (closed.has(m.index)) return refuse('conflict', `milestone ${m.index} (${m.label}) is already closed`);
    if (s.current?.milestone.index === m.index && s.current.status !== 'open')
      return refuse('conflict', `milestone ${m.index} (${m.label}) has a result awaiting approval`);
    const due = effectiveDue(m);
    if (due !== move.from)
      return refuse('conflict', `milestone ${m.index} is due ${due}, not ${move.from}: re-read the task`);
    if (move.from < today) return refuse('conflict', `milestone ${m.index} was due ${move.from}, already past`);
    if (move.to < today) return refuse('invalid', `the new due date ${move.to} is in the past`);
    if (move.to === move.from) continue;
    events.push({
      type: 'DeadlineReprojected',
      data: {
        milestone: m,
        from: move.from,
        to: move.to,
        reason: move.reason,
        rule: move.rule,
        calendarVersion: c.calendarVersion,
      },
    });
  }
  return accept(...events);
};

const cancel: Decider<Extract<Command, { type: 'Cancel' }>> = (s, c, { actor }) =>
  monitorsOnly(actor, 'cancels tasks') ?? inactive(s) ?? accept({ type: 'TaskCancelled', data: { reason: c.reason } });

/**
 * "Yêu cầu giải trình": only the monitoring side asks, only of a milestone that is late (missed and not yet
 * delivered), one request at a time; the answer is due by `dueBy`. It goes to the lead unit and its head.
 */
const requestExplanation: Decider<Extract<Command, { type: 'RequestExplanation' }>> = (s, c, { actor, today }) => {
  const refused = monitorsOnly(actor, 'requests explanations') ?? inactive(s);
  if (refused) return refused;
  const cur = s.current;
  if (!cur) return noMilestone();
  if (!cur.missed || cur.status === 'submitted')
    return refuse('conflict', 'the task is not late: an explanation is asked only for a missed deadline');
  if (pendingExplanation(s)) return refuse('conflict', 'an explanation request is already waiting for its answer');
  if (c.dueBy < today) return refuse('invalid', `the answer's due date ${c.dueBy} is in the past`);
  return accept({
    type: 'ExplanationRequested',
    data: {
      milestone: cur.milestone,
      by: actor.unitId ?? actor.id,
      reason: c.reason,
      dueBy: c.dueBy,
      workingDaysLate: null,
      to: [...s.recipients.lead, ...s.recipients.head],
    },
  });
};

/** The lead unit (its own token, not a monitor on its behalf) answers the pending request, even after completing. */
const submitExplanation: Decider<Extract<Command, { type: 'SubmitExplanation' }>> = (s, c, { actor, now }) => {
  if (actor.role !== 'unit' || actor.unitId !== s.leadUnit)
    return refuse('forbidden', 'only the lead unit answers an explanation request');
  if (s.lifecycle === 'cancelled') return refuse('conflict', 'the task is cancelled');
  const pending = pendingExplanation(s);
  if (!pending) return refuse('conflict', 'no explanation request is waiting for an answer');
  const onTime = DateTime.fromISO(now, { setZone: true }).toMillis() < endOfDayMs(pending.dueBy);
  return accept({
    type: 'ExplanationSubmitted',
    data: { milestone: pending.milestone, by: s.leadUnit, text: c.text, attachments: c.attachments, onTime },
  });
};

/** A monitor reminds the lead unit on demand; the reminder is an audited event and changes nothing else. */
const remind: Decider<Extract<Command, { type: 'Remind' }>> = (s, c, { actor }) =>
  monitorsOnly(actor, 'sends reminders on demand') ??
  inactive(s) ??
  accept({
    type: 'ManualReminderSent',
    data: { milestone: s.current?.milestone ?? null, note: c.note, to: s.recipients.lead },
  });

/** One decider per command. */
export const DECIDERS: { [T in CommandType]: Decider<Extract<Command, { type: T }>> } = {
  ReportProgress: reportProgress,
  SubmitResult: submitResult,
  ApproveCompletion: reviewCompletion,
  RejectCompletion: reviewCompletion,
  RequestExtension: requestExtension,
  DecideExtension: decideExtension,
  Trigger: trigger,
  SetDueDate: setDueDate,
  Reassign: reassign,
  Cancel: cancel,
  RequestExplanation: requestExplanation,
  SubmitExplanation: submitExplanation,
  Remind: remind,
  Reproject: reproject,
};

/**
 * The command core: what a person's command means for an assignment, `(state, command, actor, now) → events |
 * refusal`. Only the lead unit (or a monitor) acts on an assignment at all; then the command's own decider rules.
 */
export function decide(state: AssignmentState, command: Command, actor: Actor, now: string): Decision {
  if (!actsForLead(actor, state))
    return refuse('forbidden', `unit ${actor.unitId ?? '?'} is not the lead unit of this assignment`);
  const decider = DECIDERS[command.type] as Decider<Command>;
  return decider(state, command, { actor, now, today: localDate(now) });
}

/** The event that records a refused action (who tried what, and why not). */
export function refusedEvent(command: CommandType, refusal: Refusal): DraftEvent {
  return { type: 'ActionRefused', data: { command, reason: refusal.code, message: refusal.message } };
}

/** Re-projection follows a calendar change (`dondoc calendar reproject`); it is no action a task view offers. */
type PerTaskCommand = Exclude<CommandType, 'Reproject'>;

/**
 * A command of each type whose body passes every check of its own, so that deciding it shows only whether the
 * actor may give that command in this state (a date far ahead is after any due date; a trigger long past is
 * never in the future).
 */
const PROBES: { [T in PerTaskCommand]: Extract<Command, { type: T }> } = {
  ReportProgress: { type: 'ReportProgress', percent: 0, note: '', evidence: [] },
  SubmitResult: { type: 'SubmitResult', note: '', evidence: [] },
  ApproveCompletion: { type: 'ApproveCompletion', note: '' },
  RejectCompletion: { type: 'RejectCompletion', reason: '-' },
  RequestExtension: { type: 'RequestExtension', requestedDue: '9999-12-31', reason: '-' },
  DecideExtension: { type: 'DecideExtension', approve: false, note: '' },
  Trigger: { type: 'Trigger', occurredOn: '0001-01-01', note: '' },
  SetDueDate: { type: 'SetDueDate', due: '9999-12-31', note: '' },
  Reassign: { type: 'Reassign', toUnit: '\u0000', reason: '-', lead: [], head: [] },
  Cancel: { type: 'Cancel', reason: '-' },
  RequestExplanation: { type: 'RequestExplanation', reason: '-', dueBy: '9999-12-31' },
  SubmitExplanation: { type: 'SubmitExplanation', text: '-', attachments: [] },
  Remind: { type: 'Remind', note: '' },
};

/**
 * The commands `actor` may give on this assignment now, decided by the deciders themselves, so that no client
 * re-implements the rules. What the body then says (a date, a unit) is checked when the command comes.
 */
export function allowedCommands(state: AssignmentState, actor: Actor, now: string): CommandType[] {
  return (Object.keys(PROBES) as PerTaskCommand[]).filter((type) => decide(state, PROBES[type], actor, now).ok);
}
