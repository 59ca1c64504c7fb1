/** User calendar files: extra days off or extra working days, validated before they reach the calendar. */
import { z } from 'zod';
import { isIsoDate } from './dates';

const IsoDateSchema = z.string().refine(isIsoDate, { message: 'expected a real ISO date YYYY-MM-DD' });

export const CalendarOverrideSchema = z.strictObject({
  date: IsoDateSchema,
  working: z.boolean({ message: 'expected true (working day) or false (day off)' }),
  name: z.string().min(1).optional(),
  source: z.string().min(1).optional(),
});

/** Questions of the calendar that are a choice, not yet law; each defaults to off. */
export const CalendarSettingsSchema = z.strictObject({
  /**
   * Ngày Văn hóa Việt Nam (24/11): proposed as a paid day off, not yet law. true = treat 24/11 of every year as a
   * day off (when it falls on a weekday; no compensatory day, since no law grants one).
   */
  vietnameseCultureDay: z.boolean({ message: 'expected true or false' }).default(false),
});
export type CalendarSettings = z.infer<typeof CalendarSettingsSchema>;

export const CalendarOverridesSchema = z.strictObject({
  days: z.array(CalendarOverrideSchema, { message: 'expected "days" to be an array of day entries' }).default([]),
  settings: CalendarSettingsSchema.optional(),
});

export type CalendarOverride = z.infer<typeof CalendarOverrideSchema>;
export type CalendarOverrides = z.infer<typeof CalendarOverridesSchema>;

/** Validates an already-parsed calendar file; throws a TypeError naming the entry and what was expected. */
export function parseCalendarOverrides(input: unknown): CalendarOverride[] {
  return parseCalendarFile(input).days;
}

/** The whole calendar file: its days and its settings (defaults filled in). */
export function parseCalendarFile(input: unknown): { days: CalendarOverride[]; settings: CalendarSettings } {
  const result = CalendarOverridesSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const path = issue.path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
        .join('');
      const where = path === '' ? 'calendar file' : path.replace(/^days\[(\d+)\]/, 'days[$1] (entry $1)');
      return `${where}: ${issue.message}`;
    });
    throw new TypeError(`invalid calendar overrides: ${problems.join('; ')}`);
  }
  const seen = new Map<string, number>();
  result.data.days.forEach((entry, i) => {
    const first = seen.get(entry.date);
    if (first !== undefined) {
      throw new TypeError(
        `invalid calendar overrides: days[${i}] (entry ${i}): date ${entry.date} already given in days[${first}]`,
      );
    }
    seen.set(entry.date, i);
  });
  return { days: result.data.days, settings: result.data.settings ?? { vietnameseCultureDay: false } };
}
