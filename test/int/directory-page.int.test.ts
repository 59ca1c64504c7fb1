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
import { findProvince, provinceDirectory, type Unit } from '../../domain/units';
import type { NatsHandles } from '../../nats/streams';
import type { Projector } from '../../projections/projector';
import type { ProjectionStore } from '../../projections/store';
import { DirectoryStore } from '../../services/directory-store';
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

const TASK_QUEUE = `directory-page-test-${process.pid}`;
const YEAR = Number(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).slice(0, 4));
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = process.env.DONDOC_SCREENSHOT_DIR ?? os.tmpdir();
const DIR = 'dong-thap';
const SNV = 'dong-thap.so-noi-vu';

/** A plan of the province whose tasks fall due at the end of the year, so their assignments are open. */
const planText = (number: string, tasks: { ref: string; title: string; lead: string; support?: string }[]) =>
  [
    'plan:',
    `  number: ${number}/KH-UBND`,
    '  issuer: UBND tỉnh Đồng Tháp',
    `  issued: ${YEAR}-01-05`,
    `  title: Kế hoạch ${number} năm ${YEAR}`,
    `  period: { from: ${YEAR}-01-01, to: ${YEAR}-12-31 }`,
    `  directory: ${DIR}`,
    'tasks:',
    ...tasks.flatMap((t) => [
      `  - ref: '${t.ref}'`,
      `    title: ${t.title}`,
      `    lead: ${t.lead}`,
      ...(t.support ? [`    support: ${t.support}`] : []),
      `    deadline: Trước ngày 31/12/${YEAR}`,
    ]),
    '',
  ].join('\n');

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('the unit directory page and adopting in the import flow, in a real browser on the real servers', () => {
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
  let dataDir = '';
  let directories: DirectoryStore;
  let planId = '';
  const tok = { monitor: '', monitorId: '', unit: '' };
  let problems: string[] = [];

  const call = async (method: string, url: string, token: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const unitOf = async (id: string) =>
    (await call('GET', `/directories/${DIR}/units/${id}`, tok.monitor)) as {
      unit: Unit;
      openAssignments: { planId: string; taskRef: string }[];
    };

  const openPage = async (token: string, width = 1280, height = 900): Promise<Page> => {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => {
      if (!r.url().includes('/events/stream')) problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.setViewportSize({ width, height });
    await page.addInitScript(
      `localStorage.setItem('dondoc.plan', ${JSON.stringify(planId)}); localStorage.setItem('dondoc.directory', '${DIR}')`,
    );
    await page.goto(`${base}/#token=${encodeURIComponent(token)}`);
    await page.locator('#dir-table tbody tr').first().waitFor({ timeout: 30_000 });
    return page;
  };
  /** Finds a unit with the page's search box and opens it. */
  const findAndOpen = async (page: Page, query: string, unitId: string) => {
    await page.fill('#dir-q', query);
    await page.click('#dir-find');
    await page.locator(`#dir-table tr[data-unit-id="${unitId}"] button`).click();
    await until('the unit to open', async () => (await page.locator('[data-field="id"]').textContent()) === unitId);
  };
  const historyTypes = async (page: Page) =>
    page.locator('#dir-history li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-type')));

  beforeAll(async () => {
    execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'chromium.sh')], { stdio: 'inherit' });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-directory-page-'));
    directories = DirectoryStore.inDataDir(dataDir);
    // What `dondoc units init --province "Đồng Tháp"` stores.
    await directories.append(
      DIR,
      { type: 'DirectoryImported', document: provinceDirectory(findProvince('Đồng Tháp')!) },
      'test setup',
    );

    ({ env, nats, worker, running, projector, store } = await startTestStack('directory-page-test', TASK_QUEUE));
    const tokens = await TokenStore.open(nats.nc);
    const admin = (await tokens.create({ role: 'admin', name: 'test admin' })).token;
    const monitor = await tokens.create({ role: 'monitor', name: 'Phòng Nội vụ' });
    tok.monitor = monitor.token;
    tok.monitorId = monitor.info.id;
    tok.unit = (await tokens.create({ role: 'unit', unitId: SNV, name: 'Sở Nội vụ' })).token;
    app = await buildApp({
      client: env.client,
      plans: await PlanRegistry.open(nats.nc),
      store,
      js: nats.js,
      tokens,
      calendar,
      directories,
      taskQueue: TASK_QUEUE,
      rateLimit: { max: 100_000, windowMs: 60_000 },
      logError: () => undefined,
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });

    // A running plan whose two tasks Sở Nội vụ leads: what a rename of it must say it affects.
    const imported = (await call('POST', '/plans/import', admin, {
      fileName: 'snv.yaml',
      content: planText('11', [
        { ref: '1', title: 'Rà soát thủ tục hành chính', lead: 'Sở Nội vụ', support: 'Sở Tư pháp' },
        { ref: '2', title: 'Báo cáo cải cách hành chính', lead: 'Sở Nội vụ' },
      ]),
    })) as { review: { plan: { id: string } } };
    planId = imported.review.plan.id;
    const started = (await call('POST', `/plans/${planId}/start?yes=true`, admin, {})) as { assignments: number };
    expect(started.assignments).toBe(2);
    await until(
      'the projection to show the assignments',
      async () => store.listTasks({ planId }).length === 2,
      120_000,
    );

    profileDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-chromium-'));
    browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
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
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    problems = [];
  });
  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('finds a unit without diacritics and shows its record, open assignments and history; exports the file', async () => {
    const page = await openPage(tok.monitor);
    await findAndOpen(page, 'noi vu', SNV);
    const api = await unitOf(SNV);
    await expect(page.locator('#dir-unit-name').textContent()).resolves.toBe(api.unit.name);
    await expect(page.locator('[data-field="kind"]').textContent()).resolves.toBe('Sở, ban, ngành');
    await expect(page.locator('[data-field="head"]').textContent()).resolves.toContain(api.unit.headTitle);
    const parent = await unitOf(api.unit.parentId!);
    await expect(page.locator('[data-field="parent"]').textContent()).resolves.toBe(
      `${parent.unit.name} (${parent.unit.id})`,
    );
    await expect(page.locator('[data-field="openAssignments"]').textContent()).resolves.toBe(
      String(api.openAssignments.length),
    );
    expect(api.openAssignments.length).toBe(2);
    expect(await page.locator('#dir-unit-open li').count()).toBe(2);
    // The directory was stored by init: its history starts there.
    expect(await historyTypes(page)).toEqual(['DirectoryImported']);
    await expect(page.locator('#dir-history-note').textContent()).resolves.toMatch(/1 thay đổi/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="csv"]')]);
    expect(download.suggestedFilename()).toBe(`${DIR}.directory.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(SNV);
    await page.screenshot({ path: path.join(SHOTS, 'dondoc-directory-unit.png'), fullPage: false });
    await page.click('#lang-toggle');
    await expect(page.locator('#directory-h').textContent()).resolves.toBe('Unit directory');
    await expect(page.locator('[data-field="kind"]').textContent()).resolves.toBe('Department');
    await page.click('#lang-toggle');
    await page.close();

    // On a phone, nothing of the page is wider than the screen (tables scroll in their own box).
    const phone = await openPage(tok.monitor, 390, 844);
    await findAndOpen(phone, 'noi vu', SNV);
    await phone.locator('#dir-unit').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: path.join(SHOTS, 'dondoc-directory-phone.png'), fullPage: false });
    const wide = await phone.evaluate<string[]>(
      `[...document.querySelectorAll('#directory-section *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap')).map((e) => e.tagName + '#' + e.id + '.' + e.className)`,
    );
    expect(wide).toEqual([]);
    await phone.close();
  }, 120_000);

  it('adds a unit under a parent, and loads a directory file through the page', async () => {
    const page = await openPage(tok.monitor);
    await page.click('#dir-add-box summary');
    const form = page.locator('#dir-add');
    await form.locator('input[name="id"]').fill('dong-thap.trung-tam-thu-nghiem');
    await form.locator('input[name="name"]').fill('Trung tâm Thử nghiệm');
    await form.locator('select[name="kind"]').selectOption('don-vi-su-nghiep');
    await form.locator('input[name="parentId"]').fill(SNV);
    await form.locator('input[name="aliases"]').fill('TTTN; Trung tâm TN');
    await page.click('#dir-add-submit');
    await until(
      'the added unit to open',
      async () => (await page.locator('[data-field="id"]').textContent()) === 'dong-thap.trung-tam-thu-nghiem',
    );
    const added = await unitOf('dong-thap.trung-tam-thu-nghiem');
    expect(added.unit).toMatchObject({ kind: 'don-vi-su-nghiep', parentId: SNV, aliases: ['TTTN', 'Trung tâm TN'] });
    expect(await historyTypes(page)).toEqual(['UnitAdded']);
    await expect(page.locator('#dir-history li').last().locator('.meta').textContent()).resolves.toContain(
      `Phòng Nội vụ [${tok.monitorId}]`,
    );

    const yaml = [
      'format: dondoc.units',
      'version: 1',
      'id: thu-nghiem',
      'name: Danh bạ thử nghiệm',
      'issuingAuthorityId: tn.ubnd',
      'monitoringUnitId: tn.vp',
      'units:',
      '  - { id: tn.ubnd, name: UBND thử nghiệm, kind: ubnd, headTitle: Chủ tịch UBND }',
      '  - { id: tn.vp, name: Văn phòng, kind: so, headTitle: Chánh Văn phòng, parentId: tn.ubnd, supervisorId: tn.ubnd }',
      '',
    ].join('\n');
    await page.setInputFiles('#dir-upload-file', {
      name: 'thu-nghiem.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from(yaml),
    });
    await page.click('#dir-upload');
    await until(
      'the uploaded directory to be chosen',
      async () => (await page.inputValue('#dir-select')) === 'thu-nghiem',
    );
    // The page chooses the directory first, then loads its table and says how many units it has.
    await until('the uploaded directory to be shown', async () =>
      /2 đơn vị/.test((await page.locator('#dir-status').textContent()) ?? ''),
    );
    expect(await page.locator('#dir-table tbody tr').count()).toBe(2);
    // Back to the province for the next tests.
    await page.selectOption('#dir-select', DIR);
    await page.close();
  }, 120_000);

  it('says what a rename affects before it is sent; the running assignments keep the unit', async () => {
    const page = await openPage(tok.monitor);
    await findAndOpen(page, 'Sở Nội vụ', SNV);
    const before = await unitOf(SNV);
    const rename = page.locator('#dir-unit-actions form[data-action="rename"]');
    await rename.locator('input[name="name"]').fill('Sở Nội vụ và Đào tạo');
    await rename.locator('button[type="submit"]').click();
    await page.locator('#dir-affects').waitFor({ state: 'visible' });
    const affects = (await page.locator('#dir-affects-text').textContent()) ?? '';
    expect(affects).toContain(`2 nhiệm vụ đang chạy của 1 kế hoạch`);
    expect(affects).toContain(`${planId} · 1`);
    // Nothing is sent until it is confirmed.
    expect((await unitOf(SNV)).unit.name).toBe(before.unit.name);
    await page.screenshot({ path: path.join(SHOTS, 'dondoc-directory-rename-affects.png'), fullPage: false });
    await page.click('#dir-confirm');
    await until(
      'the rename to show',
      async () => (await page.locator('#dir-unit-name').textContent()) === 'Sở Nội vụ và Đào tạo',
    );
    const after = await unitOf(SNV);
    expect(after.unit.aliases).toContain(before.unit.name);
    expect(after.openAssignments).toHaveLength(2);
    await expect(page.locator('#dir-status').textContent()).resolves.toContain('2 open assignments');
    expect((await historyTypes(page)).at(-1)).toBe('UnitRenamed');
    await page.close();
  }, 120_000);

  it('merges a unit into another and retires one, each after saying what it affects', async () => {
    await call('POST', `/directories/${DIR}/units`, tok.monitor, {
      id: 'dong-thap.ban-sap-nhap',
      name: 'Ban Sắp nhập',
      kind: 'so',
      parentId: 'dong-thap.ubnd',
    });
    const page = await openPage(tok.monitor);
    await findAndOpen(page, 'sap nhap', 'dong-thap.ban-sap-nhap');
    const merge = page.locator('#dir-unit-actions form[data-action="merge"]');
    await merge.locator('input[name="into"]').fill(SNV);
    await merge.locator('input[name="lastDay"]').fill(`${YEAR}-06-30`);
    await merge.locator('button[type="submit"]').click();
    await page.locator('#dir-affects').waitFor({ state: 'visible' });
    await expect(page.locator('#dir-affects-text').textContent()).resolves.toContain('không có nhiệm vụ đang chạy');
    await page.click('#dir-confirm');
    await until('the merge to show', async () => (await historyTypes(page)).at(-1) === 'UnitsMerged');
    const merged = await unitOf('dong-thap.ban-sap-nhap');
    expect(merged.unit).toMatchObject({ validTo: `${YEAR}-06-30`, mergedInto: SNV });
    expect((await unitOf(SNV)).unit.mergedFrom).toContain('dong-thap.ban-sap-nhap');

    await findAndOpen(page, 'Trung tâm Thử nghiệm', 'dong-thap.trung-tam-thu-nghiem');
    const retire = page.locator('#dir-unit-actions form[data-action="retire"]');
    await retire.locator('input[name="lastDay"]').fill(`${YEAR}-09-30`);
    await retire.locator('button[type="submit"]').click();
    await page.locator('#dir-affects').waitFor({ state: 'visible' });
    await page.click('#dir-confirm');
    await until('the retirement to show', async () => (await historyTypes(page)).at(-1) === 'UnitRetired');
    expect((await unitOf('dong-thap.trung-tam-thu-nghiem')).unit.validTo).toBe(`${YEAR}-09-30`);
    await expect(page.locator('[data-field="validity"]').textContent()).resolves.toContain(`${YEAR}-09-30`);
    await page.close();
  }, 120_000);

  it("edits a head and contacts with history; the unit's own token reads its record only", async () => {
    const page = await openPage(tok.monitor);
    await findAndOpen(page, 'noi vu', SNV);
    const head = page.locator('#dir-unit-actions form[data-action="head"]');
    await head.locator('input[name="headName"]').fill('Nguyễn Văn An');
    await head.locator('input[name="headPhone"]').fill('0277 3851 234');
    await head.locator('button[type="submit"]').click();
    await until('the head to show', async () =>
      ((await page.locator('[data-field="head"]').textContent()) ?? '').includes('Nguyễn Văn An'),
    );
    const contacts = page.locator('#dir-unit-actions form[data-action="contacts"]');
    await contacts.locator('input[name="emails"]').fill('snv@dongthap.gov.vn, vanthu.snv@dongthap.gov.vn');
    await contacts.locator('textarea[name="webhooks"]').fill('https://hook.example/snv s3cret-s3cret-s3cret');
    await contacts.locator('button[type="submit"]').click();
    await until('the contacts to show', async () =>
      ((await page.locator('[data-field="contacts"]').textContent()) ?? '').includes('snv@dongthap.gov.vn'),
    );
    const api = await unitOf(SNV);
    expect(api.unit).toMatchObject({ headName: 'Nguyễn Văn An', headPhone: '0277 3851 234' });
    expect(api.unit.channels).toEqual({
      emails: ['snv@dongthap.gov.vn', 'vanthu.snv@dongthap.gov.vn'],
      webhooks: [{ url: 'https://hook.example/snv', secret: 's3cret-s3cret-s3cret' }],
    });
    expect((await historyTypes(page)).slice(-2)).toEqual(['HeadChanged', 'ChannelsChanged']);
    // The secret is never shown.
    expect(await page.locator('#dir-unit').textContent()).not.toContain('s3cret');
    await page.close();

    const own = await openPage(tok.unit);
    await until('its own unit to open', async () => (await own.locator('[data-field="id"]').textContent()) === SNV);
    expect(await own.locator('#dir-table tbody tr').count()).toBe(1);
    expect(await own.locator('#dir-unit-actions form').count()).toBe(0);
    expect(await own.locator('#dir-add-box').isHidden()).toBe(true);
    expect(await own.locator('#dir-files').isHidden()).toBe(true);
    expect(await own.locator('#dir-readonly').isVisible()).toBe(true);
    expect(await historyTypes(own)).toContain('HeadChanged');
    await own.screenshot({ path: path.join(SHOTS, 'dondoc-directory-unit-token.png'), fullPage: false });
    await own.close();
  }, 120_000);

  it('adopts the units a new plan names in the import flow; the plan then resolves and starts', async () => {
    const page = await openPage(tok.monitor);
    const text = planText('12', [
      { ref: '1', title: 'Kiểm nghiệm chất lượng nông sản', lead: 'Trung tâm Kiểm nghiệm Nông sản Đồng Tháp' },
      { ref: '2', title: 'Báo cáo kết quả', lead: 'Sở Nội vụ', support: 'Hội Làm vườn tỉnh' },
    ]);
    await page.setInputFiles('#review-file', { name: 'adopt.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) });
    await page.click('#review-upload');
    await page.locator('#adopt-box').waitFor({ state: 'visible', timeout: 30_000 });
    const rows = page.locator('#adopt-table tbody tr');
    await until('the proposals', async () => (await rows.count()) === 2);
    const mentions = await rows.locator('td:nth-child(2)').allTextContents();
    expect(mentions.sort()).toEqual(['Hội Làm vườn tỉnh', 'Trung tâm Kiểm nghiệm Nông sản Đồng Tháp']);
    const centre = rows.filter({ hasText: 'Trung tâm Kiểm nghiệm' });
    expect(await centre.locator('select[data-key="kind"]').inputValue()).toBe('don-vi-su-nghiep');
    // A correction: the centre belongs to the department of agriculture.
    await centre.locator('input[data-key="id"]').fill('dong-thap.ttkn-nong-san');
    await centre.locator('input[data-key="parentId"]').fill('dong-thap.so-nong-nghiep-moi-truong');
    await page.screenshot({ path: path.join(SHOTS, 'dondoc-adopt-box.png'), fullPage: false });
    await page.click('#adopt-accept');
    await until('the adoption to be reported', async () =>
      ((await page.locator('#adopt-status').textContent()) ?? '').includes('2 đơn vị đã thêm'),
    );
    await expect(page.locator('#adopt-status').textContent()).resolves.toContain('0 nhiệm vụ còn');
    const centreUnit = await unitOf('dong-thap.ttkn-nong-san');
    expect(centreUnit.unit.parentId).toBe('dong-thap.so-nong-nghiep-moi-truong');
    const history = (await call('GET', `/directories/${DIR}/units/dong-thap.ttkn-nong-san/history`, tok.monitor)) as {
      history: { actor: string; change: { type: string } }[];
    };
    expect(history.history.map((h) => [h.change.type, h.actor])).toEqual([
      ['UnitAdded', `Phòng Nội vụ [${tok.monitorId}]`],
    ]);

    // The review now shows the lead resolved; save and start.
    const lead = page.locator('#review-table tr[data-ref="1"] td[data-key="lead_resolved"]');
    await expect(lead.textContent()).resolves.toContain('dong-thap.ttkn-nong-san');
    await page.click('#review-start');
    await until('the plan to start', async () =>
      /2 \/ 2 đã bắt đầu/.test((await page.locator('#review-status').textContent()) ?? ''),
    );
    const newPlan = ((await page.locator('#review-status').textContent()) ?? '').split(':')[0]!;
    await until('the new assignments to be projected', async () => store.listTasks({ planId: newPlan }).length === 2);
    expect(
      store
        .listTasks({ planId: newPlan })
        .map((t) => t.unitId)
        .sort(),
    ).toEqual([SNV, 'dong-thap.ttkn-nong-san']);
    await page.close();
  }, 180_000);

  it('the adopt API answers bad requests with 4xx naming the problem, and records nothing', async () => {
    const send = async (method: string, url: string, token: string, body?: unknown) => {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as { message?: string } };
    };
    const before = (await directories.history(DIR)).length;
    expect((await send('GET', '/plans/no-such-plan/adopt', tok.monitor)).status).toBe(404);
    expect((await send('GET', `/plans/${planId}/adopt?directory=no-such-dir`, tok.monitor)).status).toBe(404);
    expect((await send('GET', `/plans/${planId}/adopt?directory=Bad Id`, tok.monitor)).status).toBe(400);
    expect((await send('GET', `/plans/${planId}/adopt`, tok.unit)).status).toBe(403);
    const badKind = await send('POST', `/plans/${planId}/adopt`, tok.monitor, {
      proposals: [
        { unit: { id: 'dong-thap.ok', name: 'Ok', kind: 'so', headTitle: 'Giám đốc Ok' } },
        { unit: { id: 'dong-thap.x', name: 'X', kind: 'nonsense', headTitle: 'Trưởng X' } },
      ],
    });
    expect(badKind.status).toBe(400);
    expect(badKind.body.message).toMatch(/proposals\[1\]\.unit\.kind/);
    const badParent = await send('POST', `/plans/${planId}/adopt`, tok.monitor, {
      proposals: [
        { unit: { id: 'dong-thap.y', name: 'Y', kind: 'so', headTitle: 'Y', parentId: 'dong-thap.nowhere' } },
      ],
    });
    expect(badParent.status).toBe(400);
    expect(badParent.body.message).toMatch(/proposals\[0\] \(dong-thap\.y\).*dong-thap\.nowhere/s);
    expect((await send('POST', `/plans/${planId}/adopt`, tok.monitor, { proposals: 'all' })).status).toBe(400);
    expect(await directories.history(DIR)).toHaveLength(before);

    // A started plan keeps its units: adopting adds to the directory and says the plan was not rebound.
    const started = await send('POST', `/plans/${planId}/adopt`, tok.monitor, {
      proposals: [{ unit: { id: 'dong-thap.ban-moi', name: 'Ban Mới', kind: 'so', headTitle: 'Trưởng Ban Mới' } }],
    });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ rebound: false, alreadyThere: [], unresolvedLeads: 0 });
    expect(await directories.history(DIR)).toHaveLength(before + 1);
  }, 60_000);
});
