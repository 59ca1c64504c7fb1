/**
 * `npm run bench`: one bounded run that starts its own Temporal dev server and nats-server on free loopback
 * ports with throw-away data, runs the worker and the API as child processes the way `dondoc up` does,
 * measures every figure side by side, writes bench/results.json and prints each figure against its target.
 * See bench/README.md for what each figure means and how it is measured.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeliverPolicy, type ConsumerMessages } from '@nats-io/jetstream';
import { Client, Connection } from '@temporalio/client';
import { loadSettings, REPO_ROOT } from '../config/settings';
import type { AssignmentInput } from '../domain/events/assignment';
import type { DondocEvent } from '../domain/events/schemas';
import { assignmentWorkflowId } from '../domain/events/subjects';
import { plannedAssignments, type PlannedAssignment } from '../domain/plans/assignments';
import { importPlan } from '../domain/plans/import';
import type { Plan } from '../domain/plans/model';
import { DEFAULT_POLICY, mergePolicy } from '../domain/policy/policy';
import { loadDirectory } from '../domain/units';
import { connectNats, ensureStreams, EVENTS_STREAM, type NatsHandles } from '../nats/streams';
import { openProjectionsBucket } from '../projections/store';
import { bundleWorkflows } from '../scripts/bundle-workflows';
import { startPlan } from '../services/plans';
import { writeNatsConfig } from '../stack/nats-config';
import { freePort, startProcess, waitForPort, type ManagedProcess } from '../stack/processes';
import { TEMPORAL_DEV_DYNAMIC_CONFIG } from '../stack/temporal-flags';
import { ensureTools } from '../stack/tools';
import { WORKER_NODE_FLAGS } from '../worker/tuning';
import { assignmentWorkflow, noopWorkflow } from '../workflows';
import { benchApi, seedSyntheticTasks } from './api.bench';
import { benchDeadlines } from './deadlines.bench';
import { benchProjection } from './events.bench';
import { benchImport } from './import.bench';
import { benchFileImport } from './formats.bench';
import { benchReplay } from './replay.bench';
import { benchSimulate } from './simulate.bench';
import { percentile, startMany, waitUntil as waitUntil_ } from './support';

const env = process.env;
/** Start concurrency of the client, the same for noop and assignment starts. */
const CONCURRENCY = Number(env.DONDOC_BENCH_START_CONCURRENCY ?? 64);
/** Commune-level units × tasks of the fan-out plan: 60 × 168 = 10,080 assignments. */
const FANOUT_TASKS = Number(env.DONDOC_BENCH_FANOUT_TASKS ?? 60);
const NOOPS = Number(env.DONDOC_BENCH_NOOPS ?? 10_000);
const REMINDERS = Number(env.DONDOC_BENCH_REMINDERS ?? 10_000);
/** Reminders fall between 30 s and 150 s after the (expected) end of their start burst. */
const REMINDER_LEAD_MS = Number(env.DONDOC_BENCH_REMINDER_LEAD_MS ?? 30_000);
const REMINDER_SPREAD_MS = Number(env.DONDOC_BENCH_REMINDER_SPREAD_MS ?? 120_000);
/** The whole run is aborted (children stopped) after this long. */
const HARD_LIMIT_MS = Number(env.DONDOC_BENCH_TIME_LIMIT_MS ?? 40 * 60_000);
const SEED = path.join(
  env.DONDOC_SHARED_DIR ?? path.resolve(REPO_ROOT, 'test', 'fixtures', 'shared'),
  'seeds',
  '002_ae0e2d343437c0cd.txt',
);
/** The directory group the seed's "UBND phường, xã, đặc khu" lead resolves to. */
const COMMUNE_GROUP = 'hcm.g.phuong-xa';

const HOST = '127.0.0.1';
const NAMESPACE = 'default';
const TASK_QUEUE = 'dondoc';

const children: ManagedProcess[] = [];
/** Figures measured so far, and the details behind them; written even when the run is cut short. */
const results: Record<string, unknown> = {};
const info: Record<string, unknown> = {};
let settings: Record<string, unknown> = {};
let tmpDir = '';

