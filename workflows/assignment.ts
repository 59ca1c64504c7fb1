import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { DateTime } from 'luxon';
import type { Activities } from '../activities';
import { ZONE } from '../domain/calendar/types';
import {
  ActionRejected,
  decide,
  effectiveDue,
  endOfDayMs,
  evolve,
  initialState,
  taskStatus,
  type AssignmentInput,
  type AssignmentState,
  type TaskStatus,
} from '../domain/events/assignment';
import { CommandSchema, type ActionRequest, type Command } from '../domain/events/commands';
import { GENESIS_HASH } from '../domain/events/hash';
import {
  ActorSchema,
  SYSTEM_ACTOR,
  type Actor,
  type DondocEvent,
  type DraftEvent,
  type MilestoneRef,
} from '../domain/events/schemas';
import { sealEvent, type StreamPosition } from '../domain/events/seal';
import type { MilestoneTimeline } from '../domain/policy/policy';
import {
  ACTION_CONFLICT,
  ACTION_FORBIDDEN,
  ACTION_INVALID,
  actionUpdates,
  taskHistoryQuery,
  taskStateQuery,
  type ActionResult,
  type TaskView,
} from './messages';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // Publishing retries until NATS is back; JetStream's duplicate window drops the repeats.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** What a run hands to the next one when it continues as new. */
export interface CarriedState {
  state: AssignmentState;
  pos: StreamPosition;
  log: DondocEvent[];
}

export interface AssignmentResult {
  status: TaskStatus;
  closed: AssignmentState['closed'];
  events: number;
}

const REMINDER_STALE_MS = 24 * 60 * 60 * 1000;

type Step =
  | { key: string; at: string; kind: 'reminder'; workingDaysBefore: number }
  | { key: string; at: string; kind: 'missed' }
  | {
      key: string;
      at: string;
      kind: 'escalation';
      level: number;
      workingDaysAfter: number;
      to: 'lead-head' | 'monitoring-and-authority';
    };

