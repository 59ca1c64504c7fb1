import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';

/**
 * The workflow's clock for what it records: the start time of the current workflow task.
 *
 * `Date.now()` in a workflow is the time of the current activation. Within one workflow task, an activation
 * that resolves a local activity runs at a later time when the workflow first executes (the SDK advances the
 * clock by the local activity's duration) than when it replays (measured by the worker-kill fault test: 3 to
 * 5 ms apart). An event sealed after a local activity (DeadlineScheduled, after the calendar computations) would
 * then carry another time, and so another hash, when an evicted or crashed workflow is replayed: its log would
 * no longer match the stream, and its next event would break the stream's hash chain.
 *
 * The first activation of a workflow task carries the task's start time (its WorkflowTaskStarted event), the
 * same in execution and replay; a task is recognised by its history length. The workflow seals events and
 * decides with this time (workflows/assignment.ts).
 */
let current: { historyLength: number; ms: number } | undefined;

/** Registered through worker/tuning.ts (WORKFLOW_INTERCEPTOR_MODULES): sees every activation first. */
export const interceptors: WorkflowInterceptorsFactory = () => ({
  internals: [
    {
      activate(input, next) {
        const historyLength = input.activation.historyLength ?? 0;
        if (current?.historyLength !== historyLength) current = { historyLength, ms: Date.now() };
        return next(input);
      },
    },
  ],
});

/** Start of the current workflow task, in epoch ms (the activation's time if no activation was seen). */
export function taskStartMs(): number {
  return current?.ms ?? Date.now();
}
