/**
 * `npm run bench:province [-- --scale 0.02]`: a province's year on one box, then the 09:00 storm on the cluster.
 *
 * 1. One box (`dondoc up`'s topology: Temporal dev server on SQLite, one nats-server, one worker):
 *    - noop starts (the baseline), then ≥ 100,000 open assignments started through `startPlan` from real plans
 *      (seed 002's commune-led tasks) fanned out over the directory's communes; worker RSS, server and NATS memory,
 *      the SQLite database size, the start rate and its ratio to noop starts;
 *    - the 09:00 storm: 10,000 reminders due at the same instant, on top of those open assignments: drain time,
 *      p50/p99 lateness, reminders per CPU-second of server plus worker.
 * 2. The cluster topology (`dondoc up --cluster`: PostgreSQL, Temporal on it, NATS ×3 at R3, two workers): the same
 *    storm, side by side, and the ratio.
 *
 * `--scale` multiplies every count (0.02: 2,000 assignments and a 200-reminder storm, to check the bench itself).
 * Results are written after every phase (a run cut short still leaves its figures, marked `incomplete`), with the
 * machine's load average at each phase: one box to bench/results-province.json, the cluster's storm to
 * bench/results-province-cluster.json (at `--scale` below 0.1, or with `--out-dir`, elsewhere).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeliverPolicy, type ConsumerMessages } from '@nats-io/jetstream';
import { Client, Connection } from '@temporalio/client';
import { REPO_ROOT } from '../config/settings';
import type { AssignmentInput } from '../domain/events/assignment';
import type { DondocEvent } from '../domain/events/schemas';
import { assignmentWorkflowId } from '../domain/events/subjects';
import { plannedAssignments } from '../domain/plans/assignments';
import { importPlan } from '../domain/plans/import';
import type { Plan } from '../domain/plans/model';
import { DEFAULT_POLICY, mergePolicy } from '../domain/policy/policy';
import { loadDirectory } from '../domain/units';
import { connectNats, ensureStreams, EVENTS_STREAM, type NatsHandles } from '../nats/streams';
import { bundleWorkflows } from '../scripts/bundle-workflows';
import { startPlan } from '../services/plans';
import { freeClusterPorts, startCluster, CLUSTER_CHILDREN, type Cluster } from '../stack/cluster';
import { writeNatsConfig } from '../stack/nats-config';
import { freePort, startProcess, waitForPort, type ManagedProcess } from '../stack/processes';
import { TEMPORAL_DEV_DYNAMIC_CONFIG } from '../stack/temporal-flags';
import { ensureTools } from '../stack/tools';
import { WORKER_NODE_FLAGS } from '../worker/tuning';
import { assignmentWorkflow, noopWorkflow } from '../workflows';
import { ResultsFile } from './results-file';
import { percentile, sleep, startMany as startMany_, waitUntil as waitUntil_ } from './support';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SCALE = Number(arg('scale') ?? process.env.DONDOC_BENCH_SCALE ?? 1);
if (!(SCALE > 0 && SCALE <= 10)) throw new Error(`--scale: expected a number in (0, 10], got ${String(arg('scale'))}`);
const ASSIGNMENTS = Math.round(100_000 * SCALE);
const STORM = Math.round(10_000 * SCALE);
const NOOPS = Math.max(200, Math.round(10_000 * SCALE));
const TASKS_PER_PLAN = 60;
const CONCURRENCY = 64;
const SKIP_CLUSTER = process.argv.includes('--no-cluster');
/** Only the cluster's storm (to check that phase alone); its set-up rate is then assumed, not measured. */
const SKIP_BOX = process.argv.includes('--no-box');
/** Check runs (below a tenth of the scale) never overwrite the committed results. */
const OUT_DIR = arg('out-dir') ?? (SCALE >= 0.1 ? path.join(REPO_ROOT, 'bench') : os.tmpdir());
const BOX_OUT = path.join(OUT_DIR, 'results-province.json');
const CLUSTER_OUT = path.join(OUT_DIR, 'results-province-cluster.json');
const SEED = path.join(
  process.env.DONDOC_SHARED_DIR ?? path.resolve(REPO_ROOT, 'test', 'fixtures', 'shared'),
  'seeds',
  '002_ae0e2d343437c0cd.txt',
);
/** The directory group of "UBND phường, xã, đặc khu". */
const COMMUNE_GROUP = 'hcm.g.phuong-xa';
const HOST = '127.0.0.1';

