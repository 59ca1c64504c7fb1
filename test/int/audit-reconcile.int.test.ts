import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { eventSubject, assignmentWorkflowId, subjectToken } from '../../domain/events/subjects';
import { publishEvents } from '../../nats/publisher';
import { readEventAt, readEvents, waitForEvents } from '../../nats/read';
import { EVENTS_STREAM, type NatsHandles } from '../../nats/streams';
import { taskHistory, verifyAudit } from '../../services/audit';
import { listAssignmentWorkflowIds, reconcile } from '../../services/reconcile';
import { createDondocWorker } from '../../worker/worker';
import { assignmentWorkflow } from '../../workflows';
import { assignmentInput, fixedDeadline, workingDateAfter } from '../support/assignments';
import { assigned, chain, milestone, scheduled } from '../support/events';
import { calendar, connectTestNats, connectTimeSkipping, uniquePlanId } from '../support/servers';

const DAY = 24 * 60 * 60 * 1000;
// The int project's `testTimeout` is not applied per project by jest; bundling the workflows takes > 5 s.
jest.setTimeout(120_000);
const m0 = milestone('2025-06-30');

describe('audit trail: hash chain verification and reconciliation from workflow history', () => {
  let env: TestWorkflowEnvironment;
  let nats: NatsHandles;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `audit-${process.pid}-${Date.now().toString(36)}`;

  beforeAll(async () => {
    env = await connectTimeSkipping();
    nats = await connectTestNats();
    worker = await createDondocWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
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

  it('verify passes an intact stream and reports a tampered copy and a deleted message by task and seq', async () => {
    const planId = uniquePlanId('tamper');
    const a = chain(planId, '1', 'a', [
      assigned('a'),
      scheduled(m0),
      { type: 'DeadlineMissed', data: { milestone: m0 } },
    ]);
    const b = chain(planId, '2', 'b', [
      assigned('b'),
      scheduled(m0),
      { type: 'DeadlineMissed', data: { milestone: m0 } },
    ]);
    const acks = await publishEvents(nats.js, [...a, ...b]);
    expect(await verifyAudit(nats.js, { planId })).toMatchObject({ tasks: 2, events: 6, breaks: [], unreadable: [] });

    // A modified copy of a's 2nd event (new due date, same hashes), published under another msgID.
    const forged = { ...a[1]!, data: { ...a[1]!.data, milestone: { ...m0, due: '2025-12-31' } } };
    await nats.js.publish(eventSubject(forged), JSON.stringify(forged), { msgID: `${forged.metadata.eventId}-forged` });
    // b's 2nd event disappears.
    await nats.jsm.streams.deleteMessage(EVENTS_STREAM, acks[4]!.seq);

    const report = await verifyAudit(nats.js, { planId });
    const aId = a[0]!.metadata.workflowId;
    const bId = b[0]!.metadata.workflowId;
    expect(report.breaks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ workflowId: aId, seq: 2, problem: 'content does not match its hash (altered)' }),
        expect.objectContaining({ workflowId: bId, seq: 3, problem: 'expected seq 2, found 3' }),
        expect.objectContaining({ workflowId: bId, seq: 3, problem: 'prevHash does not match the previous event' }),
      ]),
    );
    expect(report.breaks.every((x) => x.workflowId === aId || x.workflowId === bId)).toBe(true);
    expect((await taskHistory(nats.js, bId)).map((e) => e.event.metadata.seq)).toEqual([1, 3]);
  });

  it('reads one stored message back as an event, through the schemas, and null once it is gone', async () => {
    const planId = uniquePlanId('readat');
    const [event] = chain(planId, '1', 'a', [assigned('a')]);
    const [ack] = await publishEvents(nats.js, [event!]);
    expect((await readEventAt(nats.jsm, ack!.seq))?.event).toEqual(event);

    const bad = await nats.js.publish(eventSubject(event!), JSON.stringify({ ...event, version: 99 }));
    expect(await readEventAt(nats.jsm, bad.seq)).toMatchObject({
      event: null,
      error: expect.stringMatching(/version/),
    });

    await nats.jsm.streams.deleteMessage(EVENTS_STREAM, ack!.seq);
    expect(await readEventAt(nats.jsm, ack!.seq)).toBeNull();
  });

  it('reconcile republishes events deleted from the stream from the workflow’s own log, once', async () => {
    const planId = uniquePlanId('reconcile');
    const start = await env.currentTimeMs();
    const input = assignmentInput(planId, fixedDeadline(workingDateAfter(start, 14)));
    const workflowId = assignmentWorkflowId(planId, input.taskRef, input.unitId);
    const handle = await env.client.workflow.start(assignmentWorkflow, { taskQueue, workflowId, args: [input] });
    await env.sleep(30 * DAY);
    const filter = `dondoc.events.${subjectToken(planId)}.>`;
    // TaskAssigned, MilestonesPlanned, DeadlineScheduled, 3 reminders, the miss, 2 escalations.
    await waitForEvents(nats.js, filter, 9, 20_000);

    const stored = await readEvents(nats.js, filter);
    const victims = [stored[2]!, stored[5]!];
    for (const v of victims) await nats.jsm.streams.deleteMessage(EVENTS_STREAM, v.streamSeq);
    expect((await verifyAudit(nats.js, { planId })).breaks.length).toBeGreaterThan(0);

    // The time-skipping server may not answer visibility queries; the dev server does.
    const ids = await listAssignmentWorkflowIds(env.client, "WorkflowType='assignmentWorkflow'", planId).catch(() => [
      workflowId,
    ]);
    expect(ids).toContain(workflowId);
    const report = await reconcile({ client: env.client, js: nats.js, planId, workflowIds: ids });
    expect(report).toMatchObject({ workflows: 1, events: 9, present: 7, republished: 2, failed: [], diverged: [] });
    expect(report.repaired[0]?.eventIds).toEqual(victims.map((v) => v.event!.metadata.eventId));

    expect(await verifyAudit(nats.js, { planId })).toMatchObject({ tasks: 1, events: 9, breaks: [] });
    const again = await reconcile({ client: env.client, js: nats.js, planId, workflowIds: ids });
    expect(again).toMatchObject({ present: 9, republished: 0 });
    expect(await readEvents(nats.js, filter)).toHaveLength(9);
    await handle.terminate('audit test done');
  });
});
