import { z } from 'zod';

import { EVENT_SCHEMA_VERSION, SYSTEM_ACTOR as SYSTEM, TASK_STATUSES } from './constants';

export { EVENT_SCHEMA_VERSION };

const Instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{2}:\d{2}$/, 'expected an ISO instant with offset');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date');

/** A task's status as monitoring offices report it. */
export const TaskStatusSchema = z.enum(TASK_STATUSES);

/** Who caused an event: the system (timers) or an authenticated person or integration. */
export const ActorSchema = z.object({
  kind: z.enum(['system', 'user']),
  id: z.string(),
  role: z.enum(['system', 'admin', 'monitor', 'unit']),
  unitId: z.string().nullable(),
});
export type Actor = z.infer<typeof ActorSchema>;

export const SYSTEM_ACTOR: Actor = SYSTEM;

export const RecipientSchema = z.object({ unitId: z.string(), title: z.string() });
export type Recipient = z.infer<typeof RecipientSchema>;

/** A milestone as a workflow tracks it: the original nominal/due dates stay; extensions add `extendedDue`. */
export const MilestoneRefSchema = z.object({
  index: z.number().int().nonnegative(),
  label: z.string(),
  kind: z.enum(['deliverable', 'report']),
  nominal: Day,
  due: Day,
  extendedDue: Day.nullable(),
  /**
   * The due date after a calendar change re-projected it (DeadlineReprojected); `due` stays the original, which
   * on-time rates and the report grid count against. Absent until a re-projection.
   */
  reprojectedDue: Day.nullable().optional(),
  /**
   * How a relative deadline's due date was counted: from the day its event happened, so many working or calendar
   * days (Điều 147). A calendar change that adds or gives back a day inside the count re-counts it. Absent on
   * milestones set from the plan's text and on histories from before it was recorded.
   */
  counted: z
    .object({ from: Day, workingDays: z.number().int().nullable(), calendarDays: z.number().int().nullable() })
    .optional(),
});
export type MilestoneRef = z.infer<typeof MilestoneRefSchema>;

export const EventMetadataSchema = z.object({
  /** `<workflowId>:<seq>`: the JetStream msgID, so retried publishes deduplicate. */
  eventId: z.string(),
  workflowId: z.string(),
  planId: z.string(),
  taskRef: z.string(),
  unitId: z.string(),
  seq: z.number().int().positive(),
  at: Instant,
  actor: ActorSchema,
  /** Hash of the task's previous event (GENESIS_HASH for the first). */
  prevHash: z.string().length(64),
  /** sha256(prevHash + canonicalJson(event without hash)). */
  hash: z.string().length(64),
});
export type EventMetadata = z.infer<typeof EventMetadataSchema>;

const ev = <T extends string, D extends z.ZodRawShape>(type: T, data: D) =>
  z.object({
    type: z.literal(type),
    version: z.literal(EVENT_SCHEMA_VERSION),
    data: z.object(data),
    metadata: EventMetadataSchema,
  });

const milestone = { milestone: MilestoneRefSchema };

