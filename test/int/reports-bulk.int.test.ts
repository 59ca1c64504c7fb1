import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import mammoth from 'mammoth';
import { chromium, type BrowserContext } from 'playwright-core';
import { buildApp } from '../../api/server';
import { REPO_ROOT } from '../../config/settings';
import { EVENTS_SUBJECT_PREFIX, subjectToken } from '../../domain/events/subjects';
import type { NatsHandles } from '../../nats/streams';
import { readEvents } from '../../nats/read';
import type { Projector } from '../../projections/projector';
import type { ProjectionStore } from '../../projections/store';
import { SHEETS } from '../../reports';
import { PlanRegistry } from '../../services/plans';
import { TokenStore } from '../../services/tokens';
import { calendar } from '../support/servers';
import { startTestStack } from '../support/stack';

// fastify loads light-my-request, which requires the ESM-only cookie@2; this test sends no cookies.
jest.mock('cookie', () => ({
  stringifySetCookie: () => '',
  parseSetCookie: () => ({}),
  parse: () => ({}),
  serialize: () => '',
}));
// read-excel-file's types are ESM-only; its CommonJS build is what jest loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readSheet } = require('read-excel-file/node') as {
  readSheet(input: Buffer | string, sheet: string): Promise<(string | number | boolean | Date | null)[][]>;
};

const TASK_QUEUE = `reports-test-${process.pid}`;
const TODAY = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
const YEAR = Number(TODAY.slice(0, 4));
const NEXT_YEAR = YEAR + 1;
const CHROMIUM = '/usr/bin/chromium';

