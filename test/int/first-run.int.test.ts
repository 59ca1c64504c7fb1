import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../config/settings';
import { freePort } from '../../stack/processes';

/**
 * The README's first command, as a new user runs it: `dondoc up --demo` starts the whole local stack (Temporal dev
 * server, nats-server, worker, API) on free ports and a fresh data directory, and the dashboard link it prints must
 * show the demo plan's reminders, a miss, escalations, a submission and approvals within 5 minutes, in a real browser,
 * without a console error or a failed request. Nothing is driven by the test: the demo's own actors act.
 */
const CHROMIUM = '/usr/bin/chromium';
const FIVE_MINUTES = 5 * 60_000;
const SHOTS = process.env.DONDOC_SCREENSHOT_DIR ?? os.tmpdir();

describe('first run: dondoc up --demo shows a task’s whole life on the dashboard', () => {
  let up: ChildProcess | undefined;
  let output = '';
  let dataDir = '';
  let browser: Browser | undefined;
  let dashboardUrl = '';
  let readyAt = 0;
  const problems: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'dondoc-first-run-'));
    const [temporal, ui, nats, api] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const spawnedAt = Date.now();
    up = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'dondoc.js'), 'up', '--demo'], {
      cwd: REPO_ROOT,
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DONDOC_ADMIN_TOKEN')),
        TEMPORAL_ADDRESS: `127.0.0.1:${temporal}`,
        TEMPORAL_UI_PORT: String(ui),
        NATS_URL: `nats://127.0.0.1:${nats}`,
        API_HOST: '127.0.0.1',
        API_PORT: String(api),
        DONDOC_DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    up.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    up.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /dashboard (http:\/\/\S+#token=\S+)/.exec(output);
        if (m && output.includes('ready.')) {
          clearInterval(timer);
          dashboardUrl = m[1]!;
          resolve();
        } else if (up!.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`dondoc up exited with ${up!.exitCode}:\n${output}`));
        }
      }, 200);
    });
    readyAt = Date.now();
    process.stdout.write(`dondoc up --demo: ready after ${((readyAt - spawnedAt) / 1000).toFixed(1)} s\n`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (up && up.exitCode === null) {
      up.kill('SIGTERM');
      await new Promise((r) => up!.once('exit', r));
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  /** Opens the dashboard and records every console error, failed request and HTTP error it meets. */
  async function open(): Promise<Page> {
    const page = await browser!.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => {
      // An SSE stream cut when the page closes is not a failure of the page.
      if (!r.url().includes('/events/stream')) problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.goto(dashboardUrl);
    return page;
  }

  const count = async (page: Page, status: string) =>
    Number(
      (await page
        .locator(`#count-${status} .n`)
        .textContent({ timeout: 1000 })
        .catch(() => '0')) ?? 0,
    );

  it(
    'shows reminders, a miss, escalations, a submission and approvals within 5 minutes, marked as a demo',
    async () => {
      const page = await open();
      // Signed in: the token form gives way (no empty box), the demo plan is chosen and carries its banner.
      await page.locator('#tasks-table tbody tr').first().waitFor({ timeout: 60_000 });
      expect(await page.locator('#token-form').isHidden()).toBe(true);
      expect(await page.locator('#token-forget').isVisible()).toBe(true);
      const banner = page.locator('#demo-banner');
      expect(await banner.isVisible()).toBe(true);
      expect(await banner.textContent()).toMatch(/DEMO.*đồng hồ tăng tốc/s);
      expect(await page.title()).toMatch(/^\[DEMO\].*dondoc$/);
      expect(await page.locator('#plan-select').inputValue()).toMatch(/^demo-/);

      // The live dashboard (no reload) reaches each state the demo is made to show.
      const seen: Record<string, number> = {};
      const deadline = readyAt + FIVE_MINUTES;
      const want = ['due-soon', 'overdue', 'done-on-time', 'done-late'];
      while (want.some((s) => seen[s] === undefined) && Date.now() < deadline) {
        for (const s of want) if (seen[s] === undefined && (await count(page, s)) > 0) seen[s] = Date.now() - readyAt;
        await page.waitForTimeout(1000);
      }
      process.stdout.write(`first seen after ready (ms): ${JSON.stringify(seen)}\n`);
      expect(Object.keys(seen).sort()).toEqual([...want].sort());

      // Task 1 (its unit submits after escalation 1): the whole life in its audit trail, actors named.
      const row = page
        .locator('#tasks-table tbody tr')
        .filter({ has: page.locator('td:first-child', { hasText: /^1$/ }) });
      await row.locator('button').click();
      const timeline = page.locator('#task-dialog #task-timeline');
      await timeline
        .locator('li[data-type="CompletionApproved"]')
        .waitFor({ timeout: Math.max(1000, deadline - Date.now()) });
      const types = await timeline.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-type')));
      for (const type of ['ReminderSent', 'DeadlineMissed', 'TaskEscalated', 'ResultSubmitted', 'CompletionApproved'])
        expect(types).toContain(type);
      expect(await timeline.locator('li[data-type="ResultSubmitted"] .meta').textContent()).toMatch(/Demo:/);
      expect(await page.locator('#task-dialog #task-status').getAttribute('data-status')).toBe('done-late');
      await page.screenshot({ path: path.join(SHOTS, 'dondoc-first-run-task.png') });
      await page.click('#task-close');

      // Task 3 (no one acts) escalates to the monitoring unit and the chair: level 2, within the 5 minutes.
      const silent = page
        .locator('#tasks-table tbody tr')
        .filter({ has: page.locator('td:first-child', { hasText: /^3$/ }) });
      await silent.locator('button').click();
      let escalations = 0;
      while (escalations < 2 && Date.now() < deadline) {
        escalations = await timeline.locator('li[data-type="TaskEscalated"]').count();
        await page.waitForTimeout(1000);
      }
      expect(escalations).toBe(2);
      process.stdout.write(`task 3 at escalation level 2 after ${((Date.now() - readyAt) / 1000).toFixed(0)} s\n`);
      await page.click('#task-close');
      // The agenda follows the demo plan's clock, and the on-time rate explains itself or gives a figure.
      expect(await page.locator('#on-time-rate').textContent()).not.toBe('—');
      await page.screenshot({ path: path.join(SHOTS, 'dondoc-first-run.png'), fullPage: true });
      await page.close();
      expect(problems).toEqual([]);
    },
    FIVE_MINUTES + 60_000,
  );
});
