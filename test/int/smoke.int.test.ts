import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { assignmentWorkflowId, subjectToken } from '../../domain/events/subjects';
import { readEvents, waitForEvents } from '../../nats/read';
import type { NatsHandles } from '../../nats/streams';
import { createDondocWorker } from '../../worker/worker';
import { assignmentWorkflow } from '../../workflows';
import { taskStateQuery } from '../../workflows/messages';
import { assignmentInput, fixedDeadline, workingDateAfter } from '../support/assignments';
import { calendar, connectTestNats, connectTimeSkipping, uniquePlanId } from '../support/servers';

const DAY = 24 * 60 * 60 * 1000;

describe('smoke: workflow → activity → JetStream → consumer, on the real servers', () => {
  let env: TestWorkflowEnvironment;
  let nats: NatsHandles;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    env = await connectTimeSkipping();
    nats = await connectTestNats();
    worker = await createDondocWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue: 'smoke',
      js: nats.js,
      calendar,
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await nats?.nc.drain();
    await env?.teardown();
  });

  it('sleeps to a deadline in virtual time and the reminder, miss and escalation events reach a JetStream consumer', async () => {
    const planId = uniquePlanId('smoke');
    const start = await env.currentTimeMs();
    const due = workingDateAfter(start, 14);
    const input = assignmentInput(planId, fixedDeadline(due));
    const workflowId = assignmentWorkflowId(planId, input.taskRef, input.unitId);
    const handle = await env.client.workflow.start(assignmentWorkflow, {
      taskQueue: 'smoke',
      workflowId,
      args: [input],
    });

    // Skip virtual time to well past the 5th working day after the due date.
    await env.sleep(30 * DAY);

    const filter = `dondoc.events.${subjectToken(planId)}.>`;
    const events = await waitForEvents(nats.js, filter, 9, 20_000);
    expect(events.map((e) => e.type)).toEqual([
      'TaskAssigned',
      'MilestonesPlanned',
      'DeadlineScheduled',
      'ReminderSent',
      'ReminderSent',
      'ReminderSent',
      'DeadlineMissed',
      'TaskEscalated',
      'TaskEscalated',
    ]);
    // Every event was published with msgID = <workflowId>:<seq>, in order.
    expect(events.map((e) => e.metadata.eventId)).toEqual(events.map((_, i) => `${workflowId}:${i + 1}`));
    const reminderAt = events.filter((e) => e.type === 'ReminderSent').map((e) => e.metadata.at);
    expect(reminderAt[0]).toMatch(new RegExp(`^${calendar.addWorkingDays(due, -5)}T09:00:0\\d(\\.\\d+)?\\+07:00$`));
    const l2 = events.at(-1)!;
    expect(l2.type === 'TaskEscalated' && l2.data.level).toBe(2);
    expect(l2.metadata.at).toMatch(new RegExp(`^${calendar.addWorkingDays(due, 5)}T09:00:0\\d(\\.\\d+)?\\+07:00$`));

    const view = await handle.query(taskStateQuery);
    expect(view.status).toBe('overdue');
    expect(view.escalationLevel).toBe(2);

    // The stream holds exactly these events once each.
    const stored = await readEvents(nats.js, filter);
    expect(stored).toHaveLength(events.length);
    await handle.terminate('smoke test done');
  });
});
