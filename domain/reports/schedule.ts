import { DateTime } from 'luxon';
import { z } from 'zod';
import { ZONE } from '../calendar/types';
import { previousPeriod, type Period, type PeriodKind } from './period';

/**
 * Scheduled period-end reports: what a schedule reports on, when it fires, and which period a firing reports.
 * Pure: the workflow, the activities, the CLI and the API derive everything from here.
 */

/** How often a schedule reports, as the CLI and the API spell it. */
export const ReportEverySchema = z.enum(['month', 'quarter', 'half-year', 'year']);
export type ReportEvery = z.infer<typeof ReportEverySchema>;

export const PERIOD_KIND_OF: Record<ReportEvery, PeriodKind> = {
  month: 'month',
  quarter: 'quarter',
  'half-year': 'half',
  year: 'year',
};

const Id = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected an id (letters, digits, . _ -)');

/** What a scheduled report covers: some plans by id, or every plan an issuing body issued. */
export const ReportScopeSchema = z.union([
  z.object({ plans: z.array(Id).min(1).max(50) }).strict(),
  z.object({ issuer: z.string().trim().min(2).max(300) }).strict(),
]);
export type ReportScope = z.infer<typeof ReportScopeSchema>;

/** Where a scheduled report goes besides the monitoring unit (unit ids of the channels file). */
export const ReportScheduleSpecSchema = z.object({
  every: ReportEverySchema,
  scope: ReportScopeSchema,
  /** Extra recipient units; the plans' monitoring unit always receives the report. */
  recipients: z.array(Id).max(50).default([]),
});
export type ReportScheduleSpec = z.infer<typeof ReportScheduleSpecSchema>;

/** The input of the schedule's workflow: the spec plus the schedule's id (for the event's msgID). */
export const ScheduledReportInputSchema = ReportScheduleSpecSchema.extend({
  scheduleId: z.string().min(1).max(300),
  /** The firing instant when no ScheduledStartTime search attribute is set (a manual start); ISO-8601. */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type ScheduledReportInput = z.infer<typeof ScheduledReportInputSchema>;

/** A subject/workflow-id-safe token: `plans-<a>+<b>` or `issuer-<slug>` (accents folded). */
export function scopeToken(scope: ReportScope): string {
  const slug = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || '_';
  return 'plans' in scope ? `plans-${[...scope.plans].sort().map(slug).join('+')}` : `issuer-${slug(scope.issuer)}`;
}

/** The schedule's id: one schedule per frequency and scope. */
export function reportScheduleId(every: ReportEvery, scope: ReportScope): string {
  return `report-${every}-${scopeToken(scope)}`;
}

/** The period report's workflow id; its reuse policy refuses a second run of the same scope and period. */
export function periodReportWorkflowId(scope: ReportScope, periodKey: string): string {
  return `report-${scopeToken(scope)}-${periodKey}`;
}

/** The `ReportGenerated` message id: the schedule and the period, so a retry or a second firing is deduplicated. */
export function reportGeneratedMsgId(scheduleId: string, periodKey: string): string {
  return `${scheduleId}:${periodKey}`;
}

/** The months a schedule fires in: the first month of every period of its kind. */
export const FIRING_MONTHS: Record<ReportEvery, number[]> = {
  month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  quarter: [1, 4, 7, 10],
  'half-year': [1, 7],
  year: [1],
};

/** When a schedule fires: 00:05 Asia/Ho_Chi_Minh on the first day of the next period. */
export const FIRE_AT = { dayOfMonth: 1, hour: 0, minute: 5 } as const;

/** The periods a firing at `at` reports: the period of the schedule's kind that ended last before that day. */
export function periodEndedBefore(every: ReportEvery, at: Date | string): Period {
  const dt = typeof at === 'string' ? DateTime.fromISO(at, { zone: ZONE }) : DateTime.fromJSDate(at, { zone: ZONE });
  if (!dt.isValid) throw new Error(`scheduled time "${String(at)}": expected an ISO-8601 instant`);
  return previousPeriod(PERIOD_KIND_OF[every], dt.setZone(ZONE).toISODate() as string);
}

/** The report's date for a firing at `at`: the civil day of the firing (events up to the period's end count). */
export function reportDateOf(at: Date | string): string {
  const dt = typeof at === 'string' ? DateTime.fromISO(at, { zone: ZONE }) : DateTime.fromJSDate(at, { zone: ZONE });
  return dt.setZone(ZONE).toISODate() as string;
}

/** One file a period report wrote. */
export const ReportFileRefSchema = z.object({
  format: z.enum(['xlsx', 'docx', 'csv']),
  name: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Where it is stored: a path under DONDOC_DATA_DIR/reports. */
  path: z.string(),
});
export type ReportFileRef = z.infer<typeof ReportFileRefSchema>;

/** One delivery of a period report to a recipient unit's channel. */
export const ReportDeliverySchema = z.object({
  unitId: z.string(),
  channel: z.enum(['webhook', 'email']),
  target: z.string(),
  status: z.enum(['delivered', 'already-delivered', 'failed']),
  error: z.string().nullable(),
});
export type ReportDelivery = z.infer<typeof ReportDeliverySchema>;

/** `ReportGenerated`: a scheduled report was built, stored and sent. One per schedule and period on DONDOC_REPORTS. */
export const ReportGeneratedSchema = z.object({
  type: z.literal('ReportGenerated'),
  scheduleId: z.string(),
  workflowId: z.string(),
  scope: ReportScopeSchema,
  period: z.object({ kind: z.string(), key: z.string(), from: z.string(), to: z.string(), label: z.string() }),
  asOf: z.string(),
  scheduledAt: z.string(),
  plans: z.array(z.string()),
  lines: z.number().int().nonnegative(),
  files: z.array(ReportFileRefSchema),
  deliveries: z.array(ReportDeliverySchema),
  /** When the report was built (the activity's clock). */
  at: z.string(),
});
export type ReportGenerated = z.infer<typeof ReportGeneratedSchema>;
