import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { parseEvent, type DondocEvent } from '../domain/events/schemas';
import { EVENTS_SUBJECT_PREFIX } from '../domain/events/subjects';
import { backoffMs, ensureDurable } from '../consumers/durable';
import { deadLetter, openDeadLetters } from '../consumers/deadletter';
import { EVENTS_STREAM } from '../nats/streams';
import { taskKey } from './keys';
import { foldEvent, type TaskRecord } from './model';
import { openProjectionsBucket } from './store';
import { logger } from '../config/logger';

/** The live projector's durable consumer on DONDOC_EVENTS. */
export const PROJECTOR_CONSUMER = 'dondoc-projector';

export interface ProjectorOptions {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** Durable consumer name (default `dondoc-projector`). */
  durableName?: string;
  /** Subject filter (default every event). */
  filter?: string;
  /** Target bucket (default `dondoc_projections`); tests and rebuild comparisons use another. */
  bucket?: string;
  /** Tasks folded at once (default 256). Events of one task are always folded one batch at a time, in order. */
  concurrency?: number;
  replicas?: number;
  /** How long a delivered message may stay unacknowledged before redelivery (default 30 s). */
  ackWaitMs?: number;
  /** Messages per pull (default 4096): large pulls let a catch-up fold several events of a task in one write. */
  batch?: number;
}

export interface ProjectorStats {
  applied: number;
  duplicates: number;
  gaps: number;
  conflicts: number;
  poison: number;
  transientErrors: number;
}

export interface Projector {
  readonly name: string;
  readonly stats: ProjectorStats;
  /** Stops pulling, finishes the batches in flight (acking them), and returns. */
  stop(): Promise<void>;
}

interface Item {
  m: JsMsg;
  event: DondocEvent;
}

interface Cached {
  record: TaskRecord;
  revision: number;
}

const CACHE_LIMIT = 20_000;
const CAS_RETRIES = 5;

function isWrongSequence(err: unknown): boolean {
  const e = err as { message?: string; api_error?: { err_code?: number } } | null;
  return e?.api_error?.err_code === 10071 || /wrong last sequence|key exists/i.test(e?.message ?? '');
}

/**
 * Starts the projector: a durable JetStream consumer (explicit acks) that folds every task's events into
 * its KV record with CAS writes, so redeliveries and concurrent projector instances never count twice.
 */
