import { z } from 'zod';
import { ActorSchema, RecipientSchema } from './schemas';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD');
const Text = (max: number) => z.string().trim().max(max);
const Evidence = z.array(z.string().trim().min(1).max(2000)).max(50).default([]);

/** The human actions on an assignment. Each is one workflow update; `type` names the command. */
export const ReportProgressSchema = z.object({
  type: z.literal('ReportProgress'),
  percent: z.number().min(0).max(100),
  note: Text(4000).default(''),
  evidence: Evidence,
});
export const SubmitResultSchema = z.object({
  type: z.literal('SubmitResult'),
  note: Text(4000).default(''),
  evidence: Evidence,
});
export const ApproveCompletionSchema = z.object({ type: z.literal('ApproveCompletion'), note: Text(4000).default('') });
export const RejectCompletionSchema = z.object({ type: z.literal('RejectCompletion'), reason: Text(4000).min(1) });
export const RequestExtensionSchema = z.object({
  type: z.literal('RequestExtension'),
  requestedDue: Day,
  reason: Text(4000).min(1),
});
export const DecideExtensionSchema = z.object({
  type: z.literal('DecideExtension'),
  approve: z.boolean(),
  /** Defaults to the requested date when approving. */
  newDue: Day.optional(),
  note: Text(4000).default(''),
});
export const TriggerSchema = z.object({ type: z.literal('Trigger'), occurredOn: Day, note: Text(4000).default('') });
export const SetDueDateSchema = z.object({
  type: z.literal('SetDueDate'),
  due: Day,
  label: Text(500).optional(),
  note: Text(4000).default(''),
});
export const ReassignSchema = z.object({
  type: z.literal('Reassign'),
  toUnit: z.string().min(1).max(200),
  reason: Text(4000).min(1),
  /** Who reminders and level-1 escalations go to from now on (resolved by the caller from the directory). */
  lead: z.array(RecipientSchema).min(1),
  head: z.array(RecipientSchema).min(1),
});
/** One milestone's move by a calendar change, as `reprojectMilestones` (domain/deadlines/reproject.ts) finds it. */
export const DeadlineMoveSchema = z.object({
  milestone: z.number().int().nonnegative(),
  from: Day,
  to: Day,
  reason: Text(1000).min(1),
  rule: Text(1000).min(1),
});
export type DeadlineMoveInput = z.infer<typeof DeadlineMoveSchema>;
/** The monitoring unit re-projects open milestones onto a changed calendar (`dondoc calendar reproject`). */
export const ReprojectSchema = z.object({
  type: z.literal('Reproject'),
  calendarVersion: z.string().trim().min(1).max(200),
  moves: z.array(DeadlineMoveSchema).max(1000),
});
export const CancelSchema = z.object({ type: z.literal('Cancel'), reason: Text(4000).min(1) });

/** A monitor asks the lead unit of a late milestone for a written explanation, due by `dueBy`. */
export const RequestExplanationSchema = z.object({
  type: z.literal('RequestExplanation'),
  reason: Text(4000).min(1),
  dueBy: Day,
});
/** The lead unit's written explanation, answering the pending request. */
export const SubmitExplanationSchema = z.object({
  type: z.literal('SubmitExplanation'),
  text: Text(20000).min(1),
  attachments: Evidence,
});
/** A monitor reminds the lead unit now (ManualReminderSent). */
export const RemindSchema = z.object({ type: z.literal('Remind'), note: Text(4000).default('') });

export const CommandSchema = z.discriminatedUnion('type', [
  ReportProgressSchema,
  SubmitResultSchema,
  ApproveCompletionSchema,
  RejectCompletionSchema,
  RequestExtensionSchema,
  DecideExtensionSchema,
  TriggerSchema,
  SetDueDateSchema,
  ReassignSchema,
  CancelSchema,
  RequestExplanationSchema,
  SubmitExplanationSchema,
  RemindSchema,
  ReprojectSchema,
]);
export type Command = z.infer<typeof CommandSchema>;
export type CommandInput = z.input<typeof CommandSchema>;
export type CommandType = Command['type'];

/** A command with who sent it; the workflow update's single argument. */
export const ActionRequestSchema = z.object({ command: CommandSchema, actor: ActorSchema });
export type ActionRequest = z.infer<typeof ActionRequestSchema>;
