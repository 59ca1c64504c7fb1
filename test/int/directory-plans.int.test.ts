import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/server';
import { REPO_ROOT } from '../../config/settings';
import type { DondocEvent } from '../../domain/events/schemas';
import { subjectToken } from '../../domain/events/subjects';
import { importPlan } from '../../domain/plans/import';
import type { Plan } from '../../domain/plans/model';
import { hasDirectory, loadDirectory } from '../../domain/units';
import { readEvents } from '../../nats/read';
import { followDirectories } from '../../services/directory-backend';
import { NatsDirectoryStore } from '../../services/directory-nats';
import { PlanRegistry } from '../../services/plans';
import { TokenStore } from '../../services/tokens';
import { calendar } from '../support/servers';
import { startTestStack, type TestStack } from '../support/stack';

jest.mock('cookie', () => ({
  stringifySetCookie: () => '',
  parseSetCookie: () => ({}),
  parse: () => ({}),
  serialize: () => '',
}));

const SHARED = path.join(__dirname, '..', 'fixtures', 'shared');
const DAY = 24 * 60 * 60 * 1000;

/**
 * A new user's path for any public body, on the real servers: `dondoc units init` (the CLI, a separate process) stores
 * the directory in NATS; the API, which follows the same store, imports a plan of that body, every lead resolves, the
 * plan starts, and the workflows send reminders and escalations to that body's units and heads. Then edits with
 * history, a merge and an adoption, made through the CLI, are what the API reads.
 */
