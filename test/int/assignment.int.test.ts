import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { ZONE } from '../../domain/calendar/types';
import { interpretDeadline } from '../../domain/deadlines';
import type { ResolvedDeadline } from '../../domain/deadlines/types';
import type { CommandInput } from '../../domain/events/commands';
import type { Actor, DondocEvent } from '../../domain/events/schemas';
import { verifyChain } from '../../domain/events/seal';
import { assignmentWorkflowId, subjectToken } from '../../domain/events/subjects';
import { readEvents } from '../../nats/read';
import type { NatsHandles } from '../../nats/streams';
import { createDondocWorker } from '../../worker/worker';
import { assignmentWorkflow } from '../../workflows';
import { executeAction } from '../../services/actions';
import { ServiceError } from '../../services/errors';
import { taskHistoryQuery, taskStateQuery } from '../../workflows/messages';
import { assignmentInput, fixedDeadline, workingDateAfter } from '../support/assignments';
import { calendar, connectTestNats, connectTimeSkipping, uniquePlanId } from '../support/servers';

const DAY = 24 * 60 * 60 * 1000;
const TASK_QUEUE = 'assignment-int';
const LEAD = 'hcm.q1.phong-noi-vu';
const unit: Actor = { kind: 'user', id: 'can-bo-noi-vu', role: 'unit', unitId: LEAD };
const otherUnit: Actor = { kind: 'user', id: 'can-bo-tu-phap', role: 'unit', unitId: 'hcm.q1.phong-tu-phap' };
const monitor: Actor = { kind: 'user', id: 'chuyen-vien-theo-doi', role: 'monitor', unitId: 'hcm.q1.phong-noi-vu' };

let env: TestWorkflowEnvironment;
let nats: NatsHandles;
let worker: Worker;
let running: Promise<void>;

async function startWorker(): Promise<void> {
  worker = await createDondocWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue: TASK_QUEUE,
    js: nats.js,
    calendar,
  });
  running = worker.run();
}
async function stopWorker(): Promise<void> {
  worker.shutdown();
  await running;
}

beforeAll(async () => {
  env = await connectTimeSkipping();
  nats = await connectTestNats();
  await startWorker();
});
/** Workflows the current test started; ended after it so that later tests' time skipping does not drive them. */
let started: WorkflowHandle[] = [];
afterEach(async () => {
  // A year-long test would otherwise also run every earlier test's open workflows through a year of reminders
  // and escalations (about three minutes of real time on the time-skipping server).
  await Promise.all(started.map((h) => h.terminate('test finished').catch(() => undefined)));
  started = [];
});
afterAll(async () => {
  await stopWorker();
  await nats?.nc.drain();
  await env?.teardown();
});

async function start(deadline: ResolvedDeadline, overrides: Parameters<typeof assignmentInput>[2] = {}) {
  const planId = uniquePlanId('asg');
  const input = assignmentInput(planId, deadline, overrides);
  const workflowId = assignmentWorkflowId(planId, input.taskRef, input.unitId);
  const handle = await env.client.workflow.start(assignmentWorkflow, {
    taskQueue: TASK_QUEUE,
    workflowId,
    args: [input],
  });
  started.push(handle);
  return { planId, input, workflowId, handle };
}

const act = (h: WorkflowHandle, command: CommandInput, actor: Actor) => executeAction(h, command, actor);

/** The code of a refused action: the decider's Refusal, thrown by executeAction as a ServiceError. */
async function rejectionType(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof ServiceError)) throw err;
    return err.code;
  }
  throw new Error('the action was accepted but should have been refused');
}

async function streamEvents(planId: string): Promise<DondocEvent[]> {
  return (await readEvents(nats.js, `dondoc.events.${subjectToken(planId)}.>`)).flatMap((s) =>
    s.event ? [s.event] : [],
  );
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const types = (events: DondocEvent[]) => events.map((e) => e.type);
const localToday = async () => DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE }).toISODate() as string;

