import type { JetStreamClient } from '@nats-io/jetstream';
import type { Client } from '@temporalio/client';
import type { DondocEvent } from '../domain/events/schemas';
import { eventSubject } from '../domain/events/subjects';
import { taskHistoryQuery } from '../workflows/messages';
import { storedEventsByTask, planOfWorkflowId } from './audit';

export interface ReconcileOptions {
  client: Client;
  js: JetStreamClient;
  planId?: string;
  /** Visibility query listing assignment workflows (default `WorkflowType='assignmentWorkflow'`). */
  query?: string;
  /** Explicit workflow ids instead of listing (for servers without visibility queries). */
  workflowIds?: string[];
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ReconcileReport {
  workflows: number;
  /** Events in the workflows' own logs. */
  events: number;
  /** Of those, already on the stream. */
  present: number;
  /** Missing events republished. */
  republished: number;
  /** Workflows whose history could not be queried (no worker, or gone). */
  failed: { workflowId: string; error: string }[];
  repaired: { workflowId: string; eventIds: string[] }[];
  /**
   * Events the stream holds in another version than the workflow's log (same eventId, another hash): history
   * and stream disagree. Republishing cannot fix that (the stream is append-only and keeps the first version);
   * it is reported for an operator. It should never happen: see appendEvents in activities/index.ts.
   */
  diverged: { workflowId: string; eventIds: string[] }[];
}

/** Lists assignment workflow ids through Temporal visibility, newest runs deduplicated. */
export async function listAssignmentWorkflowIds(
  client: Client,
  query = "WorkflowType='assignmentWorkflow'",
  planId?: string,
): Promise<string[]> {
  const ids = new Set<string>();
  for await (const wf of client.workflow.list({ query })) {
    if (planId && planOfWorkflowId(wf.workflowId) !== planId) continue;
    ids.add(wf.workflowId);
  }
  return [...ids].sort();
}

/**
 * Republishes one missing event. The first try uses msgID = eventId, like the activity; a message deleted
 * from the stream keeps its msgID in the 24 h duplicate window, so when JetStream answers "duplicate" for
 * an event that is not there, a deterministic repair id (`<eventId>:r<n>`) gets it stored. Concurrent
 * reconcilers use the same ids and still deduplicate.
 */
async function republish(js: JetStreamClient, event: DondocEvent): Promise<void> {
  const body = JSON.stringify(event);
  for (let n = 0; n <= 5; n++) {
    const msgID = n === 0 ? event.metadata.eventId : `${event.metadata.eventId}:r${n}`;
    const ack = await js.publish(eventSubject(event), body, { msgID, timeout: 10_000 });
    if (!ack.duplicate) return;
  }
  throw new Error(`${event.metadata.eventId}: every repair id is still in the duplicate window`);
}

/**
 * Compares each assignment workflow's own event log (taskHistoryQuery: the current run's events) with the
 * stream, by eventId, and republishes what the stream lacks; reports events stored in another version
 * (`diverged`). Idempotent: a second run finds nothing missing. Earlier runs' events are not carried into later
 * runs (domain/process/carry.ts): a run continues as new only once the stream has acknowledged all of them.
 */
export async function reconcile(o: ReconcileOptions): Promise<ReconcileReport> {
  const ids = o.workflowIds ?? (await listAssignmentWorkflowIds(o.client, o.query, o.planId));
  const stored = await storedEventsByTask(o.js, o.planId);
  const report: ReconcileReport = {
    workflows: ids.length,
    events: 0,
    present: 0,
    republished: 0,
    failed: [],
    repaired: [],
    diverged: [],
  };
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < ids.length) {
      const workflowId = ids[next++] as string;
      try {
        const history = await o.client.workflow.getHandle(workflowId).query(taskHistoryQuery);
        const onStream = new Map((stored.get(workflowId) ?? []).map((s) => [s.event.metadata.eventId, s.event]));
        const missing = history.filter((e) => !onStream.has(e.metadata.eventId));
        const diverged = history.filter((e) => {
          const s = onStream.get(e.metadata.eventId);
          return s !== undefined && s.metadata.hash !== e.metadata.hash;
        });
        if (diverged.length > 0)
          report.diverged.push({ workflowId, eventIds: diverged.map((e) => e.metadata.eventId) });
        report.events += history.length;
        report.present += history.length - missing.length;
        for (const e of missing) await republish(o.js, e);
        if (missing.length > 0) {
          report.republished += missing.length;
          report.repaired.push({ workflowId, eventIds: missing.map((e) => e.metadata.eventId) });
        }
      } catch (err) {
        report.failed.push({ workflowId, error: err instanceof Error ? err.message : String(err) });
      }
      o.onProgress?.(++done, ids.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency ?? 16, ids.length) }, worker));
  report.repaired.sort((a, b) => a.workflowId.localeCompare(b.workflowId));
  report.diverged.sort((a, b) => a.workflowId.localeCompare(b.workflowId));
  return report;
}
