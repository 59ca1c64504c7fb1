import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createCalendar } from '../domain/calendar';
import { EVENTS_SUBJECT_PREFIX, subjectToken } from '../domain/events/subjects';
import { plannedAssignments } from '../domain/plans/assignments';
import { importPlan } from '../domain/plans/import';
import type { Plan } from '../domain/plans/model';
import { readEvents } from '../nats/read';
import { connectNats, ensureStreams } from '../nats/streams';
import { openProjectionStore } from '../projections/store';
import { BulkActions } from '../services/bulk';
import { PlanRegistry, startPlan } from '../services/plans';
import { TaskService } from '../services/tasks';
import { writeNatsConfig } from '../stack/nats-config';
import { freePort, startProcess, waitForPort, type ManagedProcess } from '../stack/processes';
import { ensureTools } from '../stack/tools';
import { createDondocWorker } from '../worker/worker';

/**
 * A plan of `tasks` tasks, each led by District 1's ten wards: tasks × 10 assignments, issued in January 2025 (when
 * the wards existed) with deadlines in the first quarter of next year, so every one is open and can be extended.
 */
export function bulkPlan(tasks: number, nextYear: number): Plan {
  const lines = [
    'plan:',
    '  number: 98/KH-UBND',
    '  issuer: UBND Quận 1',
    '  issued: 2025-01-10',
    `  title: Kế hoạch đo thao tác hàng loạt ${Date.now().toString(36)}`,
    `  period: { from: 2025-01-01, to: ${nextYear}-06-30 }`,
    '  directory: hcm-q1',
    'tasks:',
    ...Array.from({ length: tasks }, (_, i) => [
      `  - ref: '${Math.floor(i / 10) + 1}.${(i % 10) + 1}'`,
      `    title: Nhiệm vụ đo ${i + 1}`,
      '    lead: Chủ tịch UBND 10 phường',
      `    deadline: Quý I năm ${nextYear}`,
    ]).flat(),
  ];
  const r = importPlan(lines.join('\n'), 'bulk-bench.yaml');
  if (!r.ok) throw new Error(r.error.message);
  return { ...r.plan, plan: { ...r.plan.plan, id: `bulk-bench-${Date.now().toString(36)}` } };
}

export interface BulkBenchResult {
  assignments: number;
  /** Wall time of the bulk extend (request + grant per assignment), from the first update to the last answer. */
  bulkExtendMs: number;
  perSecond: number;
  failed: number;
  /** Why assignments failed, with the workflow ids replaced by `<id>`, and how many failed so. */
  failedReasons: Record<string, number>;
  progressCallbacks: number;
  /** ExtensionGranted events on the audit stream afterwards (one per assignment). */
  grantedOnStream: number;
}

