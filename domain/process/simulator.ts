import { DateTime } from 'luxon';
import { ZONE, type WorkingCalendar } from '../calendar/types';
import { evolve, initialState, type AssignmentState } from '../events/assignment';
import { CommandSchema, type CommandInput } from '../events/commands';
import { GENESIS_HASH } from '../events/hash';
import { ActorSchema, SYSTEM_ACTOR, type Actor, type DondocEvent, type DraftEvent } from '../events/schemas';
import { sealEvent, type StreamPosition } from '../events/seal';
import type { PlannedAssignment } from '../plans/assignments';
import { milestoneTimeline } from '../policy/policy';
import { parseAction, takeAction, type ActionValidators } from './action';
import { assignmentProcess, type AssignmentProcess, type ProcessHost } from './assignment-process';
import { carriedState } from './carry';
import { planMilestonesOf, relativeDueOf } from './effects';
import { commandsFor, type Scenario, type SimulatedEvent } from './scenario';

const issues = (e: { issues: { path: PropertyKey[]; message: string }[] }) =>
  e.issues.map((i) => `${i.path.join('.') || 'command'}: ${i.message}`).join('; ');
/** The simulator validates with the schemas directly; the workflow loads the same ones lazily (validation.ts). */
const SCHEMA_VALIDATORS: ActionValidators = {
  command: (input) => {
    const r = CommandSchema.safeParse(input);
    return r.success ? { ok: true, value: r.data } : { ok: false, message: issues(r.error) };
  },
  actor: (input) => {
    const r = ActorSchema.safeParse(input);
    return r.success ? { ok: true, value: r.data } : { ok: false, message: 'actor is missing or malformed' };
  },
};

/** Why an action on an assignment whose workflow has ended is refused. */
export const CLOSED = 'the task is closed';

/** Epoch ms of a local date and time in Asia/Ho_Chi_Minh. */
export const localMs = (date: string, time = '00:00'): number =>
  DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toMillis();

const isoAt = (ms: number): string =>
  DateTime.fromMillis(ms, { zone: ZONE }).toISO({ suppressMilliseconds: true }) as string;

export interface ProcessSimulationOptions {
  /** Epoch ms at which every assignment starts (the plan's issue date, 08:00 local). */
  startMs: number;
  /** Epoch ms at which the simulation stops (exclusive). */
  untilMs: number;
  scenario?: Scenario;
  calendar: WorkingCalendar;
}

interface Runner {
  planned: PlannedAssignment;
  state: AssignmentState;
  pos: StreamPosition;
  version: number;
  life: AssignmentProcess;
  /** The process is blocked in a wait effect: since which version, and the timer's token (null: no timer). */
  waiting: { seen: number; token: number | null } | null;
  done: boolean;
  carriedBytes: number;
}

/** A binary min-heap of timers, ordered by time then by insertion. */
class TimerQueue {
  private heap: { at: number; order: number; runner: Runner; token: number }[] = [];
  private counter = 0;

  push(at: number, runner: Runner): number {
    const token = ++this.counter;
    this.heap.push({ at, order: token, runner, token });
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      [this.heap[i], this.heap[parent]] = [this.heap[parent]!, this.heap[i]!];
      i = parent;
    }
    return token;
  }

  peek(): { at: number; runner: Runner; token: number } | undefined {
    return this.heap[0];
  }

  pop(): { at: number; runner: Runner; token: number } | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top && last && this.heap.length > 0) {
      this.heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.heap.length && this.less(l, m)) m = l;
        if (r < this.heap.length && this.less(r, m)) m = r;
        if (m === i) break;
        [this.heap[i], this.heap[m]] = [this.heap[m]!, this.heap[i]!];
        i = m;
      }
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a]!;
    const y = this.heap[b]!;
    return x.at < y.at || (x.at === y.at && x.order < y.order);
  }
}

