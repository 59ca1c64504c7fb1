import path from 'node:path';
import { verifyAudit } from '../../services/audit';
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

const N = Number(process.env.DONDOC_FAULT_BURST_TEMPORAL ?? 60);

jest.setTimeout(15 * 60_000);

describe('fault: the Temporal dev server restarts on its persistent database', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await startFaultStack('temporal-restart');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it(`fires all ${N} reminder timers that fell due while it was down, exactly once`, async () => {
    const planId = `fault-temporal-${process.pid}-${Date.now().toString(36)}`;
    const moment = reminderMoment(120_000);
    const tasks = await startReminderBurst(stack.client, stack.taskQueue, planId, N, [moment]);
    log(`started ${N} workflows; reminders at ${moment.date} ${moment.time} (Asia/Ho_Chi_Minh)`);

    expect(await awaitScheduled(stack.handles, planId, N, moment.ms - 10_000)).toBe(N);
    expect(countReminders(eventsOf(await planMessages(stack.handles, planId)))).toBe(0);

    // Down before the timers are due, and for a while after: they all fall due while nothing runs them.
    await stack.temporal.stop();
    const stoppedAt = Date.now();
    log(`stopped the Temporal dev server ${((moment.ms - stoppedAt) / 1000).toFixed(1)} s before the reminders`);
    await sleep(moment.ms - Date.now() + 20_000);
    expect(countReminders(eventsOf(await planMessages(stack.handles, planId)))).toBe(0);
    await stack.temporal.start();
    const restartedAt = Date.now();
    log(
      `Temporal back on ${stack.temporal.address} (same ${path.basename(stack.temporal.dbFile)}) after ${((restartedAt - stoppedAt) / 1000).toFixed(1)} s`,
    );

    const workerLog = path.join(stack.dir, 'worker.log');
    const done = await until(
      `${N} reminders after the restart`,
      async () => {
        if (stack.worker.died) throw new Error(`the worker died while Temporal was down:\n${tail(workerLog)}`);
        const events = eventsOf(await planMessages(stack.handles, planId));
        return countReminders(events) >= N ? Date.now() : null;
      },
      6 * 60_000,
      1_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n--- worker.log\n${tail(workerLog)}`);
    });
    log(`all ${N} reminders on the stream ${((done - restartedAt) / 1000).toFixed(1)} s after the restart`);

    await sleep(15_000);
    const events = eventsOf(await planMessages(stack.handles, planId));
    expect(exactlyOnceProblems(tasks, events)).toEqual([]);
    // Each reminder went out after the restart, i.e. late, but once, for the milestone it was scheduled for.
    for (const e of events.filter((x) => x.type === 'ReminderSent'))
      expect(Date.parse(e.metadata.at)).toBeGreaterThanOrEqual(moment.ms);
    const audit = await verifyAudit(stack.handles.js, { planId });
    expect({ tasks: audit.tasks, breaks: audit.breaks, unreadable: audit.unreadable }).toEqual({
      tasks: N,
      breaks: [],
      unreadable: [],
    });
  });
});
