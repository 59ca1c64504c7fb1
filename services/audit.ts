import type { JetStreamClient } from '@nats-io/jetstream';
import type { DondocEvent } from '../domain/events/schemas';
import { verifyChain } from '../domain/events/seal';
import { EVENTS_SUBJECT_PREFIX, subjectToken } from '../domain/events/subjects';
import { readEvents, type StoredEvent } from '../nats/read';

export interface AuditBreak {
  workflowId: string;
  seq: number;
  eventId: string;
  streamSeq: number | null;
  problem: string;
}

export interface AuditReport {
  planId: string | null;
  tasks: number;
  events: number;
  breaks: AuditBreak[];
  /** Messages that are not readable events at all (stream sequence, subject, why). */
  unreadable: { streamSeq: number; subject: string; error: string }[];
}

/** A task's events from the stream with their stream sequence, ordered by event seq (stream order on ties). */
export interface StoredTaskEvent {
  streamSeq: number;
  event: DondocEvent;
}

function planFilter(planId?: string): string {
  return planId ? `${EVENTS_SUBJECT_PREFIX}.${subjectToken(planId)}.>` : `${EVENTS_SUBJECT_PREFIX}.>`;
}

/**
 * Groups stored events per workflow. Within a task they are ordered by their own seq: `reconcile` appends
 * republished events at the end of the stream, and the chain (seq + prevHash) is what proves the order.
 */
function byTask(stored: StoredEvent[], planId?: string): Map<string, StoredTaskEvent[]> {
  const tasks = new Map<string, StoredTaskEvent[]>();
  for (const s of stored) {
    if (!s.event || (planId && s.event.metadata.planId !== planId)) continue;
    const list = tasks.get(s.event.metadata.workflowId) ?? [];
    list.push({ streamSeq: s.streamSeq, event: s.event });
    tasks.set(s.event.metadata.workflowId, list);
  }
  for (const list of tasks.values())
    list.sort((a, b) => a.event.metadata.seq - b.event.metadata.seq || a.streamSeq - b.streamSeq);
  return tasks;
}

/** Reads every task's events from the stream and checks each hash chain (gaps, duplicates, tampering). */
export async function verifyAudit(js: JetStreamClient, opts: { planId?: string } = {}): Promise<AuditReport> {
  const stored = await readEvents(js, planFilter(opts.planId));
  const tasks = byTask(stored, opts.planId);
  const breaks: AuditBreak[] = [];
  let events = 0;
  for (const [workflowId, list] of tasks) {
    events += list.length;
    const streamSeqOf = new Map(list.map((l) => [l.event.metadata.eventId, l.streamSeq]));
    for (const b of verifyChain(list.map((l) => l.event))) {
      breaks.push({
        workflowId,
        seq: b.seq,
        eventId: b.eventId,
        streamSeq: streamSeqOf.get(b.eventId) ?? null,
        problem: b.problem,
      });
    }
  }
  const unreadable = stored.flatMap((s) =>
    s.event ? [] : [{ streamSeq: s.streamSeq, subject: s.subject, error: s.error ?? 'unreadable' }],
  );
  return { planId: opts.planId ?? null, tasks: tasks.size, events, breaks, unreadable };
}

/** The plan id inside a deterministic assignment workflow id (`assignment:<plan>:<task>:<unit>`), if any. */
export function planOfWorkflowId(workflowId: string): string | null {
  const parts = workflowId.split(':');
  return parts[0] === 'assignment' && parts.length >= 4 ? (parts[1] ?? null) : null;
}

/** One task's events from the stream, in order. */
export async function taskHistory(js: JetStreamClient, workflowId: string): Promise<StoredTaskEvent[]> {
  const planId = planOfWorkflowId(workflowId) ?? undefined;
  const stored = await readEvents(js, planFilter(planId));
  return byTask(stored).get(workflowId) ?? [];
}

/** Every task's stored events of a plan (or of the whole stream), keyed by workflow id. */
export async function storedEventsByTask(
  js: JetStreamClient,
  planId?: string,
): Promise<Map<string, StoredTaskEvent[]>> {
  return byTask(await readEvents(js, planFilter(planId)), planId);
}
