import { AckPolicy, DeliverPolicy, type ConsumerConfig, type JetStreamManager } from '@nats-io/jetstream';
import { EVENTS_STREAM, isNotFound } from '../nats/streams';

/** Creates a durable pull consumer on the events stream, or updates it to this config. Idempotent. */
export async function ensureDurable(
  jsm: JetStreamManager,
  name: string,
  config: Partial<ConsumerConfig> = {},
  stream = EVENTS_STREAM,
): Promise<void> {
  const full: Partial<ConsumerConfig> = {
    durable_name: name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: 30 * 1e9,
    ...config,
  };
  try {
    await jsm.consumers.info(stream, name);
    await jsm.consumers.update(stream, name, full);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await jsm.consumers.add(stream, full);
  }
}

/** Nak delay for the n-th delivery: exponential from `baseMs`, capped at `maxMs`. */
export function backoffMs(deliveryCount: number, baseMs = 250, maxMs = 30_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, deliveryCount - 1));
}
