import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kvm } from '@nats-io/kv';
import { GENESIS_HASH } from '../domain/events/hash';
import { SYSTEM_ACTOR, type DondocEvent, type DraftEvent, type MilestoneRef } from '../domain/events/schemas';
import { sealEvent, type StreamPosition } from '../domain/events/seal';
import { assignmentWorkflowId, eventSubject, subjectToken } from '../domain/events/subjects';
import { connectNats, ensureStreams, EVENTS_STREAM } from '../nats/streams';
import { startProjector } from '../projections/projector';
import { writeNatsConfig } from '../stack/nats-config';
import { freePort, startProcess, waitForPort } from '../stack/processes';
import { ensureTools } from '../stack/tools';

const TASKS = Number(process.env.DONDOC_BENCH_TASKS ?? 2000);

function taskEvents(planId: string, i: number): DondocEvent[] {
  const unit = `unit-${i % 50}`;
  const m: MilestoneRef = {
    index: 0,
    label: 'Mốc 1',
    kind: 'deliverable',
    nominal: '2025-06-30',
    due: '2025-06-30',
    extendedDue: null,
  };
  const drafts: DraftEvent[] = [
    {
      type: 'TaskAssigned',
      data: {
        planTitle: 'Bench',
        title: `Nhiệm vụ ${i}`,
        leadUnit: unit,
        supportUnits: [],
        deadlineText: 'Trước 30/6',
        deadlineKind: 'fixed',
        monitoringUnit: 'hcm',
      },
    },
    {
      type: 'DeadlineScheduled',
      data: { milestone: m, reminders: [], missedAt: '2025-07-01T00:00:00+07:00', escalations: [] },
    },
    { type: 'ReminderSent', data: { milestone: m, workingDaysBefore: 5, to: [] } },
    { type: 'ReminderSent', data: { milestone: m, workingDaysBefore: 1, to: [] } },
    { type: 'DeadlineMissed', data: { milestone: m } },
  ];
  let pos: StreamPosition = {
    workflowId: assignmentWorkflowId(planId, String(i), unit),
    planId,
    taskRef: String(i),
    unitId: unit,
    seq: 0,
    lastHash: GENESIS_HASH,
  };
  return drafts.map((d) => {
    const e = sealEvent(d, pos, '2025-06-20T09:00:00+07:00', SYSTEM_ACTOR);
    pos = { ...pos, seq: e.metadata.seq, lastHash: e.metadata.hash };
    return e;
  });
}

/**
 * Publishes TASKS × 5 events of one plan, interleaved across tasks as workflows would, then measures the
 * projector folding them into a fresh KV bucket, from start until every event is acknowledged. Target ≥ 2,000/s.
 */
export async function benchProjection(natsUrl: string): Promise<{ events: number; eventsPerSec: number }> {
  const nats = await connectNats(natsUrl, 'dondoc-bench');
  await ensureStreams(nats.jsm);
  const planId = `bench-${Date.now().toString(36)}`;
  const perTask = Array.from({ length: TASKS }, (_, i) => taskEvents(planId, i));
  const events = perTask[0]!.flatMap((_, k) => perTask.map((t) => t[k]!));
  for (let i = 0; i < events.length; i += 500) {
    await Promise.all(
      events
        .slice(i, i + 500)
        .map((e) => nats.js.publish(eventSubject(e), JSON.stringify(e), { msgID: e.metadata.eventId })),
    );
  }
  const bucket = `bench_${subjectToken(planId)}`;
  const durableName = `bench-projector-${subjectToken(planId)}`;
  const started = performance.now();
  const projector = await startProjector({
    ...nats,
    durableName,
    bucket,
    filter: `dondoc.events.${subjectToken(planId)}.>`,
    ...(process.env.DONDOC_BENCH_CONCURRENCY ? { concurrency: Number(process.env.DONDOC_BENCH_CONCURRENCY) } : {}),
    ...(process.env.DONDOC_BENCH_BATCH ? { batch: Number(process.env.DONDOC_BENCH_BATCH) } : {}),
  });
  for (;;) {
    const info = await nats.jsm.consumers.info(EVENTS_STREAM, durableName);
    if (info.num_pending === 0 && info.num_ack_pending === 0 && projector.stats.applied >= events.length) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  await projector.stop();
  await nats.jsm.consumers.delete(EVENTS_STREAM, durableName);
  await (await new Kvm(nats.nc).open(bucket)).destroy();
  await nats.nc.drain();
  return { events: events.length, eventsPerSec: Math.round(events.length / seconds) };
}

if (require.main === module) {
  (async () => {
    const tools = ensureTools(['nats']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-bench-'));
    const port = await freePort();
    const conf = writeNatsConfig({ dir, port });
    const nats = startProcess({
      name: 'nats-server',
      command: tools.natsServer,
      args: ['-c', conf],
      logFile: path.join(dir, 'nats.log'),
    });
    try {
      await waitForPort('127.0.0.1', port, 20_000, nats);
      const r = await benchProjection(`nats://127.0.0.1:${port}`);
      console.log(`projection: ${r.events} events at ${r.eventsPerSec} events/s (target ≥ 2000)`);
    } finally {
      await nats.stop(5_000);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  })().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
