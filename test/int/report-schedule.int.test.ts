import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import mammoth from 'mammoth';
import { ZONE } from '../../domain/calendar/types';
import { EVENTS_SUBJECT_PREFIX, subjectToken } from '../../domain/events/subjects';
import { importPlan } from '../../domain/plans/import';
import { periodReportWorkflowId, type ReportGenerated } from '../../domain/reports/schedule';
import { signBody, SIGNATURE_HEADER } from '../../notifications/deliver';
import { readEvents } from '../../nats/read';
import type { NatsHandles } from '../../nats/streams';
import { readReportsGenerated } from '../../reports/generated-stream';
import { PlanRegistry, startPlan } from '../../services/plans';
import { buildApp } from '../../api/server';
import { ReportScheduleService } from '../../services/report-schedules';
import { TokenStore } from '../../services/tokens';
import { freePort } from '../../stack/processes';
import { createDondocWorker } from '../../worker/worker';
import { periodReportWorkflow } from '../../workflows';
import { TemporalDevServer, until } from '../faults/support';
import { calendar, connectTestNats } from '../support/servers';

const REPO = path.resolve(__dirname, '..', '..');

// A Temporal Schedule needs the real server: the Java time-skipping test server has no schedules. This file starts
// its own Temporal CLI dev server (as `dondoc up` does) on free ports with a throw-away SQLite file.
const TASK_QUEUE = `report-schedule-${process.pid}`;
const MONITOR = 'hcm.q1.phong-noi-vu';
const SECRET = 'report-schedule-test-secret-0123456789';

// The month that ended last before today: what a monthly schedule fired now reports.
const today = DateTime.now().setZone(ZONE);
const prev = today.startOf('month').minus({ days: 1 });
const PERIOD = prev.toFormat('yyyy-MM');

// A plan with deadlines in that month, issued while District 1 existed; a number of its own so no other test shares
// its id. Eleven assignments: ten wards and one division.
const PLAN = `
plan:
  number: ${(process.pid % 900) + 100}/KH-UBND
  issuer: UBND Quận 1
  issued: 2025-01-10
  title: Kế hoạch kiểm thử báo cáo định kỳ
  period: { from: 2025-01-01, to: ${prev.year}-12-31 }
  directory: hcm-q1
tasks:
  - ref: '1.1'
    title: Rà soát thủ tục hành chính tại phường
    lead: Chủ tịch UBND 10 phường
    deadline: Tháng ${prev.month} năm ${prev.year}
  - ref: '1.2'
    title: Kiện toàn Tổ giúp việc
    lead: Trưởng Phòng Nội vụ quận
    deadline: Tháng ${prev.month} năm ${prev.year}
`;

interface Received {
  delivery: string | null;
  signatureOk: boolean;
  body: {
    type: string;
    reportId: string;
    recipient: string;
    period: string;
    files: { format: string; name: string; sha256: string; contentBase64: string }[];
  };
}