function log(msg: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => Math.round(percentile(sorted, p) * 10) / 10;
  return { count: sorted.length, p50: at(50), p90: at(90), p99: at(99), max: at(100) };
}

/** Resident set size of a process, in MB, from /proc (VmRSS, and the peak VmHWM). */
function rssMb(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    return Math.round((ticks / 100) * 10) / 10;
  } catch {
    return NaN;
  }
}

/** CPU seconds of every child so far, by name: where the machine's time went in each phase. */
function cpuByProcess(): Record<string, number> {
  const out: Record<string, number> = {
    bench: Math.round(process.cpuUsage().user / 1e5 + process.cpuUsage().system / 1e5) / 10,
  };
  for (const c of children) out[c.name] = cpuSeconds(c.pid);
  return out;
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

const waitUntil = (what: string, timeoutMs: number, check: () => boolean | Promise<boolean>) =>
  waitUntil_(what, timeoutMs, check, log);

/** Follows every event on the audit stream from now on, recording when each arrives. */
class EventTap {
  /** Events received per plan id and type. */
  readonly counts = new Map<string, number>();
  /** Milliseconds from the event's `metadata.at` (minus the workflow's clock offset) to its receipt. */
  readonly latencies = new Map<string, number[]>();
  /** Receive time of each ReminderSent, by workflow id. */
  readonly reminderReceived = new Map<string, number>();
  /** Clock offset of workflows started with one (the reminder phase). */
  readonly offsets = new Map<string, number>();
  private messages: ConsumerMessages | null = null;
  private done: Promise<void> = Promise.resolve();

  constructor(private readonly nats: NatsHandles) {}

  async start(): Promise<void> {
    const consumer = await this.nats.js.consumers.get(EVENTS_STREAM, {
      filter_subjects: ['dondoc.events.>'],
      deliver_policy: DeliverPolicy.New,
    });
    this.messages = await consumer.consume({ max_messages: 2000 });
    const messages = this.messages;
    this.done = (async () => {
      for await (const m of messages) {
        const received = Date.now();
        const e = m.json<DondocEvent>();
        const key = `${e.metadata.planId}/${e.type}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        const offset = this.offsets.get(e.metadata.workflowId) ?? 0;
        const lat = received - (Date.parse(e.metadata.at) - offset);
        let list = this.latencies.get(key);
        if (!list) this.latencies.set(key, (list = []));
        list.push(lat);
        if (e.type === 'ReminderSent') this.reminderReceived.set(e.metadata.workflowId, received);
      }
    })();
  }

  count(planId: string, type: string): number {
    return this.counts.get(`${planId}/${type}`) ?? 0;
  }

  latency(planId: string, type?: string): number[] {
    if (type) return this.latencies.get(`${planId}/${type}`) ?? [];
    return [...this.latencies.entries()].filter(([k]) => k.startsWith(`${planId}/`)).flatMap(([, v]) => v);
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.done.catch(() => undefined);
  }
}

/**
 * The fan-out plan: seed 002 (a 2025 HCMC plan, imported for the current year so its deadlines lie ahead)
 * keeps the tasks it assigns to "UBND phường, xã, đặc khu"; they are cycled to FANOUT_TASKS tasks, each led
 * by the 168 commune-level units valid today, so the plan starts FANOUT_TASKS × 168 assignments.
 */
function fanoutPlan(year: number, planId: string): Plan {
  const imported = importPlan(fs.readFileSync(SEED, 'utf8'), path.basename(SEED), { year });
  if (!imported.ok) throw new Error(`${SEED}: ${imported.error.message}`);
  const plan = imported.plan;
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
  const communes = loadDirectory('hcm')
    .list({ kind: 'phuong-xa', asOf: today })
    .map((u) => u.id);
  const communeTasks = plan.tasks.filter((t) => t.lead.some((m) => m.groupId === COMMUNE_GROUP));
  if (communeTasks.length === 0) throw new Error(`${SEED}: no task is led by the group ${COMMUNE_GROUP}`);
  const tasks = Array.from({ length: FANOUT_TASKS }, (_, i) => {
    const t = communeTasks[i % communeTasks.length]!;
    const mention = { ...t.lead.find((m) => m.groupId === COMMUNE_GROUP)!, unitIds: communes };
    return { ...t, ref: `${t.ref}.b${Math.floor(i / communeTasks.length) + 1}`, lead: [mention] };
  });
  return { ...plan, plan: { ...plan.plan, id: planId }, tasks };
}

/** Reminder-phase inputs: one milestone due at 09:00 + a clock offset that makes it fall at `fireAt[i]` in real time. */
function reminderInputs(
  base: PlannedAssignment[],
  planId: string,
  count: number,
  fireAt: (i: number) => number,
): { workflowId: string; input: AssignmentInput; fireAt: number }[] {
  const due = '2026-12-01';
  const policy = mergePolicy(DEFAULT_POLICY, { remindWorkingDaysBefore: [0], reminderTime: '09:00' });
  const reminderMs = Date.parse(`${due}T09:00:00+07:00`);
  return Array.from({ length: count }, (_, i) => {
    const b = base[i % base.length]!;
    const taskRef = `${b.input.taskRef}.r${Math.floor(i / base.length) + 1}`;
    const at = fireAt(i);
    const input: AssignmentInput = {
      ...b.input,
      planId,
      taskRef,
      deadline: {
        ...b.input.deadline,
        text: `Trước ngày ${due}`,
        kind: 'fixed',
        milestones: [{ label: 'Hoàn thành', nominal: due, due }],
        recurrence: null,
        trigger: null,
        workingDays: null,
        calendarDays: null,
        start: null,
      },
      policy,
      period: { from: '2026-01-01', to: '2026-12-31' },
      // The workflow clock runs `reminderMs - at` ahead, so its 09:00 reminder timer fires at `at` in real time.
      clockOffsetMs: reminderMs - at,
    };
    return { workflowId: assignmentWorkflowId(planId, taskRef, b.input.unitId), input, fireAt: at };
  });
}

function stopChildrenNow(): void {
  for (const c of children) {
    if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  }
}

async function stopAll(): Promise<void> {
  for (const c of [...children].reverse()) await c.stop(10_000).catch(() => undefined);
  if (tmpDir && !env.DONDOC_BENCH_KEEP) fs.rmSync(tmpDir, { recursive: true, force: true });
}

interface Row {
  name: string;
  value: number | null;
  unit: string;
  target: string;
  ok: boolean | null;
}

async function main(): Promise<void> {
  const runStarted = Date.now();
  info.loadAverageAtStart = loadAverage();
  log(`load average at start: ${loadAverage()} (${os.cpus().length} cpus)`);

  // --- Pure CPU figures, before any server runs.
  const deadlines = await benchDeadlines();
  results.parseMs = deadlines.totalMs;
  info.parsePhrases = deadlines.phrases;
  info.parseCpuMs = deadlines.cpuMs;
  info.parseBestMs = deadlines.bestMs;
  const imported = await benchImport();
  results.importMs = imported.totalMs;
  info.importFiles = imported.files;
  info.importTasks = imported.tasks;
  const fileImport = await benchFileImport();
  results.importDocxMs = fileImport.docxMs;
  results.importPdfMs = fileImport.pdfMs;
  log(
    `parse: ${deadlines.phrases} phrases in ${deadlines.totalMs} ms; import: ${imported.files} files in ${imported.totalMs} ms`,
  );
  const simulated = await benchSimulate();
  results.simulateSeed004Ms = simulated.totalMs;
  info.simulateSeed004 = { assignments: simulated.assignments, events: simulated.events };
  log(`simulate seed 004: ${simulated.assignments} assignments, ${simulated.events} events in ${simulated.totalMs} ms`);
  const replayed = await benchReplay();
  results.replayCpuMs = replayed.cpuMsPerReplay;
  info.replay = { replays: replayed.replays, historyEvents: replayed.historyEvents };
  log(`replay: ${replayed.cpuMsPerReplay} ms CPU per uncached workflow replay (${replayed.historyEvents} events)`);

  // --- Servers on free loopback ports, data in a temp dir.
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-bench-'));
  const logDir = path.join(tmpDir, 'logs');
  fs.mkdirSync(logDir);
  const tools = ensureTools(['temporal', 'nats']);
  const [temporalPort, uiPort, natsPort, apiPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const temporalAddress = `${HOST}:${temporalPort}`;
  const natsUrl = `nats://${HOST}:${natsPort}`;
  const temporal = startProcess({
    name: 'temporal',
    command: tools.temporal,
    args: [
      'server',
      'start-dev',
      '--db-filename',
      path.join(tmpDir, 'temporal.db'),
      '--ip',
      HOST,
      '--port',
      String(temporalPort),
      '--ui-port',
      String(uiPort),
      '--namespace',
      NAMESPACE,
      '--log-level',
      'warn',
      // SQLite in WAL mode with synchronous=NORMAL: commits survive a crash of the server process but are not
      // fsynced one by one. With the default (an fsync per commit) starts are fsync-bound at ~20/s on this
      // machine whatever runs them, which measures the disk, not dondoc. The data is thrown away anyway.
      '--sqlite-pragma',
      'journal_mode=wal',
      '--sqlite-pragma',
      'synchronous=normal',
      // Dev-server rate limits (defaults ~2,400 rps) are lifted so that they never cap the start rates.
      '--dynamic-config-value',
      'frontend.namespaceRPS=100000',
      '--dynamic-config-value',
      'frontend.rps=100000',
      ...TEMPORAL_DEV_DYNAMIC_CONFIG,
    ],
    logFile: path.join(logDir, 'temporal.log'),
  });
  children.push(temporal);
  const natsConf = writeNatsConfig({ dir: path.join(tmpDir, 'nats'), port: natsPort });
  const natsServer = startProcess({
    name: 'nats',
    command: tools.natsServer,
    args: ['-c', natsConf],
    logFile: path.join(logDir, 'nats.log'),
  });
  children.push(natsServer);
  await Promise.all([
    waitForPort(HOST, temporalPort, 60_000, temporal),
    waitForPort(HOST, natsPort, 30_000, natsServer),
  ]);
  log(`temporal ${temporalAddress}, nats ${natsUrl}, data in ${tmpDir}`);
  const nats = await connectNats(natsUrl, 'dondoc-bench');
  await ensureStreams(nats.jsm);

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: NAMESPACE,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    NATS_URL: natsUrl,
    DONDOC_DATA_DIR: tmpDir,
    DONDOC_LOG_LEVEL: 'warn',
  };
  const node = (script: string, name: string, extra: NodeJS.ProcessEnv, flags: string[] = []) =>
    startProcess({
      name,
      command: process.execPath,
      args: [...flags, '--require', require.resolve('tsx/cjs'), path.join(REPO_ROOT, script)],
      cwd: REPO_ROOT,
      env: { ...childEnv, ...extra },
      logFile: path.join(logDir, `${name}.log`),
    });

  // --- API: 10,000 synthetic projected tasks, an API process as `dondoc up` starts it, autocannon.
  {
    const kv = await openProjectionsBucket(nats.nc);
    const keys = await seedSyntheticTasks(kv, `bench-api-${Date.now().toString(36)}`, 10_000);
    const token = `bench-admin-${Math.random().toString(36).slice(2)}-token`;
    const api = node('api/main.ts', 'api', {
      API_HOST: HOST,
      API_PORT: String(apiPort),
      DONDOC_ADMIN_TOKEN: token,
      // The default per-token limit (6,000/min) would answer 429 under a load test.
      API_RATE_LIMIT_MAX: '100000000',
    });
    children.push(api);
    await waitForPort(HOST, apiPort, 90_000, api);
    const r = await benchApi(`http://${HOST}:${apiPort}`, token);
    results.apiP99Ms = r.apiP99Ms;
    results.apiRps = r.apiRps;
    info.apiRssMb = rssMb(api.pid).rss;
    await api.stop(10_000);
    children.splice(children.indexOf(api), 1);
    await Promise.all(keys.map((k) => kv.purge(k)));
    log(`api: p99 ${r.apiP99Ms} ms, ${r.apiRps} req/s`);
  }

  // --- Projection throughput (synthetic events, its own consumer and bucket).
  {
    const r = await benchProjection(natsUrl);
    results.projectionEventsPerSec = r.eventsPerSec;
    info.projectionEvents = r.events;
    log(`projection: ${r.events} events at ${r.eventsPerSec}/s`);
  }

  // --- Worker process, with a prebuilt workflow bundle as in production.
  const bundle = await bundleWorkflows(path.join(tmpDir, 'workflow-bundle.js'));
  // The worker's production defaults (config/settings.ts) unless the environment says otherwise.
  const workerSettings = loadSettings(env);
  const tuning = {
    DONDOC_MAX_CACHED_WORKFLOWS: String(workerSettings.DONDOC_MAX_CACHED_WORKFLOWS),
    DONDOC_WORKFLOW_TASK_SLOTS: String(workerSettings.DONDOC_WORKFLOW_TASK_SLOTS),
    DONDOC_WORKFLOW_THREADS: String(workerSettings.DONDOC_WORKFLOW_THREADS),
    DONDOC_WORKFLOW_TIMEOUT_MS: String(workerSettings.DONDOC_WORKFLOW_TIMEOUT_MS),
    DONDOC_WORKFLOW_STACK_TRACES: workerSettings.DONDOC_WORKFLOW_STACK_TRACES,
    DONDOC_WORKFLOW_TASK_POLLERS: String(workerSettings.DONDOC_WORKFLOW_TASK_POLLERS),
    DONDOC_NON_STICKY_POLL_RATIO: String(workerSettings.DONDOC_NON_STICKY_POLL_RATIO),
  };
  // The worker runs as `dondoc up` and docker-compose.yml run it: V8 flags from worker/tuning.ts.
  const worker = node(
    'worker/main.ts',
    'worker',
    { DONDOC_WORKFLOW_BUNDLE: bundle.out, ...tuning },
    // DONDOC_BENCH_WORKER_FLAGS adds node flags for a look inside, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
    [...WORKER_NODE_FLAGS, ...(env.DONDOC_BENCH_WORKER_FLAGS ?? '').split(/\s+/).filter(Boolean)],
  );
  children.push(worker);
  info.workerMaxCachedWorkflows = workerSettings.DONDOC_MAX_CACHED_WORKFLOWS;
  info.workerTuning = tuning;
  const workerLog = path.join(logDir, 'worker.log');
  await waitUntil('the worker to poll', 90_000, () => {
    if (worker.child.exitCode !== null) throw new Error(`worker exited; see ${workerLog}`);
    return fs.existsSync(workerLog) && fs.readFileSync(workerLog, 'utf8').includes('worker: polling');
  });
  info.workerIdleRssMb = rssMb(worker.pid).rss;
  log(
    `worker up (pid ${worker.pid}, RSS ${String(info.workerIdleRssMb)} MB, ${Object.entries(tuning)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')})`,
  );

  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection, namespace: NAMESPACE });
  const running = async (query: string) => (await client.workflow.count(query)).count;

  const tap = new EventTap(nats);
  await tap.start();

  // --- Warm-up: a few hundred noop starts so neither measured phase pays for JIT and connection set-up.
  const runId = Date.now().toString(36);
  await startMany(300, CONCURRENCY, (i) =>
    client.workflow.start(noopWorkflow, { taskQueue: TASK_QUEUE, workflowId: `bench-warmup-${runId}-${i}` }),
  );

  // --- Noop starts: the baseline.
  info.loadAverageBeforeStarts = loadAverage();
  const noopPerSec = await startMany(NOOPS, CONCURRENCY, (i) =>
    client.workflow.start(noopWorkflow, { taskQueue: TASK_QUEUE, workflowId: `bench-noop-${runId}-${i}` }),
  );
  results.noopStartPerSec = Math.round(noopPerSec);
  info.cpuSecondsAfterNoops = cpuByProcess();
  log(`noop: ${NOOPS} starts at ${Math.round(noopPerSec)}/s (concurrency ${CONCURRENCY})`);
  await waitUntil('the noop workflows to complete', 120_000, async () => {
    return (await running(`WorkflowType = 'noopWorkflow' AND ExecutionStatus = 'Running'`)) === 0;
  });

  // --- The fan-out plan's starts, as `startPlan` does them, with the worker running.
  const year = Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }));
  const planId = `bench-fanout-${runId}`;
  const plan = fanoutPlan(year, planId);
  const planned = plannedAssignments(plan);
  info.fanout = {
    seed: path.basename(SEED),
    year,
    tasks: plan.tasks.length,
    communes: plan.tasks[0]?.lead[0]?.unitIds.length,
    assignments: planned.length,
  };
  const t0 = performance.now();
  const report = await startPlan(client, plan, { taskQueue: TASK_QUEUE, concurrency: CONCURRENCY });
  const startSeconds = (performance.now() - t0) / 1000;
  const startPerSec = report.started / startSeconds;
  results.startPerSec = Math.round(startPerSec);
  results.startRatio = Math.round((startPerSec / noopPerSec) * 100) / 100;
  log(
    `plan: ${report.started} assignment starts at ${Math.round(startPerSec)}/s (ratio ${String(results.startRatio)})`,
  );

  // Every workflow has run its first workflow task once its TaskAssigned event (an activity it schedules) arrived.
  const firstTasksDone = performance.now();
  await waitUntil('every assignment to run its first workflow task', 420_000, () => {
    return tap.count(planId, 'TaskAssigned') >= report.started;
  });
  info.firstWorkflowTaskDrainSeconds = Math.round((performance.now() - firstTasksDone) / 100) / 10;
  const rssAtFirstTask = rssMb(worker.pid);
  results.workerRssMb = rssAtFirstTask.rss;
  info.workerPeakRssMbAtFirstTask = rssAtFirstTask.peak;
  log(`worker RSS with ${report.started} open assignments: ${rssAtFirstTask.rss} MB (peak ${rssAtFirstTask.peak} MB)`);
  await waitUntil('every assignment to schedule its deadline', 120_000, () => {
    return tap.count(planId, 'DeadlineScheduled') >= report.started;
  });
  info.planSetupSeconds = Math.round((performance.now() - t0) / 100) / 10;
  info.cpuSecondsAfterPlanSetup = cpuByProcess();
  info.workerRssMbAfterSetup = rssMb(worker.pid).rss;
  info.planEventLatency = summary(tap.latency(planId));

  // --- Reminders: REMINDERS more open workflows whose reminders fall, in real time, over REMINDER_SPREAD_MS once
  // they are all set up and waiting on their timers. Timer latency is measured on open, idle workflows, as in
  // production (a reminder fires days or months after its plan started), not mixed with a start burst: the first
  // reminder is due REMINDER_LEAD_MS after the expected end of their set-up, estimated from the plan phase's
  // set-up rate × 1.3. Whether set-up really finished first is recorded (reminderSetupDoneBeforeFirstDue).
  const remPlanId = `bench-reminders-${runId}`;
  const setupRate = report.started / Math.max(info.planSetupSeconds as number, 1);
  const expectedSetupMs = (REMINDERS / Math.max(setupRate, 1)) * 1000 * 1.3;
  const firstFire = Date.now() + expectedSetupMs + REMINDER_LEAD_MS;
  const inputs = reminderInputs(planned, remPlanId, REMINDERS, (i) => firstFire + (i * REMINDER_SPREAD_MS) / REMINDERS);
  for (const r of inputs) tap.offsets.set(r.workflowId, r.input.clockOffsetMs ?? 0);
  const remStart = performance.now();
  const remPerSec = await startMany(inputs.length, CONCURRENCY, (i) => {
    const r = inputs[i]!;
    return client.workflow.start(assignmentWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: r.workflowId,
      args: [r.input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      memo: { planId: remPlanId, taskRef: r.input.taskRef, unitId: r.input.unitId },
    });
  });
  info.reminderStartPerSec = Math.round(remPerSec);
  info.reminderStartSeconds = Math.round((performance.now() - remStart) / 100) / 10;
  info.reminderFirstFireAfterStartsSeconds = Math.round((firstFire - Date.now()) / 100) / 10;
  log(
    `reminders: ${inputs.length} started at ${Math.round(remPerSec)}/s; first due in ${Math.round((firstFire - Date.now()) / 1000)} s, last in ${Math.round((firstFire + REMINDER_SPREAD_MS - Date.now()) / 1000)} s`,
  );
  const settled = await waitUntil('the reminder workflows to schedule their deadlines', firstFire - Date.now(), () => {
    return tap.count(remPlanId, 'DeadlineScheduled') >= inputs.length;
  });
  info.reminderSetupDoneBeforeFirstDue = settled;
  info.reminderSetupMarginSeconds = Math.round((firstFire - Date.now()) / 100) / 10;
  info.cpuSecondsBeforeReminders = cpuByProcess();
  info.workerRssMbBeforeReminders = rssMb(worker.pid).rss;
  log(
    `reminders: set-up ${settled ? 'done' : 'NOT done'} ${String(info.reminderSetupMarginSeconds)} s before the first is due`,
  );
  const lastFire = inputs[inputs.length - 1]!.fireAt;
  let lastReport = 0;
  await waitUntil('every reminder', lastFire - Date.now() + 120_000, () => {
    if (Date.now() - lastReport > 15_000) {
      lastReport = Date.now();
      log(`  … ${tap.reminderReceived.size}/${inputs.length} reminders received, load ${loadAverage()}`);
    }
    return tap.reminderReceived.size >= inputs.length;
  });
  // A reminder not received by the end of the wait counts with its lateness so far: the percentiles are then
  // lower bounds (reminderLatencyIsLowerBound), never figures over the received ones only.
  const waitEnded = Date.now();
  const received = inputs.flatMap((r) => {
    const got = tap.reminderReceived.get(r.workflowId);
    return got === undefined ? [] : [got - r.fireAt];
  });
  const missing = inputs.length - received.length;
  const lateness = inputs.map((r) => (tap.reminderReceived.get(r.workflowId) ?? waitEnded) - r.fireAt);
  const rem = summary(lateness);
  results.reminderLatencyP50Ms = rem.p50;
  results.reminderLatencyP99Ms = rem.p99;
  if (missing > 0) results.reminderLatencyIsLowerBound = true;
  info.reminderLatency = { ...rem, missing, receivedOnly: summary(received) };
  const ev = summary(tap.latency(remPlanId, 'ReminderSent'));
  results.eventLatencyP50Ms = ev.p50;
  results.eventLatencyP99Ms = ev.p99;
  info.eventLatency = ev;
  info.workerRssMbWithAllOpen = rssMb(worker.pid).rss;
  info.workerPeakRssMb = rssMb(worker.pid).peak;
  info.cpuSecondsAtEnd = cpuByProcess();
  log(`reminders: lateness p50 ${rem.p50} ms, p99 ${rem.p99} ms; events p50 ${ev.p50} ms, p99 ${ev.p99} ms`);

  await tap.stop();
  await connection.close();
  await nats.nc.drain();
  info.loadAverageAtEnd = loadAverage();
  info.runSeconds = Math.round((Date.now() - runStarted) / 1000);

  settings = { ...settings, temporalCli: temporalVersion(tools.temporal) };
  writeResults(false);
}

