import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { ZONE } from '../../domain/calendar/types';
import type { DondocEvent } from '../../domain/events/schemas';
import { assignmentWorkflowId, subjectToken } from '../../domain/events/subjects';
import { readEvents } from '../../nats/read';
import type { NatsHandles } from '../../nats/streams';
import { createDondocWorker } from '../../worker/worker';
import { assignmentWorkflow } from '../../workflows';
import { assignmentInput, fixedDeadline, workingDateAfter } from '../support/assignments';
import { calendar, connectTestNats, connectTimeSkipping, uniquePlanId } from '../support/servers';

// Its own file, so its own time-skipping server: nothing else holds its virtual clock back.
const DAY = 24 * 60 * 60 * 1000;
const TASK_QUEUE = 'assignment-int';

let env: TestWorkflowEnvironment;
let nats: NatsHandles;

beforeAll(async () => {
  env = await connectTimeSkipping();
  nats = await connectTestNats();
});
afterAll(async () => {
  await nats?.nc.drain();
  await env?.teardown();
});

async function streamEvents(planId: string): Promise<DondocEvent[]> {
  return (await readEvents(nats.js, `dondoc.events.${subjectToken(planId)}.>`)).flatMap((s) =>
    s.event ? [s.event] : [],
  );
}

describe('durability', () => {
  it('a worker restart partway through loses no reminder and sends none twice', async () => {
    const due = workingDateAfter(await env.currentTimeMs(), 15);
    // Its own worker without a workflow cache: the Java test server never moves a dead worker's sticky tasks back
    // to the shared queue (the real server does after a few seconds), so stickiness is off for this test.
    const queue = `${TASK_QUEUE}-restart`;
    const own = () =>
      createDondocWorker({
        connection: env.nativeConnection,
        namespace: 'default',
        taskQueue: queue,
        js: nats.js,
        calendar,
        tuning: { maxCachedWorkflows: 0 },
      });
    let w = await own();
    let r = w.run();
    const planId = uniquePlanId('restart');
    const input = assignmentInput(planId, fixedDeadline(due));
    const workflowId = assignmentWorkflowId(planId, input.taskRef, input.unitId);
    const handle = await env.client.workflow.start(assignmentWorkflow, { taskQueue: queue, workflowId, args: [input] });
    // Past the first reminder (5 working days before), then restart the worker with an empty cache.
    const firstReminder = DateTime.fromISO(`${calendar.addWorkingDays(due, -5)}T10:00`, { zone: ZONE }).toMillis();
    const t0 = Date.now();
    const step = (m: string) => process.stderr.write(`worker restart: ${m} after ${Date.now() - t0} ms\n`);
    await env.sleep(firstReminder - (await env.currentTimeMs()));
    step('slept to the first reminder');
    expect((await streamEvents(planId)).filter((e) => e.type === 'ReminderSent')).toHaveLength(1);
    w.shutdown();
    await r;
    step('worker stopped');
    w = await own();
    r = w.run();
    step('worker restarted');
    await env.sleep(20 * DAY);
    step('slept 20 days');
    const events = await streamEvents(planId);
    expect(
      events.filter((e) => e.type === 'ReminderSent').map((e) => e.type === 'ReminderSent' && e.data.workingDaysBefore),
    ).toEqual([5, 1, 0]);
    expect(new Set(events.map((e) => e.metadata.eventId)).size).toBe(events.length);
    expect(events.map((e) => e.metadata.eventId)).toEqual(events.map((_, i) => `${workflowId}:${i + 1}`));
    await handle.terminate('done');
    w.shutdown();
    await r;
  });
});
