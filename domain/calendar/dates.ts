import type { IsoDate } from './types';

/**
 * Civil dates as integer day numbers (days since 1970-01-01). Pure integer arithmetic keeps the hot
 * paths (isWorkingDay, addWorkingDays) free of object allocation.
 */
export type EpochDay = number;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
export function epochDayOf(year: number, month: number, day: number): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number. */
export function civilOf(epochDay: EpochDay): { year: number; month: number; day: number } {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  return epochDayOf(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - epochDayOf(year, month, 1);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(epochDay: EpochDay): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

export function isWeekend(epochDay: EpochDay): boolean {
  const wd = weekdayOf(epochDay);
  return wd === 0 || wd === 6;
}

export function toIso(epochDay: EpochDay): IsoDate {
  const { year, month, day } = civilOf(epochDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Parses a strict YYYY-MM-DD civil date; throws a TypeError/RangeError naming the bad value. */
export function parseIsoDate(value: unknown, label = 'date'): EpochDay {
  if (typeof value !== 'string') {
    throw new TypeError(`${label}: expected an ISO date string YYYY-MM-DD, got ${describeValue(value)}`);
  }
  const m = ISO_DATE.exec(value);
  if (!m) {
    throw new RangeError(`${label}: expected an ISO date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`${label}: ${JSON.stringify(value)} is not a real calendar date`);
  }
  return epochDayOf(year, month, day);
}

export function isIsoDate(value: string): boolean {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    return `${typeof value} ${JSON.stringify(value)}`;
  } catch {
    return typeof value;
  }
}
