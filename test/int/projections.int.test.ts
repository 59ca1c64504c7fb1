import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { DondocEvent } from '../../domain/events/schemas';
import { subjectToken } from '../../domain/events/subjects';
import { DEADLETTER_BUCKET } from '../../consumers/deadletter';
import { publishEvents } from '../../nats/publisher';
import { readEvents } from '../../nats/read';
import { EVENTS_STREAM, type NatsHandles } from '../../nats/streams';
import { taskKey } from '../../projections/keys';
import { foldEvent, type TaskRecord } from '../../projections/model';
import { startProjector } from '../../projections/projector';
import { rebuildProjections } from '../../projections/rebuild';
import { KvProjectionStore } from '../../projections/store';
import { assigned, chain, closed, completed, milestone, scheduled } from '../support/events';
import { connectTestNats, uniquePlanId } from '../support/servers';

const m0 = milestone('2025-06-30');

/** Three tasks of one plan: one overdue, one done late, one done on time after an extension. */
function planEvents(planId: string): DondocEvent[] {
  const ext = { ...m0, extendedDue: '2025-07-15' };
  return [
    ...chain(planId, '1', 'a', [assigned('a'), scheduled(m0), { type: 'DeadlineMissed', data: { milestone: m0 } }]),
    ...chain(planId, '2', 'a', [
      assigned('a'),
      scheduled(m0),
      { type: 'DeadlineMissed', data: { milestone: m0 } },
      completed(m0, false),
      closed(),
    ]),
    ...chain(planId, '3', 'b', [
      assigned('b'),
      scheduled(m0),
      { type: 'ExtensionGranted', data: { milestone: m0, originalDue: m0.due, newDue: '2025-07-15', note: '' } },
      completed(ext, true, false),
      closed(),
    ]),
  ];
}

async function records(kv: KV): Promise<Map<string, Omit<TaskRecord, 'updatedAt'>>> {
  const out = new Map<string, Omit<TaskRecord, 'updatedAt'>>();
  for await (const k of await kv.keys('task.>')) {
    const e = await kv.get(k);
    if (e?.operation === 'PUT') {
      const { updatedAt: _u, ...rest } = e.json<TaskRecord>();
      out.set(k, rest);
    }
  }
  return out;
}

