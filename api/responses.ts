import { z } from 'zod';
import type { AssignmentState, ExplanationRecord, Occurrence } from '../domain/events/assignment';
import type { TaskProjection } from '../projections/model';
import { TASK_STATUSES } from '../domain/events/constants';
import {
  ActorSchema,
  DondocEventSchema,
  MilestoneRefSchema,
  RecipientSchema,
  TaskStatusSchema,
} from '../domain/events/schemas';
import { ImportWarningSchema, PlanHeaderSchema, PlanSchema } from '../domain/plans/model';
import { GridDimensionSchema } from '../domain/reports/grid';
import { LineStatusSchema } from '../domain/reports/lines';
import { ParRuleSchema } from '../domain/reports/par-index';
import { PeriodKindSchema } from '../domain/reports/period';
import { ReportScheduleSpecSchema } from '../domain/reports/schedule';
import { ActionNameSchema } from '../services/tasks';

/**
 * The bodies the API answers with, built from the domain schemas, so the OpenAPI document shows them and the
 * compiler checks each handler's result against its schema (fastify-type-provider-zod types the reply).
 * Read models that are TypeScript interfaces (TaskProjection, AssignmentState) list every key (`satisfies`).
 */

const Day = z.string().describe('ISO civil date YYYY-MM-DD (Asia/Ho_Chi_Minh)');
const Rate = z.number().nullable();

/** The error body of every 4xx/5xx answer (api/http.ts errorBody). */
export const ErrorResponse = z.looseObject({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
});

const Outcome = z.enum(['on-time', 'late', 'missed']);
const Progress = z.object({ percent: z.number(), note: z.string(), at: z.string() }).nullable();

/** A task's read model (projections/model.ts TaskProjection). */
export const TaskProjectionResponse = z.object({
  workflowId: z.string(),
  planId: z.string(),
  taskRef: z.string(),
  unitId: z.string(),
  title: z.string(),
  planTitle: z.string(),
  status: TaskStatusSchema,
  deadlineKind: z.string(),
  deadlineText: z.string(),
  nextDue: Day.nullable(),
  escalationLevel: z.number().int(),
  milestones: z.array(MilestoneRefSchema),
  closed: z.array(
    z.object({
      index: z.number().int(),
      label: z.string(),
      due: Day,
      effectiveDue: Day,
      outcome: Outcome,
      onTimeOriginal: z.boolean(),
      unitId: z.string(),
    }),
  ),
  progress: Progress,
  schedule: z
    .object({
      milestoneIndex: z.number().int(),
      due: Day,
      reminders: z.array(z.string()),
      escalations: z.array(z.object({ level: z.number().int(), at: z.string() })),
    })
    .nullable()
    .optional()
    .describe('the reminder and escalation instants scheduled for the open milestone (DeadlineScheduled)'),
  lastSeq: z.number().int(),
  lastEventAt: z.string(),
  updatedAt: z.string(),
} satisfies Record<keyof TaskProjection, z.ZodType>);

export const TaskListResponse = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  tasks: z.array(TaskProjectionResponse),
});

const Recipients = z.array(RecipientSchema);

/** A unit's answer to an explanation request, as the task view and the report ledger show it. */
export const ExplanationAnswerResponse = z.object({
  at: z.string(),
  by: z.string(),
  text: z.string(),
  attachments: z.array(z.string()),
  onTime: z.boolean(),
});

