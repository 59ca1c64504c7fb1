import { Kvm } from '@nats-io/kv';
import type { FastifyInstance } from 'fastify';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { buildApp } from '../../api/server';
import { readCalendarText } from '../../config/calendar';
import { viDate } from '../../domain/deadlines';
import type { Actor, DondocEvent } from '../../domain/events/schemas';
import { assignmentWorkflowId, subjectToken } from '../../domain/events/subjects';
import { readEvents } from '../../nats/read';
import { EVENTS_STREAM, type NatsHandles } from '../../nats/streams';
import { startProjector, type Projector } from '../../projections/projector';
import { KvProjectionStore } from '../../projections/store';
import { executeAction } from '../../services/actions';
import { PlanRegistry } from '../../services/plans';
import { ReprojectionService } from '../../services/reprojection';
import { TokenStore, type Principal } from '../../services/tokens';
import { createDondocWorker } from '../../worker/worker';
import { assignmentWorkflow } from '../../workflows';
import { taskStateQuery } from '../../workflows/messages';
import { assignmentInput, fixedDeadline, workingDateAfter } from '../support/assignments';
import { calendar, connectTestNats, connectTimeSkipping, uniquePlanId } from '../support/servers';

// As in api.int.test.ts: fastify's cookie dependency does not load under jest's CommonJS loader.
jest.mock('cookie', () => ({
  stringifySetCookie: () => '',
  parseSetCookie: () => ({}),
  parse: () => ({}),
  serialize: () => '',
}));

const DAY = 24 * 60 * 60 * 1000;
const TASK_QUEUE = 'reproject-int';
const LEAD = 'hcm.q1.phong-noi-vu';
const unit: Actor = { kind: 'user', id: 'can-bo-noi-vu', role: 'unit', unitId: LEAD };
const monitor: Actor = { kind: 'user', id: 'chuyen-vien-theo-doi', role: 'monitor', unitId: LEAD };
const monitorToken: Principal = { tokenId: 'int', name: 'theo-doi', role: 'monitor', unitId: null };

