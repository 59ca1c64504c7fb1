import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AssignmentState, TaskStatus } from '../domain/events/assignment';
import type { ActionRequest, CommandType } from '../domain/events/commands';
import type { DondocEvent, Refusal } from '../domain/events/schemas';

/** The task queue dondoc's worker polls. */
export const TASK_QUEUE = 'dondoc';

/**
 * What an action update answers. A refusal is returned, not thrown: it is recorded in the workflow's history
 * (who tried what, and why it was refused), and the Java time-skipping test server — used by the tests and by
 * `dondoc simulate` — loses updates that fail on an idle workflow ("update … not found").
 * The refusal is the decider's own (domain/events/deciders.ts); `executeAction` (services/actions.ts) turns it
 * into a ServiceError of the same code, which the API answers 403 / 409 / 400.
 */
export type ActionResult =
  | { accepted: true; events: { eventId: string; type: string }[]; status: TaskStatus }
  | { accepted: false; refusal: Refusal };

export interface TaskView {
  workflowId: string;
  planId: string;
  taskRef: string;
  unitId: string;
  title: string;
  status: TaskStatus;
  leadUnit: string;
  nextDue: string | null;
  escalationLevel: number;
  deadlineText: string;
  deadlineKind: string;
  state: AssignmentState;
}

/** One update per human action; each takes `{ command, actor }` and answers whether it was accepted. */
export const actionUpdates: Record<CommandType, ReturnType<typeof defineUpdate<ActionResult, [ActionRequest]>>> = {
  ReportProgress: defineUpdate<ActionResult, [ActionRequest]>('reportProgress'),
  SubmitResult: defineUpdate<ActionResult, [ActionRequest]>('submitResult'),
  ApproveCompletion: defineUpdate<ActionResult, [ActionRequest]>('approveCompletion'),
  RejectCompletion: defineUpdate<ActionResult, [ActionRequest]>('rejectCompletion'),
  RequestExtension: defineUpdate<ActionResult, [ActionRequest]>('requestExtension'),
  DecideExtension: defineUpdate<ActionResult, [ActionRequest]>('decideExtension'),
  Trigger: defineUpdate<ActionResult, [ActionRequest]>('trigger'),
  SetDueDate: defineUpdate<ActionResult, [ActionRequest]>('setDueDate'),
  Reassign: defineUpdate<ActionResult, [ActionRequest]>('reassign'),
  Cancel: defineUpdate<ActionResult, [ActionRequest]>('cancel'),
  RequestExplanation: defineUpdate<ActionResult, [ActionRequest]>('requestExplanation'),
  SubmitExplanation: defineUpdate<ActionResult, [ActionRequest]>('submitExplanation'),
  Remind: defineUpdate<ActionResult, [ActionRequest]>('remind'),
  Reproject: defineUpdate<ActionResult, [ActionRequest]>('reproject'),
};

export const taskStateQuery = defineQuery<TaskView>('taskState');
/** The current run's events; earlier runs' events are on the stream (services/tasks.ts#history reads it). */
export const taskHistoryQuery = defineQuery<DondocEvent[]>('taskHistory');