function stepsOf(tl: MilestoneTimeline): Step[] {
  const steps: Step[] = [
    ...tl.reminders.map((r) => ({
      key: `r${r.workingDaysBefore}`,
      at: r.at,
      kind: 'reminder' as const,
      workingDaysBefore: r.workingDaysBefore,
    })),
    { key: 'missed', at: tl.missedAt, kind: 'missed' as const },
    ...tl.escalations.map((e) => ({
      key: `e${e.level}`,
      at: e.at,
      kind: 'escalation' as const,
      level: e.level,
      workingDaysAfter: e.workingDaysAfter,
      to: e.to,
    })),
  ];
  return steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function rejection(err: unknown): ApplicationFailure {
  if (err instanceof ActionRejected) {
    const type =
      err.code === 'forbidden' ? ACTION_FORBIDDEN : err.code === 'conflict' ? ACTION_CONFLICT : ACTION_INVALID;
    return ApplicationFailure.create({ type, message: err.message, nonRetryable: true });
  }
  return ApplicationFailure.create({
    type: ACTION_INVALID,
    message: err instanceof Error ? err.message : String(err),
    nonRetryable: true,
  });
}

/** One task × one lead unit: schedules its milestones, reminds, escalates, and takes the people's actions. */
export async function assignmentWorkflow(input: AssignmentInput, carried?: CarriedState): Promise<AssignmentResult> {
  const workflowId = workflowInfo().workflowId;
  const offset = input.clockOffsetMs ?? 0;
  const now = () => Date.now() + offset;
  const nowIso = () => DateTime.fromMillis(now(), { zone: ZONE }).toISO({ suppressMilliseconds: true }) as string;

  let state: AssignmentState = carried?.state ?? initialState(input, []);
  let pos: StreamPosition = carried?.pos ?? {
    workflowId,
    planId: input.planId,
    taskRef: input.taskRef,
    unitId: input.unitId,
    seq: 0,
    lastHash: GENESIS_HASH,
  };
  const log: DondocEvent[] = carried?.log ?? [];
  let version = 0;
  let publishing: Promise<unknown> = Promise.resolve();
  let timeline: MilestoneTimeline | null = null;
  /** False until the run has scheduled what it can (its first milestone, or nothing for event-driven tasks). */
  let ready = carried !== undefined;

  /** Seals, applies and (in order, one batch at a time) publishes events. State changes at once; publishing follows. */
  function emit(drafts: DraftEvent[], actor: Actor): { events: DondocEvent[]; published: Promise<void> } {
    const events = drafts.map((d) => {
      const e = sealEvent(d, { ...pos, unitId: state.leadUnit }, nowIso(), actor);
      pos = { ...pos, seq: e.metadata.seq, lastHash: e.metadata.hash };
      state = evolve(state, e);
      log.push(e);
      return e;
    });
    version++;
    const published = publishing.then(() => acts.publishEvents(events)).then(() => undefined);
    publishing = published;
    return { events, published };
  }

  const changedSince = (seen: number) => () => version !== seen;

  function parseRequest(req: ActionRequest, expected: Command['type']): { command: Command; actor: Actor } {
    const command = CommandSchema.safeParse(req?.command);
    if (!command.success) {
      throw ApplicationFailure.create({
        type: ACTION_INVALID,
        message: command.error.issues.map((i) => `${i.path.join('.') || 'command'}: ${i.message}`).join('; '),
        nonRetryable: true,
      });
    }
    if (command.data.type !== expected) {
      throw ApplicationFailure.create({
        type: ACTION_INVALID,
        message: `expected a ${expected} command, got ${command.data.type}`,
        nonRetryable: true,
      });
    }
    const actor = ActorSchema.safeParse(req?.actor);
    if (!actor.success)
      throw ApplicationFailure.create({
        type: ACTION_INVALID,
        message: 'actor is missing or malformed',
        nonRetryable: true,
      });
    return { command: command.data, actor: actor.data };
  }

  function decideOrReject(command: Command, actor: Actor): DraftEvent[] {
    try {
      return decide(command, state, actor, nowIso());
    } catch (err) {
      throw rejection(err);
    }
  }

  for (const [type, update] of Object.entries(actionUpdates) as [
    Command['type'],
    (typeof actionUpdates)[Command['type']],
  ][]) {
    setHandler(
      update,
      async (req): Promise<ActionResult> => {
        let command: Command;
        let actor: Actor;
        let drafts: DraftEvent[];
        try {
          ({ command, actor } = parseRequest(req, type));
          // An action that arrives while the first milestone is being scheduled waits for it.
          await condition(() => ready);
          drafts = decideOrReject(command, actor);
        } catch (err) {
          const failure = err as ApplicationFailure;
          const type_ = (failure.type ?? ACTION_INVALID) as
            typeof ACTION_INVALID | typeof ACTION_FORBIDDEN | typeof ACTION_CONFLICT;
          const refusal = { type: type_, message: failure.message };
          const reason =
            refusal.type === ACTION_FORBIDDEN ? 'forbidden' : refusal.type === ACTION_CONFLICT ? 'conflict' : 'invalid';
          const who = ActorSchema.safeParse(req?.actor);
          await emit(
            [{ type: 'ActionRefused', data: { command: type, reason, message: refusal.message } }],
            who.success ? who.data : SYSTEM_ACTOR,
          ).published;
          return { accepted: false, refusal };
        }
        const { events, published } = emit(drafts, actor);
        if (command.type === 'Reassign')
          state = { ...state, recipients: { ...state.recipients, lead: command.lead, head: command.head } };
        await published;
        return {
          accepted: true,
          events: events.map((e) => ({ eventId: e.metadata.eventId, type: e.type })),
          status: taskStatus(state),
        };
      },
      // No validator: refusals are returned (see ActionResult), so they stay in history and work on every server.
    );
  }

  setHandler(taskStateQuery, (): TaskView => {
    const cur = state.current;
    return {
      workflowId,
      planId: input.planId,
      taskRef: input.taskRef,
      unitId: input.unitId,
      title: input.title,
      status: taskStatus(state),
      leadUnit: state.leadUnit,
      nextDue: cur ? effectiveDue(cur.milestone) : null,
      escalationLevel: cur?.escalationLevel ?? 0,
      deadlineText: input.deadline.text,
      deadlineKind: input.deadline.kind,
      state,
    };
  });
  setHandler(taskHistoryQuery, () => log);

  async function schedule(m: MilestoneRef): Promise<void> {
    const tl = await acts.computeTimeline({ due: effectiveDue(m), policy: input.policy });
    timeline = tl;
    const { published } = emit(
      [
        {
          type: 'DeadlineScheduled',
          data: {
            milestone: m,
            reminders: tl.reminders.map((r) => r.at),
            missedAt: tl.missedAt,
            escalations: tl.escalations.map((e) => ({ level: e.level, at: e.at })),
          },
        },
      ],
      SYSTEM_ACTOR,
    );
    await published;
  }

  function nextPlanned(): MilestoneRef | undefined {
    const closed = new Set(state.closed.map((c) => c.index));
    return state.milestones.find((m) => !closed.has(m.index) && m.index !== state.current?.milestone.index);
  }

  /** Drives the current milestone through its reminders, miss and escalations until it closes or is superseded. */
  async function runOccurrence(): Promise<'closed' | 'superseded'> {
    const index = state.current?.milestone.index;
    const isCurrent = () =>
      state.lifecycle === 'active' && state.current !== null && state.current.milestone.index === index;
    const first = state.current!;
    if (!timeline || timeline.due !== effectiveDue(first.milestone)) {
      // A new run (continue-as-new) recomputes the timeline it was already given; it was published then.
      timeline = await acts.computeTimeline({ due: effectiveDue(first.milestone), policy: input.policy });
    }
    let tl = timeline;
    // Steps already taken are in the state, so a continued run never repeats them.
    const fired = new Set<string>([
      ...first.remindersSent.map((n) => `r${n}`),
      ...(first.missed ? ['missed'] : []),
      ...Array.from({ length: first.escalationLevel }, (_, i) => `e${i + 1}`),
    ]);
    const next = nextPlanned();
    // An unfinished milestone gives way when the next one's first reminder falls due.
    const horizon = next ? await acts.computeTimeline({ due: effectiveDue(next), policy: input.policy }) : null;
    const horizonMs = horizon
      ? Math.min(...[...horizon.reminders.map((r) => Date.parse(r.at)), Date.parse(horizon.missedAt)])
      : null;

    while (isCurrent()) {
      const cur = state.current!;
      if (effectiveDue(cur.milestone) !== tl.due) {
        await schedule(cur.milestone); // an extension was granted: a new timeline from the new due date
        tl = timeline as MilestoneTimeline;
        fired.clear();
        continue;
      }
      const seen = version;
      if (cur.status === 'submitted') {
        await condition(changedSince(seen)); // the monitoring unit approves or rejects
        continue;
      }
      const step = stepsOf(tl).find((s) => !fired.has(s.key));
      if (!step) {
        if (horizonMs === null) {
          await condition(changedSince(seen));
          continue;
        }
        const wait = horizonMs - now();
        if (wait <= 0 || !(await condition(changedSince(seen), wait))) return 'superseded';
        continue;
      }
      const wait = Date.parse(step.at) - now();
      if (wait > 0 && (await condition(changedSince(seen), wait))) continue;
      if (!isCurrent() || state.current!.status !== 'open') continue;
      fired.add(step.key);
      const m = state.current!.milestone;
      let draft: DraftEvent | null = null;
      if (step.kind === 'reminder') {
        // A reminder whose moment passed long ago (a plan started late, a worker long down) is no use to anyone.
        if (!state.current!.missed && now() - Date.parse(step.at) < REMINDER_STALE_MS) {
          draft = {
            type: 'ReminderSent',
            data: { milestone: m, workingDaysBefore: step.workingDaysBefore, to: state.recipients.lead },
          };
        }
      } else if (step.kind === 'missed') {
        draft = { type: 'DeadlineMissed', data: { milestone: m } };
      } else {
        const to = step.to === 'lead-head' ? state.recipients.head : state.recipients.authority;
        draft = {
          type: 'TaskEscalated',
          data: { milestone: m, level: step.level, workingDaysAfter: step.workingDaysAfter, to },
        };
      }
      if (draft) await emit([draft], SYSTEM_ACTOR).published;
    }
    return 'closed';
  }

  const kind = input.deadline.kind;
  const periodEndMs = endOfDayMs(input.period.to);

  if (!carried) {
    emit(
      [
        {
          type: 'TaskAssigned',
          data: {
            planTitle: input.planTitle,
            title: input.title,
            leadUnit: input.unitId,
            supportUnits: input.supportUnits,
            deadlineText: input.deadline.text,
            deadlineKind: kind,
            monitoringUnit: input.monitoringUnit,
          },
        },
      ],
      SYSTEM_ACTOR,
    );
    const planned = await acts.planMilestones({ deadline: input.deadline, policy: input.policy, period: input.period });
    state = {
      ...state,
      milestones: [...planned, ...state.milestones.filter((m) => !planned.some((p) => p.index === m.index))],
    };
  }

  const closedAtStart = state.closed.length;
  while (state.lifecycle === 'active') {
    if (state.current) ready = true;
    if (!state.current) {
      const next = nextPlanned();
      if (next) {
        await schedule(next);
        continue;
      }
      const [trigger, ...rest] = state.pendingTriggers;
      if (trigger !== undefined && kind === 'relative') {
        state = { ...state, pendingTriggers: rest };
        const due = await acts.relativeDue({
          occurredOn: trigger,
          workingDays: input.deadline.workingDays,
          calendarDays: input.deadline.calendarDays,
        });
        if (due) {
          const label = `${input.deadline.trigger ?? 'Sự kiện'} (${trigger})`;
          await schedule({
            index: state.milestones.length,
            label,
            kind: 'deliverable',
            nominal: due.nominal,
            due: due.due,
            extendedDue: null,
          });
        }
        continue;
      }
      const plannedKinds = kind === 'fixed' || kind === 'recurring' || kind === 'ongoing';
      if (plannedKinds || ((kind === 'external' || kind === 'unparsed') && state.closed.length > 0)) {
        state = { ...state, lifecycle: 'completed' };
        break;
      }
      // Relative, external and unparsed tasks wait for a trigger or a due date, until the plan period ends.
      ready = true;
      const seen = version;
      const wait = periodEndMs - now();
      if (wait <= 0 || !(await condition(changedSince(seen), wait))) {
        if (!state.current && state.pendingTriggers.length === 0 && !nextPlanned())
          state = { ...state, lifecycle: 'completed' };
      }
      continue;
    }
    const outcome = await runOccurrence();
    if (outcome === 'superseded') {
      const next = nextPlanned();
      if (next) await schedule(next); // closes the unfinished milestone as missed
    }
    if (
      state.lifecycle === 'active' &&
      state.closed.length > closedAtStart &&
      (nextPlanned() || workflowInfo().continueAsNewSuggested)
    ) {
      // One run per occurrence keeps each run's history short and replayable.
      await condition(allHandlersFinished);
      await publishing;
      await continueAsNew<typeof assignmentWorkflow>(input, { state, pos, log });
    }
  }

  ready = true;
  await condition(allHandlersFinished);
  await publishing;
  return { status: taskStatus(state), closed: state.closed, events: log.length };
}