/** Starts `count` assignments, then extends them all with one bulk action, and counts the audited events. */
export async function benchBulkExtend(deps: {
  client: Client;
  nc: NatsConnection;
  js: JetStreamClient;
  taskQueue: string;
  count?: number;
  concurrency?: number;
  log?: (m: string) => void;
}): Promise<BulkBenchResult> {
  const log = deps.log ?? (() => undefined);
  const nextYear = new Date().getFullYear() + 1;
  const plan = bulkPlan(Math.ceil((deps.count ?? 1000) / 10), nextYear);
  const started = await startPlan(deps.client, plan, { taskQueue: deps.taskQueue, concurrency: 32 });
  log(`started ${started.started} assignments`);
  const ids = plannedIds(plan);
  const store = await openProjectionStore(deps.nc);
  const tasks = new TaskService({ client: deps.client, store, js: deps.js, plans: await PlanRegistry.open(deps.nc) });
  let progressCallbacks = 0;
  const admin = { tokenId: 'bench', name: 'bench', role: 'admin' as const, unitId: null };
  const result = await new BulkActions(tasks).run(
    admin,
    { action: 'extend', select: { workflowIds: ids }, newDue: `${nextYear}-05-29`, reason: 'bench' },
    {
      concurrency: deps.concurrency ?? 16,
      onProgress: (e) => {
        progressCallbacks += 1;
        if (e.done % 100 === 0) log(`extended ${e.done}/${e.total}`);
      },
    },
  );
  tasks.close();
  await store.close();
  const reasons = new Map<string, number>();
  for (const f of result.failed) {
    const key = (f.error ?? '?').replace(/assignment:\S+/g, '<id>').slice(0, 200);
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  for (const [reason, n] of reasons) log(`failed ×${n}: ${reason}`);
  let granted = 0;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const events = await readEvents(
      deps.js,
      `${EVENTS_SUBJECT_PREFIX}.${subjectToken(plan.plan.id)}.*.*.ExtensionGranted`,
    );
    granted = events.length;
    if (granted >= ids.length) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    assignments: ids.length,
    bulkExtendMs: result.ms,
    perSecond: Math.round((ids.length / result.ms) * 1000 * 10) / 10,
    failed: result.failed.length,
    failedReasons: Object.fromEntries(reasons),
    progressCallbacks,
    grantedOnStream: granted,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

const plannedIds = (plan: Plan): string[] => plannedAssignments(plan).map((p) => p.workflowId);

/** Standalone: its own Temporal dev server, nats-server and worker on free loopback ports, then the bench. */
async function main(): Promise<void> {
  const log = (m: string) => process.stdout.write(`[bulk-bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
  const tools = ensureTools(['temporal', 'nats']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-bulk-bench-'));
  const [tPort, uiPort, nPort] = [await freePort(), await freePort(), await freePort()];
  const children: ManagedProcess[] = [];
  try {
    children.push(
      startProcess({
        name: 'temporal',
        command: tools.temporal,
        args: [
          'server',
          'start-dev',
          '--db-filename',
          path.join(dir, 't.db'),
          '--ip',
          '127.0.0.1',
          '--port',
          String(tPort),
          '--ui-port',
          String(uiPort),
          '--log-level',
          'warn',
          '--sqlite-pragma',
          'journal_mode=wal',
          '--sqlite-pragma',
          'synchronous=normal',
        ],
        logFile: path.join(dir, 'temporal.log'),
      }),
    );
    children.push(
      startProcess({
        name: 'nats',
        command: tools.natsServer,
        args: ['-c', writeNatsConfig({ dir: path.join(dir, 'nats'), port: nPort })],
        logFile: path.join(dir, 'nats.log'),
      }),
    );
    await waitForPort('127.0.0.1', tPort, 60_000, children[0]);
    await waitForPort('127.0.0.1', nPort, 30_000, children[1]);
    const nats = await connectNats(`nats://127.0.0.1:${nPort}`, 'bulk-bench');
    await ensureStreams(nats.jsm);
    const connection = await Connection.connect({ address: `127.0.0.1:${tPort}` });
    const client = new Client({ connection, namespace: 'default' });
    const native = await NativeConnection.connect({ address: `127.0.0.1:${tPort}` });
    const taskQueue = 'bulk-bench';
    const worker = await createDondocWorker({
      connection: native,
      namespace: 'default',
      taskQueue,
      js: nats.js,
      calendar: createCalendar(),
    });
    const count = Number(process.env.DONDOC_BENCH_BULK_COUNT ?? 1000);
    const concurrency = Number(process.env.DONDOC_BENCH_BULK_CONCURRENCY ?? 16);
    const loadBefore = os.loadavg();
    const result = await worker.runUntil(
      benchBulkExtend({ client, nc: nats.nc, js: nats.js, taskQueue, count, concurrency, log }),
    );
    log(JSON.stringify(result));
    const out = process.env.DONDOC_BENCH_BULK_OUT ?? path.join(__dirname, 'results-bulk.json');
    const record = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      /** 1, 5 and 15-minute load averages before and after: the machine is shared, so read the figures with them. */
      loadAverage: { before: loadBefore.map(round2), after: os.loadavg().map(round2) },
      concurrency,
      result,
    };
    fs.writeFileSync(out, JSON.stringify(record, null, 2) + '\n');
    log(`written ${out}`);
    await nats.nc.drain();
    await connection.close();
    await native.close();
  } finally {
    await Promise.all(children.map((c) => c.stop(5000)));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