/** The workflow's state (domain/events/assignment.ts AssignmentState); `satisfies` keeps every key listed. */
export const AssignmentStateResponse = z.object({
  lifecycle: z.enum(['active', 'cancelled', 'completed']),
  leadUnit: z.string(),
  recipients: z.object({ lead: Recipients, head: Recipients, authority: Recipients }),
  kind: z.string(),
  milestones: z.array(MilestoneRefSchema),
  current: z
    .object({
      milestone: MilestoneRefSchema,
      status: z.enum(['open', 'submitted', 'done']),
      missed: z.boolean(),
      escalationLevel: z.number().int(),
      remindersSent: z.array(z.number()),
      submittedAt: z.string().nullable(),
      pendingExtension: z.object({ requestedDue: z.string(), reason: z.string(), requestedBy: z.string() }).nullable(),
    } satisfies Record<keyof Occurrence, z.ZodType>)
    .nullable(),
  closed: z.array(
    z.object({ index: z.number().int(), label: z.string(), due: Day, outcome: Outcome, onTimeOriginal: z.boolean() }),
  ),
  progress: Progress,
  pendingTriggers: z.array(Day),
  explanations: z
    .array(
      z.object({
        milestone: MilestoneRefSchema,
        requestedAt: z.string(),
        by: z.string(),
        reason: z.string(),
        dueBy: z.string(),
        answer: ExplanationAnswerResponse.nullable(),
      } satisfies Record<keyof ExplanationRecord, z.ZodType>),
    )
    .optional(),
} satisfies Record<keyof AssignmentState, z.ZodType>);

/** GET /tasks/:id (services/tasks.ts TaskDetails plus the deadline's explanation). */
export const TaskDetailsResponse = z.looseObject({
  workflowId: z.string(),
  source: z.enum(['workflow', 'projection']),
  planId: z.string(),
  taskRef: z.string(),
  unitId: z.string(),
  title: z.string(),
  status: z.string(),
  nextDue: Day.nullable(),
  escalationLevel: z.number().int(),
  deadlineText: z.string(),
  deadlineKind: z.string(),
  state: AssignmentStateResponse.nullable().describe("the workflow's full state; null when read from the projection"),
  projection: TaskProjectionResponse.nullable(),
  allowedActions: z.array(ActionNameSchema),
  explanation: z.unknown().describe('how the due date was derived from the deadline text'),
});

// Loose: the first variant an event's data matches would otherwise strip the keys it does not name (an
// ExplanationSubmitted's text matched DeadlineMissed's `{milestone}` and lost everything else).
const EventData = z.union(DondocEventSchema.options.map((o) => o.shape.data.loose()));

/** GET /tasks/:id/history: the stream's events with their hashes and the chain check. */
export const TaskHistoryResponse = z.object({
  workflowId: z.string(),
  events: z.array(
    z.object({
      streamSeq: z.number().int(),
      seq: z.number().int(),
      type: z.enum(DondocEventSchema.options.map((o) => o.shape.type.value)),
      at: z.string(),
      actor: ActorSchema,
      data: EventData,
      prevHash: z.string(),
      hash: z.string(),
    }),
  ),
  chainBreaks: z.array(z.object({ seq: z.number().int(), eventId: z.string(), problem: z.string() })),
});

/** POST /tasks/:id/actions/:action: the events the command recorded and the status after them. */
export const ActionResponse = z.object({
  accepted: z.literal(true),
  events: z.array(z.object({ eventId: z.string(), type: z.string() })),
  status: TaskStatusSchema,
});

const ByStatus = z.object(
  Object.fromEntries(TASK_STATUSES.map((s) => [s, z.number().int()])) as Record<
    (typeof TASK_STATUSES)[number],
    z.ZodNumber
  >,
);

export const PlanSummaryResponse = z.object({
  planId: z.string(),
  planTitle: z.string().nullable(),
  tasks: z.number().int(),
  byStatus: ByStatus,
  closedMilestones: z.number().int(),
  onTimeRate: Rate,
  onTimeRateOriginal: Rate,
});

/** services/planning.ts PlanReview: what an import read, for a person to check. */
export const PlanReviewResponse = z.object({
  plan: PlanHeaderSchema,
  tasks: z.number().int(),
  assignments: z.number().int(),
  warnings: z.array(ImportWarningSchema),
  unresolvedLeads: z.array(z.string()),
  unparsedDeadlines: z.array(z.string()),
  tasksWithoutLead: z.array(z.string()),
});

export const ImportResponse = z.object({ saved: z.boolean(), review: PlanReviewResponse });

export const PlanListResponse = z.object({
  plans: z.array(
    z.looseObject({
      id: z.string(),
      title: z.string(),
      summary: PlanSummaryResponse,
    }),
  ),
});

export const PlanResponse = z.object({
  plan: PlanSchema,
  review: PlanReviewResponse,
  summary: PlanSummaryResponse,
});

