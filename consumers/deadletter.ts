import { Kvm, type KV } from '@nats-io/kv';
import type { JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

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
  process.stderr.write(`${consumer}: dead-lettered stream seq ${m.seq} (${m.subject}): ${reason}\n`);
  try {
    await kv?.put(`${consumer}.${m.seq}`, JSON.stringify(record));
  } catch (err) {
    process.stderr.write(`${consumer}: could not record dead letter ${m.seq}: ${String(err)}\n`);
  }
  m.term(reason.slice(0, 200));
}
