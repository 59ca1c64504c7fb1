import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DateTime } from 'luxon';
import { REPO_ROOT } from '../../config/settings';
import { ZONE } from '../../domain/calendar/types';
import type { DondocEvent } from '../../domain/events/schemas';
import { assignmentWorkflowId, EVENTS_SUBJECT_PREFIX, subjectToken } from '../../domain/events/subjects';
import { DEFAULT_POLICY } from '../../domain/policy/policy';
import { readEvents, type StoredEvent } from '../../nats/read';
import { connectNats, ensureStreams, type NatsHandles } from '../../nats/streams';
import { freePort, startProcess, waitForPort, type ManagedProcess } from '../../stack/processes';
import { writeNatsConfig } from '../../stack/nats-config';
import { ensureTools } from '../../stack/tools';
import { assignmentWorkflow } from '../../workflows';
import { assignmentInput, fixedDeadline } from '../support/assignments';
import { TEMPORAL_DEV_DYNAMIC_CONFIG } from '../../stack/temporal-flags';

/**
 * Fault tests run REAL servers of their own, on free loopback ports, with throw-away stores:
 * the Temporal CLI dev server on a SQLite file and nats-server with a JetStream store directory.
 * Each server can be stopped (or killed) and started again on the same port and the same store.
 */

export const log = (msg: string) => process.stdout.write(`[faults ${new Date().toISOString().slice(11, 23)}] ${msg}\n`);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `f` until it returns a truthy value or `timeoutMs` passes (then throws, naming `what`). */
export async function until<T>(
  what: string,
  f: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  everyMs = 1000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export interface RestartableServer {
  readonly port: number;
  readonly proc: ManagedProcess;
  start(): Promise<void>;
  /** SIGTERM (graceful) by default, SIGKILL with `kill: true`. */
  stop(opts?: { kill?: boolean }): Promise<void>;
}

abstract class Server implements RestartableServer {
  private current: ManagedProcess | null = null;
  constructor(
    readonly name: string,
    readonly port: number,
    protected readonly logFile: string,
  ) {}
  get proc(): ManagedProcess {
    if (!this.current) throw new Error(`${this.name} is not running`);
    return this.current;
  }
  get running(): boolean {
    return this.current !== null;
  }
  protected abstract spawn(): ManagedProcess;
  protected abstract readyTimeoutMs: number;
  async start(): Promise<void> {
    if (this.current) throw new Error(`${this.name} is already running`);
    this.current = this.spawn();
    await waitForPort('127.0.0.1', this.port, this.readyTimeoutMs, this.current);
  }
  async stop(opts: { kill?: boolean } = {}): Promise<void> {
    const p = this.current;
    if (!p) return;
    this.current = null;
    if (opts.kill) {
      p.child.kill('SIGKILL');
      await p.exited.catch(() => undefined);
    } else {
      await p.stop(15_000);
    }
  }
}

export class TemporalDevServer extends Server {
  protected readyTimeoutMs = 90_000;
  constructor(
    private readonly bin: string,
    port: number,
    private readonly extraPorts: { http: number; metrics: number },
    readonly dbFile: string,
    logFile: string,
  ) {
    super('temporal', port, logFile);
  }
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }
  protected spawn(): ManagedProcess {
    return startProcess({
      name: this.name,
      command: this.bin,
      args: [
        'server',
        'start-dev',
        '--db-filename',
        this.dbFile,
        '--ip',
        '127.0.0.1',
        '--port',
        String(this.port),
        '--http-port',
        String(this.extraPorts.http),
        '--metrics-port',
        String(this.extraPorts.metrics),
        '--headless',
        '--namespace',
        'default',
        '--log-level',
        'warn',
        ...TEMPORAL_DEV_DYNAMIC_CONFIG,
      ],
      logFile: this.logFile,
    });
  }
}

export class NatsServer extends Server {
  protected readyTimeoutMs = 30_000;
  constructor(
    private readonly bin: string,
    port: number,
    private readonly conf: string,
    logFile: string,
  ) {
    super('nats-server', port, logFile);
  }
  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }
  protected spawn(): ManagedProcess {
    return startProcess({ name: this.name, command: this.bin, args: ['-c', this.conf], logFile: this.logFile });
  }
}

