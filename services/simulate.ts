import { WorkflowNotFoundError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkingCalendar } from '../domain/calendar/types';
import type { DondocEvent } from '../domain/events/schemas';
import { plannedAssignments, type PlannedAssignment } from '../domain/plans/assignments';
import type { Plan } from '../domain/plans/model';
import { commandsFor, type Scenario, type SimulatedEvent } from '../domain/process/scenario';
import { CLOSED, localMs, simulatedTimeline, simulateProcesses } from '../domain/process/simulator';
import { createDondocWorker } from '../worker/worker';
import { executeAction } from './actions';
import { startPlan } from './plans';

export { ScenarioSchema, ScenarioActionSchema, type Scenario, type SimulatedEvent } from '../domain/process/scenario';

/**
 * Which engine runs the simulation:
 * - `process` (default): the assignments' process definition, which the workflow itself carries out, on a virtual
 *   clock in memory. A year of a city's plan takes seconds.
 * - `temporal`: the real workflows, worker and activities on the Java time-skipping test server. Slow (every
 *   timer is a round trip), kept to check the first against the real engine.
 */
export type SimulationEngine = 'process' | 'temporal';

export interface SimulateOptions {
  until: string;
  scenario?: Scenario;
  calendar: WorkingCalendar;
  engine?: SimulationEngine;
  /** The Java time-skipping test server wrapper (scripts/tools.sh test-server); the temporal engine only. */
  testServer?: string;
  onProgress?: (message: string) => void;
}

export interface SimulationResult {
  events: SimulatedEvent[];
  rejected: string[];
  assignments: number;
}

/**
 * Simulates a plan from its issue date (08:00) to the end of `until`, applying the scenario's actions on their
 * dates, and returns the timeline sorted by time. Events go to memory, never to the production stream.
 */
export async function simulatePlan(plan: Plan, opts: SimulateOptions): Promise<SimulationResult> {
  const planned = plannedAssignments(plan);
  if (planned.length === 0)
    throw new Error(`plan ${plan.plan.id} has no task with a resolved lead unit: nothing to simulate`);
  const untilEnd = localMs(opts.until) + 24 * 60 * 60 * 1000;
  const startMs = localMs(plan.plan.issued, '08:00');
  if (untilEnd <= startMs) throw new Error(`--until ${opts.until} is before the plan's issue date ${plan.plan.issued}`);
  let result: { events: DondocEvent[]; rejected: string[] };
  if ((opts.engine ?? 'process') === 'process') {
    result = simulateProcesses(planned, {
      startMs,
      untilMs: untilEnd,
      scenario: opts.scenario,
      calendar: opts.calendar,
    });
  } else {
    if (!opts.testServer) throw new Error('the temporal engine needs the time-skipping test server (testServer)');
    result = await simulateOnTemporal(plan, planned, { ...opts, testServer: opts.testServer, startMs, untilEnd });
  }
  return { events: simulatedTimeline(result.events, untilEnd), rejected: result.rejected, assignments: planned.length };
}

async function simulateOnTemporal(
  plan: Plan,
  planned: PlannedAssignment[],
  opts: SimulateOptions & { testServer: string; startMs: number; untilEnd: number },
): Promise<{ events: DondocEvent[]; rejected: string[] }> {
  const log = opts.onProgress ?? (() => undefined);
  const { startMs, untilEnd } = opts;
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
              if (err instanceof WorkflowNotFoundError) {
                rejected.push(`${action.on} task ${t.input.taskRef} unit ${t.input.unitId} ${command.type}: ${CLOSED}`);
                continue;
              }
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
  return { events: collected, rejected };
}