const log = (msg: string) => process.stdout.write(`[province ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;
const loadAverage = () => os.loadavg().map((l) => round(l, 2));

const TARGETS = { workerRssMbMax: 1500, startRatioMin: 0.8, stormDrainSecondsMax: 120 };

const resultFiles: ResultsFile[] = [];
const openResults = (file: string, header: Record<string, unknown>) => {
  const r = new ResultsFile(file, { ...header, scale: SCALE, targets: TARGETS });
  resultFiles.push(r);
  log(`results: ${file} (rewritten after every phase)`);
  return r;
};

/** Every process in the tree under `pid` (PostgreSQL's backends are children of the postmaster). */
function processTree(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited meanwhile
    }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) for (const [p, pp] of parent) if (pp === out[i]) out.push(p);
  return out;
}

/**
 * CPU seconds (user + system) of a process and all its descendants, the exited ones included: each live process's
 * own time plus that of the children it has reaped (cutime, cstime). Without the reaped children, PostgreSQL's
 * CPU went down (to -4.1 s in the run of 2026-12-05) whenever a backend exited during a measurement.
 */
function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      // exited
    }
  }
  return ticks / 100;
}

/** RSS in MB of a process and its live descendants. */
function rssMb(pid: number): number {
  let kb = 0;
  for (const p of processTree(pid)) {
    try {
      kb += Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // exited
    }
  }
  return Math.round(kb / 1024);
}

const startMany = (count: number, start: (i: number) => Promise<unknown>) => startMany_(count, CONCURRENCY, start);
const waitUntil = (what: string, timeoutMs: number, check: () => boolean | Promise<boolean>) =>
  waitUntil_(what, timeoutMs, check, log, () => log(`  … waiting for ${what} (load ${os.loadavg()[0]!.toFixed(1)})`));

/** Counts events per plan and type from the audit stream, and when each ReminderSent arrived. */
class Tap {
  readonly counts = new Map<string, number>();
  readonly reminders = new Map<string, number[]>();
  private messages: ConsumerMessages | null = null;
  private done: Promise<void> = Promise.resolve();
  constructor(private readonly nats: NatsHandles) {}
  async start(): Promise<void> {
    const consumer = await this.nats.js.consumers.get(EVENTS_STREAM, {
      filter_subjects: ['dondoc.events.>'],
      deliver_policy: DeliverPolicy.New,
    });
    const messages = (this.messages = await consumer.consume({ max_messages: 2000 }));
    this.done = (async () => {
      for await (const m of messages) {
        const e = m.json<DondocEvent>();
        const key = `${e.metadata.planId}/${e.type}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        if (e.type === 'ReminderSent') {
          const list = this.reminders.get(e.metadata.workflowId) ?? [];
          list.push(Date.now());
          this.reminders.set(e.metadata.workflowId, list);
        }
      }
    })();
  }
  count(planIds: string[] | string, type: string): number {
    return [planIds].flat().reduce((s, id) => s + (this.counts.get(`${id}/${type}`) ?? 0), 0);
  }
  async stop(): Promise<void> {
    await this.messages?.close();
    await this.done.catch(() => undefined);
  }
}

/**
 * The province's plans: seed 002 (a 2025 HCMC plan, imported for the current year so its deadlines lie ahead)
 * keeps its tasks led by "UBND phường, xã, đặc khu", cycled to 60 tasks per plan, each led by every commune valid
 * today; as many plans as it takes to reach `total` assignments.
 */