// First in the file: on the Java time-skipping server this year-long test takes ~2 s on a fresh server but ~3 min
// after the ongoing-task test below, even with every earlier workflow terminated (not explained yet; the
// server's behaviour, not dondoc's). Hence its place and its own timeout.
describe('a full year', () => {
  it('recurring: a monthly task over a full year, one run per occurrence, one unbroken hash chain', async () => {
    const today = await localToday();
    const year = Number(today.slice(0, 4)) + 1;
    const deadline = interpretDeadline(
      'Định kỳ hằng tháng',
      { issued: `${year}-01-01`, until: `${year}-12-31` },
      calendar,
    );
    expect(deadline.kind).toBe('recurring');
    expect(deadline.milestones).toHaveLength(12);
    const { handle, planId } = await start(deadline, { period: { from: `${year}-01-01`, to: `${year}-12-31` } });
    const firstRun = handle.firstExecutionRunId;
    const endOfYear = DateTime.fromISO(`${year + 1}-01-20`, { zone: ZONE }).toMillis();
    await env.sleep(endOfYear - (await env.currentTimeMs()));
    // Nobody reported: every month was missed and escalated, and December is still owed.
    const view = await handle.query(taskStateQuery);
    expect(view.status).toBe('overdue');
    expect(view.state.closed.map((c) => c.outcome)).toEqual(Array(11).fill('missed'));
    const events = await streamEvents(planId);
    expect(events.filter((e) => e.type === 'TaskEscalated')).toHaveLength(24);
    expect(events.filter((e) => e.type === 'DeadlineScheduled')).toHaveLength(12);
    expect(events.filter((e) => e.type === 'DeadlineMissed')).toHaveLength(12);
    expect(verifyChain(events)).toEqual([]);
    const described = await handle.describe();
    expect(described.runId).not.toBe(firstRun); // continued as new
    await handle.terminate('done');
  }, 600_000);
});

