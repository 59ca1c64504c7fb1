import { z } from 'zod';
import { RecurrenceSchema } from './types';

const Year = z.number().int().min(1900).max(2199);
/** Art. 146: "đầu / giữa / cuối" pick the first, middle or last day of a period; plain mentions mean its end. */
export const AnchorSchema = z.enum(['start', 'middle', 'end']);
export type Anchor = z.infer<typeof AnchorSchema>;

/** A calendar period or day named by the text. `year` is null when the text leaves it to the plan's context. */
export const DatePointSchema = z.discriminatedUnion('unit', [
  z.object({
    unit: z.literal('day'),
    year: Year.nullable(),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
  }),
  z.object({
    unit: z.literal('month'),
    year: Year.nullable(),
    month: z.number().int().min(1).max(12),
    anchor: AnchorSchema,
  }),
  z.object({
    unit: z.literal('quarter'),
    year: Year.nullable(),
    quarter: z.number().int().min(1).max(4),
    anchor: AnchorSchema,
  }),
  z.object({
    unit: z.literal('half'),
    year: Year.nullable(),
    half: z.number().int().min(1).max(2),
    anchor: AnchorSchema,
  }),
  z.object({ unit: z.literal('year'), year: Year.nullable(), anchor: AnchorSchema }),
]);
export type DatePoint = z.infer<typeof DatePointSchema>;

/** A dated milestone before resolution. `before` = "trước …": strictly before the period starts. */
export const MilestoneSpecSchema = z.object({
  label: z.string(),
  point: DatePointSchema,
  before: z.boolean(),
  /** "năm liền kề / năm tiếp theo": the year after the plan's first year, when the text gives no year. */
  yearOffset: z.literal(1).optional(),
});
export type MilestoneSpec = z.infer<typeof MilestoneSpecSchema>;

const base = {
  text: z.string(),
  notes: z.array(z.string()),
  /** Why the reading is only a guess (tentative, cut off, OCR-repaired, …): flagged for review, never certain. */
  review: z.array(z.string()).optional(),
};

/** What a deadline phrase says, independent of any plan: the output of `parseDeadline`. */
export const DeadlineScheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), ...base, milestones: z.array(MilestoneSpecSchema).min(1) }),
  z.object({
    kind: z.literal('recurring'),
    ...base,
    recurrence: RecurrenceSchema,
    /** Only these quarters, e.g. "Theo từng Quý (Quý I, II, III)"; null = every period. */
    quarters: z.array(z.number().int().min(1).max(4)).nullable(),
    /** "… và tổng kết năm": a year-end report besides the periodic ones. */
    yearEndSummary: z.boolean(),
    /** Event that starts the series, when the text names one. */
    trigger: z.string().nullable(),
    /** "… kể từ năm 2027", "Năm 2026 và các năm tiếp theo": the series starts with this period. */
    start: DatePointSchema.nullable().optional(),
    /** "Hằng năm từ quý IV/2026 - 2029": the series ends with this period. */
    end: DatePointSchema.nullable().optional(),
    /** "Trước ngày 15/01/2026 và hàng tháng": a first dated milestone, then the recurrence. */
    first: MilestoneSpecSchema.nullable().optional(),
    /**
     * "Định kỳ 6 tháng … trước ngày 15 tháng 6 và trước ngày 01 tháng 12": the periods fall on these days (no year)
     * each year, not on the periods' last days.
     */
    days: z.array(MilestoneSpecSchema).min(2).optional(),
  }),
  z.object({
    kind: z.literal('relative'),
    ...base,
    trigger: z.string().nullable(),
    workingDays: z.number().int().nonnegative().nullable(),
    calendarDays: z.number().int().nonnegative().nullable(),
    /** "Trong thời hạn 06 tháng kể từ …": Art. 148 month limit (a year counts as 12). */
    months: z.number().int().positive().nullable().optional(),
  }),
  z.object({
    kind: z.literal('ongoing'),
    ...base,
    /** "Triển khai từ năm 2026": the work starts then. */
    start: DatePointSchema.nullable(),
    /** "Thường xuyên, định kỳ hằng quý báo cáo": periodic reports while the work goes on. */
    recurrence: RecurrenceSchema.nullable(),
  }),
  z.object({ kind: z.literal('external'), ...base, reference: z.string() }),
  z.object({ kind: z.literal('unparsed'), ...base }),
]);
export type DeadlineSchedule = z.infer<typeof DeadlineScheduleSchema>;
export type FixedSchedule = Extract<DeadlineSchedule, { kind: 'fixed' }>;
export type RecurringSchedule = Extract<DeadlineSchedule, { kind: 'recurring' }>;
export type RelativeSchedule = Extract<DeadlineSchedule, { kind: 'relative' }>;
export type OngoingSchedule = Extract<DeadlineSchedule, { kind: 'ongoing' }>;
export type ExternalSchedule = Extract<DeadlineSchedule, { kind: 'external' }>;
export type UnparsedSchedule = Extract<DeadlineSchedule, { kind: 'unparsed' }>;