let env: TestWorkflowEnvironment;
let nats: NatsHandles;
let worker: Worker;
let running: Promise<void>;
let started: WorkflowHandle[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

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
afterEach(async () => {
  await Promise.all(started.map((h) => h.terminate('test finished').catch(() => undefined)));
  started = [];
  for (const c of cleanups.splice(0)) await c().catch(() => undefined);
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await nats?.nc.drain();
  await env?.teardown();
});

/** A plan's assignment with the given due dates, its live projection, and the re-projection service over both. */
async function planWith(dues: string[]) {
  const planId = uniquePlanId('rp');
  const input = assignmentInput(planId, fixedDeadline(...dues));
  const workflowId = assignmentWorkflowId(planId, input.taskRef, input.unitId);
  const handle = await env.client.workflow.start(assignmentWorkflow, {
    taskQueue: TASK_QUEUE,
    workflowId,
    args: [input],
  });
  started.push(handle);
  const bucket = `t_rp_${subjectToken(planId)}`;
  const projector: Projector = await startProjector({
    ...nats,
    durableName: `rp-${subjectToken(planId)}`,
    filter: `dondoc.events.${subjectToken(planId)}.>`,
    bucket,
  });
  const store = await KvProjectionStore.open(nats.nc, { bucket });
  cleanups.push(
    () => projector.stop(),
    () => store.close(),
    async () => (await new Kvm(nats.nc).open(bucket)).destroy(),
    () => nats.jsm.consumers.delete(EVENTS_STREAM, `rp-${subjectToken(planId)}`),
  );
  await until('the projection of the task', async () => store.getTask(workflowId)?.nextDue === dues[0]);
  const service = new ReprojectionService({ client: env.client, store });
  return { planId, workflowId, handle, store, service };
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function streamEvents(planId: string): Promise<DondocEvent[]> {
  return (await readEvents(nats.js, `dondoc.events.${subjectToken(planId)}.>`)).flatMap((s) =>
    s.event ? [s.event] : [],
  );
}

/** A calendar overrides file that takes `date` off, as an operator would write it. */
const dayOffFile = (date: string) =>
  readCalendarText(
    `days:\n  - date: ${date}\n    working: false\n    name: Nghỉ đột xuất\n    source: Quyết định 99/QĐ-UBND\n`,
    'lich-moi.yaml',
  );

describe('calendar re-projection on the real Temporal and NATS servers', () => {
  it('a new day off moves the open deadline, records why, and the workflow re-arms its timers for the new date', async () => {
    // given a task with two milestones and a calendar that takes the first due day off
    const now = await env.currentTimeMs();
    const due = workingDateAfter(now, 20);
    const later = workingDateAfter(now, 60);
    const { planId, handle, service } = await planWith([due, later]);
    const file = dayOffFile(due);
    const newDue = file.calendar.rollForward(due);

    // when
    const report = await service.reproject(monitorToken, { before: calendar, after: file, nowMs: now });

    // then one move, of the first milestone, applied
    expect(report.tasks).toHaveLength(1);
    expect(report.tasks[0]!.outcome).toEqual({ status: 'applied', events: 1 });
    expect(report.tasks[0]!.moves.map((m) => [m.milestone, m.from, m.to])).toEqual([[0, due, newDue]]);
    expect(report.moved).toBe(1);
    const events = await streamEvents(planId);
    const moved = events.filter((e) => e.type === 'DeadlineReprojected');
    expect(moved).toHaveLength(1);
    const e = moved[0]!;
    if (e.type !== 'DeadlineReprojected') throw new Error('unreachable');
    expect(e.data).toMatchObject({ from: due, to: newDue, calendarVersion: file.version });
    expect(e.data.milestone.index).toBe(0);
    expect(e.data.reason).toContain(`${viDate(due)} là ngày nghỉ theo tệp lịch: Nghỉ đột xuất`);
    expect(e.data.rule).toBe('Điều 148 Bộ luật Dân sự; lịch nghỉ: Quyết định 99/QĐ-UBND');
    expect(e.metadata.actor).toMatchObject({ role: 'monitor' });
    // The original due date stays for on-time rates; the workflow now works toward the new one.
    const view = await handle.query(taskStateQuery);
    expect(view.nextDue).toBe(newDue);
    expect(view.state.milestones[0]).toMatchObject({ due, reprojectedDue: newDue });
    expect(view.state.milestones[1]).toMatchObject({ due: later });
    expect(events.filter((x) => x.type === 'DeadlineScheduled').at(-1)!.data).toMatchObject({
      milestone: { index: 0, reprojectedDue: newDue },
    });

    // Past the new date with nothing submitted: the miss is on the new date, not the old one.
    await env.sleep(25 * DAY);
    const after = await streamEvents(planId);
    const missed = after.filter((x) => x.type === 'DeadlineMissed');
    expect(missed.length).toBeGreaterThanOrEqual(1);
    expect(missed[0]!.metadata.at.slice(0, 10) > newDue).toBe(true);
  });

  it('a dry run changes nothing, a second run finds nothing left to move, and the task can still be completed', async () => {
    const now = await env.currentTimeMs();
    const due = workingDateAfter(now, 20);
    const { planId, handle, service, store, workflowId } = await planWith([due]);
    const file = dayOffFile(due);
    const newDue = file.calendar.rollForward(due);

    const dry = await service.reproject(monitorToken, { before: calendar, after: file, dryRun: true, nowMs: now });
    expect(dry.tasks.map((t) => [t.outcome.status, t.moves[0]?.to])).toEqual([['planned', newDue]]);
    expect((await streamEvents(planId)).map((e) => e.type)).not.toContain('DeadlineReprojected');

    // A unit token may not re-project.
    await expect(
      service.reproject({ ...monitorToken, role: 'unit', unitId: LEAD }, { before: calendar, after: file, nowMs: now }),
    ).rejects.toMatchObject({ code: 'forbidden' });

    const applied = await service.reproject(monitorToken, { before: calendar, after: file, nowMs: now });
    expect(applied.moved).toBe(1);
    await until('the projection of the move', async () => store.getTask(workflowId)?.nextDue === newDue);
    // Re-running on the same calendar (now also the "before" one) moves nothing again.
    const again = await service.reproject(monitorToken, { before: file.calendar, after: file, nowMs: now });
    expect(again).toMatchObject({ moved: 0, tasks: [] });

    // The workflow still takes actions: submitted and approved, on time against the new date.
    await executeAction(handle, { type: 'SubmitResult', note: 'Đã ban hành', evidence: [] }, unit);
    const approved = await executeAction(handle, { type: 'ApproveCompletion', note: 'Đạt' }, monitor);
    expect(approved.status).toBe('done-on-time');
    const types = (await streamEvents(planId)).map((e) => e.type);
    expect(types.filter((t) => t === 'DeadlineReprojected')).toHaveLength(1);
    expect(types).toContain('TaskCompleted');
  });

  it('POST /calendar/reproject: monitors re-project, units are refused, bad calendars answer 400', async () => {
    const now = await env.currentTimeMs();
    const due = workingDateAfter(now, 20);
    const { planId, store, workflowId } = await planWith([due]);
    const tokens = await TokenStore.open(nats.nc);
    const monitorBearer = (await tokens.create({ role: 'monitor', name: 'Phòng Nội vụ' })).token;
    const unitBearer = (await tokens.create({ role: 'unit', unitId: LEAD })).token;
    const app: FastifyInstance = await buildApp({
      client: env.client,
      plans: await PlanRegistry.open(nats.nc),
      store,
      js: nats.js,
      tokens,
      calendar,
      taskQueue: TASK_QUEUE,
      logError: () => undefined,
    });
    cleanups.unshift(() => app.close());
    const post = (token: string, payload: object) =>
      app.inject({
        method: 'POST',
        url: '/calendar/reproject',
        headers: { authorization: `Bearer ${token}` },
        payload,
      });
    const calendarBody = { days: [{ date: due, working: false, name: 'Nghỉ đột xuất' }] };

    expect((await post(unitBearer, { calendar: calendarBody, planId })).statusCode).toBe(403);
    const bad = await post(monitorBearer, { calendar: { days: [{ date: '2026-02-30', working: false }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/calendar\.days\.0\.date|expected a real ISO date/);
    const twice = await post(monitorBearer, { calendar: { days: [calendarBody.days[0], calendarBody.days[0]] } });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().message).toContain(`date ${due} already given in days[0]`);
    expect((await post(monitorBearer, { calendar: calendarBody, dryRun: 'yes' })).statusCode).toBe(400);

    const dry = await post(monitorBearer, { calendar: calendarBody, planId, dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      moved: 1,
      tasks: [{ workflowId, outcome: { status: 'planned' } }],
    });
    const applied = await post(monitorBearer, { calendar: calendarBody, planId });
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toMatchObject({
      moved: 1,
      tasks: [{ workflowId, outcome: { status: 'applied', events: 1 } }],
    });
    const moved = (await streamEvents(planId)).filter((e) => e.type === 'DeadlineReprojected');
    expect(moved.map((e) => e.metadata.actor.role)).toEqual(['monitor']);
  });
});