export const TaskAssignedSchema = ev('TaskAssigned', {
  planTitle: z.string(),
  title: z.string(),
  leadUnit: z.string(),
  supportUnits: z.array(z.string()),
  deadlineText: z.string(),
  deadlineKind: z.string(),
  monitoringUnit: z.string(),
  /** Who reminders and escalations go to; absent on events recorded before the workflow patch state-events-v1. */
  recipients: z
    .object({ lead: z.array(RecipientSchema), head: z.array(RecipientSchema), authority: z.array(RecipientSchema) })
    .optional(),
});
/** The milestones the deadline yields up front (fixed, recurring, ongoing report dates). */
export const MilestonesPlannedSchema = ev('MilestonesPlanned', { milestones: z.array(MilestoneRefSchema) });
export const DeadlineScheduledSchema = ev('DeadlineScheduled', {
  ...milestone,
  reminders: z.array(Instant),
  missedAt: Instant,
  escalations: z.array(z.object({ level: z.number().int().positive(), at: Instant })),
});
export const ReminderSentSchema = ev('ReminderSent', {
  ...milestone,
  workingDaysBefore: z.number().int().nonnegative(),
  to: z.array(RecipientSchema),
});
export const DeadlineMissedSchema = ev('DeadlineMissed', { ...milestone });
export const TaskEscalatedSchema = ev('TaskEscalated', {
  ...milestone,
  level: z.number().int().positive(),
  workingDaysAfter: z.number().int().positive(),
  to: z.array(RecipientSchema),
});
export const ProgressReportedSchema = ev('ProgressReported', {
  milestone: MilestoneRefSchema.nullable(),
  percent: z.number().min(0).max(100),
  note: z.string(),
  evidence: z.array(z.string()),
});
export const ResultSubmittedSchema = ev('ResultSubmitted', {
  ...milestone,
  note: z.string(),
  evidence: z.array(z.string()),
});
export const CompletionApprovedSchema = ev('CompletionApproved', { ...milestone, note: z.string() });
export const CompletionRejectedSchema = ev('CompletionRejected', { ...milestone, reason: z.string() });
export const ExtensionRequestedSchema = ev('ExtensionRequested', {
  ...milestone,
  requestedDue: Day,
  reason: z.string(),
});
export const ExtensionGrantedSchema = ev('ExtensionGranted', {
  ...milestone,
  originalDue: Day,
  newDue: Day,
  note: z.string(),
});
/**
 * A calendar change (a new day off, an announced swap) moved an open milestone's due date: `from` and `to` are
 * its effective due dates before and after, `reason` names the day that changed and `rule` the legal rule that
 * moves the date; `calendarVersion` identifies the calendar it was re-projected on.
 */
export const DeadlineReprojectedSchema = ev('DeadlineReprojected', {
  ...milestone,
  from: Day,
  to: Day,
  reason: z.string(),
  rule: z.string(),
  calendarVersion: z.string(),
});
export const ExtensionDeniedSchema = ev('ExtensionDenied', { ...milestone, reason: z.string() });
export const TriggerReceivedSchema = ev('TriggerReceived', { occurredOn: Day, note: z.string() });
/** A received trigger turned into a due date (the DeadlineScheduled that follows), or found to give none. */
export const TriggerConsumedSchema = ev('TriggerConsumed', { occurredOn: Day });
export const DueDateSetSchema = ev('DueDateSet', { ...milestone, note: z.string() });
export const TaskReassignedSchema = ev('TaskReassigned', {
  fromUnit: z.string(),
  toUnit: z.string(),
  reason: z.string(),
  /** Who reminders and level-1 escalations go to from now on; absent before state-events-v1. */
  recipients: z.object({ lead: z.array(RecipientSchema), head: z.array(RecipientSchema) }).optional(),
});
export const TaskCancelledSchema = ev('TaskCancelled', { reason: z.string() });
/**
 * "Yêu cầu giải trình": the supervising authority asks the lead unit for a written explanation of a late
 * milestone, to be answered by `dueBy`. Recorded by the escalation policy's explanation step (the system, for
 * the monitoring unit `by`) or by a monitor's RequestExplanation.
 */
export const ExplanationRequestedSchema = ev('ExplanationRequested', {
  ...milestone,
  /** The unit that asks (the monitoring unit, or the requesting monitor's unit). */
  by: z.string(),
  reason: z.string(),
  dueBy: Day,
  /** Working days after the due date, when the policy's step asked; null when a monitor asked. */
  workingDaysLate: z.number().int().positive().nullable(),
  to: z.array(RecipientSchema),
});
/** The lead unit's written explanation, in answer to the pending ExplanationRequested. */
export const ExplanationSubmittedSchema = ev('ExplanationSubmitted', {
  ...milestone,
  by: z.string(),
  text: z.string(),
  attachments: z.array(z.string()),
  /** Answered by the request's `dueBy` (24:00). */
  onTime: z.boolean(),
});
/** A monitor's reminder sent on demand (one assignment, or many through a bulk remind); it changes no state. */
export const ManualReminderSentSchema = ev('ManualReminderSent', {
  milestone: MilestoneRefSchema.nullable(),
  note: z.string(),
  to: z.array(RecipientSchema),
});
/** Why an action is refused; the API answers 403 / 409 / 400. */
export const RefusalCodeSchema = z.enum(['forbidden', 'conflict', 'invalid']);
export type RefusalCode = z.infer<typeof RefusalCodeSchema>;
/** A refused action, in the one form it keeps from the decider to the HTTP status. */
export interface Refusal {
  code: RefusalCode;
  message: string;
}

