import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  DiscardPolicy,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { EVENTS_SUBJECT_PREFIX } from '../domain/events/subjects';

/** The audit stream: every event of every assignment, in order per task. */
export const EVENTS_STREAM = 'DONDOC_EVENTS';
/** The KV bucket holding projections (task read models and unit scorecards). */
export const PROJECTIONS_BUCKET = 'dondoc_projections';

const DAY_NS = 24 * 60 * 60 * 1e9;

/**
 * The audit stream's configuration.
 * - File storage, limits retention, never discarding old events by age (audits reach back years); a size cap
 *   rejects new writes rather than silently dropping history (discard: new). The cap is a setting
 *   (NATS_EVENTS_MAX_BYTES); by default there is none and the server's own store limit (max_file_store,
 *   75% of the free disk unless configured) bounds the stream. A fixed cap larger than the server can reserve
 *   would make the stream impossible to create on a small disk.
 * - A 24-hour duplicate window: activities retry publishes with backoff for as long as NATS is unreachable,
 *   and every retry within a day is deduplicated by its msgID (<workflowId>:<seq>).
 * - Durability: nats-server runs with `sync_interval: always` (fsync before the publish ack); in production
 *   the stream also has 3 replicas. See README "Running at scale".
 */
export function eventsStreamConfig(replicas = 1, maxBytes = -1): Partial<StreamConfig> & { name: string } {
  return {
    name: EVENTS_STREAM,
    description: 'dondoc domain events; derived from Temporal history, rebuildable with `dondoc reconcile`',
    subjects: [`${EVENTS_SUBJECT_PREFIX}.>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.New,
    max_age: 0,
    max_bytes: maxBytes,
    max_msg_size: 1024 * 1024,
    duplicate_window: DAY_NS,
    num_replicas: replicas,
    allow_direct: true,
    deny_delete: false,
    deny_purge: false,
  };
}

export interface NatsHandles {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
}

/** Connects to NATS (retrying while the server starts) and returns JetStream handles. */
export async function connectNats(url: string, name = 'dondoc'): Promise<NatsHandles> {
  const nc = await connect({
    servers: url.split(','),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: true,
  });
  const jsm = await jetstreamManager(nc);
  return { nc, js: jetstream(nc), jsm };
}

/**
 * Creates or updates dondoc's streams so that their configuration matches this code. Idempotent. Returns
 * warnings about a configuration it had to leave as it was (the stream still works).
 */
export async function ensureStreams(jsm: JetStreamManager, replicas = 1, maxBytes = -1): Promise<string[]> {
  const config = eventsStreamConfig(replicas, maxBytes);
  let existing: StreamConfig | undefined;
  try {
    try {
      existing = (await jsm.streams.info(config.name)).config;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    if (existing) await jsm.streams.update(config.name, config);
    else await jsm.streams.add(config);
    return [];
  } catch (err) {
    if (!(errCode(err) === INSUFFICIENT_RESOURCES || /insufficient storage/i.test((err as Error)?.message ?? '')))
      throw err;
    const cap = maxBytes > 0 ? `${maxBytes} bytes (NATS_EVENTS_MAX_BYTES)` : 'no cap (NATS_EVENTS_MAX_BYTES unset)';
    // A stream created with a larger cap than the server can reserve today (less free disk, a smaller
    // max_file_store) refuses every update, even one that lowers or removes the cap. It still stores events.
    const lowering =
      existing !== undefined && existing.max_bytes > 0 && (maxBytes <= 0 || maxBytes < existing.max_bytes);
    if (lowering) {
      return [
        `stream ${config.name} keeps its cap of ${existing!.max_bytes} bytes: NATS refused to change it to ${cap} because ` +
          `that cap already reserves more JetStream storage than the server has. Free disk space or raise max_file_store, ` +
          `then restart to apply it.`,
      ];
    }
    throw new Error(
      `NATS refused stream ${config.name} with ${cap}: the server has not enough JetStream storage to reserve. ` +
        `Lower NATS_EVENTS_MAX_BYTES, or raise the server's jetstream max_file_store / free disk space.`,
      { cause: err },
    );
  }
}

/** JetStream's "insufficient storage resources available" error code. */
const INSUFFICIENT_RESOURCES = 10047;

function errCode(err: unknown): number | undefined {
  return (err as { api_error?: { err_code?: number } } | null)?.api_error?.err_code;
}

export function isNotFound(err: unknown): boolean {
  const e = err as { code?: unknown; message?: string; api_error?: { err_code?: number } } | null;
  return e?.api_error?.err_code === 10059 || /not found/i.test(e?.message ?? '');
}
