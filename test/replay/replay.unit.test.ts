import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { WORKFLOW_PRELOAD_MODULES } from '../../worker/bundle-options';

/**
 * Replays saved histories (scripts/record-histories.ts) through the current workflow code. A change that would
 * break running workflows fails here; such a change must go behind `patched()` (see workflows/README.md).
 */
const dir = path.resolve(__dirname, '..', 'histories');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
const load = (f: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { events: Record<string, unknown>[] };
const workflowsPath = require.resolve('../../workflows');
// The worker's own bundle options, so replay runs the code as production runs it.
const bundlerOptions = { preloadModules: WORKFLOW_PRELOAD_MODULES };

jest.setTimeout(120_000);

describe('replay of saved assignment histories', () => {
  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s replays without nondeterminism', async (file) => {
    await Worker.runReplayHistory(
      { workflowsPath, bundlerOptions, replayName: file },
      historyFromJSON(load(file)),
      `replay-${file}`,
    );
  });

  it('detects a history the code would not have produced', async () => {
    const history = load('missed.json');
    const scheduled = history.events.find((e) => e.activityTaskScheduledEventAttributes) as
      { activityTaskScheduledEventAttributes: { activityType: { name: string } } } | undefined;
    expect(scheduled).toBeDefined();
    scheduled!.activityTaskScheduledEventAttributes.activityType.name = 'somethingElse';
    await expect(
      Worker.runReplayHistory(
        { workflowsPath, bundlerOptions, replayName: 'tampered' },
        historyFromJSON(history),
        'replay-tampered',
      ),
    ).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
