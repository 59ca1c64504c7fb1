import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../config/settings';
import { connectNats, ensureStreams } from '../nats/streams';
import { WORKER_NODE_FLAGS } from '../worker/tuning';
import {
  DEFAULT_CLUSTER_PORTS,
  planCluster,
  temporalPortsFrom,
  type ClusterPlan,
  type ClusterPorts,
} from './cluster-config';
import { freePort, isListening, startProcess, waitForPort, type ManagedProcess } from './processes';
import type { RestartPolicy } from './restart-policy';
import { Supervisor } from './supervisor';
import { ensureTools } from './tools';
import { logger } from '../config/logger';

const log = logger('dondoc up --cluster');

const run = promisify(execFile);
const SCRIPT = path.join(REPO_ROOT, 'scripts', 'temporal-postgres.sh');

/** The children of the one-machine production topology, by supervisor name. */
export const CLUSTER_CHILDREN = {
  postgres: 'postgresql',
  temporal: 'temporal-server',
  nats: ['nats-1', 'nats-2', 'nats-3'],
  worker: (i: number) => `worker-${i + 1}`,
  api: 'api',
} as const;

export interface Cluster {
  dir: string;
  ports: ClusterPorts;
  plan: ClusterPlan;
  supervisor: Supervisor;
  /** The NATS URL (all three nodes) and the Temporal address, for clients. */
  natsUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  stop(): Promise<void>;
}

/**
 * The production topology of docker-compose.yml on one machine, without Docker: PostgreSQL from Debian's packages
 * (as the postgres user, in a private data directory), the Temporal server on it (scripts/temporal-postgres.sh),
 * a three-node NATS JetStream cluster (deploy/nats/, the audit stream at R3), the worker replicas and the API,
 * each supervised (restarted with backoff when it crashes).
 */