// A plan whose deadlines are still open: a task fanned out to District 1's ten wards, one for a division. Issued in
// January 2025, while District 1 and its wards still existed (they merged in mid-2025), with deadlines next year.
const PLAN = `
plan:
  number: 77/KH-UBND
  issuer: UBND Quận 1
  issued: 2025-01-10
  title: Kế hoạch kiểm thử báo cáo năm ${YEAR}
  period: { from: 2025-01-01, to: ${NEXT_YEAR}-06-30 }
  directory: hcm-q1
tasks:
  - ref: '1.1'
    title: Rà soát thủ tục hành chính tại phường
    products: [Báo cáo rà soát]
    lead: Chủ tịch UBND 10 phường
    support: Trưởng Phòng Nội vụ quận
    deadline: Quý I năm ${NEXT_YEAR}
  - ref: '1.2'
    title: Kiện toàn Tổ giúp việc
    lead: Trưởng Phòng Nội vụ quận
    deadline: Quý I năm ${NEXT_YEAR}
`;

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('reports and bulk actions over the API, on real NATS and Temporal', () => {
  let env: TestWorkflowEnvironment;
  let nats: NatsHandles;
  let worker: Worker;
  let running: Promise<void>;
  let projector: Projector;
  let store: ProjectionStore;
  let app: FastifyInstance;
  let base = '';
  let planId = '';
  const tok = { admin: '', monitor: '', unit: '' };
  const WARD = 'hcm.q1.p-ben-nghe';

  const call = async (method: 'GET' | 'POST', url: string, token: string, body?: unknown) =>
    await fetch(`${base}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const json = async (method: 'GET' | 'POST', url: string, token: string, body?: unknown) => {
    const res = await call(method, url, token, body);
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    ({ env, nats, worker, running, projector, store } = await startTestStack('reports-test', TASK_QUEUE));
    const tokens = await TokenStore.open(nats.nc);
    tok.admin = (await tokens.create({ role: 'admin', name: 'test admin' })).token;
    tok.monitor = (await tokens.create({ role: 'monitor', name: 'Phòng Nội vụ' })).token;
    tok.unit = (await tokens.create({ role: 'unit', unitId: WARD, name: 'UBND phường Bến Nghé' })).token;
    app = await buildApp({
      client: env.client,
      plans: await PlanRegistry.open(nats.nc),
      store,
      js: nats.js,
      tokens,
      calendar,
      taskQueue: TASK_QUEUE,
      rateLimit: { max: 100_000, windowMs: 60_000 },
      logError: () => undefined,
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    const imported = (await json('POST', '/plans/import', tok.admin, { fileName: 'plan.yaml', content: PLAN })) as {
      review: { plan: { id: string }; assignments: number };
    };
    planId = imported.review.plan.id;
    expect(imported.review.assignments).toBe(11);
    const started = (await json('POST', `/plans/${planId}/start?yes=true`, tok.admin, {})) as { assignments: number };
    expect(started.assignments).toBe(11);
    await until('the projection to hold every assignment with its deadline', async () => {
      const tasks = store.listTasks({ planId });
      return tasks.length === 11 && tasks.every((t) => t.nextDue !== null);
    });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await projector?.stop();
    worker?.shutdown();
    await running;
    await nats?.nc.drain();
    await env?.teardown();
  });

  const q = () => `plan=${planId}&period=${NEXT_YEAR}-Q1&asOf=${TODAY}`;

  it('serves the grid and the three files with their content types, and the files agree with the grid', async () => {
    const grid = (await json('GET', `/reports/grid?${q()}`, tok.monitor)) as {
      grid: { total: { total: number; counts: Record<string, number> } };
    };
    expect(grid.grid.total.total).toBe(11);
    const res = await call('GET', `/reports/file/xlsx?${q()}`, tok.monitor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.xlsx"$/);
    const ledger = await readSheet(Buffer.from(await res.arrayBuffer()), SHEETS.ledger);
    expect(ledger.slice(2)).toHaveLength(11);
    const docx = await call('GET', `/reports/file/docx?${q()}`, tok.monitor);
    expect(docx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) })).value;
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain(`Tổng số nhiệm vụ theo dõi: 11`);
    const csv = await call('GET', `/reports/file/csv?${q()}`, tok.monitor);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await csv.text()).trim().split('\r\n')).toHaveLength(12);

    // A unit sees only its own lines; bad requests are 4xx.
    const own = (await json('GET', `/reports/grid?${q()}`, tok.unit)) as { grid: { total: { total: number } } };
    expect(own.grid.total.total).toBe(1);
    expect((await call('GET', `/reports/grid?plan=${planId}&period=${YEAR}-Q5`, tok.monitor)).status).toBe(400);
    expect((await call('GET', `/reports/file/pdf?${q()}`, tok.monitor)).status).toBe(400);
    expect((await call('GET', `/reports/grid?plan=no-such-plan&period=${YEAR}`, tok.monitor)).status).toBe(404);
  }, 120_000);

  it('extends ten assignments in bulk with progress, one audited event pair each, and names the one that failed', async () => {
    const wards = store.listTasks({ planId }).filter((t) => t.taskRef === '1.1');
    const division = store.listTasks({ planId }).find((t) => t.taskRef === '1.2')!;
    expect(wards).toHaveLength(10);
    await json('POST', `/tasks/${encodeURIComponent(division.workflowId)}/actions/cancel`, tok.monitor, {
      reason: 'Gộp nhiệm vụ',
    });

    expect((await call('POST', '/bulk', tok.unit, { action: 'cancel', select: { planId }, reason: 'x' })).status).toBe(
      403,
    );
    expect(
      (
        await call('POST', '/bulk', tok.monitor, {
          action: 'extend',
          select: {},
          newDue: `${NEXT_YEAR}-05-29`,
          reason: 'x',
        })
      ).status,
    ).toBe(400);

    const res = await call('POST', '/bulk?progress=ndjson', tok.monitor, {
      action: 'extend',
      select: { workflowIds: [...wards.map((t) => t.workflowId), division.workflowId] },
      newDue: `${NEXT_YEAR}-05-29`,
      reason: 'Chờ hướng dẫn của Thành phố',
    });
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const progress = lines.filter((l) => 'done' in l) as { done: number; total: number }[];
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    const { result } = lines[lines.length - 1] as {
      result: { total: number; succeeded: number; failed: { workflowId: string; error: string }[] };
    };
    expect(result.total).toBe(11);
    expect(result.succeeded).toBe(10);
    expect(result.failed).toEqual([
      {
        workflowId: division.workflowId,
        ok: false,
        error: `conflict: task ${division.workflowId} is closed`,
        events: [],
      },
    ]);

    const events = await until('the extension events on the stream', async () => {
      const all = (await readEvents(nats.js, `${EVENTS_SUBJECT_PREFIX}.${subjectToken(planId)}.>`)).flatMap((s) =>
        s.event ? [s.event] : [],
      );
      const granted = all.filter((e) => e.type === 'ExtensionGranted');
      return granted.length >= 10 ? all : null;
    });
    for (const w of wards) {
      const mine = events.filter((e) => e.metadata.workflowId === w.workflowId);
      const requested = mine.filter((e) => e.type === 'ExtensionRequested');
      const granted = mine.filter((e) => e.type === 'ExtensionGranted');
      expect(requested).toHaveLength(1);
      expect(granted).toHaveLength(1);
      expect(granted[0]!.metadata.actor).toMatchObject({ role: 'monitor', kind: 'user' });
      expect(granted[0]!.data).toMatchObject({ newDue: `${NEXT_YEAR}-05-29` });
    }
    // The grid counts them as extended, against the original deadline.
    const grid = await until('the report to see the extensions', async () => {
      const g = (await json('GET', `/reports/grid?${q()}`, tok.monitor)) as {
        grid: { total: { extended: number; total: number } };
      };
      return g.grid.total.extended === 10 ? g : null;
    });
    expect(grid.grid.total.total).toBe(10); // the cancelled assignment's open milestone is dropped
  }, 120_000);

  it('downloads each report from the dashboard in a real browser', async () => {
    execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'chromium.sh')], { stdio: 'inherit' });
    const profileDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-chromium-'));
    let browser: BrowserContext | null = null;
    try {
      browser = await chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM,
        headless: true,
        acceptDownloads: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-sync',
        ],
      });
      const page = await browser.newPage();
      await page.addInitScript(`localStorage.setItem('dondoc.plan', ${JSON.stringify(planId)})`);
      await page.goto(`${base}/#token=${encodeURIComponent(tok.monitor)}`);
      await page.locator('#tasks-table tbody tr').first().waitFor({ timeout: 30_000 });
      await page.fill('#report-period', `${NEXT_YEAR}-Q1`);
      await page
        .locator('#report-score')
        .filter({ hasText: /\d+\/\d+/ })
        .waitFor({ timeout: 20_000 })
        .catch(() => undefined);
      expect(await page.locator('#bulk-form').isHidden()).toBe(false);
      for (const format of ['xlsx', 'docx', 'csv']) {
        const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#report-${format}`)]);
        expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`));
        const file = await download.path();
        const bytes = readFileSync(file);
        if (format === 'xlsx') expect((await readSheet(bytes, SHEETS.ledger)).slice(2)).toHaveLength(10);
        if (format === 'docx')
          expect((await mammoth.extractRawText({ buffer: bytes })).value).toContain('Độc lập - Tự do - Hạnh phúc');
        if (format === 'csv') expect(bytes.toString('utf8').trim().split('\r\n')).toHaveLength(11);
      }
      await page.screenshot({
        path: path.join(process.env.DONDOC_SCREENSHOT_DIR ?? os.tmpdir(), 'dondoc-reports.png'),
      });
    } finally {
      await browser?.close();
      rmSync(profileDir, { recursive: true, force: true });
    }
  }, 120_000);
});
