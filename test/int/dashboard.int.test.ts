import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../../api/server';
import { REPO_ROOT } from '../../config/settings';
import { plannedAssignments } from '../../domain/plans/assignments';
import { importPlan } from '../../domain/plans/import';
import type { NatsHandles } from '../../nats/streams';
import type { Projector } from '../../projections/projector';
import type { ProjectionStore } from '../../projections/store';
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

const SHARED_DIR = process.env.DONDOC_SHARED_DIR ?? path.resolve(REPO_ROOT, 'test', 'fixtures', 'shared');
const SEED_004 = path.join(SHARED_DIR, 'seeds', '004_59a7d8b938235585.txt');
const TASK_QUEUE = `dashboard-test-${process.pid}`;
// The current Vietnamese year, so that some tasks are overdue and others fall due in the coming weeks; early in the
// year (nothing overdue yet) the previous one.
const NOW_VN = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
const YEAR = Number(NOW_VN.slice(0, 4)) - (Number(NOW_VN.slice(5, 7)) < 4 ? 1 : 0);
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = process.env.DONDOC_SCREENSHOT_DIR ?? os.tmpdir();

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('dashboard in a real browser, on real NATS and time-skipping Temporal', () => {
  let env: TestWorkflowEnvironment;
  let nats: NatsHandles;
  let worker: Worker;
  let running: Promise<void>;
  let projector: Projector;
  let store: ProjectionStore;
  let app: FastifyInstance;
  let base = '';
  let browser: BrowserContext;
  let profileDir = '';
  let planId = '';
  let workflowId = '';
  let lead = '';
  const tok = { monitor: '', unit: '' };
  let tokens: TokenStore;
  /** Console errors, uncaught errors, failed requests and HTTP errors of every page a test opens. */
  let problems: string[] = [];

  const get = async (url: string, token: string) => {
    const res = await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const post = async (url: string, token: string, body: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const apiOverdue = async () => {
    const detail = (await get(`/plans/${planId}`, tok.monitor)) as { summary: { byStatus: { overdue: number } } };
    const listed = (await get(`/tasks?planId=${planId}&overdue=true&limit=1`, tok.monitor)) as { total: number };
    return { summary: detail.summary.byStatus.overdue, listed: listed.total };
  };
  const openPage = async (width: number, height: number, token: string): Promise<Page> => {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => {
      // An SSE stream cut when its page closes is not the page failing.
      if (!r.url().includes('/events/stream')) problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.setViewportSize({ width, height });
    // Other files in the run share this NATS server and may have saved plans of their own: pick this one.
    await page.addInitScript(`localStorage.setItem('dondoc.plan', ${JSON.stringify(planId)})`);
    await page.goto(`${base}/#token=${encodeURIComponent(token)}`);
    await page.locator('#tasks-table tbody tr').first().waitFor({ timeout: 30_000 });
    return page;
  };

  beforeAll(async () => {
    execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'chromium.sh')], { stdio: 'inherit' });
    const imported = importPlan(readFileSync(SEED_004, 'utf8'), '004.txt', { year: YEAR });
    if (!imported.ok) throw new Error(imported.error.message);
    planId = imported.plan.plan.id;
    const planned = plannedAssignments(imported.plan);
    // A single fixed milestone, due as late as possible so that it is most likely still open and on time.
    const dueOf = (a: (typeof planned)[number]) =>
      a.input.deadline.kind === 'fixed' && a.input.deadline.milestones.length === 1
        ? a.input.deadline.milestones[0]!.due
        : '';
    const target = planned.filter((a) => dueOf(a)).sort((a, b) => dueOf(b).localeCompare(dueOf(a)))[0]!;
    workflowId = target.workflowId;
    lead = target.input.unitId;

    ({ env, nats, worker, running, projector, store } = await startTestStack('dashboard-test', TASK_QUEUE));
    tokens = await TokenStore.open(nats.nc);
    const admin = (await tokens.create({ role: 'admin', name: 'test admin' })).token;
    tok.monitor = (await tokens.create({ role: 'monitor', name: 'Phòng Nội vụ' })).token;
    tok.unit = (await tokens.create({ role: 'unit', unitId: lead, name: 'Đơn vị chủ trì' })).token;
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

    // Import and start seed 004 through the API, then let the projection settle.
    await post(`/plans/import?year=${YEAR}`, admin, { fileName: '004.txt', content: readFileSync(SEED_004, 'utf8') });
    const started = (await post(`/plans/${planId}/start?yes=true`, admin, {})) as { assignments: number };
    let last = '';
    let stableSince = Date.now();
    await until(
      'the projection to settle',
      async () => {
        const tasks = store.listTasks({ planId });
        const sig = `${tasks.length}:${tasks.reduce((n, t) => n + t.lastSeq, 0)}`;
        if (sig !== last) {
          last = sig;
          stableSince = Date.now();
        }
        return tasks.length === started.assignments && Date.now() - stableSince > 3000;
      },
      150_000,
    );

    profileDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-chromium-'));
    browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    await app?.close();
    await store?.close();
    await projector?.stop();
    worker?.shutdown();
    await running;
    await nats?.nc.drain();
    await env?.teardown();
  });

  beforeEach(() => {
    problems = [];
  });
  afterEach(() => {
    // Fails the test whose pages met a console error, a failed request or an HTTP error (a 404 favicon included).
    expect(problems).toEqual([]);
  });

  it('shows the overdue count the API reports, units by overdue, the agenda and the on-time target', async () => {
    const page = await openPage(1280, 900, tok.monitor);
    expect(await page.evaluate("localStorage.getItem('dondoc.token')")).toBe(tok.monitor);
    expect(page.url()).not.toContain('token='); // taken out of the address bar
    const overdue = await until('the page and the API to agree on the overdue count', async () => {
      const api = await apiOverdue();
      const shown = Number(await page.locator('#count-overdue .n').textContent());
      return api.summary === api.listed && shown === api.summary ? { api, shown } : null;
    });
    expect(overdue.shown).toBeGreaterThan(0);

    // Units table: sorted by overdue, descending, and adding up to the plan's count.
    const unitOverdue = (await page.locator('#units-table tbody tr td:nth-child(2)').allTextContents()).map(Number);
    expect(unitOverdue).toEqual([...unitOverdue].sort((a, b) => b - a));
    expect(unitOverdue.reduce((a, b) => a + b, 0)).toBe(overdue.shown);
    await expect(page.locator('#target-rate').textContent()).resolves.toBe('98%');
    await expect(page.locator('#target-note').textContent()).resolves.toBe('(mặc định)');
    const agenda = (await get(`/dashboard/agenda?planId=${planId}&days=60`, tok.monitor)) as { items: unknown[] };
    expect(await page.locator('#agenda li').count()).toBe(agenda.items.length);
    expect(await page.locator('#status-chart').getAttribute('aria-label')).toContain('trạng thái');

    await page.screenshot({ path: path.join(SHOTS, 'dondoc-dashboard-desktop.png'), fullPage: false });
    await page.click('#lang-toggle');
    await expect(page.locator('#units-h').textContent()).resolves.toBe('Lead units');
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.click('#lang-toggle');
    await page.close();

    const phone = await openPage(390, 844, tok.monitor);
    await phone.screenshot({ path: path.join(SHOTS, 'dondoc-dashboard-phone.png'), fullPage: false });
    await phone.locator('#tasks-h').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: path.join(SHOTS, 'dondoc-dashboard-phone-tasks.png'), fullPage: false });
    // Nothing wider than the phone's screen (the elements that stick out, if any, name themselves).
    const wide = await phone.evaluate<string[]>(
      `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap, dialog, .skip')).map((e) => e.tagName + '#' + e.id + '.' + e.className)`,
    );
    expect(wide).toEqual([]);
    await phone.close();
  }, 120_000);

  it('approves a submitted completion in the task dialog; the status changes live, without reload', async () => {
    const page = await openPage(1280, 900, tok.monitor);
    await page.evaluate('window.noReload = true');
    const row = page.locator(`#tasks-table tr[data-workflow-id="${workflowId}"]`);
    const before = await row.locator('td.status').getAttribute('data-status');
    expect(['in-progress', 'due-soon', 'overdue']).toContain(before);
    await row.locator('button').click();
    const dialog = page.locator('#task-dialog');
    await dialog.locator('#task-timeline li').first().waitFor();
    expect(await dialog.locator('form[data-action="approve"]').count()).toBe(0); // nothing submitted yet
    expect(await dialog.locator('#task-timeline li[data-type="TaskAssigned"]').count()).toBe(1);
    // The deadline's reading is explained in the dialog, in Vietnamese, from the API.
    expect(await dialog.locator('#task-explanation p').first().textContent()).toContain(' → ');

    // The unit submits through the API; the open dialog learns it from the live stream.
    await post(`/tasks/${encodeURIComponent(workflowId)}/actions/submit`, tok.unit, { note: 'Đã gửi báo cáo' });
    await dialog.locator('form[data-action="approve"]').waitFor({ timeout: 20_000 });
    expect(await dialog.locator('#task-timeline li[data-type="ResultSubmitted"]').count()).toBe(1);

    await dialog.locator('form[data-action="approve"] input[name="note"]').fill('Đạt yêu cầu');
    await dialog.locator('form[data-action="approve"] button[type="submit"]').click();
    await dialog.locator('#task-timeline li[data-type="CompletionApproved"]').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(SHOTS, 'dondoc-dashboard-task.png') });
    await page.click('#task-close');

    const after = await until('the row to show the new status', async () => {
      const s = await row.locator('td.status').getAttribute('data-status');
      return s === 'done-on-time' || s === 'done-late' ? s : null;
    });
    expect(after).toBe(before === 'overdue' ? 'done-late' : 'done-on-time');
    expect(await page.evaluate('window.noReload')).toBe(true);
    expect(await page.locator('#announcer').textContent()).toMatch(/Duyệt hoàn thành|Kết thúc nhiệm vụ/);
    const projected = (await get(`/tasks?planId=${planId}&unitId=${lead}&limit=1000`, tok.monitor)) as {
      tasks: { workflowId: string; status: string }[];
    };
    expect(projected.tasks.find((t) => t.workflowId === workflowId)?.status).toBe(after);
    await page.screenshot({ path: path.join(SHOTS, 'dondoc-dashboard-after-approve.png') });
    await page.close();
  }, 120_000);

  it('a unit token sees only its own tasks and may submit, not approve', async () => {
    const page = await openPage(1280, 900, tok.unit);
    const units = await page
      .locator('#tasks-table tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-workflow-id') ?? ''));
    expect(units.length).toBeGreaterThan(0);
    expect(units.every((id) => id.endsWith(`:${lead}`))).toBe(true);
    const open = page.locator('#tasks-table tbody tr').filter({
      has: page.locator(
        'td.status[data-status="in-progress"], td.status[data-status="due-soon"], td.status[data-status="overdue"]',
      ),
    });
    if ((await open.count()) > 0) {
      await open.first().locator('button').click();
      await page.locator('#task-dialog #task-timeline li').first().waitFor();
      expect(await page.locator('#task-dialog form[data-action="submit"]').count()).toBe(1);
      expect(await page.locator('#task-dialog form[data-action="approve"]').count()).toBe(0);
    }
    await page.close();
  }, 60_000);

  it('asks a late unit for an explanation, the unit answers in the task, both stay in the trail; a bulk remind', async () => {
    const page = await openPage(1280, 900, tok.monitor);
    page.on('dialog', (d) => void d.accept()); // the bulk form's confirm()
    const late = await page
      .locator('#tasks-table tbody tr')
      .filter({ has: page.locator('td.status[data-status="overdue"]') })
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-workflow-id') ?? ''));
    const target = late.find((id) => id !== workflowId);
    expect(target).toBeDefined();
    const id = target!;
    const detail = (await get(`/tasks/${encodeURIComponent(id)}`, tok.monitor)) as {
      unitId: string;
      taskRef: string;
      allowedActions: string[];
    };
    expect(detail.allowedActions).toContain('request-explanation');
    expect(detail.allowedActions).not.toContain('submit-explanation');

    // The monitor asks, in the task dialog.
    await page.locator(`#tasks-table tr[data-workflow-id="${id}"] button`).click();
    const dialog = page.locator('#task-dialog');
    const ask = dialog.locator('form[data-action="request-explanation"]');
    await ask.waitFor({ timeout: 20_000 });
    const dueBy = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await ask.locator('input[name="reason"]').fill('Quá hạn chưa có báo cáo, đề nghị giải trình');
    await ask.locator('input[name="dueBy"]').fill(dueBy);
    await ask.locator('button[type="submit"]').click();
    await dialog.locator('#task-timeline li[data-type="ExplanationRequested"]').waitFor({ timeout: 20_000 });
    await dialog.locator('#task-explanations li[data-answered="false"]').waitFor({ timeout: 20_000 });
    expect(await dialog.locator('form[data-action="request-explanation"]').count()).toBe(0); // one at a time
    await page.click('#task-close');

    // A bulk remind of this one assignment from the monitor's bulk form (before another token is stored in the
    // browser profile the pages share).
    await page.locator('#bulk-action').selectOption('remind');
    await page.locator('#bulk-task').fill(detail.taskRef);
    await page.locator('#bulk-unit').fill(detail.unitId);
    await page.locator('#bulk-status').selectOption('overdue');
    await page.locator('#bulk-reason').fill('Đề nghị hoàn thành ngay');
    // The progress line ("1/1") comes before the result line and the end of the stream: wait for both, so that
    // closing the page does not cut the request.
    const streamed = page.waitForEvent('requestfinished', { predicate: (r) => r.url().includes('/bulk') });
    await page.locator('#bulk-run').click();
    await until('the bulk remind to finish', async () =>
      /(Xong|Done): 1\/1/.test((await page.locator('#bulk-result').textContent()) ?? ''),
    );
    await streamed;

    await page.close();

    // The lead unit answers in the same dialog, with its own token.
    const unitToken = (await tokens.create({ role: 'unit', unitId: detail.unitId, name: 'Văn thư' })).token;
    const unitPage = await openPage(1280, 900, unitToken);
    await unitPage.locator(`#tasks-table tr[data-workflow-id="${id}"] button`).click();
    const unitDialog = unitPage.locator('#task-dialog');
    const answer = unitDialog.locator('form[data-action="submit-explanation"]');
    await answer.waitFor({ timeout: 20_000 });
    expect(await unitDialog.locator('form[data-action="request-explanation"]').count()).toBe(0);
    await answer.locator('textarea[name="explanationText"]').fill('Chờ số liệu của các phường; sẽ gửi trong tuần.');
    await answer.locator('input[name="attachment"]').fill('https://vanban.example.gov.vn/cv-123.pdf');
    await answer.locator('button[type="submit"]').click();
    await unitDialog.locator('#task-timeline li[data-type="ExplanationSubmitted"]').waitFor({ timeout: 20_000 });
    const answered = unitDialog.locator('#task-explanations li[data-answered="true"]');
    await answered.waitFor({ timeout: 20_000 });
    expect(await answered.textContent()).toContain('Chờ số liệu của các phường');
    await unitPage.screenshot({ path: path.join(SHOTS, 'dondoc-dashboard-explanation.png') });
    await unitPage.close();

    // The request, the answer and the reminder are in the task's audit trail, on the hash chain.
    const history = (await get(`/tasks/${encodeURIComponent(id)}/history`, tok.monitor)) as {
      events: { type: string; data: Record<string, unknown> }[];
      chainBreaks: unknown[];
    };
    expect(history.chainBreaks).toEqual([]);
    const types = history.events.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['ExplanationRequested', 'ExplanationSubmitted', 'ManualReminderSent']),
    );
    expect(history.events.find((e) => e.type === 'ExplanationSubmitted')!.data).toMatchObject({
      by: detail.unitId,
      text: 'Chờ số liệu của các phường; sẽ gửi trong tuần.',
      attachments: ['https://vanban.example.gov.vn/cv-123.pdf'],
      onTime: true,
    });
    expect(history.events.find((e) => e.type === 'ManualReminderSent')!.data).toMatchObject({
      note: 'Đề nghị hoàn thành ngay',
    });
  }, 180_000);
});