export async function startCluster(opts: {
  dir: string;
  ports: ClusterPorts;
  say?: (line: string) => void;
  policy?: RestartPolicy;
  /** Workflow bundle prebuilt once for all replicas (scripts/bundle-workflows.ts); without it each bundles at start. */
  workflowBundle?: string;
  api?: boolean;
}): Promise<Cluster> {
  const say = opts.say ?? ((l: string) => process.stdout.write(`${l}\n`));
  const dir = path.resolve(opts.dir);
  fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
  // PostgreSQL runs as the postgres user when we are root: it must be able to reach its data directory.
  fs.chmodSync(dir, 0o755);
  if (process.getuid?.() === 0)
    for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d))
      if ((fs.statSync(d).mode & 0o001) === 0)
        throw new Error(
          `PostgreSQL runs as the postgres user and cannot reach ${dir}: ${d} is not traversable (chmod o+x it, or choose another directory)`,
        );
  const logs = path.join(dir, 'logs');
  const plan = planCluster({ ports: opts.ports, dataDir: dir });
  const supervisor = new Supervisor({ say, ...(opts.policy ? { policy: opts.policy } : {}) });
  const tools = ensureTools(['temporal', 'nats']);
  const tpgEnv = {
    ...process.env,
    DONDOC_TPG_DIR: path.join(dir, 'temporal-pg'),
    DONDOC_TPG_PG_PORT: String(opts.ports.postgres),
    DONDOC_TPG_PORT: String(opts.ports.temporal),
    DONDOC_TPG_SHARDS: String(plan.shards),
    DONDOC_TPG_PG_OPTS: plan.postgresOptions.join(' '),
    TEMPORAL_NAMESPACE: plan.namespace,
    TEMPORAL_NAMESPACE_RETENTION: plan.namespaceRetention,
  };
  const script = async (step: string) => {
    try {
      await run('bash', [SCRIPT, step], { env: tpgEnv, maxBuffer: 16 * 1024 * 1024 });
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(
        `scripts/temporal-postgres.sh ${step} failed: ${e.stderr?.trim().split('\n').slice(-8).join('\n') ?? e.message}`,
      );
    }
  };
  // A child that keeps crashing while the rest is still starting ends the start at once, with the reason.
  const gaveUp = supervisor.gaveUp.then((reason) => {
    throw new Error(reason);
  });
  gaveUp.catch(() => undefined);
  const guard = <T>(p: Promise<T>): Promise<T> => Promise.race([p, gaveUp]);
  const spawnScript = (name: string, step: string) => () =>
    startProcess({ name, command: 'bash', args: [SCRIPT, step], env: tpgEnv, logFile: path.join(logs, `${name}.log`) });

  try {
    for (const [what, port] of [
      ['PostgreSQL', opts.ports.postgres],
      ...temporalPortsFrom(opts.ports.temporal).map((p) => ['Temporal', p] as const),
      ...opts.ports.nats.flatMap(
        (n) =>
          [
            ['NATS', n.client],
            ['NATS', n.monitor],
            ['NATS', n.cluster],
          ] as const,
      ),
      ['the API', opts.ports.api],
    ] as const)
      if (await isListening('127.0.0.1', port)) throw new Error(`port ${port} (for ${what}) is already in use`);

    await script('init-pg');
    await supervisor.start({
      name: CLUSTER_CHILDREN.postgres,
      spawn: spawnScript(CLUSTER_CHILDREN.postgres, 'pg-exec'),
      ready: (p) => waitForPort('127.0.0.1', opts.ports.postgres, 60_000, p),
    });
    say(`postgresql      127.0.0.1:${opts.ports.postgres} (${plan.postgresOptions.join(' ')})`);
    await guard(script('schema'));
    await supervisor.start({
      name: CLUSTER_CHILDREN.temporal,
      spawn: spawnScript(CLUSTER_CHILDREN.temporal, 'server-exec'),
      ready: (p) => waitForPort('127.0.0.1', opts.ports.temporal, 120_000, p),
    });
    await guard(script('namespace'));
    say(
      `temporal-server 127.0.0.1:${opts.ports.temporal} on PostgreSQL, ${plan.shards} shards, namespace ${plan.namespace}`,
    );

    // All three nodes at once: JetStream needs a quorum of the cluster before any node serves.
    await Promise.all(
      CLUSTER_CHILDREN.nats.map((node, i) => {
        const conf = path.join(dir, node, 'nats-server.conf');
        fs.mkdirSync(path.join(dir, node, 'jetstream'), { recursive: true });
        fs.writeFileSync(conf, plan.natsConfigs[i]!);
        const port = opts.ports.nats[i]!;
        return supervisor.start({
          name: node,
          spawn: () =>
            startProcess({
              name: node,
              command: tools.natsServer,
              args: ['-c', conf],
              logFile: path.join(logs, `${node}.log`),
            }),
          ready: (p) => waitForHealthz(port.monitor, 90_000, p),
        });
      }),
    );
    const handles = await guard(connectNats(plan.natsUrl, 'dondoc-cluster'));
    const replicas = Number(plan.workerEnv.NATS_REPLICAS ?? 1);
    for (const w of await ensureStreams(handles.jsm, replicas, Number(plan.workerEnv.NATS_EVENTS_MAX_BYTES ?? -1)))
      say(`warning         ${w}`);
    await handles.nc.drain();
    say(`nats            ${plan.natsUrl} (JetStream cluster, streams at R${replicas})`);

    const node =
      (name: string, script: string, env: Record<string, string>, flags: string[] = []) =>
      () =>
        startProcess({
          name,
          command: process.execPath,
          args: [...flags, '--require', require.resolve('tsx/cjs'), path.join(REPO_ROOT, script)],
          cwd: REPO_ROOT,
          env: { ...process.env, ...env },
          logFile: path.join(logs, `${name}.log`),
        });
    const workerEnv = {
      ...plan.workerEnv,
      ...(opts.workflowBundle ? { DONDOC_WORKFLOW_BUNDLE: opts.workflowBundle } : {}),
    };
    for (let i = 0; i < plan.workerReplicas; i++) {
      const name = CLUSTER_CHILDREN.worker(i);
      const logFile = path.join(logs, `${name}.log`);
      const proc = await supervisor.start({
        name,
        spawn: node(name, 'worker/main.ts', workerEnv, WORKER_NODE_FLAGS),
        ready: (p) => waitForLogLine(logFile, 'worker: polling task queue', 240_000, p),
      });
      say(`${name.padEnd(15)} pid ${proc.pid}`);
    }
    if (opts.api !== false) {
      const proc = await supervisor.start({
        name: CLUSTER_CHILDREN.api,
        spawn: node(CLUSTER_CHILDREN.api, 'api/main.ts', plan.apiEnv),
        ready: (p) => waitForPort('127.0.0.1', opts.ports.api, 120_000, p),
      });
      say(`api             http://127.0.0.1:${opts.ports.api} (pid ${proc.pid})`);
    }
  } catch (err) {
    await supervisor.stopAll(10_000);
    throw err;
  }
  return {
    dir,
    ports: opts.ports,
    plan,
    supervisor,
    natsUrl: plan.natsUrl,
    temporalAddress: `127.0.0.1:${opts.ports.temporal}`,
    namespace: plan.namespace,
    taskQueue: plan.workerEnv.TEMPORAL_TASK_QUEUE ?? 'dondoc',
    stop: () => supervisor.stopAll(20_000),
  };
}

