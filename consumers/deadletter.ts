import { Kvm, type KV } from '@nats-io/kv';
import type { JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { logger } from '../config/logger';

/** KV bucket of messages a consumer terminated (poison): one record per consumer and stream sequence. */
export const DEADLETTER_BUCKET = 'dondoc_deadletter';

export interface DeadLetter {
  consumer: string;
  streamSeq: number;
  subject: string;
  reason: string;
  at: string;
  /** The start of the raw payload, for a human to look at. */
  payload: string;
}

/** Opens (creating if needed) the dead-letter bucket. */
export async function openDeadLetters(nc: NatsConnection, replicas = 1): Promise<KV> {
  return await new Kvm(nc).create(DEADLETTER_BUCKET, { history: 1, replicas });
}

/**
 * Terminates a poison message so it is never redelivered, after recording it where people look: the
 * dead-letter bucket (key `<consumer>.<streamSeq>`) and one line on stderr with the stream sequence.
 */
export async function deadLetter(kv: KV | null, consumer: string, m: JsMsg, reason: string): Promise<void> {
  const record: DeadLetter = {
    consumer,
    streamSeq: m.seq,
    subject: m.subject,
    reason,
    at: new Date().toISOString(),
    payload: m.string().slice(0, 4096),
  };
  logger(consumer).warn(`dead-lettered stream seq ${m.seq} (${m.subject}): ${reason}`);
  try {
    await kv?.put(`${consumer}.${m.seq}`, JSON.stringify(record));
  } catch (err) {
    logger(consumer).error({ err }, `could not record dead letter ${m.seq}`);
  }
  m.term(reason.slice(0, 200));
}
