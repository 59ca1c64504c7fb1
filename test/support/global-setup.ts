import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureTools } from '../../stack/tools';
import { freePort, startProcess, waitForPort, type ManagedProcess } from '../../stack/processes';
import { writeNatsConfig } from '../../stack/nats-config';

/**
 * Starts the real servers the integration tier needs, once per run: the Java time-skipping Temporal
 * test server and a JetStream nats-server with a throw-away store. Their addresses reach the test
 * files through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const tools = ensureTools();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-int-'));

  const natsPort = await freePort();
  const natsConf = writeNatsConfig({ dir: path.join(dir, 'nats'), port: natsPort });
  const nats = startProcess({
    name: 'nats-server',
    command: tools.natsServer,
    args: ['-c', natsConf],
    logFile: path.join(dir, 'nats.log'),
  });

  const temporalPort = await freePort();
  const testServer = startProcess({
    name: 'temporal-test-server',
    command: tools.testServer,
    args: [String(temporalPort)],
    logFile: path.join(dir, 'temporal-test-server.log'),
  });

  await Promise.all([
    waitForPort('127.0.0.1', natsPort, 20_000, nats),
    waitForPort('127.0.0.1', temporalPort, 60_000, testServer),
  ]);

  process.env.DONDOC_TEST_DIR = dir;
  process.env.DONDOC_TEST_NATS_URL = `nats://127.0.0.1:${natsPort}`;
  process.env.DONDOC_TEST_TEMPORAL_ADDRESS = `127.0.0.1:${temporalPort}`;
  process.env.DONDOC_TEST_NATS_BIN = tools.natsServer;
  process.env.DONDOC_TEMPORAL_BIN = tools.temporal;
  (globalThis as { __dondocServers?: ManagedProcess[] }).__dondocServers = [nats, testServer];
}