export async function startProjector(opts: ProjectorOptions): Promise<Projector> {
  const name = opts.durableName ?? PROJECTOR_CONSUMER;
  const concurrency = opts.concurrency ?? 256;
  const kv = await openProjectionsBucket(opts.nc, opts.replicas ?? 1, opts.bucket);
  const dlq = await openDeadLetters(opts.nc, opts.replicas ?? 1);
  await ensureDurable(opts.jsm, name, {
    filter_subject: opts.filter ?? `${EVENTS_SUBJECT_PREFIX}.>`,
    max_ack_pending: Math.max(1024, (opts.batch ?? 4096) * 2),
    // A gap (an event missing until reconcile republishes it) waits with backoff, never gets dropped.
    max_deliver: -1,
    ack_wait: (opts.ackWaitMs ?? 30_000) * 1e6,
  });
  const consumer = await opts.js.consumers.get(EVENTS_STREAM, name);
  const stats: ProjectorStats = { applied: 0, duplicates: 0, gaps: 0, conflicts: 0, poison: 0, transientErrors: 0 };
  const cache = new Map<string, Cached>();
  const pending = new Map<string, Item[]>();
  const readyKeys: string[] = [];
  const running = new Set<string>();
  let slotFreed: (() => void) | null = null;
  const inFlight = new Set<Promise<void>>();

  const remember = (key: string, c: Cached) => {
    cache.delete(key);
    cache.set(key, c);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  };

  async function load(key: string): Promise<Cached | null> {
    const hit = cache.get(key);
    if (hit) return hit;
    const e = await kv.get(key);
    if (!e || e.operation !== 'PUT') return null;
    return { record: e.json<TaskRecord>(), revision: e.revision };
  }

  /** Folds one task's batch and writes it with CAS; returns what to do with each message. */
  async function project(key: string, items: Item[]): Promise<void> {
    items.sort((a, b) => a.event.metadata.seq - b.event.metadata.seq);
    for (let attempt = 0; ; attempt++) {
      const current = await load(key);
      let record = current?.record ?? null;
      const acks: JsMsg[] = [];
      const waits: JsMsg[] = [];
      let changed = false;
      const now = new Date().toISOString();
      for (const it of items) {
        const r = foldEvent(record, it.event, now);
        if (r.applied) {
          record = r.record;
          changed = true;
          acks.push(it.m);
        } else if (r.reason === 'duplicate') {
          stats.duplicates++;
          acks.push(it.m);
        } else if (r.reason === 'gap') {
          waits.push(it.m);
        } else {
          stats.poison++;
          await deadLetter(
            dlq,
            name,
            it.m,
            `event ${it.event.metadata.eventId} (${it.event.type}) precedes its TaskAssigned`,
          );
        }
      }
      if (changed && record) {
        try {
          const json = JSON.stringify(record);
          const revision = current ? await kv.update(key, json, current.revision) : await kv.create(key, json);
          remember(key, { record, revision });
          stats.applied += acks.length;
        } catch (err) {
          cache.delete(key);
          if (isWrongSequence(err) && attempt < CAS_RETRIES) {
            stats.conflicts++;
            continue; // another projector instance wrote first: reload and fold again
          }
          throw err;
        }
      }
      for (const m of acks) m.ack();
      for (const m of waits) {
        stats.gaps++;
        m.nak(backoffMs(m.info.deliveryCount, 200, 10_000));
      }
      return;
    }
  }

  function startNext(): void {
    while (running.size < concurrency && readyKeys.length > 0) {
      const key = readyKeys.shift() as string;
      if (running.has(key)) continue;
      running.add(key);
      const p = (async () => {
        for (;;) {
          const items = pending.get(key);
          if (!items || items.length === 0) break;
          pending.delete(key);
          try {
            await project(key, items);
          } catch (err) {
            stats.transientErrors++;
            logger(name).warn({ err, key }, `${key}: retrying`);
            for (const it of items) it.m.nak(backoffMs(it.m.info.deliveryCount));
          }
        }
        pending.delete(key);
        running.delete(key);
      })();
      inFlight.add(p);
      void p.finally(() => {
        inFlight.delete(p);
        slotFreed?.();
        startNext();
      });
    }
  }

  function enqueue(item: Item): void {
    const key = taskKey(item.event.metadata.workflowId);
    const list = pending.get(key);
    if (list) list.push(item);
    else {
      pending.set(key, [item]);
      if (!running.has(key)) readyKeys.push(key);
    }
    startNext();
  }

  let messages: ConsumerMessages | null = await consumer.consume({ max_messages: opts.batch ?? 4096 });
  const loop = (async () => {
    for await (const m of messages as ConsumerMessages) {
      let raw: unknown;
      try {
        raw = m.json();
      } catch {
        stats.poison++;
        await deadLetter(dlq, name, m, 'not JSON');
        continue;
      }
      const parsed = parseEvent(raw);
      if (!parsed.ok) {
        stats.poison++;
        await deadLetter(dlq, name, m, parsed.error.message);
        continue;
      }
      enqueue({ m, event: parsed.event });
      // Cap the work in memory: wait for a slot when every worker is busy and work is queued.
      while (running.size >= concurrency && readyKeys.length > concurrency * 4) {
        await new Promise<void>((r) => (slotFreed = r));
      }
    }
  })();

  return {
    name,
    stats,
    async stop() {
      const msgs = messages;
      messages = null;
      if (msgs) await msgs.close().catch(() => undefined);
      await loop.catch(() => undefined);
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