describe('human actions', () => {
  it('submit then approve before the due date completes the task on time and stops the reminders', async () => {
    const due = workingDateAfter(await env.currentTimeMs(), 20);
    const { handle, planId } = await start(fixedDeadline(due));
    await env.sleep(2 * DAY);
    await act(
      handle,
      { type: 'ReportProgress', percent: 60, note: 'dự thảo xong', evidence: ['https://example.invalid/du-thao.pdf'] },
      unit,
    );
    await act(handle, { type: 'SubmitResult', note: 'Đã ban hành', evidence: ['so-123/QD-UBND'] }, unit);
    const approved = await act(handle, { type: 'ApproveCompletion', note: 'Đạt' }, monitor);
    expect(approved.status).toBe('done-on-time');
    const result = await handle.result();
    expect(result.status).toBe('done-on-time');
    const events = await streamEvents(planId);
    expect(types(events)).toEqual([
      'TaskAssigned',
      'MilestonesPlanned',
      'DeadlineScheduled',
      'ProgressReported',
      'ResultSubmitted',
      'CompletionApproved',
      'TaskCompleted',
      'AssignmentClosed',
    ]);
    const completed = events.at(-2)!;
    expect(completed.type === 'TaskCompleted' && completed.data.onTime).toBe(true);
    // Every action records who did it.
    expect(events.find((e) => e.type === 'CompletionApproved')!.metadata.actor).toEqual(monitor);
    expect(verifyChain(events)).toEqual([]);
  });

  it('refuses invalid actions with a typed error and changes nothing', async () => {
    const due = workingDateAfter(await env.currentTimeMs(), 20);
    const { handle } = await start(fixedDeadline(due));
    await waitFor(async () => (await handle.query(taskStateQuery)).nextDue === due);
    const before = (await handle.query(taskHistoryQuery)).length;
    expect(await rejectionType(act(handle, { type: 'ApproveCompletion' }, monitor))).toBe('conflict'); // nothing submitted
    expect(await rejectionType(act(handle, { type: 'SubmitResult' }, otherUnit))).toBe('forbidden'); // not the lead unit
    expect(await rejectionType(act(handle, { type: 'Cancel', reason: 'x' }, unit))).toBe('forbidden'); // units cannot cancel
    expect(
      await rejectionType(act(handle, { type: 'RequestExtension', requestedDue: '2020-01-01', reason: 'muộn' }, unit)),
    ).toBe('invalid');
    expect(await rejectionType(act(handle, { type: 'ReportProgress', percent: 140 } as never, unit))).toBe('invalid'); // schema
    expect(await rejectionType(act(handle, { type: 'Trigger', occurredOn: await localToday() }, unit))).toBe(
      'conflict',
    ); // not relative
    // Refusals change no state; each is recorded as ActionRefused with its reason.
    const after = await handle.query(taskHistoryQuery);
    expect(after.slice(before).map((e) => e.type)).toEqual(Array(6).fill('ActionRefused'));
    expect((await handle.query(taskStateQuery)).state.current?.status).toBe('open');

    await act(handle, { type: 'Cancel', reason: 'Nhiệm vụ không còn phù hợp' }, monitor);
    expect((await handle.result()).status).toBe('cancelled');
    // A cancelled task's workflow has closed: nothing more can be done to it.
    await expect(act(handle, { type: 'SubmitResult' }, unit)).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });

  it('an approved extension moves the reminders to the new date and keeps the original on record', async () => {
    const now = await env.currentTimeMs();
    const due = workingDateAfter(now, 10);
    const newDue = workingDateAfter(now, 40);
    const { handle, planId } = await start(fixedDeadline(due));
    await act(handle, { type: 'RequestExtension', requestedDue: newDue, reason: 'Chờ ý kiến Sở' }, unit);
    expect(await rejectionType(act(handle, { type: 'DecideExtension', approve: true }, unit))).toBe('forbidden');
    await act(handle, { type: 'DecideExtension', approve: true, note: 'Đồng ý' }, monitor);
    // Past the original date: no miss, no escalation.
    await env.sleep(20 * DAY);
    let events = await streamEvents(planId);
    expect(types(events)).not.toContain('DeadlineMissed');
    await act(handle, { type: 'SubmitResult' }, unit);
    await act(handle, { type: 'ApproveCompletion' }, monitor);
    await handle.result();
    events = await streamEvents(planId);
    const granted = events.find((e) => e.type === 'ExtensionGranted')!;
    expect(granted.type === 'ExtensionGranted' && [granted.data.originalDue, granted.data.newDue]).toEqual([
      due,
      newDue,
    ]);
    expect(events.at(-1)!.type).toBe('AssignmentClosed');
    const done = events.at(-2)!;
    expect(done.type === 'TaskCompleted' && [done.data.onTime, done.data.onTimeOriginal]).toEqual([true, false]);
    // A second DeadlineScheduled carries the new timeline.
    const schedules = events.filter((e) => e.type === 'DeadlineScheduled');
    expect(schedules.map((e) => e.type === 'DeadlineScheduled' && e.data.milestone.extendedDue)).toEqual([
      null,
      newDue,
    ]);
  });

  it('reassigning moves reminders to the new lead unit', async () => {
    const due = workingDateAfter(await env.currentTimeMs(), 12);
    const { handle, planId } = await start(fixedDeadline(due));
    await act(
      handle,
      {
        type: 'Reassign',
        toUnit: 'hcm.q1.phong-tu-phap',
        reason: 'Đúng chức năng',
        lead: [{ unitId: 'hcm.q1.phong-tu-phap', title: 'Phòng Tư pháp' }],
        head: [{ unitId: 'hcm.q1.phong-tu-phap', title: 'Trưởng Phòng Tư pháp' }],
      },
      monitor,
    );
    expect(await rejectionType(act(handle, { type: 'SubmitResult' }, unit))).toBe('forbidden'); // the old lead
    await env.sleep(13 * DAY);
    const reminders = (await streamEvents(planId)).filter((e) => e.type === 'ReminderSent');
    expect(reminders.length).toBeGreaterThan(0);
    for (const r of reminders) {
      expect(r.metadata.unitId).toBe('hcm.q1.phong-tu-phap');
      expect(r.type === 'ReminderSent' && r.data.to).toEqual([
        { unitId: 'hcm.q1.phong-tu-phap', title: 'Phòng Tư pháp' },
      ]);
    }
    await handle.terminate('done');
  });
});

