import { verifyAudit } from '../../services/audit';
import { reconcile } from '../../services/reconcile';
import {
  awaitScheduled,
  countReminders,
  eventsOf,
  exactlyOnceProblems,
  log,
  planMessages,
  reminderMoment,
  sleep,
  startFaultStack,
  startReminderBurst,
  until,
  type FaultStack,
} from './support';

/** Workflows in the burst: half reminded in one minute, half in the next. Modest: the machine is shared. */
const N = Number(process.env.DONDOC_FAULT_BURST ?? 200);

jest.setTimeout(15 * 60_000);

describe('fault: the worker is killed with SIGKILL during a reminder burst', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await startFaultStack('worker-kill');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it(`delivers each of ${N} reminders exactly once after kill -9 and a restart`, async () => {
    const planId = `fault-kill-${process.pid}-${Date.now().toString(36)}`;
    const first = reminderMoment(120_000);
    const second = { ...reminderMoment(first.ms - Date.now() + 1_000) };
    const tasks = await startReminderBurst(stack.client, stack.taskQueue, planId, N, [first, second]);
    log(`started ${N} workflows; reminders at ${first.date} ${first.time} and ${second.time} (Asia/Ho_Chi_Minh)`);
    expect(second.ms - first.ms).toBe(60_000);

    // Every workflow has scheduled its deadline (its reminder timer is set) before the burst.
    await awaitScheduled(stack.handles, planId, N, first.ms - 2_000);

    // The burst starts: kill -9 the worker once about a tenth of the reminders have reached the stream.
    const atKill = await until(
      'the first reminders',
      async () => {
        const n = countReminders(eventsOf(await planMessages(stack.handles, planId)));
        return n >= Math.max(1, Math.floor(N / 10)) ? n : null;
      },
      first.ms - Date.now() + 120_000,
      250,
    );
    await stack.worker.kill();
    const killedAt = Date.now();
    log(`killed the worker (SIGKILL) with ${atKill}/${N} reminders on the stream`);
    expect(atKill).toBeLessThan(N);

    await sleep(5_000);
    await stack.worker.start();
    log(`worker restarted after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);

    const done = await until(
      `${N} reminders`,
      async () => {
        const events = eventsOf(await planMessages(stack.handles, planId));
        return countReminders(events) >= N ? Date.now() : null;
      },
      Math.max(0, second.ms - Date.now()) + 8 * 60_000,
      1_000,
    );
    log(`all ${N} reminders on the stream ${((done - killedAt) / 1000).toFixed(1)} s after the kill`);

    // Retries of abandoned activities (start-to-close 30 s) land later: give them time to show up, then check.
    await sleep(45_000);
    const events = eventsOf(await planMessages(stack.handles, planId));
    expect(exactlyOnceProblems(tasks, events)).toEqual([]);
    expect(countReminders(events)).toBe(N);
    // History is the system of record: every workflow's own log holds exactly the events the stream holds.
    const report = await reconcile({
      client: stack.client,
      js: stack.handles.js,
      planId,
      workflowIds: tasks.map((t) => t.workflowId),
    });
    expect({ republished: report.republished, failed: report.failed, diverged: report.diverged }).toEqual({
      republished: 0,
      failed: [],
      diverged: [],
    });
    expect(report.events).toBe(events.length);
    const audit = await verifyAudit(stack.handles.js, { planId });
    expect({ tasks: audit.tasks, breaks: audit.breaks, unreadable: audit.unreadable }).toEqual({
      tasks: N,
      breaks: [],
      unreadable: [],
    });
  });
});
