import { DeliverPolicy, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { parseEvent, type DondocEvent } from '../domain/events/schemas';
import { EVENTS_STREAM } from './streams';

export interface StoredEvent {
  streamSeq: number;
  subject: string;
  event: DondocEvent | null;
  /** Why the message could not be read as an event (unknown version, malformed JSON). */
  error: string | null;
}

/** A stream message read as an event, through the versioned schemas (an unknown version is an error). */
function decode(m: { seq: number; subject: string; json<T>(): T }): StoredEvent {
  let raw: unknown;
  try {
    raw = m.json();
  } catch {
    return { streamSeq: m.seq, subject: m.subject, event: null, error: 'not JSON' };
  }
  const parsed = parseEvent(raw);
  return parsed.ok
    ? { streamSeq: m.seq, subject: m.subject, event: parsed.event, error: null }
    : { streamSeq: m.seq, subject: m.subject, event: null, error: parsed.error.message };
}

/**
 * The message the audit stream holds at `seq` (a duplicate publish is acknowledged with the sequence of the
 * message stored first), read as an event; null if it is gone.
 */
export async function readEventAt(jsm: JetStreamManager, seq: number): Promise<StoredEvent | null> {
  const msg = await jsm.streams.getMessage(EVENTS_STREAM, { seq });
  return msg ? decode(msg) : null;
}

/**
 * Reads every message on `filter` currently in the audit stream, in stream order, with an ordered
 * (ephemeral) consumer. Returns when the consumer reports nothing pending.
 */
export async function readEvents(
  js: JetStreamClient,
  filter: string,
  opts: { batch?: number; startSeq?: number } = {},
): Promise<StoredEvent[]> {
  // On a JetStream cluster a pull on a consumer that was just created can find it not yet serving ("no
  // responders", seen on the R3 cluster of `dondoc up --cluster`): read again from the start with a new consumer.
  for (let attempt = 1; ; attempt++) {
    try {
      return await readEventsOnce(js, filter, opts);
    } catch (err) {
      if (attempt >= 5 || !/no responders/i.test(err instanceof Error ? err.message : String(err))) throw err;
      await new Promise((r) => setTimeout(r, 250 * attempt));
    }
  }
}

async function readEventsOnce(
  js: JetStreamClient,
  filter: string,
  opts: { batch?: number; startSeq?: number },
): Promise<StoredEvent[]> {
  const consumer = await js.consumers.get(EVENTS_STREAM, {
    filter_subjects: [filter],
    ...(opts.startSeq ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: opts.startSeq } : {}),
  });
  const out: StoredEvent[] = [];
  for (;;) {
    const batch = await consumer.fetch({ max_messages: opts.batch ?? 1000, expires: 1000 });
    let last: JsMsg | null = null;
    for await (const m of batch) {
      out.push(decode(m));
      last = m;
      if (m.info.pending === 0) break;
    }
    if (!last || last.info.pending === 0) break;
  }
  await consumer.delete().catch(() => undefined);
  return out;
}

/** Polls the stream until at least `count` events match `filter` (or `predicate`), or the timeout passes. */
export async function waitForEvents(
  js: JetStreamClient,
  filter: string,
  count: number,
  timeoutMs: number,
  predicate: (e: DondocEvent) => boolean = () => true,
): Promise<DondocEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = (await readEvents(js, filter)).flatMap((s) => (s.event && predicate(s.event) ? [s.event] : []));
    if (events.length >= count || Date.now() > deadline) return events;
    await new Promise((r) => setTimeout(r, 200));
  }
}