function provincePlans(total: number, year: number, runId: string): Plan[] {
  const imported = importPlan(fs.readFileSync(SEED, 'utf8'), path.basename(SEED), { year });
  if (!imported.ok) throw new Error(`${SEED}: ${imported.error.message}`);
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
  const communes = loadDirectory('hcm')
    .list({ kind: 'phuong-xa', asOf: today })
    .map((u) => u.id);
  const communeTasks = imported.plan.tasks.filter((t) => t.lead.some((m) => m.groupId === COMMUNE_GROUP));
  if (communeTasks.length === 0) throw new Error(`${SEED}: no task is led by the group ${COMMUNE_GROUP}`);
  let tasksLeft = Math.ceil(total / communes.length);
  const plans: Plan[] = [];
  while (tasksLeft > 0) {
    const n = Math.min(TASKS_PER_PLAN, tasksLeft);
    tasksLeft -= n;
    const id = `province-${runId}-${plans.length + 1}`;
    const tasks = Array.from({ length: n }, (_, i) => {
      const t = communeTasks[i % communeTasks.length]!;
      const mention = { ...t.lead.find((m) => m.groupId === COMMUNE_GROUP)!, unitIds: communes };
      return { ...t, ref: `${t.ref}.p${Math.floor(i / communeTasks.length) + 1}`, lead: [mention] };
    });
    plans.push({
      ...imported.plan,
      plan: { ...imported.plan.plan, id, title: `${imported.plan.plan.title} (${id})` },
      tasks,
    });
  }
  return plans;
}