export const StartResponse = z.object({
  planId: z.string(),
  assignments: z.number().int(),
  started: z.number().int(),
  alreadyRunning: z.number().int(),
});

const Period = z.object({ kind: PeriodKindSchema, key: z.string(), from: Day, to: Day, label: z.string() });
const GridRow = z.object({
  key: z.string(),
  label: z.string(),
  total: z.number().int(),
  counts: z.record(LineStatusSchema, z.number().int()),
  lines: z.record(LineStatusSchema, z.array(z.string())),
  extended: z.number().int(),
  onTimeRate: Rate,
  completionRate: Rate,
});

export const ReportLineResponse = z.object({
  id: z.string(),
  workflowId: z.string(),
  planId: z.string(),
  taskRef: z.string(),
  title: z.string(),
  unitId: z.string(),
  supportUnits: z.array(z.string()),
  monitoringUnit: z.string(),
  deadlineText: z.string(),
  milestoneLabel: z.string().nullable(),
  nominal: Day.nullable(),
  due: Day.nullable(),
  extendedDue: Day.nullable(),
  status: LineStatusSchema,
  completedOn: Day.nullable(),
  daysLate: z.number().int().nullable(),
  evidence: z.array(z.string()),
  note: z.string().nullable(),
  explanations: z.array(
    z.object({
      requestedAt: z.string(),
      requestedBy: z.string(),
      reason: z.string(),
      dueBy: Day,
      answer: ExplanationAnswerResponse.nullable(),
    }),
  ),
});

export const GridResponse = z.object({
  period: Period,
  asOf: z.string(),
  grid: z.object({ dimension: GridDimensionSchema, rows: z.array(GridRow), total: GridRow }),
  lines: z.array(ReportLineResponse),
});

const ScoredTask = z.object({
  planId: z.string(),
  taskRef: z.string(),
  title: z.string(),
  lines: z.number().int(),
  done: z.boolean(),
  dueSoFar: z.boolean(),
});

export const ScoreResponse = z
  .object({
    rule: ParRuleSchema.pick({ id: true, criterion: true, source: true, verified: true, maxPoints: true }),
    year: z.number().int(),
    asOf: z.string(),
    tasks: z.number().int(),
    completed: z.number().int(),
    share: Rate,
    points: z.number(),
    band: z.string(),
    dueSoFar: z.number().int(),
    completedOfDueSoFar: z.number().int(),
    shareOfDueSoFar: Rate,
    pointsOfDueSoFar: z.number(),
    open: z.array(ScoredTask),
    withoutDeadline: z.array(z.object({ planId: z.string(), taskRef: z.string(), title: z.string() })),
  })
  .nullable()
  .describe('null when no plan has a task in the year');

/** A period-end report Schedule on Temporal (services/report-schedules.ts ReportScheduleView). */
export const ReportScheduleResponse = z.object({
  scheduleId: z.string(),
  spec: ReportScheduleSpecSchema.nullable().describe('null when the schedule memo is not a dondoc report spec'),
  paused: z.boolean(),
  nextActionTimes: z.array(z.string()),
  recentActions: z.array(z.object({ scheduledAt: z.string(), takenAt: z.string(), workflowId: z.string() })),
});
export const ReportScheduleListResponse = z.object({ schedules: z.array(ReportScheduleResponse) });

/** The text/event-stream of GET /events/stream: one DondocEvent per message. */
export const EventStreamResponse = {
  description: 'Server-Sent Events; each `data:` line is one event (DondocEvent)',
  content: { 'text/event-stream': { schema: DondocEventSchema } },
};

/** The answers every authenticated route may give besides its success body (api/http.ts toErrorResponse). */
export const ERROR_RESPONSES = {
  400: ErrorResponse.describe('invalid request or refused command (invalid)'),
  401: ErrorResponse.describe('missing or unknown bearer token'),
  403: ErrorResponse.describe('not allowed for this token, or a forbidden command'),
  404: ErrorResponse.describe('not found or not visible to this token'),
  409: ErrorResponse.describe('conflict with the current state'),
};
