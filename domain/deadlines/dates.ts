import type { DatePoint } from './schedule';

/** Civil-date arithmetic on plain numbers; ISO strings only at the edges. */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function toIso({ y, m, d }: Ymd): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

export function fromIso(iso: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (ymd.m < 1 || ymd.m > 12 || ymd.d < 1 || ymd.d > daysInMonth(ymd.y, ymd.m)) return null;
  return ymd;
}

export function isValidIsoDate(iso: string): boolean {
  return fromIso(iso) !== null;
}

export function addDays({ y, m, d }: Ymd, n: number): Ymd {
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** First and last day of the period a point names, in `year`. */
export function pointRange(p: DatePoint, year: number): { start: Ymd; end: Ymd } {
  switch (p.unit) {
    case 'day': {
      const day = { y: year, m: p.month, d: p.day };
      return { start: day, end: day };
    }
    case 'month':
      return { start: { y: year, m: p.month, d: 1 }, end: { y: year, m: p.month, d: daysInMonth(year, p.month) } };
    case 'quarter': {
      const last = p.quarter * 3;
      return { start: { y: year, m: last - 2, d: 1 }, end: { y: year, m: last, d: daysInMonth(year, last) } };
    }
    case 'half': {
      const last = p.half * 6;
      return { start: { y: year, m: last - 5, d: 1 }, end: { y: year, m: last, d: daysInMonth(year, last) } };
    }
    case 'year':
      return { start: { y: year, m: 1, d: 1 }, end: { y: year, m: 12, d: 31 } };
    default: {
      const _exhaustive: never = p;
      return _exhaustive;
    }
  }
}

/** Art. 146: the first, middle or last day of the period (đầu/giữa/cuối năm = 1/1, 30/6, 31/12). */
export function anchorDate(p: DatePoint, year: number): Ymd {
  const { start, end } = pointRange(p, year);
  if (p.unit === 'day') return start;
  switch (p.anchor) {
    case 'start':
      return start;
    case 'end':
      return end;
    case 'middle':
      if (p.unit === 'month') return { y: year, m: p.month, d: 15 };
      if (p.unit === 'year') return { y: year, m: 6, d: 30 };
      // A quarter or half-year: the 15th of its middle month (a reading, not a statutory rule).
      return { y: year, m: start.m + (p.unit === 'quarter' ? 1 : 2), d: 15 };
    default: {
      const _exhaustive: never = p.anchor;
      return _exhaustive;
    }
  }
}

/** The last day the text allows: the anchor day, or the day before the period when it says "trước". */
export function nominalDate(p: DatePoint, year: number, before: boolean): Ymd {
  if (!before) return anchorDate(p, year);
  const target =
    p.unit === 'day' ? pointRange(p, year).start : anchorDate({ ...p, anchor: 'start' } as DatePoint, year);
  return addDays(target, -1);
}

export function isValidPoint(p: DatePoint, year: number): boolean {
  return p.unit !== 'day' || p.day <= daysInMonth(year, p.month);
}

const ROMAN = ['', 'I', 'II', 'III', 'IV'];

/** A short Vietnamese label for a period, e.g. "Quý III/2026", "Tháng 9/2025". */
export function periodLabel(p: DatePoint, year: number): string {
  switch (p.unit) {
    case 'day':
      return `Ngày ${p.day}/${p.month}/${year}`;
    case 'month':
      return `Tháng ${p.month}/${year}`;
    case 'quarter':
      return `Quý ${ROMAN[p.quarter] ?? p.quarter}/${year}`;
    case 'half':
      return `6 tháng ${p.half === 1 ? 'đầu' : 'cuối'} năm ${year}`;
    case 'year':
      return `Năm ${year}`;
    default: {
      const _exhaustive: never = p;
      return _exhaustive;
    }
  }
}
