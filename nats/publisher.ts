import type { JetStreamClient } from '@nats-io/jetstream';
import { eventSubject } from '../domain/events/subjects';
import type { DondocEvent } from '../domain/events/schemas';

export interface PublishOutcome {
  eventId: string;
  seq: number;
  duplicate: boolean;
}

/**
 * Publishes events in order, each with msgID = its eventId (`<workflowId>:<seq>`), so a retried
 * publish is dropped by JetStream's duplicate window instead of being stored twice.
 */
export async function publishEvents(js: JetStreamClient, events: DondocEvent[]): Promise<PublishOutcome[]> {
  const out: PublishOutcome[] = [];
  for (const event of events) {
    const ack = await js.publish(eventSubject(event), JSON.stringify(event), {
      msgID: event.metadata.eventId,
      timeout: 10_000,
    });
    out.push({ eventId: event.metadata.eventId, seq: ack.seq, duplicate: ack.duplicate });
  }
  return out;
}
