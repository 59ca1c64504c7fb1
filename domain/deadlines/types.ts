import { z } from 'zod';

export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD');

export const DeadlineKindSchema = z.enum(['fixed', 'recurring', 'relative', 'ongoing', 'external', 'unparsed']);
export type DeadlineKind = z.infer<typeof DeadlineKindSchema>;

/** One concrete milestone: `nominal` is the last day the text allows, `due` is after Art. 148's roll-forward. */
export const MilestoneSchema = z.object({
  label: z.string(),
  nominal: IsoDateSchema,
  due: IsoDateSchema,
});
export type Milestone = z.infer<typeof MilestoneSchema>;

/** How a recurring or periodically-reported task repeats. */
export const RecurrenceSchema = z.object({
  every: z.enum(['week', 'month', 'quarter', 'half-year', 'year']),
  /** e.g. 2 for "2 tháng/lần" */
  interval: z.number().int().positive(),
  /**
   * Day within the period when the text fixes one (e.g. "trước ngày 20 hằng tháng"), else null = end of period.
   * For weeks it is the ISO weekday (1 = thứ Hai … 7 = Chủ nhật); null = the week's end, Sunday.
   */
  dayOfPeriod: z.number().int().positive().nullable(),
  /** Month of year for yearly rules such as "Tháng 12 hằng năm", else null. */
  month: z.number().int().min(1).max(12).nullable(),
  /** Free description of the rule, in the text's words. */
  description: z.string(),
});
export type Recurrence = z.infer<typeof RecurrenceSchema>;

/**
 * A deadline resolved against a plan's context. This is also the JSON contract of
 * `dondoc deadline parse --json` and the `deadline` of each imported task.
 */
export const ResolvedDeadlineSchema = z.object({
  text: z.string(),
  kind: DeadlineKindSchema,
  milestones: z.array(MilestoneSchema),
  recurrence: RecurrenceSchema.nullable(),
  /** The event's text for relative deadlines. */
  trigger: z.string().nullable(),
  workingDays: z.number().int().nonnegative().nullable(),
  calendarDays: z.number().int().nonnegative().nullable(),
  /** Start date for work or a series that starts later ("Triển khai từ năm 2026", "… kể từ năm 2027"). */
  start: IsoDateSchema.nullable(),
  /** Months of a relative limit ("Trong thời hạn 06 tháng kể từ …"); absent in deadlines read before it existed. */
  months: z.number().int().positive().nullable().optional(),
  /** false when the reading is only a guess and must be reviewed; absent (= true) in older deadlines. */
  certain: z.boolean().optional(),
  /** Why the reading is a guess, in Vietnamese; null when it is certain. */
  review: z.array(z.string()).nullable().optional(),
  /** Reasons (for unparsed), assumptions made, OCR repairs applied. */
  notes: z.array(z.string()).nullable(),
});
export type ResolvedDeadline = z.infer<typeof ResolvedDeadlineSchema>;

/** The plan context a schedule is resolved against. */
export interface DeadlineContext {
  /** The plan's issue date. */
  issued: string;
  /** The end of the plan period; recurring schedules expand up to it. */
  until: string;
  /** The start of the plan period; defaults to `issued`. */
  from?: string;
}
