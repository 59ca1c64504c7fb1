import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { DateTime } from 'luxon';
import type { Activities } from '../activities';
import { ZONE } from '../domain/calendar/types';
import {
  effectiveDue,
  evolve,
  initialState,
  taskStatus,
  type AssignmentInput,
  type AssignmentState,
  type TaskStatus,
} from '../domain/events/assignment';
import type { CommandType } from '../domain/events/commands';
import { SYSTEM_ACTOR } from '../domain/events/constants';
import { GENESIS_HASH } from '../domain/events/hash';
import type { Actor, DondocEvent, DraftEvent } from '../domain/events/schemas';
import { sealEvent, type StreamPosition } from '../domain/events/seal';
import { parseAction, takeAction } from '../domain/process/action';
import { carriedState, type CarriedState as Carried } from '../domain/process/carry';
import { assignmentProcess, type ProcessHost } from '../domain/process/assignment-process';
import { clockReading, realSpanOf } from '../domain/process/clock';
import { actionUpdates, taskHistoryQuery, taskStateQuery, type ActionResult, type TaskView } from './messages';
import { CALENDAR_REPROJECT } from './reproject';
import { recordedBeforeStateEvents, STATE_EVENTS } from './state-events';
import { taskStartMs } from './task-clock';
import { validateActor, validateCommand } from './validation';

// Publishing retries until NATS is back; JetStream's duplicate window drops the repeats.
const RETRY = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;

/** Publishing, and before the LOCAL_CALENDAR patch every other effect: tasks on the server's activity queue. */
const remoteActs = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: RETRY });

/**
 * Since the LOCAL_CALENDAR patch: the calendar computations (planMilestones, computeTimeline, relativeDue) run as
 * local activities, in the worker that runs the workflow task, recorded in history as markers: no round trip
 * through the activity queue for a pure computation. Their results are recorded, so a calendar change still never
 * changes what a history replays to.
 *
 * Publishing stays a regular activity on purpose. A local activity runs before its workflow task is recorded: if
 * the worker dies in between, the task is retried and seals the event again at a later time, JetStream drops the
 * new version as a duplicate msgID, and the stream would keep content (and a hash) that history never recorded.
 * An activity's input is in history before it runs, so every retry publishes the same bytes.
 */
const localActs = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: RETRY,
});
const LOCAL_CALENDAR = 'local-calendar-v1';
/**
 * Since this patch events are published by the appendEvents local activity, in the workflow task that emits
 * them, instead of an activity task and a second workflow task: half the server round trips per reminder. The
 * crash window of a local activity (it runs before its task is recorded) is closed by appendEvents itself: it
 * returns the version the stream kept, and the workflow adopts it (see adopt below).
 */
const LOCAL_PUBLISH = 'local-publish-v1';
/**
 * Since this patch the policy's explanation step ("Yêu cầu giải trình", `policy.explanation`) runs: a late
 * milestone gets an ExplanationRequested. Runs from before it never take the step, so their histories replay.
 */
const EXPLANATION_STEP = 'explanation-step-v1';

/**
 * What a run hands to the next one (domain/process/carry.ts). A run continued by code from before bounded carry
 * also finds `log`, the whole log so far; it is confirmed on the stream and no longer carried on.
 */
export type CarriedState = Carried & { log?: DondocEvent[] };

export interface AssignmentResult {
  status: TaskStatus;
  closed: AssignmentState['closed'];
  events: number;
}

