import { DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';
import { parseEvent, type DondocEvent } from '../domain/events/schemas';
import { EVENTS_SUBJECT_PREFIX, subjectToken } from '../domain/events/subjects';
import { EVENTS_STREAM } from '../nats/streams';
import { ServiceError } from './errors';
import type { Principal } from './tokens';

/** The JetStream subject filter for a plan and/or unit (either may be a wildcard). */
export function eventsFilter(planId: string | undefined, unitId: string | undefined): string {
  const token = (v: string | undefined) => (v === undefined ? '*' : subjectToken(v));
  return [EVENTS_SUBJECT_PREFIX, token(planId), '*', token(unitId), '*'].join('.');
}

/** One event as it arrives, with its stream sequence (the SSE id a client resumes after). */
export interface LiveEvent {
  seq: number;
  event: DondocEvent;
}

/** New events in order until closed; closing ends the iteration. */
export interface LiveSubscription extends AsyncIterable<LiveEvent> {
  close(): void;
}

/**
 * Live domain events for a principal, what GET /events/stream sends: an ordered JetStream consumer on the
 * events stream, new events only or those after a sequence. A unit token sees only its own unit's events;
 * records that are not valid events are skipped.
 */
export class LiveEvents {
  constructor(private readonly js: JetStreamClient) {}

  async subscribe(
    p: Principal,
    filter: { planId?: string | undefined; unitId?: string | undefined; afterSeq?: number | undefined },
  ): Promise<LiveSubscription> {
    let unitId = filter.unitId;
    if (p.role === 'unit') {
      if (unitId !== undefined && unitId !== p.unitId)
        throw new ServiceError('forbidden', `a unit token sees only unit ${p.unitId}`);
      unitId = p.unitId ?? undefined;
    }
    const consumer = await this.js.consumers.get(EVENTS_STREAM, {
      filter_subjects: [eventsFilter(filter.planId, unitId)],
      ...(filter.afterSeq !== undefined
        ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: filter.afterSeq + 1 }
        : { deliver_policy: DeliverPolicy.New }),
    });
    const messages = await consumer.consume({ max_messages: 256 });
    async function* events(): AsyncGenerator<LiveEvent> {
      for await (const m of messages) {
        let raw: unknown;
        try {
          raw = m.json();
        } catch {
          continue;
        }
        const parsed = parseEvent(raw);
        if (!parsed.ok) continue;
        if (p.role === 'unit' && parsed.event.metadata.unitId !== p.unitId) continue;
        yield { seq: m.seq, event: parsed.event };
      }
    }
    return {
      [Symbol.asyncIterator]: events,
      close: () => void messages.close(),
    };
  }
}