/** Free loopback ports for a whole cluster (for tests and benches that run beside other stacks). */
export async function freeClusterPorts(): Promise<ClusterPorts> {
  for (let attempt = 0; attempt < 50; attempt++) {
    // Temporal stores membership ports in a PostgreSQL smallint: the whole block must stay below 32768.
    const temporal = 20_000 + Math.floor(Math.random() * 12_000);
    const busy = await Promise.all(temporalPortsFrom(temporal).map((p) => isListening('127.0.0.1', p)));
    if (busy.some(Boolean)) continue;
    const nats = [];
    for (let i = 0; i < 3; i++)
      nats.push({ client: await freePort(), monitor: await freePort(), cluster: await freePort() });
    return { postgres: await freePort(), temporal, nats, api: await freePort() };
  }
  throw new Error('found no free block of ports for the Temporal server');
}

/** nats-server's /healthz answers 200 once its JetStream is current with the cluster. */
async function waitForHealthz(port: number, timeoutMs: number, proc: ManagedProcess): Promise<void> {
  await waitForPort('127.0.0.1', port, timeoutMs, proc);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null)
      throw new Error(`${proc.name} exited before it was healthy`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${proc.name} not healthy within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function waitForLogLine(file: string, marker: string, timeoutMs: number, proc: ManagedProcess): Promise<void> {
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split(marker).length - 1 : 0;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null)
      throw new Error(`${proc.name} exited during start; see ${file}`);
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').split(marker).length - 1 > before) return;
    if (Date.now() > deadline) throw new Error(`${proc.name} did not log '${marker}' within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** `dondoc up --cluster`: the topology on the default ports, in `dir`, until Ctrl-C or a child that keeps crashing. */
export async function runCluster(opts: { dir: string; ports?: ClusterPorts }): Promise<void> {
  let cluster: Cluster | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nstopping…\n');
    await cluster?.stop();
    process.stdout.write('stopped.\n');
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  try {
    cluster = await startCluster({ dir: opts.dir, ports: opts.ports ?? DEFAULT_CLUSTER_PORTS });
    process.stdout.write(
      `data            ${cluster.dir} (logs in ${path.join(cluster.dir, 'logs')})\n` +
        `clients         TEMPORAL_ADDRESS=${cluster.temporalAddress} TEMPORAL_NAMESPACE=${cluster.namespace} ` +
        `NATS_URL=${cluster.natsUrl} NATS_REPLICAS=${cluster.plan.workerEnv.NATS_REPLICAS ?? '1'}\n` +
        'ready. A child that crashes is restarted with backoff. Press Ctrl-C to stop.\n',
    );
    const reason = await cluster.supervisor.gaveUp;
    log.error(`stopping: ${reason}`);
    await stop(1);
  } catch (err) {
    log.error(err instanceof Error ? err.message : String(err));
    await stop(1);
  }
}
