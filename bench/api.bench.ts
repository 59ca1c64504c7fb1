import autocannon from 'autocannon';
import type { KV } from '@nats-io/kv';
import { Client } from '@temporalio/client';
import { buildApp } from '../api/server';
import { loadSettings } from '../config/settings';
import { createCalendar } from '../domain/calendar';
import { connectNats, ensureStreams } from '../nats/streams';
import { taskKey } from '../projections/keys';
import type { TaskRecord } from '../projections/model';
import { openProjectionsBucket, openProjectionStore } from '../projections/store';
import { PlanRegistry } from '../services/plans';
import { TokenStore } from '../services/tokens';

const STATUSES = ['in-progress', 'due-soon', 'overdue', 'done-on-time', 'no-deadline'] as const;

/** Measures `GET /tasks?status=overdue` with autocannon: p99 latency (ms) and requests per second. */
export async function benchApi(baseUrl: string, token: string): Promise<{ apiP99Ms: number; apiRps: number }> {
  const opts = { url: `${baseUrl}/tasks?status=overdue`, headers: { authorization: `Bearer ${token}` } };
  await autocannon({ ...opts, connections: 10, duration: 2 }); // warm-up
  const r = await autocannon({ ...opts, connections: 20, duration: 10 });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`benchmark saw ${r.non2xx} non-2xx answers and ${r.errors} errors`);
  return { apiP99Ms: r.latency.p99, apiRps: Math.round(r.requests.average) };
}

/** A synthetic task record in the projection's shape (a fifth of them overdue). */
function syntheticTask(planId: string, i: number): TaskRecord {
  const status = STATUSES[i % STATUSES.length]!;
  const day = `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
  const unitId = `hcm.q1.phuong-${i % 10}`;
  const milestone = {
    index: 0,
    label: 'Hoàn thành',
    kind: 'deliverable' as const,
    nominal: day,
    due: day,
    extendedDue: null,
  };
  return {
    workflowId: `assignment:${planId}:${Math.floor(i / 10) + 1}.${i % 10}:${unitId}`,
    planId,
    taskRef: `${Math.floor(i / 10) + 1}.${i % 10}`,
    unitId,
    title: `Nhiệm vụ tổng hợp số ${i}: triển khai cải cách hành chính, báo cáo kết quả định kỳ`,
    planTitle: 'Kế hoạch tổng hợp (benchmark)',
    status,
    deadlineKind: status === 'no-deadline' ? 'ongoing' : 'fixed',
    deadlineText: status === 'no-deadline' ? 'Thường xuyên' : `trước ngày ${day}`,
    nextDue: status === 'no-deadline' || status === 'done-on-time' ? null : day,
    escalationLevel: status === 'overdue' ? 1 : 0,
    milestones: status === 'no-deadline' ? [] : [milestone],
    closed: [],
    progress: null,
    lastSeq: 2,
    lastEventAt: '2026-01-05T09:00:00+07:00',
    updatedAt: '2026-01-05T09:00:00+07:00',
  } as unknown as TaskRecord;
}

/** Writes `count` synthetic task records into the projections bucket (the store's write path: one KV key per task). */
export async function seedSyntheticTasks(kv: KV, planId: string, count: number): Promise<string[]> {
  const keys: string[] = [];
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, j) => syntheticTask(planId, start + j));
    await Promise.all(
      batch.map((t) => {
        const key = taskKey(t.workflowId);
        keys.push(key);
        return kv.put(key, JSON.stringify(t));
      }),
    );
  }
  return keys;
}

/** Standalone run against NATS_URL: seeds 10,000 tasks, serves the API in-process, benchmarks, cleans up. */
async function main(): Promise<void> {
  const settings = loadSettings();
  const nats = await connectNats(settings.NATS_URL, 'dondoc-bench');
  await ensureStreams(nats.jsm);
  const kv = await openProjectionsBucket(nats.nc);
  const planId = `bench-${Date.now().toString(36)}`;
  const keys = await seedSyntheticTasks(kv, planId, 10_000);
  const store = await openProjectionStore(nats.nc);
  const token = `bench-admin-${Math.random().toString(36).slice(2)}-token`;
  const app = await buildApp({
    client: new Client(), // lazily connected; GET /tasks never reaches Temporal
    plans: await PlanRegistry.open(nats.nc),
    store,
    js: nats.js,
    tokens: await TokenStore.open(nats.nc, { bootstrapToken: token }),
    calendar: createCalendar(),
    rateLimit: { max: 10_000_000, windowMs: 60_000 },
  });
  try {
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const overdue = store.listTasks({ status: 'overdue' }).length;
    const result = await benchApi(url, token);
    console.log(JSON.stringify({ tasks: store.listTasks().length, overdue, ...result }));
  } finally {
    await app.close();
    await store.close();
    await Promise.all(keys.map((k) => kv.purge(k)));
    await nats.nc.drain();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
