import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Actor, DondocEvent } from '../../domain/events/schemas';
import { verifyChain } from '../../domain/events/seal';
import { assignmentWorkflowId, subjectToken } from '../../domain/events/subjects';
import { DEFAULT_POLICY, ExplanationStepSchema } from '../../domain/policy/policy';
import { readEvents } from '../../nats/read';
import type { NatsHandles } from '../../nats/streams';
import { executeAction } from '../../services/actions';
import { createDondocWorker } from '../../worker/worker';
import { assignmentWorkflow } from '../../workflows';
import { taskStateQuery } from '../../workflows/messages';
import { assignmentInput, fixedDeadline, workingDateAfter } from '../support/assignments';
import { calendar, connectTestNats, connectTimeSkipping, uniquePlanId } from '../support/servers';

const DAY = 24 * 60 * 60 * 1000;
const TASK_QUEUE = 'explanation-step-int';
const LEAD = 'hcm.q1.phong-van-hoa';
const MONITORING = 'hcm.q1.phong-noi-vu';
const unit: Actor = { kind: 'user', id: 'van-thu-phong-van-hoa', role: 'unit', unitId: LEAD };

let env: TestWorkflowEnvironment;
let nats: NatsHandles;
let worker: Worker;
let running: Promise<void>;
let handle: WorkflowHandle | null = null;

beforeAll(async () => {
  env = await connectTimeSkipping();
  nats = await connectTestNats();
  worker = await createDondocWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue: TASK_QUEUE,
    js: nats.js,
    calendar,
  });
  running = worker.run();
});
afterAll(async () => {
  await handle?.terminate('test finished').catch(() => undefined);
  worker?.shutdown();
  await running;
  await nats?.nc.drain();
  await env?.teardown();
});

async function streamEvents(planId: string): Promise<DondocEvent[]> {
  return (await readEvents(nats.js, `dondoc.events.${subjectToken(planId)}.>`)).flatMap((s) =>
    s.event ? [s.event] : [],
  );
}

describe('the policy\'s explanation step ("yêu cầu giải trình") on the time-skipping server', () => {
  it('asks the late unit after the set working days; the unit answers in the task; both stay in the audit trail', async () => {
    const planId = uniquePlanId('explain');
    const due = workingDateAfter(await env.currentTimeMs(), 3);
    const input = assignmentInput(planId, fixedDeadline(due), {
      unitId: LEAD,
      monitoringUnit: MONITORING,
      policy: { ...DEFAULT_POLICY, explanation: ExplanationStepSchema.parse({}) },
      recipients: {
        lead: [{ unitId: LEAD, title: 'Phòng Văn hóa và Thông tin' }],
        head: [{ unitId: LEAD, title: 'Trưởng Phòng Văn hóa và Thông tin' }],
        authority: [{ unitId: 'hcm.q1', title: 'Chủ tịch UBND Quận 1' }],
      },
    });
    handle = await env.client.workflow.start(assignmentWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: assignmentWorkflowId(planId, input.taskRef, input.unitId),
      args: [input],
    });

    // Nobody delivers: the due date passes, then the escalations, then the explanation step (5 working days after).
    let requested: Extract<DondocEvent, { type: 'ExplanationRequested' }> | undefined;
    for (let day = 0; day < 30 && !requested; day++) {
      await env.sleep(DAY);
      requested = (await streamEvents(planId)).find(
        (e): e is Extract<DondocEvent, { type: 'ExplanationRequested' }> => e.type === 'ExplanationRequested',
      );
    }
    expect(requested).toBeDefined();
    expect(requested!.data).toMatchObject({
      by: MONITORING,
      workingDaysLate: 5,
      reason: 'Chậm thực hiện nhiệm vụ so với thời hạn được giao',
      to: [
        { unitId: LEAD, title: 'Phòng Văn hóa và Thông tin' },
        { unitId: LEAD, title: 'Trưởng Phòng Văn hóa và Thông tin' },
      ],
    });
    expect(requested!.data.milestone.due).toBe(due);
    expect(requested!.data.dueBy > due).toBe(true);
    // Asked once, after the level-2 escalation of the same day.
    const before = (await streamEvents(planId)).map((e) => e.type);
    expect(before.filter((t) => t === 'ExplanationRequested')).toHaveLength(1);
    expect(before.indexOf('TaskEscalated')).toBeLessThan(before.indexOf('ExplanationRequested'));

    // The unit answers in the task, on time; a second answer is refused.
    const text = 'Chờ ý kiến của Sở Văn hóa và Thể thao; sẽ hoàn thành trong tháng.';
    await executeAction(
      handle,
      { type: 'SubmitExplanation', text, attachments: ['https://vanban.example.gov.vn/cv-88.pdf'] },
      unit,
    );
    await expect(
      executeAction(handle, { type: 'SubmitExplanation', text: 'lần hai', attachments: [] }, unit),
    ).rejects.toThrow(/no explanation request/);

    const state = await handle.query(taskStateQuery);
    expect(state.state.explanations).toEqual([
      expect.objectContaining({
        by: MONITORING,
        dueBy: requested!.data.dueBy,
        answer: expect.objectContaining({ by: LEAD, text, onTime: true }),
      }),
    ]);
    let events: DondocEvent[] = [];
    for (let i = 0; i < 100; i++) {
      events = await streamEvents(planId);
      if (events.some((e) => e.type === 'ExplanationSubmitted')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const answer = events.find((e) => e.type === 'ExplanationSubmitted');
    expect(answer?.data).toEqual({
      milestone: requested!.data.milestone,
      by: LEAD,
      text,
      attachments: ['https://vanban.example.gov.vn/cv-88.pdf'],
      onTime: true,
    });
    expect(answer?.metadata.actor).toEqual(unit);
    expect(verifyChain(events)).toEqual([]);
  }, 240_000);
});