function writeResults(incomplete: boolean): void {
  const out = {
    ...results,
    ...(incomplete ? { incomplete: true } : {}),
    machine: {
      cpus: os.cpus().length,
      memGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
      node: process.version,
      date: new Date().toISOString(),
      cpuModel: os.cpus()[0]?.model ?? null,
    },
    settings: { startConcurrency: CONCURRENCY, noops: NOOPS, reminders: REMINDERS, ...settings },
    details: info,
  };
  fs.writeFileSync(path.join(REPO_ROOT, 'bench', 'results.json'), JSON.stringify(out, null, 2) + '\n');
  printTable(out as unknown as Record<string, number>);
}

function temporalVersion(bin: string): string | null {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function printTable(r: Record<string, number>): void {
  const row = (name: string, unit: string, target: string, ok: (v: number) => boolean | null): Row => {
    const value = typeof r[name] === 'number' ? r[name] : null;
    return { name, value, unit, target, ok: value === null || Number.isNaN(value) ? false : ok(value) };
  };
  const rows: Row[] = [
    row('startPerSec', 'starts/s', '—', () => null),
    row('noopStartPerSec', 'starts/s', '—', () => null),
    row('startRatio', '', '≥ 0.7', (v) => v >= 0.7),
    row('workerRssMb', 'MB', '≤ 1500', (v) => v <= 1500),
    row('reminderLatencyP50Ms', 'ms', '—', () => null),
    row('reminderLatencyP99Ms', 'ms', '≤ 2000', (v) => v <= 2000),
    row('eventLatencyP50Ms', 'ms', '—', () => null),
    row('eventLatencyP99Ms', 'ms', '≤ 250', (v) => v <= 250),
    row('apiP99Ms', 'ms', '≤ 50', (v) => v <= 50),
    row('apiRps', 'req/s', '≥ 1000', (v) => v >= 1000),
    row('parseMs', 'ms', '< 50', (v) => v < 50),
    row('importMs', 'ms', '< 1000', (v) => v < 1000),
    row('importDocxMs', 'ms', '—', () => null),
    row('importPdfMs', 'ms', '—', () => null),
    row('simulateSeed004Ms', 'ms', '< 60000', (v) => v < 60_000),
    row('replayCpuMs', 'ms', '—', () => null),
    row('projectionEventsPerSec', 'events/s', '≥ 2000', (v) => v >= 2000),
  ];
  const lines = rows.map((x) => [
    x.name,
    x.value === null ? 'n/a' : `${x.value}${x.unit ? ' ' + x.unit : ''}`,
    x.target,
    x.ok === null ? '' : x.ok ? 'ok' : 'MISSED',
  ]);
  const widths = [0, 1, 2, 3].map((i) =>
    Math.max(...[['figure', 'measured', 'target', ''], ...lines].map((l) => l[i]!.length)),
  );
  const fmt = (l: string[]) => l.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  process.stdout.write('\n' + fmt(['figure', 'measured', 'target', '']) + '\n');
  process.stdout.write(widths.map((w) => '-'.repeat(w)).join('  ') + '\n');
  for (const l of lines) process.stdout.write(fmt(l) + '\n');
  process.stdout.write(`\nwritten to bench/results.json\n`);
}

let finishing = false;
const abort = (why: string, code: number) => {
  if (finishing) return;
  finishing = true;
  process.stderr.write(`\nbench: ${why}; stopping children…\n`);
  if (Object.keys(results).length > 0) writeResults(true);
  void stopAll().finally(() => process.exit(code));
};
process.once('SIGINT', () => abort('interrupted', 130));
process.once('SIGTERM', () => abort('terminated', 143));
process.on('exit', stopChildrenNow);
const limit = setTimeout(() => abort(`time limit of ${HARD_LIMIT_MS / 60_000} min reached`, 124), HARD_LIMIT_MS);
limit.unref();

main().then(
  async () => {
    finishing = true;
    await stopAll();
    process.exit(0);
  },
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    if (tmpDir) process.stderr.write(`bench: logs in ${tmpDir}/logs (kept)\n`);
    env.DONDOC_BENCH_KEEP = '1';
    abort('failed', 1);
  },
);
