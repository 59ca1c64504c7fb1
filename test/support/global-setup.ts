import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureTools } from '../../stack/tools';
import { freePort, startProcess, waitForPort, type ManagedProcess } from '../../stack/processes';
import { writeNatsConfig } from '../../stack/nats-config';

/**
 * Prepares the real servers the integration tier needs: installs the pinned tools, starts one JetStream
 * nats-server with a throw-away store for the run, and hands the Java time-skipping test server to the test
 * files, each of which starts its own (test/support/servers.ts). Addresses reach the files through the
 * environment.
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

  await waitForPort('127.0.0.1', natsPort, 20_000, nats);

  process.env.DONDOC_TEST_DIR = dir;
  process.env.DONDOC_TEST_NATS_URL = `nats://127.0.0.1:${natsPort}`;
  process.env.DONDOC_TEST_SERVER_BIN = tools.testServer;
  process.env.DONDOC_TEST_NATS_BIN = tools.natsServer;
  process.env.DONDOC_TEMPORAL_BIN = tools.temporal;
  (globalThis as { __dondocServers?: ManagedProcess[] }).__dondocServers = [nats];
}