/** Storm inputs: one milestone due 2026-12-01, reminded at 09:00, with a clock offset that makes 09:00 fall at `at`. */
function stormInputs(base: AssignmentInput, planId: string, count: number, at: number, units: string[]) {
  const due = '2026-12-01';
  const policy = mergePolicy(DEFAULT_POLICY, { remindWorkingDaysBefore: [0], reminderTime: '09:00' });
  const nineAm = Date.parse(`${due}T09:00:00+07:00`);
  return Array.from({ length: count }, (_, i) => {
    const unitId = units[i % units.length]!;
    const taskRef = `storm.${Math.floor(i / units.length) + 1}`;
    const input: AssignmentInput = {
      ...base,
      planId,
      taskRef,
      unitId,
      deadline: {
        ...base.deadline,
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
      clockOffsetMs: nineAm - at,
    };
    return { workflowId: assignmentWorkflowId(planId, taskRef, unitId), input };
  });
}

interface StormResult {
  reminders: number;
  received: number;
  duplicates: number;
  setupDoneBeforeStorm: boolean;
  drainSeconds: number;
  latenessP50Ms: number;
  latenessP99Ms: number;
  cpuSeconds: Record<string, number>;
  remindersPerCpuSecond: number;
}

/** Starts `count` workflows all reminded at one instant, once set-up is expected done, and measures the drain. */
async function storm(opts: {
  client: Client;
  taskQueue: string;
  tap: Tap;
  base: AssignmentInput;
  units: string[];
  planId: string;
  count: number;
  /** Set-up rate measured before (workflows per second to DeadlineScheduled), to place the instant. */
  setupRate: number;
  /** pids whose CPU counts: the server(s) and the worker(s). */
  pids: Record<string, number>;
  /** Called as the storm goes (a partial result), so that a run cut short still records how far it got. */
  progress: (partial: Record<string, unknown>) => void;
}): Promise<StormResult & { complete: boolean }> {
  const setupMs = (opts.count / Math.max(opts.setupRate, 1)) * 1000 * 1.5;
  const at = Date.now() + setupMs + 30_000;
  const inputs = stormInputs(opts.base, opts.planId, opts.count, at, opts.units);
  await startMany(inputs.length, (i) =>
    opts.client.workflow.start(assignmentWorkflow, {
      taskQueue: opts.taskQueue,
      workflowId: inputs[i]!.workflowId,
      args: [inputs[i]!.input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    }),
  );
  log(
    `storm: ${inputs.length} workflows started; all reminded at one instant, in ${Math.round((at - Date.now()) / 1000)} s`,
  );
  opts.progress({ reminders: inputs.length, instant: new Date(at).toISOString(), received: 0 });
  const setupDone = await waitUntil('the storm workflows to schedule their reminders', at - Date.now() - 2_000, () => {
    return opts.tap.count(opts.planId, 'DeadlineScheduled') >= inputs.length;
  });
  await sleep(Math.max(0, at - Date.now() - 1_000));
  const cpu0 = Object.fromEntries(Object.entries(opts.pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
  let said = Date.now();
  const complete = await waitUntil('every storm reminder', 15 * 60_000, () => {
    const received = opts.tap.count(opts.planId, 'ReminderSent');
    if (Date.now() - said > 15_000) {
      said = Date.now();
      opts.progress({
        reminders: inputs.length,
        instant: new Date(at).toISOString(),
        received,
        secondsSinceInstant: round((Date.now() - at) / 1000),
      });
    }
    return received >= inputs.length;
  });
  const cpu1 = Object.fromEntries(Object.entries(opts.pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
  await sleep(5_000);
  const lateness = inputs
    .map((r) => (opts.tap.reminders.get(r.workflowId)?.[0] ?? NaN) - at)
    .filter((v) => !Number.isNaN(v))
    .sort((a, b) => a - b);
  const duplicates = inputs.reduce(
    (s, r) => s + Math.max(0, (opts.tap.reminders.get(r.workflowId)?.length ?? 0) - 1),
    0,
  );
  const cpuSecondsUsed = Object.fromEntries(Object.keys(opts.pids).map((k) => [k, round(cpu1[k]! - cpu0[k]!)]));
  const cpuTotal = Object.values(cpuSecondsUsed).reduce((a, b) => a + b, 0);
  const result: StormResult = {
    reminders: inputs.length,
    received: lateness.length,
    duplicates,
    setupDoneBeforeStorm: setupDone,
    drainSeconds: round((lateness[lateness.length - 1] ?? NaN) / 1000),
    latenessP50Ms: Math.round(percentile(lateness, 50)),
    latenessP99Ms: Math.round(percentile(lateness, 99)),
    cpuSeconds: cpuSecondsUsed,
    remindersPerCpuSecond: round(lateness.length / Math.max(cpuTotal, 0.01)),
  };
  log(
    `storm: ${result.received}/${result.reminders} reminders (${duplicates} doubled) drained in ${result.drainSeconds} s; ` +
      `lateness p50 ${result.latenessP50Ms} ms, p99 ${result.latenessP99Ms} ms; ${result.remindersPerCpuSecond} reminders per CPU-second`,
  );
  return { ...result, complete };
}

/** Clean-ups, run last registered first. */
const cleanups: (() => Promise<void>)[] = [];
const defer = (f: () => Promise<void>) => void cleanups.push(f);
async function unwind(toLength = 0): Promise<void> {
  while (cleanups.length > toLength) await cleanups.pop()!().catch(() => undefined);
}

async function oneBox(tmp: string, bundle: string, runId: string, results: ResultsFile) {
  const tools = ensureTools(['temporal', 'nats']);
  const logs = path.join(tmp, 'logs');
  fs.mkdirSync(logs, { recursive: true });
  const [tPort, uiPort, nPort] = [await freePort(), await freePort(), await freePort()];
  const dbFile = path.join(tmp, 'temporal.db');
  const children: ManagedProcess[] = [];
  defer(async () => {
    for (const c of [...children].reverse()) await c.stop(10_000);
  });
  // The dev server as `npm run bench` runs it: SQLite in WAL mode with synchronous=normal (with an fsync per
  // commit, starts are fsync-bound at ~15-20/s on this machine, and 100,000 of them would take two hours), and
  // the dev server's rate limits lifted so that they never cap the start rate.
  const temporal = startProcess({
    name: 'temporal',
    command: tools.temporal,
    args: [
      'server',
      'start-dev',
      '--db-filename',
      dbFile,
      '--ip',
      HOST,
      '--port',
      String(tPort),
      '--ui-port',
      String(uiPort),
      '--namespace',
      'default',
      '--log-level',
      'warn',
      '--sqlite-pragma',
      'journal_mode=wal',
      '--sqlite-pragma',
      'synchronous=normal',
      '--dynamic-config-value',
      'frontend.namespaceRPS=100000',
      '--dynamic-config-value',
      'frontend.rps=100000',
      ...TEMPORAL_DEV_DYNAMIC_CONFIG,
    ],
    logFile: path.join(logs, 'temporal.log'),
  });
  children.push(temporal);
  const nats = startProcess({
    name: 'nats',
    command: tools.natsServer,
    args: ['-c', writeNatsConfig({ dir: path.join(tmp, 'nats'), port: nPort })],
    logFile: path.join(logs, 'nats.log'),
  });
  children.push(nats);
  await Promise.all([waitForPort(HOST, tPort, 90_000, temporal), waitForPort(HOST, nPort, 30_000, nats)]);
  const handles = await connectNats(`nats://${HOST}:${nPort}`, 'province-bench');
  await ensureStreams(handles.jsm);
  const taskQueue = 'dondoc';
  const worker = startProcess({
    name: 'worker',
    command: process.execPath,
    args: [...WORKER_NODE_FLAGS, '--require', require.resolve('tsx/cjs'), path.join(REPO_ROOT, 'worker/main.ts')],
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: `${HOST}:${tPort}`,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      NATS_URL: `nats://${HOST}:${nPort}`,
      DONDOC_DATA_DIR: tmp,
      DONDOC_WORKFLOW_BUNDLE: bundle,
      DONDOC_LOG_LEVEL: 'warn',
    },
    logFile: path.join(logs, 'worker.log'),
  });
  children.push(worker);
  await waitUntil('the worker to poll', 120_000, () => {
    if (worker.child.exitCode !== null) throw new Error(`worker exited; see ${logs}/worker.log`);
    return (
      fs.existsSync(path.join(logs, 'worker.log')) &&
      fs.readFileSync(path.join(logs, 'worker.log'), 'utf8').includes('worker: polling')
    );
  });
  const connection = await Connection.connect({ address: `${HOST}:${tPort}` });
  defer(() => connection.close());
  const client = new Client({ connection, namespace: 'default' });
  const tap = new Tap(handles);
  await tap.start();
  defer(() => tap.stop());

  await startMany(300, (i) => client.workflow.start(noopWorkflow, { taskQueue, workflowId: `warm-${runId}-${i}` }));
  const noopPerSec = await startMany(NOOPS, (i) =>
    client.workflow.start(noopWorkflow, { taskQueue, workflowId: `noop-${runId}-${i}` }),
  );
  log(`noop: ${NOOPS} starts at ${Math.round(noopPerSec)}/s`);
  results.phase('noopStarts', { starts: NOOPS, perSec: Math.round(noopPerSec) });

  const year = Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }));
  const plans = provincePlans(ASSIGNMENTS, year, runId);
  const ids = plans.map((p) => p.plan.id);
  const expected = plans.reduce((s, p) => s + plannedAssignments(p).length, 0);
  log(
    `province: ${plans.length} plans, ${expected} assignments (${plans[0]!.tasks[0]!.lead[0]!.unitIds.length} communes)`,
  );
  const dbMb = () =>
    round(
      ['', '-wal', '-shm'].reduce((s, x) => s + (fs.existsSync(dbFile + x) ? fs.statSync(dbFile + x).size : 0), 0) /
        1024 ** 2,
    );
  const memory = () => ({
    workerRssMb: rssMb(worker.pid),
    temporalRssMb: rssMb(temporal.pid),
    natsRssMb: rssMb(nats.pid),
    sqliteDbMb: dbMb(),
  });
  let peakWorkerRssMb = 0;
  const t0 = performance.now();
  let started = 0;
  const startFigures = (plansStarted: number) => {
    const seconds = (performance.now() - t0) / 1000;
    const perSec = started / seconds;
    return {
      plans: plans.length,
      plansStarted,
      expectedAssignments: expected,
      started,
      seconds: round(seconds),
      startPerSec: Math.round(perSec),
      noopStartPerSec: Math.round(noopPerSec),
      startRatio: round(perSec / noopPerSec, 2),
    };
  };
  for (const [n, plan] of plans.entries()) {
    started += (await startPlan(client, plan, { taskQueue, concurrency: CONCURRENCY })).started;
    const mem = memory();
    peakWorkerRssMb = Math.max(peakWorkerRssMb, mem.workerRssMb);
    results.phase('provinceStarts', { ...startFigures(n + 1), ...mem, peakWorkerRssMb }, n + 1 === plans.length);
  }
  const starts = startFigures(plans.length);
  log(`province: ${started} starts at ${starts.startPerSec}/s (ratio ${starts.startRatio})`);
  let said = Date.now();
  const setUp = await waitUntil('every assignment to schedule its deadlines', 3 * 60 * 60_000, () => {
    const scheduled = tap.count(ids, 'DeadlineScheduled');
    if (Date.now() - said > 30_000) {
      said = Date.now();
      const mem = memory();
      peakWorkerRssMb = Math.max(peakWorkerRssMb, mem.workerRssMb);
      const seconds = round((performance.now() - t0) / 1000);
      results.phase('provinceSetup', { openAssignments: started, scheduled, seconds, ...mem, peakWorkerRssMb }, false);
    }
    return scheduled >= started;
  });
  const setupSeconds = (performance.now() - t0) / 1000;
  const mem = memory();
  peakWorkerRssMb = Math.max(peakWorkerRssMb, mem.workerRssMb);
  results.phase(
    'provinceSetup',
    {
      openAssignments: started,
      scheduled: tap.count(ids, 'DeadlineScheduled'),
      setupSeconds: round(setupSeconds),
      ...mem,
      peakWorkerRssMb,
    },
    setUp,
  );
  log(`province: set up in ${round(setupSeconds)} s; ${JSON.stringify(results.get('provinceSetup'))}`);

  const base = plannedAssignments(plans[0]!)[0]!.input;
  const units = plans[0]!.tasks[0]!.lead[0]!.unitIds;
  const { complete, ...stormResult } = await storm({
    client,
    taskQueue,
    tap,
    base,
    units,
    planId: `storm-box-${runId}`,
    count: STORM,
    setupRate: started / setupSeconds,
    pids: { temporal: temporal.pid, worker: worker.pid },
    progress: (partial) => results.phase('storm', partial, false),
  });
  results.phase('storm', { ...stormResult, ...memory() }, complete);
  await handles.nc.drain();
  return { setupRate: started / setupSeconds, storm: stormResult };
}

async function onCluster(
  tmp: string,
  bundle: string,
  runId: string,
  setupRate: number,
  base: AssignmentInput,
  units: string[],
  results: ResultsFile,
) {
  results.phase('clusterStart', {}, false);
  const t0 = performance.now();
  const cluster: Cluster = await startCluster({
    dir: path.join(tmp, 'cluster'),
    ports: await freeClusterPorts(),
    workflowBundle: bundle,
    api: false,
    say: (l) => log(`cluster: ${l}`),
  });
  defer(() => cluster.stop());
  results.phase('clusterStart', {
    seconds: round((performance.now() - t0) / 1000),
    workerReplicas: cluster.plan.workerReplicas,
  });
  const connection = await Connection.connect({ address: cluster.temporalAddress });
  defer(() => connection.close());
  const handles = await connectNats(cluster.natsUrl, 'province-bench-cluster');
  const tap = new Tap(handles);
  await tap.start();
  defer(() => tap.stop());
  const sup = cluster.supervisor;
  const pid = (n: string) => sup.process(n)!.pid;
  const { complete, ...result } = await storm({
    progress: (partial) => results.phase('storm', partial, false),
    client: new Client({ connection, namespace: cluster.namespace }),
    taskQueue: cluster.taskQueue,
    tap,
    base,
    units,
    planId: `storm-cluster-${runId}`,
    count: STORM,
    setupRate,
    pids: {
      temporal: pid(CLUSTER_CHILDREN.temporal),
      postgresql: pid(CLUSTER_CHILDREN.postgres),
      ...Object.fromEntries(
        Array.from({ length: cluster.plan.workerReplicas }, (_, i) => [
          CLUSTER_CHILDREN.worker(i),
          pid(CLUSTER_CHILDREN.worker(i)),
        ]),
      ),
    },
  });
  const workersRssMb = Object.fromEntries(
    Array.from({ length: cluster.plan.workerReplicas }, (_, i) => [
      CLUSTER_CHILDREN.worker(i),
      rssMb(pid(CLUSTER_CHILDREN.worker(i))),
    ]),
  );
  results.phase('storm', { ...result, temporalRssMb: rssMb(pid(CLUSTER_CHILDREN.temporal)), workersRssMb }, complete);
  await handles.nc.drain();
  return result;
}

async function main(): Promise<void> {
  const runId = Date.now().toString(36);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-province-'));
  fs.chmodSync(tmp, 0o755); // the cluster's PostgreSQL runs as the postgres user
  defer(async () => {
    if (!process.env.DONDOC_BENCH_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  });
  log(
    `scale ${SCALE}: ${ASSIGNMENTS} assignments, a ${STORM}-reminder storm; load ${loadAverage().join(' ')}; data in ${tmp}`,
  );
  const bundle = (await bundleWorkflows(path.join(tmp, 'workflow-bundle.js'))).out;
  let setupRate = 20;
  let boxStorm: StormResult | null = null;
  if (!SKIP_BOX) {
    const box = openResults(BOX_OUT, {
      topology: 'one box: Temporal dev server on SQLite, one nats-server, one worker',
      assignmentsAsked: ASSIGNMENTS,
      stormReminders: STORM,
    });
    const r = await oneBox(path.join(tmp, 'box'), bundle, runId, box);
    setupRate = r.setupRate;
    boxStorm = r.storm;
    box.end();
  }
  const year = Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }));
  const first = provincePlans(168, year, runId)[0]!;
  const base = plannedAssignments(first)[0]!.input;
  const units = first.tasks[0]!.lead[0]!.unitIds;
  // The one-box stack is stopped before the cluster starts: the two never share the machine.
  await unwind(1);
  if (SKIP_CLUSTER) return;
  const clusterResults = openResults(CLUSTER_OUT, {
    topology: 'cluster (dondoc up --cluster): Temporal on PostgreSQL, NATS x3 with the audit stream at R3, two workers',
    stormReminders: STORM,
    setupRateAssumed: SKIP_BOX ? setupRate : null,
  });
  const cluster = await onCluster(tmp, bundle, runId, setupRate, base, units, clusterResults);
  if (boxStorm) {
    clusterResults.set({
      comparedWithOneBoxOfThisRun: {
        stormDrainRatio: round(boxStorm.drainSeconds / cluster.drainSeconds, 2),
        stormThroughputRatio: round(cluster.remindersPerCpuSecond / boxStorm.remindersPerCpuSecond, 2),
      },
    });
  }
  clusterResults.end();
}

let finishing = false;
const finish = async (code: number) => {
  if (finishing) return;
  finishing = true;
  await unwind();
  process.exit(code);
};
const interrupted = (signal: string, code: number) => () => {
  for (const r of resultFiles) r.end(`interrupted by ${signal}`);
  void finish(code);
};
process.once('SIGINT', interrupted('SIGINT', 130));
process.once('SIGTERM', interrupted('SIGTERM', 143));
main().then(
  () => finish(0),
  (err: unknown) => {
    process.stderr.write(`bench:province: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    for (const r of resultFiles) r.end(err instanceof Error ? err.message : String(err));
    process.env.DONDOC_BENCH_KEEP = '1';
    void finish(1);
  },
);
