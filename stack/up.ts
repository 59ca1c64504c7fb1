import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadSettings, REPO_ROOT } from '../config/settings';
import { connectNats, ensureStreams } from '../nats/streams';
import { WORKER_NODE_FLAGS } from '../worker/tuning';
import { PlanRegistry, startPlan } from '../services/plans';
import { isListening, startProcess, waitForPort } from './processes';
import { Supervisor } from './supervisor';
import { writeNatsConfig } from './nats-config';
import { ensureTools } from './tools';
import { startDemoPlan } from './demo-plan';
import { loadSampleAhead } from './sample';
import { TokenStore } from '../services/tokens';
import { TEMPORAL_DEV_DYNAMIC_CONFIG } from './temporal-flags';
import { logger } from '../config/logger';

const log = logger('dondoc up');

function hostPort(address: string): { host: string; port: number } {
  const m = /^(?:[a-z]+:\/\/)?([^:/]+):(\d+)/.exec(address);
  if (!m) throw new Error(`cannot read host:port from ${address}`);
  return { host: m[1]!, port: Number(m[2]) };
}

const isLocal = (host: string) => host === '127.0.0.1' || host === 'localhost';

/**
 * `dondoc up`: starts what is not already running on the embedded defaults — the Temporal dev server
 * (SQLite in .dondoc/data), nats-server with JetStream (.dondoc/data/nats), the worker and the API —
 * loads the sample plan (anchored so its deadlines lie ahead), with `--demo` a demo plan on a fast clock and its
 * actors, and keeps every child running: one that crashes is restarted with backoff (stack/supervisor.ts). It
 * stops on Ctrl-C, or when a child keeps crashing, and says why. Servers given by TEMPORAL_ADDRESS / NATS_URL on
 * another host are used as they are.
 */
