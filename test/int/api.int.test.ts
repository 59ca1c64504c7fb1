import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { REPO_ROOT } from '../../config/settings';
import { plannedAssignments } from '../../domain/plans/assignments';
import { importPlan } from '../../domain/plans/import';
import type { NatsHandles } from '../../nats/streams';
import type { Projector } from '../../projections/projector';
import type { ProjectionStore } from '../../projections/store';
import { buildApp } from '../../api/server';
import { PlanRegistry } from '../../services/plans';
import { TokenStore } from '../../services/tokens';
import { calendar } from '../support/servers';
import { startTestStack } from '../support/stack';

// light-my-request (app.inject) requires cookie@2, which is ESM-only and jest's CommonJS loader cannot load it;
// these tests send no cookies, so a stand-in is enough.
jest.mock('cookie', () => ({
  stringifySetCookie: () => '',
  parseSetCookie: () => ({}),
  parse: () => ({}),
  serialize: () => '',
}));

const SHARED_DIR = process.env.DONDOC_SHARED_DIR ?? path.resolve(REPO_ROOT, 'test', 'fixtures', 'shared');
const SEED_004 = path.join(SHARED_DIR, 'seeds', '004_59a7d8b938235585.txt');
let workflowId = '';
const TASK_QUEUE = `api-test-${process.pid}`;
// A future year unique to this run: the seed's plan id changes with the year, and no deadline fires meanwhile.
const YEAR = 2040 + (process.pid % 40);
const BOOTSTRAP = `bootstrap-admin-token-${process.pid}-0123456789`;
// Chosen from the imported plan: the lead of a task with a fixed deadline, and some other unit.
let LEAD = '';
let OTHER = '';

