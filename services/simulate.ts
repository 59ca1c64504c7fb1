import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { ZONE, type WorkingCalendar } from '../domain/calendar/types';
import type { CommandInput } from '../domain/events/commands';
import type { Actor, DondocEvent } from '../domain/events/schemas';
import { plannedAssignments } from '../domain/plans/assignments';
import type { Plan } from '../domain/plans/model';
import { createDondocWorker } from '../worker/worker';
import { executeAction } from './actions';
import { startPlan } from './plans';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** One scripted human action: "task 1.2, unit X completes on 2022-09-20". */
export const ScenarioActionSchema = z.object({
  task: z.string().min(1),
  /** A unit id; omitted, the action applies to every assignment of the task. */
  unit: z.string().min(1).optional(),
  on: Day,
  /** Local time of the action; 10:00 by default. */
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM')
    .default('10:00'),
  do: z.enum([
    'complete',
    'submit',
    'approve',
    'reject',
    'progress',
    'request-extension',
    'grant-extension',
    'deny-extension',
    'trigger',
    'set-due-date',
    'cancel',
  ]),
  percent: z.number().min(0).max(100).optional(),
  due: Day.optional(),
  note: z.string().optional(),
  reason: z.string().optional(),
});
export const ScenarioSchema = z.object({ actions: z.array(ScenarioActionSchema).default([]) });
export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioAction = z.infer<typeof ScenarioActionSchema>;

/** One line of a simulated timeline (the `dondoc simulate --json` contract). */
export interface SimulatedEvent {
  type: string;
  taskRef: string;
  unit: string;
  at: string;
  level: number | null;
  milestone: { label: string; due: string } | null;
}

export interface SimulateOptions {
  until: string;
  scenario?: Scenario;
  calendar: WorkingCalendar;
  /** The Java time-skipping test server wrapper (scripts/tools.sh test-server). */
  testServer: string;
  onProgress?: (message: string) => void;
}

const unitActor = (unitId: string): Actor => ({ kind: 'user', id: 'scenario', role: 'unit', unitId });
const MONITOR: Actor = { kind: 'user', id: 'scenario', role: 'monitor', unitId: null };

function commandsFor(a: ScenarioAction, unitId: string): { command: CommandInput; actor: Actor }[] {
  const note = a.note ?? 'scenario';
  switch (a.do) {
    case 'complete':
      return [
        { command: { type: 'SubmitResult', note }, actor: unitActor(unitId) },
        { command: { type: 'ApproveCompletion', note }, actor: MONITOR },
      ];
    case 'submit':
      return [{ command: { type: 'SubmitResult', note }, actor: unitActor(unitId) }];
    case 'approve':
      return [{ command: { type: 'ApproveCompletion', note }, actor: MONITOR }];
    case 'reject':
      return [{ command: { type: 'RejectCompletion', reason: a.reason ?? note }, actor: MONITOR }];
    case 'progress':
      return [{ command: { type: 'ReportProgress', percent: a.percent ?? 50, note }, actor: unitActor(unitId) }];
    case 'request-extension':
      if (!a.due) throw new Error(`task ${a.task}: request-extension needs "due"`);
      return [
        {
          command: { type: 'RequestExtension', requestedDue: a.due, reason: a.reason ?? note },
          actor: unitActor(unitId),
        },
      ];
    case 'grant-extension':
      return [{ command: { type: 'DecideExtension', approve: true, newDue: a.due, note }, actor: MONITOR }];
    case 'deny-extension':
      return [{ command: { type: 'DecideExtension', approve: false, note: a.reason ?? note }, actor: MONITOR }];
    case 'trigger':
      return [{ command: { type: 'Trigger', occurredOn: a.on, note }, actor: unitActor(unitId) }];
    case 'set-due-date':
      if (!a.due) throw new Error(`task ${a.task}: set-due-date needs "due"`);
      return [{ command: { type: 'SetDueDate', due: a.due, note }, actor: MONITOR }];
    case 'cancel':
      return [{ command: { type: 'Cancel', reason: a.reason ?? note }, actor: MONITOR }];
    default: {
      const _exhaustive: never = a.do;
      return _exhaustive;
    }
  }
}

const localMs = (date: string, time = '00:00') => DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toMillis();

/**
 * Runs a plan's real assignment workflows on the time-skipping test server, from the plan's issue date to
 * `until`, applying the scenario's actions on their dates, and returns the timeline sorted by time.
 * Events go to memory, not to the production stream.
 */
export async function simulatePlan(
  plan: Plan,
  opts: SimulateOptions,
): Promise<{ events: SimulatedEvent[]; rejected: string[] }> {
  const log = opts.onProgress ?? (() => undefined);
  const planned = plannedAssignments(plan);
  if (planned.length === 0)
    throw new Error(`plan ${plan.plan.id} has no task with a resolved lead unit: nothing to simulate`);
  const untilEnd = localMs(opts.until) + 24 * 60 * 60 * 1000;
  const startMs = localMs(plan.plan.issued, '08:00');
  if (untilEnd <= startMs) throw new Error(`--until ${opts.until} is before the plan's issue date ${plan.plan.issued}`);

  log('starting the time-skipping test server');
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: opts.testServer } },
  });
  const collected: DondocEvent[] = [];
  const rejected: string[] = [];
  try {
    const taskQueue = `simulate-${plan.plan.id}`;
    const worker = await createDondocWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      calendar: opts.calendar,
      publish: async (events) => {
        collected.push(...events);
        return events.map((e) => ({ eventId: e.metadata.eventId, seq: e.metadata.seq, duplicate: false }));
      },
      tuning: { maxCachedWorkflows: Math.max(100, planned.length + 10) },
    });
    await worker.runUntil(async () => {
      const offset = startMs - (await env.currentTimeMs());
      const report = await startPlan(env.client, plan, { taskQueue, clockOffsetMs: offset, concurrency: 16 });
      log(`started ${report.started} assignments`);
      const virtualNow = async () => (await env.currentTimeMs()) + offset;
      const actions = [...(opts.scenario?.actions ?? [])].sort((a, b) => localMs(a.on, a.time) - localMs(b.on, b.time));
      for (const action of actions) {
        const at = localMs(action.on, action.time);
        if (at > untilEnd) break;
        const wait = at - (await virtualNow());
        if (wait > 0) await env.sleep(wait);
        const targets = planned.filter(
          (p) => p.input.taskRef === action.task && (!action.unit || p.input.unitId === action.unit),
        );
        if (targets.length === 0)
          rejected.push(
            `${action.on} task ${action.task}${action.unit ? ` unit ${action.unit}` : ''}: no such assignment`,
          );
        for (const t of targets) {
          const handle = env.client.workflow.getHandle(t.workflowId);
          for (const { command, actor } of commandsFor(action, t.input.unitId)) {
            try {
              await executeAction(handle, command, actor);
            } catch (err) {
              const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
              rejected.push(`${action.on} task ${t.input.taskRef} unit ${t.input.unitId} ${command.type}: ${cause}`);
            }
          }
        }
        log(`${action.on} ${action.do} task ${action.task}`);
      }
      const rest = untilEnd - (await virtualNow());
      if (rest > 0) await env.sleep(rest);
    });
  } finally {
    await env.teardown();
  }
  const events = collected
    .filter((e) => Date.parse(e.metadata.at) < untilEnd)
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
  return { events, rejected };
}