describe('kinds of deadline', () => {
  it('relative: each trigger starts its own clock of N working days (Art. 147)', async () => {
    const today = await localToday();
    const deadline = interpretDeadline(
      'Trong vòng 05 ngày làm việc khi có thay đổi nhân sự',
      { issued: today, until: `${Number(today.slice(0, 4)) + 1}-12-31` },
      calendar,
    );
    expect(deadline.kind).toBe('relative');
    const { handle, planId } = await start(deadline, {
      period: { from: today, to: `${Number(today.slice(0, 4)) + 1}-12-31` },
    });
    await env.sleep(DAY);
    expect((await handle.query(taskStateQuery)).status).toBe('no-deadline');
    const occurredOn = await localToday();
    await act(handle, { type: 'Trigger', occurredOn, note: 'Bổ nhiệm Trưởng phòng mới' }, unit);
    await env.sleep(15 * DAY);
    const events = await streamEvents(planId);
    const scheduled = events.find((e) => e.type === 'DeadlineScheduled')!;
    expect(scheduled.type === 'DeadlineScheduled' && scheduled.data.milestone.due).toBe(
      calendar.addWorkingDays(occurredOn, 5),
    );
    expect(types(events)).toContain('DeadlineMissed');
    await handle.terminate('done');
  });

  it('external: no deadline until the monitoring unit sets one', async () => {
    const today = await localToday();
    const deadline = interpretDeadline(
      'Theo kế hoạch riêng của Thành phố',
      { issued: today, until: `${today.slice(0, 4)}-12-31` },
      calendar,
    );
    expect(deadline.kind).toBe('external');
    const { handle, planId } = await start(deadline, {
      period: { from: today, to: `${Number(today.slice(0, 4)) + 1}-12-31` },
    });
    await env.sleep(3 * DAY);
    expect((await handle.query(taskStateQuery)).status).toBe('no-deadline');
    expect(types(await streamEvents(planId))).toEqual(['TaskAssigned']);
    const due = workingDateAfter(await env.currentTimeMs(), 10);
    expect(await rejectionType(act(handle, { type: 'SetDueDate', due }, unit))).toBe('forbidden');
    await act(handle, { type: 'SetDueDate', due, note: 'Theo Công văn của UBND Thành phố' }, monitor);
    await env.sleep(DAY);
    expect((await handle.query(taskStateQuery)).nextDue).toBe(due);
    expect(types(await streamEvents(planId))).toEqual([
      'TaskAssigned',
      'ActionRefused',
      'DueDateSet',
      'DeadlineScheduled',
    ]);
    await handle.terminate('done');
  });

  it('ongoing: a quarterly progress report is due, and a report closes it', async () => {
    const today = await localToday();
    const year = Number(today.slice(0, 4)) + 1;
    const deadline = interpretDeadline('Thường xuyên', { issued: `${year}-01-01`, until: `${year}-12-31` }, calendar);
    expect(deadline.kind).toBe('ongoing');
    const { handle } = await start(deadline, { period: { from: `${year}-01-01`, to: `${year}-12-31` } });
    await env.sleep(DAY);
    const view = await handle.query(taskStateQuery);
    expect(view.state.milestones.map((m) => m.nominal)).toEqual([
      `${year}-03-31`,
      `${year}-06-30`,
      `${year}-09-30`,
      `${year}-12-31`,
    ]);
    expect(view.state.milestones.every((m) => m.kind === 'report')).toBe(true);
    await act(handle, { type: 'ReportProgress', percent: 25, note: 'Quý I' }, unit);
    expect((await handle.query(taskStateQuery)).state.closed).toEqual([
      expect.objectContaining({ index: 0, outcome: 'on-time' }),
    ]);
    await handle.terminate('done');
  });
});
