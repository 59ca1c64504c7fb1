import type { DayInfo, WorkingCalendar } from '../../../domain/calendar/types';

/** A Mon–Fri calendar without holidays, for tests that must not depend on the real one. */
export function mondayToFridayCalendar(): WorkingCalendar {
  const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const toIso = (d: Date) => d.toISOString().slice(0, 10);
  const shift = (iso: string, n: number) => {
    const d = toDate(iso);
    d.setUTCDate(d.getUTCDate() + n);
    return toIso(d);
  };
  const isWorkingDay = (iso: string) => {
    const wd = toDate(iso).getUTCDay();
    return wd !== 0 && wd !== 6;
  };
  const step = (iso: string, dir: 1 | -1) => {
    let d = shift(iso, dir);
    while (!isWorkingDay(d)) d = shift(d, dir);
    return d;
  };
  const describe = (iso: string): DayInfo => ({
    date: iso,
    working: isWorkingDay(iso),
    kind: isWorkingDay(iso) ? 'workday' : 'weekend',
    name: null,
    source: null,
  });
  return {
    isWorkingDay,
    describe,
    nextWorkingDay: (iso) => step(iso, 1),
    previousWorkingDay: (iso) => step(iso, -1),
    addWorkingDays: (iso, n) => {
      let d = iso;
      for (let i = 0; i < Math.abs(n); i++) d = step(d, n > 0 ? 1 : -1);
      return d;
    },
    workingDaysBetween: (from, to) => {
      const [a, b, sign] = from <= to ? [from, to, 1] : [to, from, -1];
      let n = 0;
      for (let d = shift(a, 1); d <= b; d = shift(d, 1)) if (isWorkingDay(d)) n++;
      return n * sign;
    },
    rollForward: (iso) => (isWorkingDay(iso) ? iso : step(iso, 1)),
    year: (year) => ({ year, official: false, nonWorkingWeekdays: [], workingWeekendDays: [], days: [] }),
  };
}
