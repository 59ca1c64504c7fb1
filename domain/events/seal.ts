import { canonicalJson, GENESIS_HASH, sha256Hex } from './hash';
import { EVENT_SCHEMA_VERSION } from './constants';
import type { Actor, DondocEvent, DraftEvent } from './schemas';

export interface StreamPosition {
  workflowId: string;
  planId: string;
  taskRef: string;
  unitId: string;
  /** Sequence of the last sealed event (0 before the first). */
  seq: number;
  /** Hash of the last sealed event (GENESIS_HASH before the first). */
  lastHash: string;
}

/** Hash of an event's content, chained to the previous event's hash. */
export function eventHash(
  event: Omit<DondocEvent, 'metadata'> & { metadata: Omit<DondocEvent['metadata'], 'hash'> },
): string {
  return sha256Hex(event.metadata.prevHash + canonicalJson(event));
}

/** Gives a draft event its sequence number, time, actor and place in the task's hash chain. */
export function sealEvent(draft: DraftEvent, pos: StreamPosition, at: string, actor: Actor): DondocEvent {
  const seq = pos.seq + 1;
  const unsealed = {
    type: draft.type,
    version: EVENT_SCHEMA_VERSION,
    data: draft.data,
    metadata: {
      eventId: `${pos.workflowId}:${seq}`,
      workflowId: pos.workflowId,
      planId: pos.planId,
      taskRef: pos.taskRef,
      unitId: pos.unitId,
      seq,
      at,
      actor,
      prevHash: pos.lastHash,
    },
  };
  return withHash(unsealed as Parameters<typeof eventHash>[0]);
}

/** An unsealed event with its hash added. */
function withHash(unsealed: Parameters<typeof eventHash>[0]): DondocEvent {
  const hash = eventHash(unsealed);
  return { ...unsealed, metadata: { ...unsealed.metadata, hash } } as DondocEvent;
}

/** Whether an event's hash is still the hash of its content and its prevHash: false once it was altered. */
export function hashMatches(event: DondocEvent): boolean {
  const { hash, ...rest } = event.metadata;
  return eventHash({ ...event, metadata: rest } as Parameters<typeof eventHash>[0]) === hash;
}

/**
 * The same event placed after another hash: what a sealed event becomes when the event before it turned out to be
 * stored in another version (see appendEvents in activities/index.ts). Its content and time are unchanged.
 */
export function rechain(event: DondocEvent, prevHash: string): DondocEvent {
  if (event.metadata.prevHash === prevHash) return event;
  const { hash: _old, ...metadata } = event.metadata;
  return withHash({ ...event, metadata: { ...metadata, prevHash } } as Parameters<typeof eventHash>[0]);
}

export type ChainBreak = { seq: number; eventId: string; problem: string };

/** Checks one task's events, in stream order, for gaps, reordering and tampering. */
export function verifyChain(events: DondocEvent[]): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of events) {
    if (e.metadata.seq !== expectedSeq) {
      breaks.push({
        seq: e.metadata.seq,
        eventId: e.metadata.eventId,
        problem: `expected seq ${expectedSeq}, found ${e.metadata.seq}`,
      });
    }
    if (e.metadata.prevHash !== prev) {
      breaks.push({
        seq: e.metadata.seq,
        eventId: e.metadata.eventId,
        problem: 'prevHash does not match the previous event',
      });
    }
    if (!hashMatches(e)) {
      breaks.push({
        seq: e.metadata.seq,
        eventId: e.metadata.eventId,
        problem: 'content does not match its hash (altered)',
      });
    }
    prev = e.metadata.hash;
    expectedSeq = e.metadata.seq + 1;
  }
  return breaks;
}

export { GENESIS_HASH };