/** One task × one lead unit: schedules its milestones, reminds, escalates, and takes the people's actions. */
export async function assignmentWorkflow(input: AssignmentInput, carried?: CarriedState): Promise<AssignmentResult> {
  const workflowId = workflowInfo().workflowId;
  const offset = input.clockOffsetMs ?? 0;
  // The workflow task's start, not Date.now(): see task-clock.ts.
  const clock = input.clock;
  const now = () => (clock ? clockReading(clock, taskStartMs()) : taskStartMs() + offset);
  /** Real milliseconds a timer waits until the workflow clock reads `untilMs` (a demo clock runs faster). */
  const timerMs = (untilMs: number) => (clock ? realSpanOf(clock, untilMs - now()) : untilMs - now());
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
  /** This run's events (and any the previous run handed over unconfirmed); the stream holds the rest. */
  const log: DondocEvent[] = [...(carried?.unconfirmed ?? [])];
  /** The highest seq the stream has acknowledged, as far as this run knows. */
  let confirmedSeq = log.length > 0 ? log[0]!.metadata.seq - 1 : pos.seq;
  let version = 0;
  let publishing: Promise<unknown> = Promise.resolve();
  // Decided once per run, before any command, so that a run started by older code keeps its activity tasks.
  const calendarActs = patched(LOCAL_CALENDAR) ? localActs : remoteActs;
  const localPublish = patched(LOCAL_PUBLISH);
  const stateEvents = patched(STATE_EVENTS);
  const explanationStep = patched(EXPLANATION_STEP);
  /** Hash of the last event the stream holds for this task, as far as this run knows (LOCAL_PUBLISH). */
  let streamHead = pos.lastHash;

  /** Where an event is in the log: near the end, since only recent events are being published. */
  function logIndex(eventId: string): number {
    for (let i = log.length - 1; i >= 0; i--) if (log[i]!.metadata.eventId === eventId) return i;
    return -1;
  }

  /**
   * Takes the stream's version of events appendEvents found stored differently (only after a crash between a
   * local activity and its workflow task): the log then matches the stream, and the next seal chains to it.
   * The state keeps what the retried task decided; at most its timestamps differ from the stored version's.
   */
  function adopt(adopted: DondocEvent[]): void {
    for (const e of adopted) {
      const i = logIndex(e.metadata.eventId);
      if (i >= 0) log[i] = e;
      if (e.metadata.seq === pos.seq) pos = { ...pos, lastHash: e.metadata.hash };
    }
  }

  async function publish(events: DondocEvent[]): Promise<void> {
    await append(events);
    const last = events[events.length - 1];
    if (last) confirmedSeq = Math.max(confirmedSeq, last.metadata.seq);
  }

  async function append(events: DondocEvent[]): Promise<void> {
    if (!localPublish) {
      await remoteActs.publishEvents(events);
      return;
    }
    // The events as the log now has them (an earlier append may have re-chained one of them).
    const current = events.map((e) => log[logIndex(e.metadata.eventId)] ?? e);
    const { adopted } = await localActs.appendEvents({ events: current, prevHash: streamHead });
    adopt(adopted);
    const last = current[current.length - 1];
    if (last) streamHead = (adopted.find((a) => a.metadata.eventId === last.metadata.eventId) ?? last).metadata.hash;
  }
  /** False until the run has scheduled what it can (its first milestone, or nothing for event-driven tasks). */
  let ready = carried !== undefined;
  // What the previous run handed over unconfirmed goes out first (in practice nothing: a run waits for its
  // publishing before it continues as new).
  if (log.length > 0) publishing = publish([...log]);

  /**
   * Seals, applies (through evolve, the only way the state changes) and, in order, one batch at a time, publishes
   * events. State changes at once; publishing follows. A run from before STATE_EVENTS applies the drafts it did
   * not record then without recording them; a batch it records nothing of is no change of its history at all.
   */
  function emit(drafts: DraftEvent[], actor: Actor): { events: DondocEvent[]; published: Promise<void> } {
    const events: DondocEvent[] = [];
    for (const d of drafts) {
      const recorded = stateEvents ? d : recordedBeforeStateEvents(d);
      const sealed = (draft: DraftEvent) => sealEvent(draft, { ...pos, unitId: state.leadUnit }, nowIso(), actor);
      if (recorded !== d) state = evolve(state, sealed(d)); // applied, as before the patch, but not recorded
      if (!recorded) continue;
      const e = sealed(recorded);
      pos = { ...pos, seq: e.metadata.seq, lastHash: e.metadata.hash };
      if (recorded === d) state = evolve(state, e);
      log.push(e);
      events.push(e);
    }
    if (events.length === 0) return { events, published: Promise.resolve() };
    version++;
    const published = publishing.then(() => publish(events));
    publishing = published;
    return { events, published };
  }

  const changedSince = (seen: number) => () => version !== seen;

  for (const [type, update] of Object.entries(actionUpdates) as [CommandType, (typeof actionUpdates)[CommandType]][]) {
    setHandler(
      update,
      async (req): Promise<ActionResult> => {
        const parsed = parseAction(req, type, { command: validateCommand, actor: validateActor });
        // An action that arrives while the first milestone is being scheduled waits for it.
        if (parsed.ok) await condition(() => ready);
        if (type === 'Reproject' && !patched(CALENDAR_REPROJECT)) {
          return { accepted: false, refusal: { code: 'conflict', message: 'this run cannot re-project deadlines' } };
        }
        const outcome = takeAction(state, parsed, nowIso());
        const { events, published } = emit(outcome.drafts, outcome.actor);
        await published;
        if (!outcome.accepted) return { accepted: false, refusal: outcome.refusal };
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

  const host: ProcessHost = {
    input,
    state: () => state,
    version: () => version,
    now,
    markReady: () => {
      ready = true;
    },
    continueAsNewSuggested: () => workflowInfo().continueAsNewSuggested,
    explanationStep,
  };

  // The assignment's life is the pure process in domain/process; this loop carries out its effects with
  // activities, durable timers and continue-as-new. `dondoc simulate` runs the same process on a virtual clock.
  const life = assignmentProcess(host, carried !== undefined);
  let step = life.next();
  while (!step.done) {
    const effect = step.value;
    let result: unknown = undefined;
    switch (effect.type) {
      case 'emit': {
        const { events, published } = emit(effect.drafts, SYSTEM_ACTOR);
        if (effect.await && events.length > 0) await published;
        break;
      }
      case 'planMilestones':
        result = await calendarActs.planMilestones({
          deadline: input.deadline,
          policy: input.policy,
          period: input.period,
        });
        break;
      case 'timeline':
        result = await calendarActs.computeTimeline({ due: effect.due, policy: input.policy });
        break;
      case 'relativeDue':
        result = await calendarActs.relativeDue({
          occurredOn: effect.occurredOn,
          workingDays: effect.workingDays,
          calendarDays: effect.calendarDays,
        });
        break;
      case 'wait': {
        const seen = version;
        if (effect.untilMs === null) {
          await condition(changedSince(seen));
          result = true;
        } else {
          result = await condition(changedSince(seen), timerMs(effect.untilMs));
        }
        break;
      }
      case 'continueAsNew':
        await condition(allHandlersFinished);
        await publishing;
        return await continueAsNew<typeof assignmentWorkflow>(input, carriedState(state, pos, log, confirmedSeq));
      default: {
        const _exhaustive: never = effect;
        return _exhaustive;
      }
    }
    step = life.next(result);
  }

  ready = true;
  await condition(allHandlersFinished);
  await publishing;
  return { status: taskStatus(state), closed: state.closed, events: pos.seq };
}
