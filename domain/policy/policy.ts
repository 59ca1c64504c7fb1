import { DateTime } from 'luxon';
import { z } from 'zod';
import { ZONE, type IsoDate, type WorkingCalendar } from '../calendar/types';

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24h)');

/** Where an escalation goes: the head of the lead unit, or the monitoring unit and the issuing authority's head. */
export const EscalationTargetSchema = z.enum(['lead-head', 'monitoring-and-authority']);

export const EscalationStepSchema = z.object({
  level: z.number().int().positive(),
  workingDaysAfter: z.number().int().positive(),
  to: EscalationTargetSchema,
});

/**
 * "Yêu cầu giải trình" as an escalation step: `workingDaysAfter` working days after a missed due date (by default
 * with the level-2 escalation), the monitoring unit asks the lead unit and its head for a written explanation,
 * to be given within `answerWithinWorkingDays` working days.
 */
export const ExplanationStepSchema = z.object({
  workingDaysAfter: z.number().int().positive().default(5),
  answerWithinWorkingDays: z.number().int().positive().default(5),
  reason: z.string().trim().min(1).max(4000).default('Chậm thực hiện nhiệm vụ so với thời hạn được giao'),
});

/**
 * The reminder and escalation policy. The default follows the monitoring offices' practice:
 * reminders at 09:00 on the 5th and the 1st working day before the due date and on the due date;
 * a milestone not done by 24:00 of its due date is missed (Civil Code Art. 148);
 * level 1 goes to the lead unit's head on the 1st working day after, level 2 to the monitoring unit and
 * the issuing authority's head on the 5th.
 */
export const PolicySchema = z.object({
  reminderTime: TimeOfDay.default('09:00'),
  /** Working days before the due date; 0 means on the due date itself. */
  remindWorkingDaysBefore: z.array(z.number().int().nonnegative()).default([5, 1, 0]),
  escalationTime: TimeOfDay.default('09:00'),
  escalations: z.array(EscalationStepSchema).default([
    { level: 1, workingDaysAfter: 1, to: 'lead-head' },
    { level: 2, workingDaysAfter: 5, to: 'monitoring-and-authority' },
  ]),
  /**
   * The explanation step; off (null) unless a plan or task policy turns it on, e.g. `explanation: {}` for the
   * defaults, so plans imported before it keep their timelines.
   */
  explanation: ExplanationStepSchema.nullable().default(null),
  /** How often ongoing ("Thường xuyên") tasks are asked for a progress report. */
  ongoingReportEvery: z.enum(['month', 'quarter', 'half-year', 'year']).default('quarter'),
});
export type Policy = z.infer<typeof PolicySchema>;
export type PolicyOverride = Partial<z.input<typeof PolicySchema>>;

export const DEFAULT_POLICY: Policy = PolicySchema.parse({});

/** Applies plan-level, then task-level overrides to a base policy; later overrides win field by field. */
export function mergePolicy(base: Policy, ...overrides: (PolicyOverride | undefined | null)[]): Policy {
  let merged: Record<string, unknown> = { ...base };
  for (const o of overrides)
    if (o) merged = { ...merged, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) };
  return PolicySchema.parse(merged);
}

export interface TimelineReminder {
  at: string;
  workingDaysBefore: number;
}
export interface TimelineEscalation {
  at: string;
  level: number;
  workingDaysAfter: number;
  to: z.infer<typeof EscalationTargetSchema>;
}
/** The instants at which a milestone's reminders, miss and escalations fall, as ISO strings with +07:00. */
export interface MilestoneTimeline {
  due: IsoDate;
  reminders: TimelineReminder[];
  /** 24:00 local of the due date: the first instant the milestone counts as missed. */
  missedAt: string;
  escalations: TimelineEscalation[];
  /**
   * When the explanation is asked for and by when it is due; null when the policy has no explanation step,
   * absent from timelines recorded before the step existed.
   */
  explanation?: { at: string; workingDaysAfter: number; dueBy: IsoDate; reason: string } | null;
}

function at(date: IsoDate, time: string): string {
  const [h, m] = time.split(':').map(Number);
  return DateTime.fromISO(date, { zone: ZONE })
    .set({ hour: h ?? 0, minute: m ?? 0, second: 0, millisecond: 0 })
    .toISO({ suppressMilliseconds: true }) as string;
}

/** Computes a milestone's reminder, miss and escalation instants on the working calendar. */
export function milestoneTimeline(due: IsoDate, policy: Policy, calendar: WorkingCalendar): MilestoneTimeline {
  const reminders = [...new Set(policy.remindWorkingDaysBefore)]
    .sort((a, b) => b - a)
    .map((n) => ({
      at: at(n === 0 ? due : calendar.addWorkingDays(due, -n), policy.reminderTime),
      workingDaysBefore: n,
    }));
  const missedAt = DateTime.fromISO(due, { zone: ZONE })
    .plus({ days: 1 })
    .toISO({ suppressMilliseconds: true }) as string;
  const escalations = [...policy.escalations]
    .sort((a, b) => a.level - b.level)
    .map((e) => ({
      at: at(calendar.addWorkingDays(due, e.workingDaysAfter), policy.escalationTime),
      level: e.level,
      workingDaysAfter: e.workingDaysAfter,
      to: e.to,
    }));
  const step = policy.explanation ?? null;
  const askedOn = step ? calendar.addWorkingDays(due, step.workingDaysAfter) : null;
  const explanation =
    step && askedOn
      ? {
          at: at(askedOn, policy.escalationTime),
          workingDaysAfter: step.workingDaysAfter,
          dueBy: calendar.addWorkingDays(askedOn, step.answerWithinWorkingDays),
          reason: step.reason,
        }
      : null;
  return { due, reminders, missedAt, escalations, explanation };
}

const PERIOD_MONTHS = { month: 1, quarter: 3, 'half-year': 6, year: 12 } as const;
const PERIOD_LABEL = {
  month: 'Báo cáo tháng',
  quarter: 'Báo cáo quý',
  'half-year': 'Báo cáo 6 tháng',
  year: 'Báo cáo năm',
} as const;

/**
 * The progress-report milestones of an ongoing task: the last day of each reporting period
 * (calendar months, quarters, halves or years) between the task's start and the end of the plan period.
 */
export function reportMilestones(
  every: Policy['ongoingReportEvery'],
  period: { from: IsoDate; to: IsoDate },
  start: IsoDate | null,
  calendar: WorkingCalendar,
): { label: string; nominal: IsoDate; due: IsoDate }[] {
  const months = PERIOD_MONTHS[every];
  const from = DateTime.fromISO(start && start > period.from ? start : period.from, { zone: ZONE });
  const to = DateTime.fromISO(period.to, { zone: ZONE });
  if (!from.isValid || !to.isValid || from > to) return [];
  const out: { label: string; nominal: IsoDate; due: IsoDate }[] = [];
  // Periods are aligned to the calendar year: quarter ends 31/3, 30/6, 30/9, 31/12.
  let end = from.startOf('year').plus({ months }).minus({ days: 1 });
  while (end < from) end = end.plus({ days: 1 }).plus({ months }).minus({ days: 1 });
  for (let guard = 0; end <= to && guard < 1000; guard++) {
    const nominal = end.toISODate() as string;
    const label = `${PERIOD_LABEL[every]} (${end.toFormat('MM/yyyy')})`;
    out.push({ label, nominal, due: calendar.rollForward(nominal) });
    end = end.plus({ days: 1 }).plus({ months }).minus({ days: 1 });
  }
  return out;
}
