/**
 * Event constants with no schema behind them. Workflow code imports these from here rather than from
 * `schemas.ts`, so that a workflow does not build the zod schemas unless it validates an action
 * (see workflows/validation.ts).
 */

/** Schema version of every event envelope this code writes. Consumers reject versions they do not know. */
export const EVENT_SCHEMA_VERSION = 1;

/** The national reporting statuses of a task, plus cancelled: the one list (TaskStatusSchema is built from it). */
export const TASK_STATUSES = [
  'in-progress',
  'due-soon',
  'overdue',
  'done-on-time',
  'done-late',
  'no-deadline',
  'cancelled',
] as const;

/** The actor of everything the workflow does on its own: timers, reminders, escalations. */
export const SYSTEM_ACTOR = { kind: 'system', id: 'dondoc', role: 'system', unitId: null } as const;
