import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { bundleWorkflows } from '../scripts/bundle-workflows';
import { workflowTimeout } from '../worker/tuning';

const HISTORY = path.resolve(__dirname, '..', 'test', 'histories', 'missed.json');

/**
 * What a workflow task costs the worker when the workflow is not in its cache: CPU per replay of a saved
 * assignment history (test/histories/missed.json: a task's whole life, reminders and escalations, 87 events),
 * replayed `n` times in this process from the worker's prebuilt bundle, with its workflow timeout (default 0).
 */
export async function benchReplay(
  n = 300,
  timeoutMs = 0,
): Promise<{ replays: number; historyEvents: number; cpuMsPerReplay: number }> {
  try {
    // Quiet: every replay batch logs the replay worker's state changes at INFO.
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // The process already has its Temporal runtime.
  }
  const history = historyFromJSON(JSON.parse(fs.readFileSync(HISTORY, 'utf8')));
  // Prebuilt, as the worker runs in production (DONDOC_WORKFLOW_BUNDLE): webpack stays out of the measured process.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-replay-'));
  const { out } = await bundleWorkflows(path.join(dir, 'workflow-bundle.js'));
  const options = { workflowBundle: { codePath: out }, ...workflowTimeout(timeoutMs) };
  async function* copies(count: number) {
    for (let i = 0; i < count; i++) yield { workflowId: `bench-replay-${i}`, history };
  }
  const run = async (count: number) => {
    for await (const r of Worker.runReplayHistories(options, copies(count))) if (r.error) throw r.error;
  };
  await run(30); // bundle, JIT
  const before = process.cpuUsage();
  await run(n);
  const used = process.cpuUsage(before);
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    replays: n,
    historyEvents: history.events?.length ?? 0,
    cpuMsPerReplay: Math.round(((used.user + used.system) / 1000 / n) * 100) / 100,
  };
}

if (require.main === module) {
  benchReplay(Number(process.argv[2] ?? 300), Number(process.env.DONDOC_WORKFLOW_TIMEOUT_MS ?? 0))
    .then((r) =>
      console.log(`replay: ${r.cpuMsPerReplay} ms CPU per replay of ${r.historyEvents} events (${r.replays})`),
    )
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