describe('scheduled period-end report on the Temporal dev server and NATS', () => {
  let temporal: TemporalDevServer;
  let nats: NatsHandles;
  let connection: Connection;
  let client: Client;
  let native: NativeConnection;
  let receiver: http.Server;
  const received: Received[] = [];
  let dir = '';
  let planId = '';
  let worker: Worker | null = null;
  let running: Promise<void> | null = null;

  const startWorker = async (url: string) => {
    worker = await createDondocWorker({
      connection: native,
      namespace: 'default',
      taskQueue: TASK_QUEUE,
      js: nats.js,
      calendar,
      reports: {
        nc: nats.nc,
        calendar,
        dataDir: path.join(dir, 'data'),
        channels: { units: { [MONITOR]: { webhooks: [{ url, secret: SECRET }], emails: [] } } },
      },
    });
    running = worker.run();
  };
  const stopWorker = async () => {
    worker?.shutdown();
    await running;
    worker = null;
    running = null;
  };
  let hookUrl = '';
  let release: () => void = () => undefined;
  const hold = new Promise<void>((r) => (release = r));

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-report-schedule-'));
    const bin = process.env.DONDOC_TEMPORAL_BIN;
    if (!bin) throw new Error('DONDOC_TEMPORAL_BIN is not set: run under the int project (global setup)');
    temporal = new TemporalDevServer(
      bin,
      await freePort(),
      { http: await freePort(), metrics: await freePort() },
      path.join(dir, 'temporal.db'),
      path.join(dir, 'temporal.log'),
    );
    await temporal.start();
    nats = await connectTestNats();
    connection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection, namespace: 'default' });
    native = await NativeConnection.connect({ address: temporal.address });

    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          delivery: (req.headers['x-dondoc-delivery'] as string | undefined) ?? null,
          signatureOk: req.headers[SIGNATURE_HEADER.toLowerCase()] === signBody(raw, SECRET),
          body: JSON.parse(raw) as Received['body'],
        });
        // The first delivery is answered only once the test lets it: the worker is stopped meanwhile.
        void hold.then(() => res.writeHead(204).end());
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/reports`;
    await startWorker(hookUrl);

    const imported = importPlan(PLAN, 'plan.yaml');
    if (!imported.ok) throw new Error(`test plan: ${imported.error.message}`);
    planId = imported.plan.plan.id;
    await (await PlanRegistry.open(nats.nc)).save(imported.plan);
    const started = await startPlan(client, imported.plan, { taskQueue: TASK_QUEUE });
    expect(started.assignments).toBe(11);
    await until(
      'every assignment to publish its start',
      async () => {
        const stored = await readEvents(nats.js, `${EVENTS_SUBJECT_PREFIX}.${subjectToken(planId)}.>`);
        return new Set(stored.map((s) => s.event?.metadata.workflowId)).size >= 11;
      },
      120_000,
    );
  }, 240_000);

  afterAll(async () => {
    await stopWorker().catch(() => undefined);
    for await (const w of client?.workflow.list({
      query: `TaskQueue = '${TASK_QUEUE}' AND ExecutionStatus = 'Running'`,
    }) ?? [])
      await client.workflow
        .getHandle(w.workflowId)
        .terminate('test done')
        .catch(() => undefined);
    await native?.close();
    await connection?.close();
    await nats?.nc.drain();
    await new Promise((r) => receiver?.close(r));
    await temporal?.stop();
  }, 120_000);

  it('fires the period-end report once across a worker restart and a second firing, and lists the schedule', async () => {
    const schedules = new ReportScheduleService({
      client,
      plans: await PlanRegistry.open(nats.nc),
      taskQueue: TASK_QUEUE,
    });
    const view = await schedules.create({ every: 'month', scope: { plans: [planId] } });
    expect(view.scheduleId).toBe(`report-month-plans-${planId}`);
    // The next firing is 00:05 on the 1st of next month, Asia/Ho_Chi_Minh.
    const next = DateTime.fromISO(view.nextActionTimes[0]!, { zone: ZONE });
    expect(next.toFormat('dd HH:mm')).toBe('01 00:05');
    expect(next.toFormat('yyyy-MM')).toBe(today.plus({ months: 1 }).toFormat('yyyy-MM'));
    await expect(schedules.create({ every: 'month', scope: { plans: [planId] } })).rejects.toThrow(/already exists/);
    await expect(schedules.create({ every: 'week', scope: { plans: [planId] } })).rejects.toThrow(/every/);
    await expect(schedules.create({ every: 'month', scope: { plans: ['no-such-plan'] } })).rejects.toThrow(/not found/);

    // Listed through the client, and by the `temporal` CLI against this dev server.
    // (Listing reads the visibility store, which the dev server updates a moment after the create.)
    await until(
      'the schedule in the list',
      async () => (await schedules.list()).some((s) => s.scheduleId === view.scheduleId),
      30_000,
      250,
    );
    const cli = await until(
      'the schedule in `temporal schedule list`',
      async () => {
        const out = execFileSync(
          process.env.DONDOC_TEMPORAL_BIN!,
          ['schedule', 'list', '--address', temporal.address, '--namespace', 'default'],
          { encoding: 'utf8' },
        );
        return out.includes(view.scheduleId) ? out : null;
      },
      30_000,
      500,
    );
    expect(cli).toContain(view.scheduleId);

    // First firing: the worker delivers, then stops before or after publishing; a second firing of the same period
    // comes while no worker runs; a new worker finishes whatever is left.
    const handle = client.schedule.getHandle(view.scheduleId);
    await handle.trigger();
    await until('the first delivery', async () => received.length > 0, 120_000, 100);
    // Stop the worker while the delivery is in flight: it finishes that activity and takes nothing further, so
    // ReportGenerated is published by the next worker.
    const stopped = stopWorker();
    await new Promise((r) => setTimeout(r, 500));
    release();
    await stopped;
    expect(await readReportsGenerated(nats.js, nats.jsm, { plans: [planId] })).toHaveLength(0);
    await handle.trigger();
    await until(
      'the second firing to be taken',
      async () => (await handle.describe()).info.recentActions.length >= 2,
      60_000,
    );
    await startWorker(hookUrl);

    const runs = (await handle.describe()).info.recentActions.map((a) => a.action.workflow.workflowId);
    expect(runs).toHaveLength(2);
    const outcomes = await Promise.all(
      runs.map(async (id) => (await client.workflow.getHandle(id).result()) as { outcome: string; period: string }),
    );
    expect(outcomes.map((o) => o.period)).toEqual([PERIOD, PERIOD]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['duplicate', 'ran']);
    const childId = periodReportWorkflowId({ plans: [planId] }, PERIOD);
    const child = (await client.workflow.getHandle(childId).result()) as { status: string; seq: number };
    expect(child.status).toBe('generated');

    // A period report run under another id (as after the namespace forgot the first run) finds the stored event.
    const again = await client.workflow.execute(periodReportWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: `${childId}-again`,
      args: [
        {
          scheduleId: view.scheduleId,
          scope: { plans: [planId] },
          recipients: [],
          period: PERIOD,
          scheduledAt: new Date().toISOString(),
        },
      ],
    });
    expect(again).toMatchObject({ status: 'already-generated', seq: child.seq });

    await new Promise((r) => setTimeout(r, 2000)); // any late duplicate would arrive by now
    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(got.signatureOk).toBe(true);
    expect(got.body).toMatchObject({ type: 'ReportGenerated', recipient: MONITOR, period: PERIOD });
    expect(got.body.reportId).toBe(`${view.scheduleId}:${PERIOD}`);
    expect(got.body.files.map((f) => f.format)).toEqual(['xlsx', 'docx']);
    const docx = Buffer.from(got.body.files.find((f) => f.format === 'docx')!.contentBase64, 'base64');
    const text = (await mammoth.extractRawText({ buffer: docx })).value;
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Tổng số nhiệm vụ theo dõi: 11');

    const generated = (await readReportsGenerated(nats.js, nats.jsm, { plans: [planId] })).filter(
      (r) => r.event?.period.key === PERIOD,
    );
    expect(generated).toHaveLength(1);
    const event = generated[0]!.event as ReportGenerated;
    expect(event).toMatchObject({ scheduleId: view.scheduleId, asOf: prev.toISODate(), lines: 11, plans: [planId] });
    expect(event.deliveries).toEqual([
      { unitId: MONITOR, channel: 'webhook', target: hookUrl, status: expect.stringMatching(/delivered/), error: null },
    ]);
    for (const f of event.files) expect(fs.statSync(f.path).size).toBe(f.bytes);

    await schedules.delete(view.scheduleId);
    await until(
      'the schedule gone from the list',
      async () => !(await schedules.list()).some((s) => s.scheduleId === view.scheduleId),
      30_000,
      250,
    );
    await expect(schedules.delete(view.scheduleId)).rejects.toThrow(/not found/);
  }, 300_000);

  it('creates, lists and deletes schedules through the API and the CLI, with 4xx for bad requests', async () => {
    const tokens = await TokenStore.open(nats.nc);
    const monitor = (await tokens.create({ role: 'monitor', name: 'Phòng Nội vụ' })).token;
    const unit = (await tokens.create({ role: 'unit', unitId: MONITOR })).token;
    const app = await buildApp({
      client,
      plans: await PlanRegistry.open(nats.nc),
      store: { onChange: () => () => undefined } as never,
      js: nats.js,
      tokens,
      calendar,
      taskQueue: TASK_QUEUE,
      rateLimit: { max: 100_000, windowMs: 60_000 },
      logError: () => undefined,
    });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, token: string, payload?: object) => {
      const res = await fetch(base + url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
        ...(payload ? { body: JSON.stringify(payload) } : {}),
      });
      const body = await res.text();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return { statusCode: res.status, body, json: () => JSON.parse(body) as any };
    };
    try {
      const created = await call('POST', '/reports/schedules', monitor, {
        every: 'quarter',
        scope: { plans: [planId] },
        recipients: ['hcm.q1'],
      });
      expect(created.statusCode).toBe(201);
      const id = `report-quarter-plans-${planId}`;
      expect(created.json()).toMatchObject({
        scheduleId: id,
        spec: { every: 'quarter', scope: { plans: [planId] }, recipients: ['hcm.q1'] },
        paused: false,
      });
      expect(DateTime.fromISO(created.json().nextActionTimes[0], { zone: ZONE }).toFormat('dd HH:mm')).toBe('01 00:05');
      expect(
        (await call('POST', '/reports/schedules', monitor, { every: 'quarter', scope: { plans: [planId] } }))
          .statusCode,
      ).toBe(409);
      const bad = await call('POST', '/reports/schedules', monitor, { every: 'fortnight', scope: { plans: [planId] } });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toMatch(/every/);
      expect(
        (await call('POST', '/reports/schedules', monitor, { every: 'year', scope: { plans: ['no-such-plan'] } }))
          .statusCode,
      ).toBe(404);
      expect((await call('GET', '/reports/schedules', unit)).statusCode).toBe(403);
      expect((await call('GET', `/reports/schedules/${id}`, monitor)).json()).toMatchObject({ scheduleId: id });
      expect((await call('GET', '/reports/schedules/report-year-plans-nothing', monitor)).statusCode).toBe(404);
      expect((await call('GET', '/reports/schedules/not-a-report', monitor)).statusCode).toBe(400);
      await until(
        'the schedule in GET /reports/schedules',
        async () =>
          (await call('GET', '/reports/schedules', monitor))
            .json()
            .schedules.some((x: { scheduleId: string }) => x.scheduleId === id),
        30_000,
        250,
      );

      // The CLI, on the same servers.
      const env = {
        ...process.env,
        TEMPORAL_ADDRESS: temporal.address,
        TEMPORAL_TASK_QUEUE: TASK_QUEUE,
        NATS_URL: process.env.DONDOC_TEST_NATS_URL!,
      };
      const dondoc = (...args: string[]) =>
        execFileSync(process.execPath, [path.join(REPO, 'bin', 'dondoc.js'), ...args], {
          env,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      const cliCreated = JSON.parse(
        dondoc('report', 'schedule', 'create', '--every', 'half-year', '--issuer', 'UBND Quận 1', '--json'),
      ) as { scheduleId: string };
      expect(cliCreated.scheduleId).toBe('report-half-year-issuer-ubnd-quan-1');
      const listed = await until(
        'both schedules in `dondoc report schedule list`',
        async () => {
          const out = dondoc('report', 'schedule', 'list');
          return out.includes(id) && out.includes(cliCreated.scheduleId) ? out : null;
        },
        30_000,
        500,
      );
      expect(listed).toContain('UBND Quận 1');
      let refused: { status: number | null; stderr: string } | null = null;
      try {
        dondoc('report', 'schedule', 'create', '--every', 'half-year', '--issuer', 'UBND Quận 1');
      } catch (err) {
        refused = err as { status: number | null; stderr: string };
      }
      expect(refused?.status).toBe(2);
      expect(refused?.stderr).toMatch(/already exists/);
      expect(dondoc('report', 'schedule', 'delete', cliCreated.scheduleId)).toContain('deleted');

      expect((await call('DELETE', `/reports/schedules/${id}`, monitor)).json()).toEqual({ deleted: id });
      expect((await call('DELETE', `/reports/schedules/${id}`, monitor)).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  }, 180_000);
});