/**
 * Runs assignments' processes (domain/process/assignment-process.ts, the same definition the Temporal workflow
 * carries out) on a virtual clock: timers fire in time order, effects are the same pure functions the activities
 * call, and the scenario's actions go through `decide` as the workflow's update handlers do. Deterministic, in
 * memory, and fast enough for a city's year of plans in seconds.
 */
export function simulateProcesses(
  planned: PlannedAssignment[],
  opts: ProcessSimulationOptions,
): {
  events: DondocEvent[];
  rejected: string[];
  states: Map<string, AssignmentState>;
  /** Per assignment, the largest payload (JSON bytes) it carried into a continue-as-new. */
  carriedBytes: Map<string, number>;
} {
  const events: DondocEvent[] = [];
  const rejected: string[] = [];
  const timers = new TimerQueue();
  let clock = opts.startMs;
  const timelines = new Map<string, ReturnType<typeof milestoneTimeline>>();

  function emit(r: Runner, drafts: DraftEvent[], actor: Actor): void {
    for (const d of drafts) {
      const e = sealEvent(d, { ...r.pos, unitId: r.state.leadUnit }, isoAt(clock), actor);
      r.pos = { ...r.pos, seq: e.metadata.seq, lastHash: e.metadata.hash };
      r.state = evolve(r.state, e);
      events.push(e);
    }
    r.version++;
  }

  function hostOf(r: Runner): ProcessHost {
    return {
      input: r.planned.input,
      state: () => r.state,
      version: () => r.version,
      now: () => clock,
      markReady: () => undefined,
      continueAsNewSuggested: () => false,
      explanationStep: true,
    };
  }

  /** Runs a process until it blocks in a wait or ends; `result` answers the effect it is blocked in. */
  function advance(r: Runner, result: unknown): void {
    const input = r.planned.input;
    let step = r.life.next(result);
    for (;;) {
      if (step.done) {
        r.done = true;
        return;
      }
      const effect = step.value;
      let answer: unknown = undefined;
      switch (effect.type) {
        case 'emit':
          emit(r, effect.drafts, SYSTEM_ACTOR);
          break;
        case 'planMilestones':
          answer = planMilestonesOf(input, opts.calendar);
          break;
        case 'timeline': {
          const key = `${effect.due}|${JSON.stringify(input.policy)}`;
          let tl = timelines.get(key);
          if (!tl) {
            tl = milestoneTimeline(effect.due, input.policy, opts.calendar);
            timelines.set(key, tl);
          }
          answer = tl;
          break;
        }
        case 'relativeDue':
          answer = relativeDueOf(effect, opts.calendar);
          break;
        case 'wait':
          r.waiting = {
            seen: r.version,
            token: effect.untilMs === null ? null : timers.push(effect.untilMs, r),
          };
          return;
        case 'continueAsNew':
          // A new run of the same assignment, with the state so far, exactly as after Temporal's continue-as-new.
          // Every event is on the (in-memory) stream at once, so nothing is carried unconfirmed.
          r.carriedBytes = Math.max(
            r.carriedBytes,
            new TextEncoder().encode(JSON.stringify(carriedState(r.state, r.pos, [], r.pos.seq))).length,
          );
          r.life = assignmentProcess(hostOf(r), true);
          step = r.life.next();
          continue;
        default: {
          const _exhaustive: never = effect;
          return _exhaustive;
        }
      }
      step = r.life.next(answer);
    }
  }

  /** A person's action, through the same command path as the workflow's update handlers (./action.ts). */
  function act(r: Runner, input: CommandInput, actor: Actor): string | null {
    // A finished workflow takes no more updates; the API answers 409 "task … is closed".
    if (r.done) return CLOSED;
    const parsed = parseAction({ command: input, actor }, input.type, SCHEMA_VALIDATORS);
    const outcome = takeAction(r.state, parsed, isoAt(clock));
    emit(r, outcome.drafts, outcome.actor);
    wake(r);
    return outcome.accepted ? null : outcome.refusal.message;
  }

  /** Resumes a process blocked in a wait, if the state changed since it began waiting. */
  function wake(r: Runner): void {
    if (r.done || !r.waiting || r.waiting.seen === r.version) return;
    r.waiting = null; // a pending timer of this wait is now stale
    advance(r, true);
  }

  const runners: Runner[] = planned.map((p) => {
    const r: Runner = {
      planned: p,
      state: initialState(p.input, []),
      pos: {
        workflowId: p.workflowId,
        planId: p.input.planId,
        taskRef: p.input.taskRef,
        unitId: p.input.unitId,
        seq: 0,
        lastHash: GENESIS_HASH,
      },
      version: 0,
      life: undefined as unknown as AssignmentProcess,
      waiting: null,
      done: false,
      carriedBytes: 0,
    };
    r.life = assignmentProcess(hostOf(r), false);
    return r;
  });
  for (const r of runners) advance(r, undefined);

  const actions = [...(opts.scenario?.actions ?? [])]
    .map((a) => ({ a, at: localMs(a.on, a.time) }))
    .sort((x, y) => x.at - y.at);
  let next = 0;
  for (;;) {
    const timer = timers.peek();
    const action = actions[next];
    const timerAt = timer ? Math.max(timer.at, clock) : Infinity;
    const actionAt = action ? Math.max(action.at, clock) : Infinity;
    const at = Math.min(timerAt, actionAt);
    if (at >= opts.untilMs) break;
    clock = at;
    if (action && actionAt < timerAt) {
      next++;
      const { a } = action;
      const targets = runners.filter(
        (r) => r.planned.input.taskRef === a.task && (!a.unit || r.planned.input.unitId === a.unit),
      );
      if (targets.length === 0)
        rejected.push(`${a.on} task ${a.task}${a.unit ? ` unit ${a.unit}` : ''}: no such assignment`);
      for (const r of targets) {
        for (const { command, actor } of commandsFor(a, r.planned.input.unitId)) {
          const refusal = act(r, command, actor);
          if (refusal !== null)
            rejected.push(
              `${a.on} task ${r.planned.input.taskRef} unit ${r.planned.input.unitId} ${command.type}: ${refusal}`,
            );
        }
      }
      continue;
    }
    timers.pop();
    const r = timer!.runner;
    if (r.done || !r.waiting || r.waiting.token !== timer!.token) continue; // the wait ended before its timer
    r.waiting = null;
    advance(r, false);
  }
  return {
    events,
    rejected,
    states: new Map(runners.map((r) => [r.planned.workflowId, r.state])),
    carriedBytes: new Map(runners.map((r) => [r.planned.workflowId, r.carriedBytes])),
  };
}

/** The `dondoc simulate` timeline of sealed events: the lines that matter to people, in time order. */
export function simulatedTimeline(events: DondocEvent[], untilMs: number): SimulatedEvent[] {
  return events
    .filter((e) => Date.parse(e.metadata.at) < untilMs)
    .map((e) => {
      const data = e.data as {
        milestone?: { label: string; due: string; extendedDue: string | null } | null;
        level?: number;
      };
      return {
        type: e.type,
        taskRef: e.metadata.taskRef,
        unit: e.metadata.unitId,
        at: e.metadata.at,
        level: e.type === 'TaskEscalated' ? (data.level ?? null) : null,
        milestone: data.milestone
          ? { label: data.milestone.label, due: data.milestone.extendedDue ?? data.milestone.due }
          : null,
        seq: e.metadata.seq,
      };
    })
    .sort(
      (a, b) =>
        Date.parse(a.at) - Date.parse(b.at) ||
        a.taskRef.localeCompare(b.taskRef) ||
        a.unit.localeCompare(b.unit) ||
        a.seq - b.seq,
    )
    .map(({ seq: _seq, ...rest }) => rest);
}
