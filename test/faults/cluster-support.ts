import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { REPO_ROOT } from '../../config/settings';
import { verifyAudit } from '../../services/audit';
import { reconcile } from '../../services/reconcile';
import { freeClusterPorts, startCluster, type Cluster } from '../../stack/cluster';
import { connectNats, type NatsHandles } from '../../nats/streams';
import {
  awaitScheduled,
  countReminders,
  eventsOf,
  exactlyOnceProblems,
  log,
  planMessages,
  reminderMoment,
  sleep,
  startReminderBurst,
  tail,
  until,
  type BurstTask,
} from './support';

/**
 * Fault tests on the production topology (`dondoc up --cluster`): PostgreSQL, the Temporal server on it, three
 * NATS nodes with the audit stream at R3, two worker replicas and the API, all supervised, on free loopback ports
 * in a throw-away directory.
 */
export interface ClusterFaultStack {
  cluster: Cluster;
  client: Client;
  connection: Connection;
  handles: NatsHandles;
  close(): Promise<void>;
}

export async function startClusterFaultStack(name: string): Promise<ClusterFaultStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dondoc-cluster-${name}-`));
  const bundle = path.join(dir, 'workflow-bundle.js');
  // One bundle for both replicas, as the image has (no webpack at each worker start).
  await promisify(execFile)(
    process.execPath,
    ['--require', require.resolve('tsx/cjs'), path.join(REPO_ROOT, 'scripts/bundle-workflows.ts'), bundle],
    { cwd: REPO_ROOT },
  );
  let cluster: Cluster | null = null;
  let connection: Connection | null = null;
  let handles: NatsHandles | null = null;
  const close = async () => {
    await handles?.nc.close().catch(() => undefined);
    await connection?.close().catch(() => undefined);
    await cluster?.stop().catch(() => undefined);
    if (process.env.DONDOC_KEEP_TEST_DIR) log(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    cluster = await startCluster({
      dir,
      ports: await freeClusterPorts(),
      workflowBundle: bundle,
      say: (l) => log(l),
    });
    connection = await Connection.connect({ address: cluster.temporalAddress });
    handles = await connectNats(cluster.natsUrl, `dondoc-cluster-fault-${name}`);
    const client = new Client({ connection, namespace: cluster.namespace });
    return { cluster, client, connection, handles, close };
  } catch (err) {
    const logs = fs.existsSync(path.join(dir, 'logs'))
      ? fs.readdirSync(path.join(dir, 'logs')).map((f) => `--- ${f}\n${tail(path.join(dir, 'logs', f), 15)}`)
      : [];
    await close();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${logs.join('\n')}`);
  }
}

/** The server_name of the node that leads the audit stream. */
export async function eventsStreamLeader(handles: NatsHandles): Promise<string> {
  const info = await handles.jsm.streams.info('DONDOC_EVENTS');
  const leader = info.cluster?.leader;
  if (!leader) throw new Error('DONDOC_EVENTS has no leader');
  return leader;
}

/**
 * A reminder burst on the cluster (half in one minute, half in the next), with `fault` run once `faultAt` holds
 * (given the reminders on the stream so far); then counts every reminder: exactly once each, `reconcile` clean
 * (nothing to republish, nothing diverged) and `audit verify` clean.
 */
export async function burstThroughFault(
  stack: ClusterFaultStack,
  opts: {
    planId: string;
    n: number;
    /** When to break something, from the number of reminders on the stream (0 before the burst). */
    faultAt: (remindersStored: number) => boolean;
    fault: (tasks: BurstTask[], first: { ms: number }) => Promise<void>;
  },
): Promise<void> {
  const { client, handles, cluster } = stack;
  const first = reminderMoment(120_000);
  const second = reminderMoment(first.ms - Date.now() + 1_000);
  const tasks = await startReminderBurst(client, cluster.taskQueue, opts.planId, opts.n, [first, second]);
  log(`started ${opts.n} workflows on the cluster; reminders at ${first.time} and ${second.time} (Asia/Ho_Chi_Minh)`);
  await awaitScheduled(handles, opts.planId, opts.n, first.ms - 2_000);
  await until(
    'the moment of the fault',
    async () => opts.faultAt(countReminders(eventsOf(await planMessages(handles, opts.planId)))),
    first.ms - Date.now() + 180_000,
    250,
  );
  const faultAt = Date.now();
  await opts.fault(tasks, first);
  await until(
    `${opts.n} reminders`,
    async () => countReminders(eventsOf(await planMessages(handles, opts.planId))) >= opts.n,
    Math.max(0, second.ms - Date.now()) + 8 * 60_000,
  );
  log(`all ${opts.n} reminders on the stream ${((Date.now() - faultAt) / 1000).toFixed(1)} s after the fault`);
  // Retries of abandoned activities (start-to-close 30 s) land later: give them time to show up, then count.
  await sleep(40_000);
  const events = eventsOf(await planMessages(handles, opts.planId));
  expect(exactlyOnceProblems(tasks, events)).toEqual([]);
  expect(countReminders(events)).toBe(opts.n);
  const report = await reconcile({
    client,
    js: handles.js,
    planId: opts.planId,
    workflowIds: tasks.map((t) => t.workflowId),
  });
  expect({ republished: report.republished, failed: report.failed, diverged: report.diverged }).toEqual({
    republished: 0,
    failed: [],
    diverged: [],
  });
  expect(report.events).toBe(events.length);
  const audit = await verifyAudit(handles.js, { planId: opts.planId });
  expect({ tasks: audit.tasks, breaks: audit.breaks, unreadable: audit.unreadable }).toEqual({
    tasks: opts.n,
    breaks: [],
    unreadable: [],
  });
  // The audit stream is still replicated on three nodes, all current.
  const info = await handles.jsm.streams.info('DONDOC_EVENTS');
  expect(info.config.num_replicas).toBe(3);
  await until(
    'every replica of the audit stream to be current',
    async () => {
      const c = (await handles.jsm.streams.info('DONDOC_EVENTS')).cluster;
      return (c?.replicas ?? []).length === 2 && (c?.replicas ?? []).every((r) => r.current);
    },
    120_000,
  );
}
