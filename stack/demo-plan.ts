import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import { loadCalendarFile } from '../config/calendar';
import { ZONE } from '../domain/calendar/types';
import { demoStartOf } from '../domain/plans/anchor';
import { plannedAssignments } from '../domain/plans/assignments';
import { DEFAULT_POLICY } from '../domain/policy/policy';
import { acceleratedClock } from '../domain/process/clock';
import { loadDirectory } from '../domain/units';
import { startPlan, type PlanRegistry } from '../services/plans';
import type { TokenStore } from '../services/tokens';
import { readDemoActors, startDemoActors } from './demo';
import { asDemoPlan, loadSampleAhead } from './sample';

/** Resolves once a worker polls the task queue; throws after `timeoutMs`. */
async function waitForWorker(client: Client, taskQueue: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: 1, // workflow tasks
    });
    if ((res.pollers ?? []).length > 0) return;
    if (Date.now() > deadline) throw new Error(`no worker polled task queue ${taskQueue} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** How fast the demo runs unless told: a day of the plan in 8 seconds, so three weeks pass in about 3 minutes. */
export const DEMO_SECONDS_PER_DAY = 8;

/**
 * `dondoc up --demo`: imports the demo plan (anchored like the sample), starts its workflows on a fast clock that
 * starts the day before its first reminder, and starts its actors. Everything goes through the real workflows, the
 * stream and the API; only the clock is fast. A demo already running (same plan id) is left as it is: its workflows
 * keep the clock they were started with.
 */
export async function startDemoPlan(opts: {
  client: Client;
  plans: PlanRegistry;
  tokens: TokenStore;
  planFile: string;
  actorsFile: string;
  secondsPerDay: number;
  taskQueue: string;
  apiBase: string;
  log: (line: string) => void;
}): Promise<{ summary: string; stop(): Promise<void> }> {
  const actors = readDemoActors(opts.actorsFile);
  // On a fast clock a worker still bundling its workflows would make the demo skip its first reminders (a reminder
  // more than a day of plan time late is not sent): start the clock once a worker polls.
  await waitForWorker(opts.client, opts.taskQueue, 120_000);
  const plan = asDemoPlan(loadSampleAhead(opts.planFile, Date.now()).plan);
  const calendar = loadCalendarFile();
  const startAt = demoStartOf(plan, DEFAULT_POLICY, calendar);
  if (startAt === null) throw new Error(`${opts.planFile}: the demo plan has no dated deadline to run towards`);
  const clock = acceleratedClock({ realNowMs: Date.now(), startAtMs: startAt, secondsPerDay: opts.secondsPerDay });
  await opts.plans.save(plan);
  const report = await startPlan(opts.client, plan, { taskQueue: opts.taskQueue, clock });
  const directory = plan.plan.directory ? loadDirectory(plan.plan.directory) : null;
  const leads = plannedAssignments(plan).map((a) => ({
    taskRef: a.input.taskRef,
    unitId: a.input.unitId,
    unitName: directory?.get(a.input.unitId)?.name ?? a.input.unitId,
  }));
  const running = await startDemoActors({
    apiBase: opts.apiBase,
    planId: plan.plan.id,
    actors,
    tokens: opts.tokens,
    leads,
    log: opts.log,
  });
  const from = DateTime.fromMillis(startAt, { zone: ZONE }).toFormat('dd/MM/yyyy HH:mm');
  const summary =
    `demo      ${plan.plan.title} (${plan.plan.id}): ${report.assignments} assignments, ${report.started} started` +
    (report.alreadyRunning ? `, ${report.alreadyRunning} already running on the clock they started with` : '') +
    `\n          a fast clock: one day of the plan every ${opts.secondsPerDay} s, from ${from} (plan time);` +
    ` reminders, misses and escalations follow within minutes, and the demo actors submit and approve through the API`;
  return { summary, stop: running.stop };
}