export async function runStack(opts: {
  sample: string | null;
  /** `--demo`: also run the demo plan on a fast clock, with its actors (stack/demo-plan.ts). */
  demo?: { plan: string; actors: string; secondsPerDay: number } | null;
}): Promise<void> {
  const settings = loadSettings();
  const dataDir = settings.DONDOC_DATA_DIR;
  const logDir = path.join(dataDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const supervisor = new Supervisor({ say: (line) => log.info(line) });
  let stopDemo: (() => Promise<void>) | null = null;
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nstopping…\n');
    await stopDemo?.().catch(() => undefined);
    await supervisor.stopAll(15_000);
    process.stdout.write('stopped.\n');
    process.exit(code);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  try {
    const temporal = hostPort(settings.TEMPORAL_ADDRESS);
    const nats = hostPort(settings.NATS_URL);
    const needTemporal = isLocal(temporal.host) && !(await isListening(temporal.host, temporal.port));
    const needNats = isLocal(nats.host) && !(await isListening(nats.host, nats.port));
    const tools = ensureTools([
      ...(needTemporal ? (['temporal'] as const) : []),
      ...(needNats ? (['nats'] as const) : []),
    ]);

    if (needTemporal) {
      const spawn = () =>
        startProcess({
          name: 'temporal',
          command: tools.temporal,
          args: [
            'server',
            'start-dev',
            '--db-filename',
            path.join(dataDir, 'temporal.db'),
            '--ip',
            temporal.host,
            '--port',
            String(temporal.port),
            '--ui-port',
            String(settings.TEMPORAL_UI_PORT),
            '--namespace',
            settings.TEMPORAL_NAMESPACE,
            '--log-level',
            'warn',
            ...TEMPORAL_DEV_DYNAMIC_CONFIG,
          ],
          logFile: path.join(logDir, 'temporal.log'),
        });
      await supervisor.start({
        name: 'temporal',
        spawn,
        ready: (proc) => waitForPort(temporal.host, temporal.port, 60_000, proc),
      });
      process.stdout.write(
        `temporal  ${settings.TEMPORAL_ADDRESS} (UI http://${temporal.host}:${settings.TEMPORAL_UI_PORT}), data ${path.join(dataDir, 'temporal.db')}\n`,
      );
    } else {
      process.stdout.write(`temporal  ${settings.TEMPORAL_ADDRESS} (already running, reused)\n`);
    }

    if (needNats) {
      const conf = writeNatsConfig({ dir: path.join(dataDir, 'nats'), port: nats.port, host: nats.host });
      await supervisor.start({
        name: 'nats',
        spawn: () =>
          startProcess({
            name: 'nats',
            command: tools.natsServer,
            args: ['-c', conf],
            logFile: path.join(logDir, 'nats.log'),
          }),
        ready: (proc) => waitForPort(nats.host, nats.port, 30_000, proc),
      });
      process.stdout.write(`nats      ${settings.NATS_URL} (JetStream in ${path.join(dataDir, 'nats')})\n`);
    } else {
      process.stdout.write(`nats      ${settings.NATS_URL} (already running, reused)\n`);
    }

    const handles = await connectNats(settings.NATS_URL, 'dondoc-up');
    for (const w of await ensureStreams(handles.jsm, settings.NATS_REPLICAS, settings.NATS_EVENTS_MAX_BYTES))
      process.stdout.write(`warning   ${w}\n`);

    const node = (script: string, name: string, env?: NodeJS.ProcessEnv, flags: string[] = []) =>
      startProcess({
        name,
        command: process.execPath,
        args: [...flags, '--require', require.resolve('tsx/cjs'), path.join(REPO_ROOT, script)],
        cwd: REPO_ROOT,
        ...(env ? { env } : {}),
      });
    const worker = await supervisor.start({
      name: 'worker',
      spawn: () => node('worker/main.ts', 'worker', undefined, WORKER_NODE_FLAGS),
    });
    // A local admin token for the dashboard link, new each run unless one is given.
    const adminToken = settings.DONDOC_ADMIN_TOKEN ?? `local-${randomBytes(24).toString('base64url')}`;
    const apiHost = settings.API_HOST === '0.0.0.0' ? '127.0.0.1' : settings.API_HOST;
    const api = await supervisor.start({
      name: 'api',
      spawn: () => node('api/main.ts', 'api', { ...process.env, DONDOC_ADMIN_TOKEN: adminToken }),
      ready: (proc) => waitForPort(apiHost, settings.API_PORT, 60_000, proc),
    });
    process.stdout.write(`worker    pid ${worker.pid}\napi       pid ${api.pid}\n`);

    const connection = await Connection.connect({ address: settings.TEMPORAL_ADDRESS });
    const client = new Client({ connection, namespace: settings.TEMPORAL_NAMESPACE });
    const plans = await PlanRegistry.open(handles.nc, settings.NATS_REPLICAS);
    if (opts.sample) {
      const { plan, year } = loadSampleAhead(path.resolve(REPO_ROOT, opts.sample), Date.now());
      await plans.save(plan);
      const report = await startPlan(client, plan, { taskQueue: settings.TEMPORAL_TASK_QUEUE });
      process.stdout.write(
        `sample    ${plan.plan.title} (${plan.plan.id}, anchored to ${year}, every deadline ahead): ${report.assignments} assignments, ${report.started} started, ${report.alreadyRunning} already running\n`,
      );
    }
    if (opts.demo) {
      const demo = await startDemoPlan({
        client,
        plans,
        tokens: await TokenStore.open(handles.nc, { replicas: settings.NATS_REPLICAS }),
        planFile: path.resolve(REPO_ROOT, opts.demo.plan),
        actorsFile: path.resolve(REPO_ROOT, opts.demo.actors),
        secondsPerDay: opts.demo.secondsPerDay,
        taskQueue: settings.TEMPORAL_TASK_QUEUE,
        apiBase: `http://${apiHost}:${settings.API_PORT}`,
        log: (line) => process.stdout.write(`${line}\n`),
      });
      stopDemo = demo.stop;
      process.stdout.write(`${demo.summary}\n`);
    }
    await connection.close();
    if (!opts.demo) await handles.nc.drain(); // the demo's actors keep it for their tokens
    process.stdout.write(
      `api       http://${apiHost}:${settings.API_PORT}  (dashboard at /, OpenAPI at /openapi.json)\n` +
        `dashboard http://${apiHost}:${settings.API_PORT}/#token=${encodeURIComponent(adminToken)}\n`,
    );
    process.stdout.write(
      `logs      ${logDir}\nready. A child that crashes is restarted with backoff. Press Ctrl-C to stop.\n`,
    );

    const reason = await supervisor.gaveUp;
    if (!stopping) {
      log.error(`stopping the stack: ${reason}`);
      await stopAll(1);
    }
  } catch (err) {
    log.error(err instanceof Error ? err.message : String(err));
    await stopAll(1);
  }
}
