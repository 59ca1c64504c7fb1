import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext } from 'playwright-core';
import { buildApp } from '../../api/server';
import { REPO_ROOT } from '../../config/settings';
import type { NatsHandles } from '../../nats/streams';
import type { Projector } from '../../projections/projector';
import type { ProjectionStore } from '../../projections/store';
import { PlanRegistry } from '../../services/plans';
import { TokenStore } from '../../services/tokens';
import { makeMergedDocx } from '../support/documents';
import { calendar } from '../support/servers';
import { startTestStack } from '../support/stack';

// fastify loads light-my-request, which requires the ESM-only cookie@2; this test sends no cookies.
jest.mock('cookie', () => ({
  stringifySetCookie: () => '',
  parseSetCookie: () => ({}),
  parse: () => ({}),
  serialize: () => '',
}));

const TASK_QUEUE = `review-test-${process.pid}`;
const HCM = { issuer: 'ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH', city: 'Thành phố Hồ Chí Minh' };

describe('upload → review → edit → start, in a real browser on real NATS and time-skipping Temporal', () => {
  let env: TestWorkflowEnvironment;
  let nats: NatsHandles;
  let worker: Worker;
  let running: Promise<void>;
  let projector: Projector;
  let store: ProjectionStore;
  let app: FastifyInstance;
  let plans: PlanRegistry;
  let base = '';
  let browser: BrowserContext;
  let dir = '';
  let admin = '';

  beforeAll(async () => {
    execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'chromium.sh')], { stdio: 'inherit' });
    ({ env, nats, worker, running, projector, store } = await startTestStack('review-test', TASK_QUEUE));
    const tokens = await TokenStore.open(nats.nc);
    admin = (await tokens.create({ role: 'admin', name: 'người rà soát' })).token;
    plans = await PlanRegistry.open(nats.nc);
    app = await buildApp({
      client: env.client,
      plans,
      store,
      js: nats.js,
      tokens,
      calendar,
      taskQueue: TASK_QUEUE,
      rateLimit: { max: 100_000, windowMs: 60_000 },
      logError: () => undefined,
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    dir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-review-'));
    browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await app?.close();
    await store?.close();
    await projector?.stop();
    worker?.shutdown();
    await running;
    await nats?.nc.drain();
    await env?.teardown();
  });

  it('refuses bad uploads with 4xx and starts nothing unreviewed', async () => {
    const upload = (name: string, body: Buffer, type = 'application/octet-stream') =>
      app.inject({
        method: 'POST',
        url: `/plans/upload?fileName=${encodeURIComponent(name)}`,
        headers: { authorization: `Bearer ${admin}`, 'content-type': type },
        payload: body,
      });
    const ole = await upload('secret.docx', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]));
    expect(ole.statusCode).toBe(415);
    expect(ole.json().message).toMatch(/^secret\.docx: .*password-protected/);
    const cut = await upload('cut.docx', (await makeMergedDocx()).subarray(0, 3000));
    expect(cut.statusCode).toBe(422);
    const dry = await upload('merged.docx', await makeMergedDocx());
    expect(dry.statusCode).toBe(201);
    const planId = dry.json().planId as string;
    const start = await app.inject({
      method: 'POST',
      url: `/plans/${planId}/start`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(start.statusCode).toBe(409);
    expect(start.json().message).toMatch(/has not been reviewed/);
  });

  it('uploads a .docx, shows flagged rows, takes an edited deadline, saves the review and starts', async () => {
    const file = path.join(dir, 'ke-hoach.docx');
    writeFileSync(file, await makeMergedDocx(HCM));
    const page = await browser.newPage();
    await page.goto(`${base}/#token=${encodeURIComponent(admin)}`);
    await page.locator('#review-file').setInputFiles(file);
    await page.locator('#review-upload').click();
    const rows = page.locator('#review-table tbody tr');
    await rows.first().waitFor({ timeout: 30_000 });
    expect(await rows.count()).toBe(3);
    // Flagged rows are marked, and the count says how many.
    const flagged = await page.locator('#review-table tr.flagged').count();
    expect(await page.locator('#review-summary').textContent()).toBe(
      `3 nhiệm vụ / tasks, ${flagged} cần xem / flagged`,
    );
    expect(await page.locator('#review-table tr[data-ref="I.2"] td[data-key="lead"]').textContent()).toBe('Sở Nội vụ');
    // Edit the deadline of I.3 in its cell, as a person would.
    const cell = page.locator('#review-table tr[data-ref="I.3"] td[data-key="deadline"]');
    await cell.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Trước tháng 10 năm 2026');
    await page.locator('#review-start').click();
    await page.locator('#review-status:has-text("started")').waitFor({ timeout: 60_000 });
    expect(await page.locator('#review-table tr[data-ref="I.3"] td[data-key="due"]').textContent()).toBe('2026-09-30');
    const planId = (await page.locator('#review-status').textContent())!.split(':')[0]!;
    const saved = await plans.get(planId);
    expect(saved?.review).toMatchObject({ by: 'người rà soát', via: 'dashboard' });
    expect(saved?.tasks.find((t) => t.ref === 'I.3')?.deadline.text).toBe('Trước tháng 10 năm 2026');
    expect(await page.locator('#review-status').textContent()).toMatch(/3 \/ 3 đã bắt đầu/);
  }, 120_000);
});