async function until<T>(what: string, f: () => T | null | undefined | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('HTTP API on real NATS and time-skipping Temporal', () => {
  let env: TestWorkflowEnvironment;
  let nats: NatsHandles;
  let worker: Worker;
  let running: Promise<void>;
  let projector: Projector;
  let store: ProjectionStore;
  let app: FastifyInstance;
  let tokens: TokenStore;
  const tok: Record<'admin' | 'monitor' | 'unit' | 'other', string> = { admin: '', monitor: '', unit: '', other: '' };
  let planId = '';

  const call = (
    method: 'GET' | 'POST',
    url: string,
    token: string | null,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(payload === undefined ? {} : typeof payload === 'string' ? { payload } : { payload: payload as object }),
    });
  const enc = encodeURIComponent;

  beforeAll(async () => {
    const imported = importPlan(readFileSync(SEED_004, 'utf8'), '004.txt', { year: YEAR });
    if (!imported.ok) throw new Error(imported.error.message);
    const planned = plannedAssignments(imported.plan);
    const leads = (unitId: string) => planned.filter((b) => b.input.unitId === unitId).length;
    const target = planned.find(
      (a) =>
        a.input.deadline.kind === 'fixed' && a.input.deadline.milestones.length === 1 && leads(a.input.unitId) >= 2,
    )!;
    LEAD = target.input.unitId;
    workflowId = target.workflowId;
    OTHER = planned.find((a) => a.input.unitId !== LEAD)!.input.unitId;
    ({ env, nats, worker, running, projector, store } = await startTestStack('api-test', TASK_QUEUE));
    tokens = await TokenStore.open(nats.nc, { bootstrapToken: BOOTSTRAP });
    tok.admin = (await tokens.create({ role: 'admin', name: 'test admin' })).token;
    tok.monitor = (await tokens.create({ role: 'monitor', name: 'Phòng Nội vụ' })).token;
    tok.unit = (await tokens.create({ role: 'unit', unitId: LEAD, name: 'VP UBND' })).token;
    tok.other = (await tokens.create({ role: 'unit', unitId: OTHER })).token;
    app = await buildApp({
      client: env.client,
      plans: await PlanRegistry.open(nats.nc),
      store,
      js: nats.js,
      tokens,
      calendar,
      taskQueue: TASK_QUEUE,
      bodyLimit: 256 * 1024,
      rateLimit: { max: 100_000, windowMs: 60_000 },
      logError: () => undefined,
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await projector?.stop();
    worker?.shutdown();
    await running;
    await nats?.nc.drain();
    await env?.teardown();
  });

  describe('public routes and authentication', () => {
    it('serves /health, /openapi.json and /docs without a token', async () => {
      expect((await call('GET', '/health', null)).json()).toEqual({ ok: true });
      const spec = (await call('GET', '/openapi.json', null)).json();
      expect(Object.keys(spec.paths)).toEqual(
        expect.arrayContaining([
          '/plans/import',
          '/tasks',
          '/tasks/{workflowId}/actions/{action}',
          '/units/{id}/scorecard',
          '/events/stream',
        ]),
      );
      expect((await call('GET', '/docs', null)).statusCode).toBeLessThan(400);
    });

    it.each([
      ['no header', {}],
      ['a malformed header', { authorization: 'Basic abc' }],
      ['an unknown token', { authorization: `Bearer dd_000000000000_${'x'.repeat(43)}` }],
      ['garbage', { authorization: 'Bearer ☃☃☃' }],
    ])('answers 401 to %s', async (_label, headers) => {
      const res = await app.inject({ method: 'GET', url: '/plans', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });

    it('accepts the bootstrap admin token and refuses a revoked token', async () => {
      expect((await call('GET', '/plans', BOOTSTRAP)).statusCode).toBe(200);
      const { token, info } = await tokens.create({ role: 'monitor' });
      expect((await call('GET', '/plans', token)).statusCode).toBe(200);
      await tokens.revoke(info.id);
      expect((await call('GET', '/plans', token)).statusCode).toBe(401);
      expect((await tokens.list()).find((t) => t.id === info.id)?.revokedAt).not.toBeNull();
      expect(JSON.stringify(await tokens.list())).not.toContain(token);
    });
  });

  describe('plans', () => {
    it('dry-runs an import without saving, then imports seed 004 (raw text) for a year', async () => {
      const text = readFileSync(SEED_004, 'utf8');
      const dry = await call('POST', `/plans/import?dryRun=true&year=${YEAR}&fileName=004.txt`, tok.monitor, text, {
        'content-type': 'text/plain',
      });
      expect(dry.statusCode).toBe(200);
      expect(dry.json()).toMatchObject({ saved: false, review: { tasks: 69, plan: { directory: 'hcm-q1' } } });
      planId = dry.json().review.plan.id;
      expect((await call('GET', `/plans/${planId}`, tok.monitor)).statusCode).toBe(404);

      expect(
        (await call('POST', `/plans/import?year=${YEAR}`, tok.unit, text, { 'content-type': 'text/plain' })).statusCode,
      ).toBe(403);
      const saved = await call('POST', `/plans/import?year=${YEAR}`, tok.monitor, {
        fileName: '004.txt',
        content: text,
      });
      expect(saved.statusCode).toBe(201);
      expect(saved.json().review.plan.id).toBe(planId);
      const list = (await call('GET', '/plans', tok.unit)).json();
      expect(list.plans.map((p: { id: string }) => p.id)).toContain(planId);
      expect((await call('GET', `/plans/${planId}`, tok.unit)).json().plan.tasks).toHaveLength(69);
    });

    it('names the file, line and expectation of a bad document (422), and rejects bad bodies (400)', async () => {
      const bad = await call('POST', '/plans/import', tok.admin, { fileName: 'notes.txt', content: 'hello\nworld' });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().details).toMatchObject({ file: 'notes.txt', expected: expect.any(String) });
      const csv = await call('POST', '/plans/import', tok.admin, { fileName: 'p.csv', content: 'ref,title\n1,x' });
      expect(csv.statusCode).toBe(422);
      expect(csv.json().message).toContain('p.csv');
      const wrong = await call('POST', '/plans/import', tok.admin, { fileName: 42, content: [] });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().issues.length).toBeGreaterThan(0);
      expect(
        (await call('POST', '/plans/import?dryRun=maybe', tok.admin, { fileName: 'a', content: 'b' })).statusCode,
      ).toBe(400);
    });

    it('clones a plan to another year and refuses unknown plans', async () => {
      const res = await call('POST', `/plans/${planId}/clone`, tok.admin, { year: YEAR + 1 });
      expect(res.statusCode).toBe(201);
      const clone = res.json().review.plan;
      expect(clone.id).not.toBe(planId);
      expect(clone.issued.slice(0, 4)).toBe(String(YEAR + 1));
      expect((await call('POST', `/plans/${planId}/clone`, tok.admin, { year: YEAR + 1 })).statusCode).toBe(409);
      expect((await call('POST', `/plans/${planId}/clone`, tok.admin, { year: 'next' })).statusCode).toBe(400);
      expect((await call('POST', '/plans/no-such-plan/clone', tok.admin, { year: 2030 })).statusCode).toBe(404);
      expect((await call('GET', '/plans/NOT_A_SLUG', tok.admin)).statusCode).toBe(400);
      expect((await call('POST', '/plans/no-such-plan/start', tok.admin)).statusCode).toBe(404);
    });

    it('starts every assignment of seed 004 once; starting again starts nothing', async () => {
      expect((await call('POST', `/plans/${planId}/start`, tok.unit)).statusCode).toBe(403);
      const first = await call('POST', `/plans/${planId}/start?yes=true`, tok.admin);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ planId, started: first.json().assignments, alreadyRunning: 0 });
      expect(first.json().assignments).toBeGreaterThan(10);
      const again = (await call('POST', `/plans/${planId}/start?yes=true`, tok.admin)).json();
      expect(again).toMatchObject({ started: 0, alreadyRunning: first.json().assignments });
      await until('the task projection', () => store.getTask(workflowId), 90_000);
    }, 180_000);
  });

  describe('tasks', () => {
    it('lists tasks with filters; a unit sees only its own', async () => {
      const all = (await call('GET', `/tasks?planId=${planId}&limit=1000`, tok.monitor)).json();
      expect(all.total).toBeGreaterThan(1);
      const mine = (await call('GET', `/tasks?planId=${planId}&limit=1000`, tok.unit)).json();
      expect(mine.tasks.length).toBeGreaterThan(0);
      expect(mine.tasks.every((t: { unitId: string }) => t.unitId === LEAD)).toBe(true);
      expect((await call('GET', `/tasks?planId=${planId}&unitId=${OTHER}`, tok.unit)).json().total).toBe(0);
      const filtered = (
        await call(
          'GET',
          `/tasks?planId=${planId}&status=in-progress,due-soon&dueFrom=${YEAR}-01-01&dueTo=${YEAR}-12-31&overdue=false`,
          tok.admin,
        )
      ).json();
      expect(filtered.tasks.every((t: { nextDue: string }) => t.nextDue.startsWith(String(YEAR)))).toBe(true);
      for (const q of ['status=bogus', 'dueFrom=tomorrow', 'overdue=yes', 'limit=0', 'limit=100000', 'offset=-1']) {
        const res = await call('GET', `/tasks?${q}`, tok.admin);
        expect(res.statusCode).toBe(400);
        expect(res.json().issues.length).toBeGreaterThan(0);
      }
    });

    it('shows a task from the workflow, hides it from other units', async () => {
      const res = await call('GET', `/tasks/${enc(workflowId)}`, tok.unit);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ workflowId, source: 'workflow', unitId: LEAD, planId });
      expect(res.json().state.milestones.length).toBeGreaterThan(0);
      // The task view explains its own deadline: the text, and the due date of its one milestone.
      const due = res.json().state.milestones[0].due as string;
      const [y, m, d] = due.split('-').map(Number);
      expect(res.json().explanation.summary).toMatch(new RegExp(`^.+ → .*${d}/${m}/${y}`));
      expect((await call('GET', `/tasks/${enc(workflowId)}`, tok.other)).statusCode).toBe(404);
      expect((await call('GET', `/tasks/${enc(`assignment:${planId}:99.99:${LEAD}`)}`, tok.admin)).statusCode).toBe(
        404,
      );
      expect((await call('GET', '/tasks/not-a-workflow-id', tok.admin)).statusCode).toBe(404);
    });

    it('validates actions and maps refusals: 400 invalid, 403 forbidden, 404 hidden, 409 conflict', async () => {
      const act = (token: string, action: string, body?: unknown) =>
        call('POST', `/tasks/${enc(workflowId)}/actions/${action}`, token, body);
      expect((await act(tok.unit, 'explode', {})).statusCode).toBe(400);
      const badProgress = await act(tok.unit, 'progress', { percent: 'lots' });
      expect(badProgress.statusCode).toBe(400);
      expect(badProgress.json().issues[0].path).toEqual(['body', 'percent']);
      expect((await act(tok.unit, 'reject', {})).statusCode).toBe(400);
      expect((await act(tok.other, 'progress', { percent: 10 })).statusCode).toBe(404);
      expect((await act(tok.unit, 'approve', {})).statusCode).toBe(403);
      expect((await act(tok.monitor, 'approve', {})).statusCode).toBe(409); // nothing submitted yet
      expect((await act(tok.monitor, 'reassign', { toUnit: 'hcm.q1.nowhere', reason: 'x' })).statusCode).toBe(400);
      const progress = await act(tok.unit, 'progress', { percent: 40, note: 'đang thực hiện' });
      expect(progress.statusCode).toBe(200);
      expect(progress.json()).toMatchObject({ accepted: true, events: [{ type: 'ProgressReported' }] });
    });

    it('end to end: the unit submits, the monitor approves, and the history shows both actors in order', async () => {
      const act = (token: string, action: string, body?: unknown) =>
        call('POST', `/tasks/${enc(workflowId)}/actions/${action}`, token, body);
      const submitted = await act(tok.unit, 'submit', {
        note: 'Báo cáo đã gửi',
        evidence: ['https://example.org/bc.pdf'],
      });
      expect(submitted.statusCode).toBe(200);
      expect(submitted.json().events.map((e: { type: string }) => e.type)).toContain('ResultSubmitted');
      const approved = await act(tok.monitor, 'approve', { note: 'Đạt' });
      expect(approved.statusCode).toBe(200);
      expect(approved.json().events.map((e: { type: string }) => e.type)).toContain('CompletionApproved');

      type Entry = {
        type: string;
        seq: number;
        actor: { role: string; unitId: string | null; id: string };
        hash: string;
        prevHash: string;
      };
      let events: Entry[] = [];
      const deadline = Date.now() + 20_000;
      while (!events.some((e) => e.type === 'CompletionApproved') && Date.now() < deadline) {
        const res = await call('GET', `/tasks/${enc(workflowId)}/history`, tok.unit);
        expect(res.statusCode).toBe(200);
        expect(res.json().chainBreaks).toEqual([]);
        events = res.json().events;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
      const types = events.map((e) => e.type);
      expect(types.slice(0, 3)).toEqual(['TaskAssigned', 'MilestonesPlanned', 'DeadlineScheduled']);
      expect(types).toEqual(expect.arrayContaining(['ProgressReported', 'ResultSubmitted', 'CompletionApproved']));
      const submit = events.find((e) => e.type === 'ResultSubmitted')!;
      expect(submit.actor).toMatchObject({
        kind: 'user',
        role: 'unit',
        unitId: LEAD,
        id: expect.stringContaining('VP UBND'),
      });
      expect(events.find((e) => e.type === 'CompletionApproved')!.actor).toMatchObject({
        role: 'monitor',
        unitId: null,
      });
      expect((await call('GET', `/tasks/${enc(workflowId)}/history`, tok.other)).statusCode).toBe(404);
    }, 60_000);
  });

  describe('units, calendar, deadlines', () => {
    it('lists the directory and scorecards; a unit sees only its own', async () => {
      const units = (await call('GET', '/units?directory=hcm-q1', tok.unit)).json().units;
      expect(units.map((u: { id: string }) => u.id)).toContain(LEAD);
      expect((await call('GET', '/units?directory=mars', tok.unit)).statusCode).toBe(404);
      const card = await until('the scorecard to count the approval', () => {
        const c = store.unitScorecard(LEAD);
        return c.doneOnTime + c.doneLate > 0 ? c : null;
      });
      expect(card.unitId).toBe(LEAD);
      const res = await call('GET', `/units/${LEAD}/scorecard`, tok.unit);
      expect(res.statusCode).toBe(200);
      expect(res.json().scorecard).toMatchObject({
        unitId: LEAD,
        byYear: expect.any(Object),
        byQuarter: expect.any(Object),
      });
      expect(Array.isArray(res.json().overdue)).toBe(true);
      expect((await call('GET', `/units/${OTHER}/scorecard`, tok.unit)).statusCode).toBe(403);
      expect((await call('GET', '/units/hcm.nowhere/scorecard', tok.admin)).statusCode).toBe(404);
    });

    it('answers calendar and deadline questions, and rejects bad input with 400', async () => {
      const y = (await call('GET', '/calendar/2025', tok.unit)).json();
      expect(y).toMatchObject({ year: 2025, official: true });
      // 26/4/2025 (Saturday) was a make-up working day; 30/4–1/5 are holidays and 2/5 was given off.
      expect((await call('GET', '/calendar/add-working-days?date=2025-04-25&n=2', tok.unit)).json()).toEqual({
        date: '2025-04-25',
        n: 2,
        result: calendar.addWorkingDays('2025-04-25', 2),
      });
      for (const url of [
        '/calendar/abc',
        '/calendar/99999',
        '/calendar/add-working-days?date=2025-02-30&n=1',
        '/calendar/add-working-days?date=2025-01-01&n=x',
      ]) {
        expect((await call('GET', url, tok.unit)).statusCode).toBe(400);
      }
      const d = await call('POST', '/deadlines/parse', tok.unit, {
        text: 'trước ngày 30/6/2025',
        issued: '2025-01-10',
        until: '2025-12-31',
      });
      expect(d.statusCode).toBe(200);
      expect(d.json()).toMatchObject({
        kind: 'fixed',
        certain: true,
        explanation: {
          summary:
            'trước ngày 30/6/2025 → 29/6/2025 là Chủ nhật, ngày nghỉ hằng tuần → hạn chuyển sang 30/6/2025 (thứ Hai) (Điều 148 Bộ luật Dân sự)',
        },
      });
      expect((await call('POST', '/deadlines/parse', tok.unit, { text: 5 })).statusCode).toBe(400);
    });
  });

  describe('live events (SSE)', () => {
    it('streams new events of a plan, and refuses a unit asking for another unit', async () => {
      expect((await call('GET', `/events/stream?unitId=${OTHER}`, tok.unit)).statusCode).toBe(403);
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      const received = new Promise<string>((resolve, reject) => {
        const req = http.get(
          `${url}/events/stream?planId=${planId}`,
          { headers: { authorization: `Bearer ${tok.unit}` } },
          (res) => {
            expect(res.statusCode).toBe(200);
            expect(res.headers['content-type']).toContain('text/event-stream');
            let buf = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              buf += chunk;
              if (buf.includes('event: ProgressReported')) {
                req.destroy();
                resolve(buf);
              } else if (buf.includes(': connected')) void post();
            });
          },
        );
        req.on('error', reject);
      });
      let posted = false;
      const post = async () => {
        if (posted) return;
        posted = true;
        const other = store
          .listTasks({ planId, unitId: LEAD })
          .find((t) => t.workflowId !== workflowId && t.status !== 'cancelled');
        if (!other) throw new Error(`no second task led by ${LEAD}`);
        await call('POST', `/tasks/${enc(other.workflowId)}/actions/progress`, tok.unit, { percent: 5 });
      };
      const text = await received;
      const data = JSON.parse(/data: (.*)\n/.exec(text.slice(text.indexOf('event: ProgressReported')))![1]!);
      expect(data.metadata).toMatchObject({ planId, unitId: LEAD });
    }, 30_000);
  });

  describe('fuzzing: bad requests never get a 5xx', () => {
    it('survives malformed JSON, wrong types, huge bodies, odd paths and unicode', async () => {
      const cases: { method: 'GET' | 'POST'; url: string; payload?: string; headers?: Record<string, string> }[] = [
        {
          method: 'POST',
          url: '/plans/import',
          payload: '{"fileName": "x", ',
          headers: { 'content-type': 'application/json' },
        },
        { method: 'POST', url: '/plans/import', payload: 'null', headers: { 'content-type': 'application/json' } },
        { method: 'POST', url: '/plans/import', payload: '[]', headers: { 'content-type': 'application/json' } },
        {
          method: 'POST',
          url: '/plans/import',
          payload: 'x'.repeat(300 * 1024),
          headers: { 'content-type': 'text/plain' },
        },
        {
          method: 'POST',
          url: '/plans/import',
          payload: '\u0000\u0001\u0002',
          headers: { 'content-type': 'text/plain' },
        },
        {
          method: 'POST',
          url: '/plans/import',
          payload: 'a=b',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
        { method: 'POST', url: '/plans/import', payload: 'x', headers: { 'content-type': 'application/octet-stream' } },
        {
          method: 'POST',
          url: `/tasks/${enc(workflowId)}/actions/progress`,
          payload: '{"percent": 1e999}',
          headers: { 'content-type': 'application/json' },
        },
        {
          method: 'POST',
          url: `/tasks/${enc(workflowId)}/actions/progress`,
          payload: '"string"',
          headers: { 'content-type': 'application/json' },
        },
        {
          method: 'POST',
          url: `/tasks/${enc(workflowId)}/actions/set-due-date`,
          payload: '{"due":"2025-13-45"}',
          headers: { 'content-type': 'application/json' },
        },
        {
          method: 'POST',
          url: `/tasks/${enc(workflowId)}/actions/request-extension`,
          payload: '{"requestedDue":"2040-01-01","reason":"' + 'ư'.repeat(5000) + '"}',
          headers: { 'content-type': 'application/json' },
        },
        {
          method: 'POST',
          url: '/deadlines/parse',
          payload: '{"__proto__": {"x": 1}, "text": "x"}',
          headers: { 'content-type': 'application/json' },
        },
        { method: 'GET', url: '/tasks/%E0%A4%A' },
        { method: 'GET', url: '/tasks/' + 'a'.repeat(5000) },
        { method: 'GET', url: '/tasks/assignment%3A%F0%9F%92%A9%3A1%3Ahcm' },
        { method: 'GET', url: '/tasks/..%2F..%2Fetc%2Fpasswd/history' },
        { method: 'GET', url: '/tasks/assignment:x:1:y/history' },
        { method: 'GET', url: '/units/%00/scorecard' },
        { method: 'GET', url: '/units/Ủy ban/scorecard' },
        { method: 'GET', url: '/plans/%F0%9F%98%80' },
        { method: 'GET', url: '/calendar/1e3' },
        { method: 'GET', url: '/calendar/add-working-days?date=2025-01-01&n=1&n=2' },
        { method: 'GET', url: '/tasks?status=overdue&status=done-late' },
        { method: 'GET', url: '/tasks?planId[]=x' },
        { method: 'GET', url: '/events/stream?unitId=' },
        { method: 'GET', url: '/nowhere/🙂' },
        { method: 'POST', url: '/health' },
      ];
      for (const c of cases) {
        const res = await app.inject({
          method: c.method,
          url: c.url,
          headers: { authorization: `Bearer ${tok.admin}`, ...c.headers },
          ...(c.payload === undefined ? {} : { payload: c.payload }),
        });
        expect({ url: c.url.slice(0, 80), status: res.statusCode < 500 }).toEqual({
          url: c.url.slice(0, 80),
          status: true,
        });
        if (res.statusCode >= 400) expect(res.json()).toMatchObject({ statusCode: res.statusCode });
      }
      const huge = await app.inject({
        method: 'POST',
        url: '/plans/import',
        headers: { authorization: `Bearer ${tok.admin}`, 'content-type': 'text/plain' },
        payload: 'x'.repeat(300 * 1024),
      });
      expect(huge.statusCode).toBe(413);
    });

    it('rate-limits per token with 429', async () => {
      const limited = await buildApp({
        client: env.client,
        plans: await PlanRegistry.open(nats.nc),
        store,
        js: nats.js,
        tokens,
        calendar,
        rateLimit: { max: 3, windowMs: 60_000 },
      });
      const codes: number[] = [];
      for (let i = 0; i < 5; i++)
        codes.push(
          (await limited.inject({ method: 'GET', url: '/units', headers: { authorization: `Bearer ${tok.unit}` } }))
            .statusCode,
        );
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      // Another token has its own budget.
      expect(
        (await limited.inject({ method: 'GET', url: '/units', headers: { authorization: `Bearer ${tok.other}` } }))
          .statusCode,
      ).toBe(200);
      await limited.close();
    });
  });
});
