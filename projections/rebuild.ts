import type { KV } from '@nats-io/kv';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { EVENTS_STREAM } from '../nats/streams';
import { TASK_KEY_PREFIX } from './keys';
import { startProjector, type ProjectorStats } from './projector';
import { openProjectionsBucket } from './store';

export interface RebuildOptions {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** Target bucket (default the live projections bucket). */
  bucket?: string;
  /** Subject filter (default every event). */
  filter?: string;
  replicas?: number;
  timeoutMs?: number;
  onProgress?: (delivered: number, pending: number) => void;
}

export interface RebuildReport {
  purged: number;
  tasks: number;
  stats: ProjectorStats;
  ms: number;
}

async function openBucket(o: RebuildOptions): Promise<KV> {
  return await openProjectionsBucket(o.nc, o.replicas ?? 1, o.bucket);
}

/** Purges every task record of a projections bucket (watchers see each purge); returns how many. */
export async function purgeTaskRecords(kv: KV, concurrency = 64): Promise<number> {
  const keys: string[] = [];
  for await (const k of await kv.keys(`${TASK_KEY_PREFIX}>`)) keys.push(k);
  let next = 0;
  const worker = async () => {
    while (next < keys.length) await kv.purge(keys[next++] as string);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
  return keys.length;
}

/**
 * Rebuilds projections from zero: purges the bucket, replays the whole stream through a fresh durable
 * consumer until it has nothing pending or unacknowledged, then deletes that consumer. A live projector may
 * keep running meanwhile: CAS writes and seq checks make both converge on the same records.
 */
export async function rebuildProjections(o: RebuildOptions): Promise<RebuildReport> {
  const started = Date.now();
  const kv = await openBucket(o);
  const purged = await purgeTaskRecords(kv);
  const durableName = `dondoc-projector-rebuild-${Date.now().toString(36)}`;
  const projector = await startProjector({ ...o, durableName });
  const deadline = Date.now() + (o.timeoutMs ?? 10 * 60_000);
  try {
    for (;;) {
      const info = await o.jsm.consumers.info(EVENTS_STREAM, durableName);
      o.onProgress?.(info.delivered.stream_seq, info.num_pending);
      if (info.num_pending === 0 && info.num_ack_pending === 0) break;
      if (Date.now() > deadline) {
        throw new Error(
          `rebuild did not finish in time: ${info.num_pending} pending, ${info.num_ack_pending} unacknowledged (a gap in a task's events?)`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await projector.stop();
    await o.jsm.consumers.delete(EVENTS_STREAM, durableName).catch(() => undefined);
  }
  let tasks = 0;
  for await (const _ of await kv.keys(`${TASK_KEY_PREFIX}>`)) tasks++;
  return { purged, tasks, stats: projector.stats, ms: Date.now() - started };
}
