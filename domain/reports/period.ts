import { DateTime } from 'luxon';
import { z } from 'zod';
import { ZONE } from '../calendar/types';

/** The reporting periods monitoring offices use: month, quarter, half-year and year. */
export const PeriodKindSchema = z.enum(['month', 'quarter', 'half', 'year']);
export type PeriodKind = z.infer<typeof PeriodKindSchema>;

/** A period key: `2022` (year), `2022-H1` (half-year), `2022-Q3` (quarter) or `2022-07` (month). */
export const PeriodKeySchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/, 'expected a period: YYYY, YYYY-H1/H2, YYYY-Q1…Q4 or YYYY-MM');

export interface Period {
  kind: PeriodKind;
  key: string;
  /** First and last civil day of the period (Asia/Ho_Chi_Minh). */
  from: string;
  to: string;
  /** How a Vietnamese report names it: "Quý I năm 2022", "6 tháng đầu năm 2022", "Tháng 3 năm 2022". */
  label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

const lastDay = (year: number, month: number): string =>
  DateTime.fromObject({ year, month, day: 1 }, { zone: ZONE }).endOf('month').toISODate() as string;
const firstDay = (year: number, month: number): string => `${year}-${String(month).padStart(2, '0')}-01`;

/** The period a key names; throws with what was expected when the key is malformed. */
export function parsePeriod(key: string): Period {
  const parsed = PeriodKeySchema.safeParse(key);
  if (!parsed.success) throw new Error(`period "${key}": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const year = Number(key.slice(0, 4));
  const rest = key.slice(5);
  if (rest === '') return { kind: 'year', key, from: `${year}-01-01`, to: `${year}-12-31`, label: `Năm ${year}` };
  if (rest.startsWith('H')) {
    const h = Number(rest.slice(1));
    return {
      kind: 'half',
      key,
      from: firstDay(year, h === 1 ? 1 : 7),
      to: h === 1 ? `${year}-06-30` : `${year}-12-31`,
      label: h === 1 ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`,
    };
  }
  if (rest.startsWith('Q')) {
    const q = Number(rest.slice(1));
    return {
      kind: 'quarter',
      key,
      from: firstDay(year, 3 * q - 2),
      to: lastDay(year, 3 * q),
      label: `Quý ${ROMAN[q - 1]} năm ${year}`,
    };
  }
  const month = Number(rest);
  return {
    kind: 'month',
    key,
    from: firstDay(year, month),
    to: lastDay(year, month),
    label: `Tháng ${month} năm ${year}`,
  };
}

/** The key of the period of `kind` that contains the civil date `date`. */
export function periodKeyOf(kind: PeriodKind, date: string): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  switch (kind) {
    case 'year':
      return year;
    case 'half':
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case 'quarter':
      return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
    case 'month':
      return date.slice(0, 7);
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}

/** Every period of `kind` in a year, in order. */
export function periodsOfYear(kind: PeriodKind, year: number): Period[] {
  const keys: Record<PeriodKind, string[]> = {
    year: [`${year}`],
    half: [`${year}-H1`, `${year}-H2`],
    quarter: [1, 2, 3, 4].map((q) => `${year}-Q${q}`),
    month: Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`),
  };
  return keys[kind].map(parsePeriod);
}

/** The period of `kind` that ended last before `date` (a scheduled report on 1 April reports Q1). */
export function previousPeriod(kind: PeriodKind, date: string): Period {
  const current = parsePeriod(periodKeyOf(kind, date));
  const dayBefore = DateTime.fromISO(current.from, { zone: ZONE }).minus({ days: 1 }).toISODate() as string;
  return parsePeriod(periodKeyOf(kind, dayBefore));
}