describe('plans started on loaded directories (CLI and API on one NATS directory store)', () => {
  let stack: TestStack;
  let app: FastifyInstance;
  let dataDir = '';
  let token = '';
  let followed: { stop(): void } | undefined;

  beforeAll(async () => {
    // On a loaded machine the Java time-skipping server may miss the SDK's 5 s start window: try again.
    for (let attempt = 1; ; attempt++) {
      try {
        stack = await startTestStack('dir-plans', `dir-plans-${process.pid}`);
        break;
      } catch (err) {
        if (attempt >= 4 || !/did not start within/.test((err as Error).message)) throw err;
      }
    }
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-dir-plans-'));
    const store = await NatsDirectoryStore.open(stack.nats);
    followed = await followDirectories(store, stack.nats.nc);
    const tokens = await TokenStore.open(stack.nats.nc);
    token = (await tokens.create({ role: 'monitor', name: 'Sở Nội vụ' })).token;
    app = await buildApp({
      client: stack.env.client,
      plans: await PlanRegistry.open(stack.nats.nc),
      store: stack.store,
      js: stack.nats.js,
      tokens,
      calendar,
      directories: store,
      taskQueue: `dir-plans-${process.pid}`,
      rateLimit: { max: 100_000, windowMs: 60_000 },
      logError: () => undefined,
    });
  }, 180_000);

  afterAll(async () => {
    followed?.stop();
    await app?.close();
    await stack?.store.close();
    await stack?.projector.stop();
    stack?.worker.shutdown();
    await stack?.running;
    await stack?.nats.nc.drain();
    await stack?.env.teardown();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  /** Runs the dondoc CLI as a user does, against the test run's NATS and a fresh data directory. */
  const cli = (...args: string[]) =>
    new Promise<{ code: number; out: string; err: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'dondoc.js'), ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, NATS_URL: process.env.DONDOC_TEST_NATS_URL, DONDOC_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code: code ?? -1, out, err }));
    });

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });

  const until = async <T>(what: string, f: () => Promise<T | null> | T | null, ms = 30_000): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const v = await f();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  /** Imports a plan document through the API; returns the saved plan. */
  const importThroughApi = async (file: string): Promise<Plan> => {
    const res = await call('POST', '/plans/import', {
      fileName: path.basename(file),
      content: readFileSync(path.join(SHARED, file), 'utf8'),
    });
    expect(res.statusCode).toBe(201);
    // The import says which plan it saved; other test files' plans share the NATS plan store.
    const { review } = res.json() as { review: { plan: { id: string } } };
    const got = await call('GET', `/plans/${encodeURIComponent(review.plan.id)}`);
    expect(got.statusCode).toBe(200);
    const plan = got.json().plan as Plan;
    expect(plan.plan.sourceFile.endsWith(path.basename(file))).toBe(true);
    return plan;
  };

  const unresolvedLeads = (plan: Plan) =>
    plan.tasks.flatMap((t) => t.lead.filter((m) => m.kind === 'unresolved').map((m) => `${t.ref}: ${m.text}`));

  const startThroughApi = async (plan: Plan) => {
    const res = await call('POST', `/plans/${encodeURIComponent(plan.plan.id)}/start?yes=true`);
    expect(res.statusCode).toBe(200);
    return res.json() as { assignments: number; started: number };
  };

  const eventsOf = async (planId: string): Promise<DondocEvent[]> =>
    (await readEvents(stack.nats.js, `dondoc.events.${subjectToken(planId)}.>`))
      .map((s) => s.event)
      .filter((e): e is DondocEvent => e !== null);

  it('Đồng Tháp: init from a fresh data dir, import, every lead resolves, start; reminders and escalations reach its units and heads', async () => {
    const init = await cli('units', 'init', '--province', 'Đồng Tháp');
    expect(init).toMatchObject({ code: 0 });
    expect(init.out).toMatch(/^dong-thap: \d+ units of Tỉnh Đồng Tháp stored/);
    expect(init.err).toMatch(/nats DONDOC_DIRECTORIES/);
    await until('the API to follow the new directory', () => hasDirectory('dong-thap'));

    const plan = await importThroughApi('corpus/dongthap-617-KH-UBND-2025.md');
    expect(plan.plan.directory).toBe('dong-thap');
    expect(plan.tasks.flatMap((t) => t.lead).length).toBeGreaterThanOrEqual(11);
    expect(unresolvedLeads(plan)).toEqual([]);

    const started = await startThroughApi(plan);
    expect(started.started).toBeGreaterThanOrEqual(11);
    expect(started.started).toBe(started.assignments);

    // The plan's dates lie in 2025: the workflows find their deadlines passed and escalate; skip a month.
    await stack.env.sleep(30 * DAY);
    const events = await until(
      'reminders or escalations',
      async () => {
        const e = await eventsOf(plan.plan.id);
        return e.some((x) => x.type === 'TaskEscalated') ? e : null;
      },
      120_000,
    );
    const dir = loadDirectory('dong-thap');
    const assigned = events.filter((e) => e.type === 'TaskAssigned');
    expect(assigned.length).toBe(started.started);
    for (const e of assigned) {
      expect(e.metadata.unitId).toMatch(/^dong-thap\./);
      if (e.type !== 'TaskAssigned') continue;
      const head = dir.headOf(e.metadata.unitId);
      expect(e.data.recipients?.head).toEqual([{ unitId: head.unitId, title: head.title }]);
      expect(e.data.recipients?.authority).toEqual([
        { unitId: 'dong-thap.so-noi-vu', title: 'Sở Nội vụ' },
        { unitId: 'dong-thap.ubnd', title: 'Chủ tịch UBND tỉnh Đồng Tháp' },
      ]);
    }
    const escalations = events.filter((e) => e.type === 'TaskEscalated');
    const recipients = escalations.flatMap((e) => (e.type === 'TaskEscalated' ? e.data.to : []));
    expect(recipients.length).toBeGreaterThan(0);
    for (const r of recipients) expect(r.unitId).toMatch(/^dong-thap\./);
    expect(recipients.map((r) => r.title)).toContain('Chủ tịch UBND tỉnh Đồng Tháp');
    process.stdout.write(
      `dong-thap: ${plan.tasks.length} tasks, ${started.started} assignments, ${escalations.length} escalations to ${new Set(recipients.map((r) => r.unitId)).size} units\n`,
    );
  }, 600_000);

  it('a ministry plan (Bộ Nông nghiệp và Môi trường to the provinces) and a commune plan (the Front of xã Lương Minh) resolve and start', async () => {
    const ministry = await cli('units', 'init', '--ministry', 'Bộ Nông nghiệp và Môi trường');
    expect(ministry).toMatchObject({ code: 0 });
    const ambiguous = await cli('units', 'init', '--commune', 'Lương Minh');
    expect(ambiguous.code).not.toBe(0);
    expect(ambiguous.err).toMatch(/names \d+ units; give the province/);
    const commune = await cli('units', 'init', '--commune', 'Lương Minh', '--province', 'Quảng Ninh');
    expect(commune).toMatchObject({ code: 0 });
    expect(commune.out).toMatch(/^quang-ninh-luong-minh: \d+ units of Xã Lương Minh \(tỉnh Quảng Ninh\) stored/);
    await until(
      'both directories',
      () => hasDirectory('bo-nong-nghiep-va-moi-truong') && hasDirectory('quang-ninh-luong-minh'),
    );

    for (const [file, directory, minLeads] of [
      ['corpus2/bonnmt-9389-BNNMT-BDKH-2025.md', 'bo-nong-nghiep-va-moi-truong', 12],
      ['corpus2/quangninh-luongminh-16-KH-MTTQ-BTT-2025.md', 'quang-ninh-luong-minh', 15],
    ] as const) {
      const plan = await importThroughApi(file);
      expect(plan.plan.directory).toBe(directory);
      expect(plan.tasks.flatMap((t) => t.lead).length).toBeGreaterThanOrEqual(minLeads);
      expect(unresolvedLeads(plan)).toEqual([]);
      const started = await startThroughApi(plan);
      expect(started.started).toBeGreaterThan(0);
      // A ministry's letter to the 34 provinces fans out to many workflows: wait for the projections first.
      await until(
        'the assignments',
        () => stack.store.listTasks({ planId: plan.plan.id, limit: 100_000 }).length === started.started,
        240_000,
      );
      const assigned = (await eventsOf(plan.plan.id)).filter((x) => x.type === 'TaskAssigned');
      expect(assigned).toHaveLength(started.started);
      const dir = loadDirectory(directory);
      for (const e of assigned) {
        expect(e.metadata.unitId.startsWith(`${directory}.`)).toBe(true);
        if (e.type !== 'TaskAssigned') continue;
        expect(e.data.recipients?.lead[0]?.unitId).toBe(e.metadata.unitId);
        expect(e.data.recipients?.authority.at(-1)).toEqual({
          unitId: dir.issuingAuthority.id,
          title: dir.headOf(dir.issuingAuthority.id).title,
        });
      }
      process.stdout.write(`${directory}: ${plan.tasks.length} tasks, ${started.started} assignments started\n`);
    }
  }, 600_000);

  it('CLI edits on the NATS store: rename says what it affects, merge keeps the old units, adopt makes a plan resolve; the API reads the same history', async () => {
    // A unit that leads running assignments of the Đồng Tháp plan.
    const lead = stack.store.listTasks({}).find((t) => t.unitId.startsWith('dong-thap.so-'))!;
    expect(lead).toBeDefined();
    const rename = await cli('units', 'rename', 'dong-thap', lead.unitId, 'Sở Thử Nghiệm');
    expect(rename).toMatchObject({ code: 0 });
    // Other test files may have started Đồng Tháp plans on the shared servers: the count names each plan.
    expect(rename.out).toMatch(/\d+ open assignments? of \d+ plans? \(.*\) point at/);
    expect(rename.out).toContain(lead.planId);
    expect(rename.out).toMatch(/keep their reminders and escalations/);
    const unit = (await call('GET', `/directories/dong-thap/units/${lead.unitId}`)).json();
    expect(unit.unit.name).toBe('Sở Thử Nghiệm');
    expect(unit.openAssignments.length).toBeGreaterThan(0);

    const merge = await cli(
      'units',
      'merge',
      'dong-thap',
      'dong-thap.so-noi-vu',
      'dong-thap.so-ngoai-vu',
      '--last-day',
      '2026-11-30',
    );
    expect(merge).toMatchObject({ code: 0 });
    expect(merge.out).toMatch(/no open assignment points at dong-thap\.so-ngoai-vu/);
    const merged = (await call('GET', '/directories/dong-thap/units/dong-thap.so-ngoai-vu')).json();
    expect(merged.unit).toMatchObject({ mergedInto: 'dong-thap.so-noi-vu', validTo: '2026-11-30' });

    // A plan naming a body the template lacks: adopt proposes it, --yes adds it, the plan then resolves.
    const planFile = path.join(dataDir, 'plan.yaml');
    writeFileSync(
      planFile,
      [
        'plan:',
        '  number: 1/KH-UBND',
        '  issuer: UBND tỉnh Đồng Tháp',
        '  issued: 2026-11-02',
        '  title: Kế hoạch thử nghiệm',
        'tasks:',
        "  - ref: '1'",
        '    title: Kiểm tra công trình',
        '    lead: Ban Quản lý dự án đầu tư xây dựng công trình dân dụng',
        '    deadline: Trước ngày 30/12/2026',
        '',
      ].join('\n'),
    );
    const proposed = await cli('units', 'adopt', planFile, '--directory', 'dong-thap');
    expect(proposed).toMatchObject({ code: 0 });
    expect(proposed.out).toMatch(/Ban Quản lý dự án đầu tư xây dựng công trình dân dụng/);
    const adopted = await cli('units', 'adopt', planFile, '--directory', 'dong-thap', '--yes');
    expect(adopted).toMatchObject({ code: 0 });
    expect(adopted.out).toMatch(/^1 units adopted into dong-thap/);
    await until('the adopted unit', () =>
      loadDirectory('dong-thap')
        .list()
        .some((u) => u.name === 'Ban Quản lý dự án đầu tư xây dựng công trình dân dụng'),
    );
    const after = importPlan(readFileSync(planFile, 'utf8'), 'plan.yaml');
    if (!after.ok) throw new Error(after.error.message);
    expect(after.plan.plan.directory).toBe('dong-thap');
    expect(unresolvedLeads(after.plan)).toEqual([]);

    const history = await cli('units', 'history', 'dong-thap', '--json');
    expect(history).toMatchObject({ code: 0 });
    const h = JSON.parse(history.out) as { history: { change: { type: string }; actor: string }[]; chain: unknown };
    expect(h.chain).toEqual({ ok: true });
    expect(h.history.map((r) => r.change.type)).toEqual([
      'DirectoryImported',
      'UnitRenamed',
      'UnitsMerged',
      'UnitAdded',
    ]);
    for (const r of h.history) expect(r.actor).toMatch(/^cli:/);
    const api = (await call('GET', '/directories/dong-thap/history')).json();
    expect(api.history.map((r: { seq: number }) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(api.chain).toEqual({ ok: true });
  }, 300_000);
});
