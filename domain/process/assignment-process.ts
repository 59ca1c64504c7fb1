import type { ResolvedDeadline } from '../deadlines/types';
import {
  effectiveDue,
  endOfDayMs,
  pendingExplanation,
  type AssignmentInput,
  type AssignmentState,
} from '../events/assignment';
import type { DraftEvent, MilestoneRef } from '../events/schemas';
import type { MilestoneTimeline } from '../policy/policy';

/**
 * What an assignment does over its life, as a pure process: it yields effects and a host carries them out.
 * The Temporal workflow is one host (activities, durable timers, continue-as-new); `dondoc simulate` is another
 * (the same domain functions, a virtual clock). Both run this one definition, so what the simulator shows is what
 * the workflow does.
 *
 * Effects and what the host resumes the process with:
 * - `emit`: seal, apply (through `evolve`) and publish the drafts (as the system); resumes after publishing when
 *   `await` is set. Every change of state is an emitted event.
 * - `planMilestones`: the milestones the deadline yields up front → MilestoneRef[].
 * - `timeline`: reminder, miss and escalation instants of a due date → MilestoneTimeline.
 * - `relativeDue`: the due date of a relative deadline triggered on a date → { nominal, due } | null.
 * - `wait`: block until the state changes (→ true) or until `untilMs`, if given (→ false).
 * - `continueAsNew`: end the run here and start a new one with the state so far (the host may simply go on).
 */
export type ProcessEffect =
  | { type: 'emit'; drafts: DraftEvent[]; await: boolean }
  | { type: 'planMilestones' }
  | { type: 'timeline'; due: string }
  | { type: 'relativeDue'; occurredOn: string; workingDays: number | null; calendarDays: number | null }
  | { type: 'wait'; untilMs: number | null }
  | { type: 'continueAsNew' };

export type RelativeDue = { nominal: string; due: string } | null;

/**
 * The host's side of the process: the state it folds from the emitted events (it has no other way to change it),
 * the version counter every emitted batch bumps, and the clock.
 */
export interface ProcessHost {
  readonly input: AssignmentInput;
  state(): AssignmentState;
  /** Bumped on every emitted batch, by the process or by a person's action. */
  version(): number;
  /** Epoch ms on the (possibly offset) workflow clock. */
  now(): number;
  /** The process has scheduled what it can; actions may now be decided. */
  markReady(): void;
  /** Temporal suggests continuing as new (long history); a simulator answers false. */
  continueAsNewSuggested(): boolean;
  /**
   * Whether the policy's explanation step runs (the workflow's patch explanation-step-v1); false or absent for
   * runs from before it, whose histories must replay without it.
   */
  readonly explanationStep?: boolean;
}

export type AssignmentProcess = Generator<ProcessEffect, void, unknown>;

/** A reminder whose moment passed more than a day ago (a plan started late, a worker long down) is not sent. */
export const REMINDER_STALE_MS = 24 * 60 * 60 * 1000;

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
    }
  | { key: string; at: string; kind: 'explanation'; workingDaysAfter: number; dueBy: string; reason: string };

/** A milestone's timeline as ordered steps; the explanation step only when `explanation` is on. */
export function stepsOf(tl: MilestoneTimeline, explanation = false): Step[] {
  const x = explanation ? tl.explanation : null;
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
    ...(x
      ? [
          {
            key: 'x',
            at: x.at,
            kind: 'explanation' as const,
            workingDaysAfter: x.workingDaysAfter,
            dueBy: x.dueBy,
            reason: x.reason,
          },
        ]
      : []),
  ];
  // Stable: at the same instant the explanation step follows the escalation of the same day.
  return steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function* emit(drafts: DraftEvent[], awaitPublish = true): Generator<ProcessEffect, void, unknown> {
  yield { type: 'emit', drafts, await: awaitPublish };
}

function* timelineOf(due: string): Generator<ProcessEffect, MilestoneTimeline, unknown> {
  return (yield { type: 'timeline', due }) as MilestoneTimeline;
}

/** Waits for a change of state, at most until `untilMs`; true when the state changed. */
function* waitForChange(untilMs: number | null): Generator<ProcessEffect, boolean, unknown> {
  return (yield { type: 'wait', untilMs }) as boolean;
}