/** A human action the workflow refused; it changes nothing but stays in the audit trail (who tried what, and why not). */
export const ActionRefusedSchema = ev('ActionRefused', {
  command: z.string(),
  reason: RefusalCodeSchema,
  message: z.string(),
});
export const TaskCompletedSchema = ev('TaskCompleted', {
  ...milestone,
  onTime: z.boolean(),
  /** Against the original due date, ignoring extensions, so on-time figures stay honest. */
  onTimeOriginal: z.boolean(),
  submittedAt: Instant,
});

/** The assignment has nothing left to follow: every milestone closed, or the plan period ended. */
export const AssignmentClosedSchema = ev('AssignmentClosed', {
  reason: z.enum(['milestones-closed', 'period-ended']),
});

/**
 * Every event of an assignment. Add a new event here and in `evolve` (domain/events/assignment.ts); its type
 * then reaches EVENT_TYPES, the subjects, the projections and the dashboard.
 */
export const DondocEventSchema = z.discriminatedUnion('type', [
  TaskAssignedSchema,
  DeadlineScheduledSchema,
  ReminderSentSchema,
  DeadlineMissedSchema,
  TaskEscalatedSchema,
  ProgressReportedSchema,
  ResultSubmittedSchema,
  CompletionApprovedSchema,
  CompletionRejectedSchema,
  ExtensionRequestedSchema,
  ExtensionGrantedSchema,
  ExtensionDeniedSchema,
  TriggerReceivedSchema,
  DueDateSetSchema,
  TaskReassignedSchema,
  TaskCancelledSchema,
  TaskCompletedSchema,
  ActionRefusedSchema,
  MilestonesPlannedSchema,
  TriggerConsumedSchema,
  AssignmentClosedSchema,
  ExplanationRequestedSchema,
  ExplanationSubmittedSchema,
  ManualReminderSentSchema,
  DeadlineReprojectedSchema,
]);
export type DondocEvent = z.infer<typeof DondocEventSchema>;
export type EventType = DondocEvent['type'];
export const EVENT_TYPES = DondocEventSchema.options.map((o) => o.shape.type.value) as EventType[];

/** An event as a workflow builds it, before it is sealed with its sequence number and hash. */
export type DraftEvent = { [T in DondocEvent as T['type']]: { type: T['type']; data: T['data'] } }[EventType];

export class UnknownEventVersionError extends Error {
  constructor(
    readonly version: unknown,
    readonly eventId: unknown,
  ) {
    super(
      `event ${String(eventId)} has schema version ${String(version)}; this consumer knows version ${EVENT_SCHEMA_VERSION}`,
    );
    this.name = 'UnknownEventVersionError';
  }
}

/**
 * Validates an event read from the stream. An unknown schema version is rejected loudly
 * (UnknownEventVersionError) instead of being half-understood.
 */
export function parseEvent(raw: unknown): { ok: true; event: DondocEvent } | { ok: false; error: Error } {
  const version = (raw as { version?: unknown } | null)?.version;
  if (version !== EVENT_SCHEMA_VERSION) {
    const id = (raw as { metadata?: { eventId?: unknown } } | null)?.metadata?.eventId;
    return { ok: false, error: new UnknownEventVersionError(version, id) };
  }
  const parsed = DondocEventSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      error: new Error(
        `malformed event: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      ),
    };
  }
  return { ok: true, event: parsed.data };
}