/** The worker as `dondoc up` runs it: a child `node --require tsx/cjs worker/main.ts`. */
export class WorkerProcess {
  private current: ManagedProcess | null = null;
  private starts = 0;
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly logFile: string,
  ) {}
  get proc(): ManagedProcess {
    if (!this.current) throw new Error('worker is not running');
    return this.current;
  }
  /** Starts the worker and resolves once it logged that it polls its task queue. */
  async start(timeoutMs = 180_000): Promise<void> {
    if (this.current) throw new Error('worker is already running');
    this.starts += 1;
    const marker = `worker: polling task queue`;
    const before = countOccurrences(this.logFile, marker);
    const proc = startProcess({
      name: 'worker',
      command: process.execPath,
      args: ['--require', require.resolve('tsx/cjs'), path.join(REPO_ROOT, 'worker', 'main.ts')],
      cwd: REPO_ROOT,
      env: this.env,
      logFile: this.logFile,
    });
    this.current = proc;
    let exited = false;
    void proc.exited.then(() => (exited = true));
    await until(
      `the worker (start #${this.starts}) to poll`,
      async () => {
        if (exited) throw new Error(`the worker exited during start; see ${this.logFile}:\n${tail(this.logFile)}`);
        return countOccurrences(this.logFile, marker) > before;
      },
      timeoutMs,
      250,
    );
  }
  /** kill -9: no shutdown, no flush, in-flight activities and workflow tasks are abandoned. */
  async kill(): Promise<void> {
    const p = this.current;
    if (!p) return;
    this.current = null;
    p.child.kill('SIGKILL');
    await p.exited.catch(() => undefined);
  }
  async stop(): Promise<void> {
    const p = this.current;
    if (!p) return;
    this.current = null;
    await p.stop(15_000);
  }
  /** True if the worker process died on its own. */
  get died(): boolean {
    return this.current !== null && (this.current.child.exitCode !== null || this.current.child.signalCode !== null);
  }
}

function countOccurrences(file: string, marker: string): number {
  if (!fs.existsSync(file)) return 0;
  return fs.readFileSync(file, 'utf8').split(marker).length - 1;
}

export function tail(file: string, lines = 40): string {
  if (!fs.existsSync(file)) return '(no log)';
  return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

export interface FaultStack {
  dir: string;
  temporal: TemporalDevServer;
  nats: NatsServer;
  worker: WorkerProcess;
  taskQueue: string;
  client: Client;
  connection: Connection;
  /** The test's own NATS connection (reconnects forever, so it survives a nats-server restart). */
  handles: NatsHandles;
  /** Stops everything in reverse order and removes the temp directory (kept with DONDOC_KEEP_TEST_DIR). */
  close(): Promise<void>;
}

/** Starts a private Temporal dev server, nats-server and (unless `worker: false`) a worker process. */
export async function startFaultStack(name: string, opts: { worker?: boolean } = {}): Promise<FaultStack> {
  const tools = ensureTools(['temporal', 'nats']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dondoc-fault-${name}-`));
  const [tPort, httpPort, metricsPort, nPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const temporal = new TemporalDevServer(
    tools.temporal,
    tPort,
    { http: httpPort, metrics: metricsPort },
    path.join(dir, 'temporal.db'),
    path.join(dir, 'temporal.log'),
  );
  const natsConf = writeNatsConfig({ dir: path.join(dir, 'nats'), port: nPort });
  const nats = new NatsServer(tools.natsServer, nPort, natsConf, path.join(dir, 'nats.log'));
  const taskQueue = `faults-${name}-${process.pid}`;
  const worker = new WorkerProcess(
    {
      ...process.env,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      NATS_URL: nats.url,
      NATS_REPLICAS: '1',
      DONDOC_DATA_DIR: path.join(dir, 'data'),
    },
    path.join(dir, 'worker.log'),
  );
  let connection: Connection | null = null;
  let handles: NatsHandles | null = null;
  const close = async () => {
    await worker.stop().catch(() => undefined);
    await handles?.nc.close().catch(() => undefined);
    await connection?.close().catch(() => undefined);
    await nats.stop().catch(() => undefined);
    await temporal.stop().catch(() => undefined);
    if (process.env.DONDOC_KEEP_TEST_DIR) log(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all([temporal.start(), nats.start()]);
    handles = await connectNats(nats.url, `dondoc-fault-${name}`);
    await ensureStreams(handles.jsm);
    connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection, namespace: 'default' });
    if (opts.worker !== false) await worker.start();
    return { dir, temporal, nats, worker, taskQueue, client, connection, handles, close };
  } catch (err) {
    const logs = ['temporal.log', 'nats.log', 'worker.log'].map((f) => `--- ${f}\n${tail(path.join(dir, f), 20)}`);
    await close();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${logs.join('\n')}`);
  }
}

/**
 * A moment at least `leadMs` from now, on a whole minute, as (civil date, HH:MM) in Asia/Ho_Chi_Minh:
 * a task due that day with policy `{ remindWorkingDaysBefore: [0], reminderTime: HH:MM }` is reminded then.
 */
export function reminderMoment(leadMs: number): { date: string; time: string; ms: number } {
  const t = DateTime.fromMillis(Date.now() + leadMs, { zone: ZONE })
    .plus({ minutes: 1 })
    .startOf('minute');
  return { date: t.toISODate() as string, time: t.toFormat('HH:mm'), ms: t.toMillis() };
}

