import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { workflowSourceOptions, workflowTimeout } from '../../worker/tuning';

/**
 * Replays saved histories (scripts/record-histories.ts) through the current workflow code. A change that would
 * break running workflows fails here; such a change must go behind `patched()` (see workflows/README.md).
 */
const dir = path.resolve(__dirname, '..', 'histories');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
const load = (f: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { events: Record<string, unknown>[] };
const workflowsPath = require.resolve('../../workflows');

jest.setTimeout(120_000);

describe('replay of saved assignment histories', () => {
  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s replays without nondeterminism', async (file) => {
    await Worker.runReplayHistory(
      // isolateExecutionTimeout 0: the worker's default (DONDOC_WORKFLOW_TIMEOUT_MS); the unpatched SDK refuses it.
      { ...workflowSourceOptions(workflowsPath), replayName: file, ...workflowTimeout(0) },
      historyFromJSON(load(file)),
      `replay-${file}`,
    );
  });

  it('detects a history the code would not have produced', async () => {
    const history = load('missed.v1.json');
    const scheduled = history.events.find((e) => e.activityTaskScheduledEventAttributes) as
      { activityTaskScheduledEventAttributes: { activityType: { name: string } } } | undefined;
    expect(scheduled).toBeDefined();
    scheduled!.activityTaskScheduledEventAttributes.activityType.name = 'somethingElse';
    await expect(
      Worker.runReplayHistory(
        { ...workflowSourceOptions(workflowsPath), replayName: 'tampered' },
        historyFromJSON(history),
        'replay-tampered',
      ),
    ).rejects.toBeInstanceOf(DeterminismViolationError);
  });

  it('keeps the local-calendar patch: a new history whose patch marker names another patch does not replay', async () => {
    const history = load('missed.json');
    const marker = history.events.find(
      (e) => (e.markerRecordedEventAttributes as { markerName?: string } | undefined)?.markerName === 'core_patch',
    ) as { markerRecordedEventAttributes: { details: Record<string, { payloads: { data: string }[] }> } };
    const payload = marker.markerRecordedEventAttributes.details['patch-data']!.payloads[0]!;
    expect(Buffer.from(payload.data, 'base64').toString()).toContain('local-calendar-v1');
    payload.data = Buffer.from(JSON.stringify({ id: 'some-other-patch', deprecated: false })).toString('base64');
    await expect(
      Worker.runReplayHistory(
        { ...workflowSourceOptions(workflowsPath), replayName: 'unpatched' },
        historyFromJSON(history),
        'replay-unpatched',
      ),
    ).rejects.toThrow(/[Nn]ondetermin/);
  });

  it('keeps the state-events patch: its marker renamed, a new history does not replay', async () => {
    const history = load('missed.json');
    const markers = history.events.flatMap((e) => {
      const m = e.markerRecordedEventAttributes as
        { markerName?: string; details: Record<string, { payloads: { data: string }[] }> } | undefined;
      return m?.markerName === 'core_patch' ? [m.details['patch-data']!.payloads[0]!] : [];
    });
    const payload = markers.find((p) => Buffer.from(p.data, 'base64').toString().includes('state-events-v1'));
    expect(payload).toBeDefined();
    payload!.data = Buffer.from(JSON.stringify({ id: 'some-other-patch', deprecated: false })).toString('base64');
    await expect(
      Worker.runReplayHistory(
        { ...workflowSourceOptions(workflowsPath), replayName: 'no-state-events' },
        historyFromJSON(history),
        'replay-no-state-events',
      ),
    ).rejects.toThrow(/[Nn]ondetermin/);
  });
});