async function until<T>(what: string, f: () => Promise<T | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('event stream and projections on a real nats-server', () => {
  let nats: NatsHandles;
  const buckets: string[] = [];
  const bucket = (planId: string, tag: string) => {
    const name = `t_${tag}_${subjectToken(planId)}`;
    buckets.push(name);
    return name;
  };

  beforeAll(async () => {
    nats = await connectTestNats();
  });

  afterAll(async () => {
    const kvm = new Kvm(nats.nc);
    for (const b of buckets) await (await kvm.open(b)).destroy().catch(() => undefined);
    await nats?.nc.drain();
  });

  it('keeps events in order within each task, and a retried publish (same msgID) is stored once', async () => {
    const planId = uniquePlanId('order');
    const events = planEvents(planId);
    await publishEvents(nats.js, events);
    const again = await publishEvents(nats.js, events.slice(0, 3));
    expect(again.every((o) => o.duplicate)).toBe(true);
    const stored = await readEvents(nats.js, `dondoc.events.${subjectToken(planId)}.>`);
    expect(stored).toHaveLength(events.length);
    for (const ref of ['1', '2', '3']) {
      const seqs = stored.filter((s) => s.event?.metadata.taskRef === ref).map((s) => s.event?.metadata.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
  });

  it('projects tasks and unit counters; a rebuilt projection equals the live one; the store indexes it', async () => {
    const planId = uniquePlanId('proj');
    const filter = `dondoc.events.${subjectToken(planId)}.>`;
    const live = bucket(planId, 'live');
    const projector = await startProjector({
      ...nats,
      durableName: `t-live-${subjectToken(planId)}`,
      filter,
      bucket: live,
    });
    const store = await KvProjectionStore.open(nats.nc, { bucket: live });
    await store.ready();
    try {
      const events = planEvents(planId);
      await publishEvents(nats.js, events);
      const kv = await new Kvm(nats.nc).open(live);
      const got = await until('three projected tasks', async () => {
        const r = await records(kv);
        return (
          r.size === 3 &&
          [...r.values()].every((t) => t.lastSeq >= 3) &&
          [...r.values()].reduce((n, t) => n + t.lastSeq, 0) === 13 &&
          r
        );
      });
      const byRef = Object.fromEntries([...got.values()].map((t) => [t.taskRef, t]));
      expect(byRef['1']).toMatchObject({ status: 'overdue', unitId: 'a', nextDue: '2025-06-30' });
      expect(byRef['2']).toMatchObject({ status: 'done-late', nextDue: null });
      expect(byRef['3']).toMatchObject({ status: 'done-on-time', unitId: 'b' });

      await until('the store to see every task', async () => store.listTasks({ planId }).length === 3);
      expect(store.listTasks({ status: 'overdue', planId }).map((t) => t.taskRef)).toEqual(['1']);
      expect(store.unitScorecard('a')).toMatchObject({
        assigned: 2,
        overdue: 1,
        doneOnTime: 0,
        doneLate: 1,
        onTimeRate: 0,
      });
      expect(store.unitScorecard('b')).toMatchObject({
        assigned: 1,
        doneOnTime: 1,
        onTimeRate: 1,
        onTimeRateOriginal: 0,
      });
      expect(store.planSummary(planId)).toMatchObject({
        tasks: 3,
        byStatus: { overdue: 1, 'done-late': 1, 'done-on-time': 1 },
        closedMilestones: 2,
      });

      const rebuilt = bucket(planId, 'rebuilt');
      const report = await rebuildProjections({ ...nats, filter, bucket: rebuilt, timeoutMs: 20_000 });
      expect(report.tasks).toBe(3);
      expect(await records(await new Kvm(nats.nc).open(rebuilt))).toEqual(got);

      // Rebuilding the live bucket in place (purge + replay) gives the same records, and the store follows.
      await rebuildProjections({ ...nats, filter, bucket: live, timeoutMs: 20_000 });
      expect(await records(kv)).toEqual(got);
      await until('the store to reload', async () => store.listTasks({ planId }).length === 3);
    } finally {
      await projector.stop();
      await store.close();
      await nats.jsm.consumers.delete(EVENTS_STREAM, `t-live-${subjectToken(planId)}`);
    }
  });

  it('a projector that crashed after writing but before acking gets redeliveries and counts nothing twice', async () => {
    const planId = uniquePlanId('crash');
    const filter = `dondoc.events.${subjectToken(planId)}.>`;
    const target = bucket(planId, 'crash');
    const durable = `t-crash-${subjectToken(planId)}`;
    const events = planEvents(planId);
    await publishEvents(nats.js, events);

    // The "crashed" instance: pulls 7 messages, writes their folds, and dies without acking.
    await nats.jsm.consumers.add(EVENTS_STREAM, {
      durable_name: durable,
      filter_subject: filter,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: 1e9,
    });
    const kv = await new Kvm(nats.nc).create(target, { history: 1 });
    const consumer = await nats.js.consumers.get(EVENTS_STREAM, durable);
    const batch = await consumer.fetch({ max_messages: 7, expires: 2000 });
    const recs = new Map<string, TaskRecord>();
    for await (const m of batch) {
      const e = m.json<DondocEvent>();
      const r = foldEvent(recs.get(e.metadata.workflowId) ?? null, e, new Date().toISOString());
      if (r.applied) recs.set(e.metadata.workflowId, r.record);
    }
    for (const [id, r] of recs) await kv.put(taskKey(id), JSON.stringify(r));

    // The replacement instance resumes the same durable consumer; the 7 come back.
    const projector = await startProjector({ ...nats, durableName: durable, filter, bucket: target, ackWaitMs: 1000 });
    try {
      await until('all events folded', async () => {
        const info = await nats.jsm.consumers.info(EVENTS_STREAM, durable);
        return (
          info.num_pending === 0 &&
          info.num_ack_pending === 0 &&
          projector.stats.applied + projector.stats.duplicates >= events.length
        );
      });
      expect(projector.stats.duplicates).toBe(7);
      expect(projector.stats.applied).toBe(events.length - 7);
      const store = await KvProjectionStore.open(nats.nc, { bucket: target });
      await store.ready();
      expect(store.unitScorecard('a')).toMatchObject({ assigned: 2, overdue: 1, doneLate: 1, doneOnTime: 0 });
      expect(store.unitScorecard('b')).toMatchObject({ assigned: 1, doneOnTime: 1 });
      await store.close();
    } finally {
      await projector.stop();
      await nats.jsm.consumers.delete(EVENTS_STREAM, durable);
    }
  });

  it('two projector instances writing one bucket converge on the same records (CAS), and a poison message is dead-lettered', async () => {
    const planId = uniquePlanId('cas');
    const filter = `dondoc.events.${subjectToken(planId)}.>`;
    const target = bucket(planId, 'cas');
    const names = [`t-cas1-${subjectToken(planId)}`, `t-cas2-${subjectToken(planId)}`];
    const projectors = await Promise.all(
      names.map((durableName) => startProjector({ ...nats, durableName, filter, bucket: target, concurrency: 4 })),
    );
    try {
      await nats.js.publish(
        `dondoc.events.${subjectToken(planId)}.x.y.TaskAssigned`,
        '{"version":1,"type":"TaskAssigned"}',
        { msgID: `${planId}-poison` },
      );
      await publishEvents(nats.js, planEvents(planId));
      const kv = await new Kvm(nats.nc).open(target);
      const got = await until('converged', async () => {
        const r = await records(kv);
        return [...r.values()].reduce((n, t) => n + t.lastSeq, 0) === 13 && r;
      });
      const rebuilt = bucket(planId, 'casref');
      await rebuildProjections({ ...nats, filter, bucket: rebuilt, timeoutMs: 20_000 });
      expect(await records(await new Kvm(nats.nc).open(rebuilt))).toEqual(got);

      const dlq = await new Kvm(nats.nc).open(DEADLETTER_BUCKET);
      const letters = await until('dead letters', async () => {
        const out: string[] = [];
        for await (const k of await dlq.keys(`${names[0]}.>`)) out.push(k);
        return out.length > 0 && out;
      });
      expect(letters).toHaveLength(1);
      expect((await dlq.get(letters[0]!))?.json<{ reason: string }>().reason).toMatch(/malformed event/);
    } finally {
      await Promise.all(projectors.map((p) => p.stop()));
      for (const n of names) await nats.jsm.consumers.delete(EVENTS_STREAM, n);
    }
  });
});