export interface BurstTask {
  workflowId: string;
  remindAt: number;
}

/**
 * Starts `n` assignment workflows of plan `planId`, each with a single same-day reminder; task i is
 * reminded at `moments[i % moments.length]`, so the reminders come in bursts of n / moments.length.
 */
export async function startReminderBurst(
  client: Client,
  taskQueue: string,
  planId: string,
  n: number,
  moments: { date: string; time: string; ms: number }[],
): Promise<BurstTask[]> {
  const tasks: BurstTask[] = [];
  const unitId = 'hcm.q1.phong-noi-vu';
  const starts = Array.from({ length: n }, (_, i) => {
    const m = moments[i % moments.length]!;
    const taskRef = `${i + 1}`;
    const workflowId = assignmentWorkflowId(planId, taskRef, unitId);
    tasks.push({ workflowId, remindAt: m.ms });
    const input = assignmentInput(planId, fixedDeadline(m.date), {
      taskRef,
      unitId,
      title: `Nhiệm vụ thử lỗi ${i + 1}`,
      policy: { ...DEFAULT_POLICY, remindWorkingDaysBefore: [0], reminderTime: m.time },
    });
    return { workflowId, input };
  });
  let next = 0;
  const worker = async () => {
    while (next < starts.length) {
      const s = starts[next++]!;
      await client.workflow.start(assignmentWorkflow, {
        taskQueue,
        workflowId: s.workflowId,
        args: [s.input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return tasks;
}

/** Every message of a plan on the audit stream. */
export async function planMessages(handles: NatsHandles, planId: string): Promise<StoredEvent[]> {
  return await readEvents(handles.js, `${EVENTS_SUBJECT_PREFIX}.${subjectToken(planId)}.>`);
}

export function eventsOf(stored: StoredEvent[]): DondocEvent[] {
  return stored.flatMap((s) => (s.event ? [s.event] : []));
}

/** ReminderSent events per workflow id. */
export function remindersByWorkflow(events: DondocEvent[]): Map<string, DondocEvent[]> {
  const out = new Map<string, DondocEvent[]>();
  for (const e of events) {
    if (e.type !== 'ReminderSent') continue;
    const list = out.get(e.metadata.workflowId) ?? [];
    list.push(e);
    out.set(e.metadata.workflowId, list);
  }
  return out;
}

/** eventIds that occur on more than one stream message (a msgID dedup failure). */
export function duplicateEventIds(events: DondocEvent[]): string[] {
  const seen = new Map<string, number>();
  for (const e of events) seen.set(e.metadata.eventId, (seen.get(e.metadata.eventId) ?? 0) + 1);
  return [...seen].filter(([, c]) => c > 1).map(([id]) => id);
}

/**
 * Checks the exactly-once contract for a burst: every task has exactly one ReminderSent, no eventId is on
 * the stream twice, and each task's seqs are 1..n without gaps. Returns a readable list of problems.
 */
export function exactlyOnceProblems(tasks: BurstTask[], events: DondocEvent[]): string[] {
  const problems: string[] = [];
  for (const id of duplicateEventIds(events)) problems.push(`eventId ${id} stored more than once`);
  const reminders = remindersByWorkflow(events);
  for (const t of tasks) {
    const n = reminders.get(t.workflowId)?.length ?? 0;
    if (n !== 1) problems.push(`${t.workflowId}: ${n} ReminderSent`);
  }
  const seqs = new Map<string, number[]>();
  for (const e of events) seqs.set(e.metadata.workflowId, [...(seqs.get(e.metadata.workflowId) ?? []), e.metadata.seq]);
  for (const [id, list] of seqs) {
    const sorted = [...new Set(list)].sort((a, b) => a - b);
    if (sorted.some((s, i) => s !== i + 1)) problems.push(`${id}: seqs ${sorted.join(',')} have a gap`);
  }
  return problems;
}

export function countReminders(events: DondocEvent[]): number {
  return events.filter((e) => e.type === 'ReminderSent').length;
}

/**
 * Waits until `n` workflows of the plan have published DeadlineScheduled (their reminder timers are set),
 * or until `byMs`; returns how many had. On a loaded machine some may still be starting when the burst comes.
 */
export async function awaitScheduled(handles: NatsHandles, planId: string, n: number, byMs: number): Promise<number> {
  let count = 0;
  for (;;) {
    count = eventsOf(await planMessages(handles, planId)).filter((e) => e.type === 'DeadlineScheduled').length;
    if (count >= n || Date.now() > byMs) break;
    await sleep(1_000);
  }
  log(`${count}/${n} workflows have scheduled their reminder`);
  return count;
}
