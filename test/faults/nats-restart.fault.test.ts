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
  tail,
  until,
  type FaultStack,
} from './support';
import path from 'node:path';

const N = Number(process.env.DONDOC_FAULT_BURST_NATS ?? 100);

jest.setTimeout(15 * 60_000);

describe('fault: nats-server stops during a reminder burst and comes back on the same port and store', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await startFaultStack('nats-restart');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it(`loses none of ${N} reminders; reconcile republishes nothing and the audit has no breaks`, async () => {
    const planId = `fault-nats-${process.pid}-${Date.now().toString(36)}`;
    const first = reminderMoment(120_000);
    const second = reminderMoment(first.ms - Date.now() + 1_000);
    const tasks = await startReminderBurst(stack.client, stack.taskQueue, planId, N, [first, second]);
    log(`started ${N} workflows; reminders at ${first.date} ${first.time} and ${second.time} (Asia/Ho_Chi_Minh)`);

    await awaitScheduled(stack.handles, planId, N, first.ms - 2_000);
    const atStop = await until(
      'the first reminders',
      async () => countReminders(eventsOf(await planMessages(stack.handles, planId))) || null,
      first.ms - Date.now() + 120_000,
      250,
    );
    await stack.nats.stop();
    const stoppedAt = Date.now();
    log(`stopped nats-server with ${atStop}/${N} reminders on the stream`);
    expect(atStop).toBeLessThan(N);

    // Down through the rest of the first burst and all of the second one.
    await sleep(Math.max(20_000, second.ms - Date.now() + 10_000));
    await stack.nats.start();
    log(`nats-server back on port ${stack.nats.port} after ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s`);
    expect(stack.worker.died).toBe(false);

    const done = await until(
      `${N} reminders after the restart`,
      async () => {
        const events = eventsOf(await planMessages(stack.handles, planId).catch(() => []));
        return countReminders(events) >= N ? Date.now() : null;
      },
      6 * 60_000,
      1_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n--- worker.log\n${tail(path.join(stack.dir, 'worker.log'))}`);
    });
    log(`all ${N} reminders on the stream ${((done - stoppedAt) / 1000).toFixed(1)} s after the stop`);

    await sleep(15_000);
    const events = eventsOf(await planMessages(stack.handles, planId));
    expect(exactlyOnceProblems(tasks, events)).toEqual([]);

    const report = await reconcile({
      client: stack.client,
      js: stack.handles.js,
      planId,
      workflowIds: tasks.map((t) => t.workflowId),
    });
    expect({
      republished: report.republished,
      failed: report.failed,
      repaired: report.repaired,
      diverged: report.diverged,
    }).toEqual({ republished: 0, failed: [], repaired: [], diverged: [] });
    expect(report.present).toBe(report.events);
    expect(report.events).toBe(events.length);

    const audit = await verifyAudit(stack.handles.js, { planId });
    expect({ tasks: audit.tasks, breaks: audit.breaks, unreadable: audit.unreadable }).toEqual({
      tasks: N,
      breaks: [],
      unreadable: [],
    });
  });
});