/**
 * The life of one assignment: announce it, plan its milestones, then for each milestone schedule its timeline and
 * walk through reminders, the miss and escalations until a person closes it or the next milestone supersedes it.
 * Relative, external and unparsed tasks wait for a trigger or a due date until the plan period ends.
 * `resumed`: this run continues an earlier one (continue-as-new), whose state the host already holds.
 */
export function* assignmentProcess(host: ProcessHost, resumed: boolean): AssignmentProcess {
  const input = host.input;
  const kind: ResolvedDeadline['kind'] = input.deadline.kind;
  const periodEndMs = endOfDayMs(input.period.to);
  const state = () => host.state();
  let timeline: MilestoneTimeline | null = null;

  function nextPlanned(): MilestoneRef | undefined {
    const s = state();
    const closed = new Set(s.closed.map((c) => c.index));
    return s.milestones.find((m) => !closed.has(m.index) && m.index !== s.current?.milestone.index);
  }

  /** Schedules a milestone's timeline; `before` are drafts that belong to the same change (a consumed trigger). */
  function* schedule(m: MilestoneRef, before: DraftEvent[] = []): Generator<ProcessEffect, void, unknown> {
    const tl = yield* timelineOf(effectiveDue(m));
    timeline = tl;
    yield* emit([
      ...before,
      {
        type: 'DeadlineScheduled',
        data: {
          milestone: m,
          reminders: tl.reminders.map((r) => r.at),
          missedAt: tl.missedAt,
          escalations: tl.escalations.map((e) => ({ level: e.level, at: e.at })),
        },
      },
    ]);
  }

  /** Drives the current milestone through its reminders, miss and escalations until it closes or is superseded. */
  function* runOccurrence(): Generator<ProcessEffect, 'closed' | 'superseded', unknown> {
    const index = state().current?.milestone.index;
    const isCurrent = () => {
      const s = state();
      return s.lifecycle === 'active' && s.current !== null && s.current.milestone.index === index;
    };
    const first = state().current!;
    if (!timeline || timeline.due !== effectiveDue(first.milestone)) {
      // A new run (continue-as-new) recomputes the timeline it was already given; it was published then.
      timeline = yield* timelineOf(effectiveDue(first.milestone));
    }
    let tl: MilestoneTimeline = timeline;
    // Steps already taken are in the state, so a continued run never repeats them.
    const fired = new Set<string>([
      ...first.remindersSent.map((n) => `r${n}`),
      ...(first.missed ? ['missed'] : []),
      ...Array.from({ length: first.escalationLevel }, (_, i) => `e${i + 1}`),
      ...((state().explanations ?? []).some((x) => x.milestone.index === first.milestone.index) ? ['x'] : []),
    ]);
    const next = nextPlanned();
    // An unfinished milestone gives way when the next one's first reminder falls due.
    const horizon = next ? yield* timelineOf(effectiveDue(next)) : null;
    const horizonMs = horizon
      ? Math.min(...[...horizon.reminders.map((r) => Date.parse(r.at)), Date.parse(horizon.missedAt)])
      : null;

    while (isCurrent()) {
      const cur = state().current!;
      if (effectiveDue(cur.milestone) !== tl.due) {
        yield* schedule(cur.milestone); // an extension was granted: a new timeline from the new due date
        tl = timeline as MilestoneTimeline;
        fired.clear();
        continue;
      }
      if (cur.status === 'submitted') {
        yield* waitForChange(null); // the monitoring unit approves or rejects
        continue;
      }
      const step = stepsOf(tl, host.explanationStep === true).find((s) => !fired.has(s.key));
      if (!step) {
        if (horizonMs === null) {
          yield* waitForChange(null);
          continue;
        }
        if (horizonMs - host.now() <= 0 || !(yield* waitForChange(horizonMs))) return 'superseded';
        continue;
      }
      const at = Date.parse(step.at);
      if (at - host.now() > 0 && (yield* waitForChange(at))) continue;
      if (!isCurrent() || state().current!.status !== 'open') continue;
      fired.add(step.key);
      const s = state();
      const m = s.current!.milestone;
      let draft: DraftEvent | null = null;
      if (step.kind === 'reminder') {
        if (!s.current!.missed && host.now() - at < REMINDER_STALE_MS) {
          draft = {
            type: 'ReminderSent',
            data: { milestone: m, workingDaysBefore: step.workingDaysBefore, to: s.recipients.lead },
          };
        }
      } else if (step.kind === 'missed') {
        draft = { type: 'DeadlineMissed', data: { milestone: m } };
      } else if (step.kind === 'explanation') {
        if (s.current!.missed && !pendingExplanation(s)) {
          draft = {
            type: 'ExplanationRequested',
            data: {
              milestone: m,
              by: input.monitoringUnit,
              reason: step.reason,
              dueBy: step.dueBy,
              workingDaysLate: step.workingDaysAfter,
              to: [...s.recipients.lead, ...s.recipients.head],
            },
          };
        }
      } else {
        const to = step.to === 'lead-head' ? s.recipients.head : s.recipients.authority;
        draft = {
          type: 'TaskEscalated',
          data: { milestone: m, level: step.level, workingDaysAfter: step.workingDaysAfter, to },
        };
      }
      if (draft) yield* emit([draft]);
    }
    return 'closed';
  }

  if (!resumed) {
    yield* emit(
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
            recipients: input.recipients,
          },
        },
      ],
      false,
    );
    const planned = (yield { type: 'planMilestones' }) as MilestoneRef[];
    if (planned.length > 0) yield* emit([{ type: 'MilestonesPlanned', data: { milestones: planned } }], false);
  }

  const closedAtStart = state().closed.length;
  while (state().lifecycle === 'active') {
    if (state().current) host.markReady();
    if (!state().current) {
      const next = nextPlanned();
      if (next) {
        yield* schedule(next);
        continue;
      }
      const [trigger] = state().pendingTriggers;
      if (trigger !== undefined && kind === 'relative') {
        const consumed: DraftEvent = { type: 'TriggerConsumed', data: { occurredOn: trigger } };
        const due = (yield {
          type: 'relativeDue',
          occurredOn: trigger,
          workingDays: input.deadline.workingDays,
          calendarDays: input.deadline.calendarDays,
        }) as RelativeDue;
        if (due) {
          const label = `${input.deadline.trigger ?? 'Sự kiện'} (${trigger})`;
          yield* schedule(
            {
              index: state().milestones.length,
              label,
              kind: 'deliverable',
              nominal: due.nominal,
              due: due.due,
              extendedDue: null,
              counted: {
                from: trigger,
                workingDays: input.deadline.workingDays,
                calendarDays: input.deadline.calendarDays,
              },
            },
            [consumed],
          );
        } else {
          yield* emit([consumed]); // no count of days: the monitoring unit sets the due date
        }
        continue;
      }
      const plannedKinds = kind === 'fixed' || kind === 'recurring' || kind === 'ongoing';
      if (plannedKinds || ((kind === 'external' || kind === 'unparsed') && state().closed.length > 0)) {
        yield* emit([{ type: 'AssignmentClosed', data: { reason: 'milestones-closed' } }]);
        break;
      }
      // Relative, external and unparsed tasks wait for a trigger or a due date, until the plan period ends.
      host.markReady();
      if (periodEndMs - host.now() <= 0 || !(yield* waitForChange(periodEndMs))) {
        const s = state();
        if (!s.current && s.pendingTriggers.length === 0 && !nextPlanned())
          yield* emit([{ type: 'AssignmentClosed', data: { reason: 'period-ended' } }]);
      }
      continue;
    }
    const outcome = yield* runOccurrence();
    if (outcome === 'superseded') {
      const next = nextPlanned();
      if (next) yield* schedule(next); // closes the unfinished milestone as missed
    }
    const s = state();
    if (
      s.lifecycle === 'active' &&
      s.closed.length > closedAtStart &&
      (nextPlanned() || host.continueAsNewSuggested())
    ) {
      // One run per occurrence keeps each run's history short and replayable.
      yield { type: 'continueAsNew' };
      return;
    }
  }
  host.markReady();
}
