import fc from 'fast-check';
import { createCalendar, MAX_YEAR, MIN_YEAR } from './index';

const calendar = createCalendar();

describe('Civil Code Art. 147: addWorkingDays counts from the next day', () => {
  it.each([
    // given date, n, then
    ['2024-05-06', 1, '2024-05-07', 'an ordinary Monday → Tuesday'],
    ['2024-05-06', 0, '2024-05-06', 'zero days is the date itself'],
    ['2024-05-10', 1, '2024-05-13', 'Friday + 1 skips the weekend'],
    ['2026-02-13', 1, '2026-02-23', 'the day before Tết 2026 skips the 9-day break'],
    ['2026-02-13', 5, '2026-02-27', 'five working days across Tết 2026'],
    ['2024-04-26', 1, '2024-05-02', 'skips 27/4–1/5/2024 (swap of 29/4)'],
    ['2024-05-03', 1, '2024-05-04', 'make-up Saturday 4/5/2024 counts'],
    ['2026-02-23', -1, '2026-02-13', 'negative counts go backward'],
    ['2026-01-12', -1, '2026-01-10', 'backward onto make-up Saturday 10/1/2026'],
    ['2027-02-03', 2, '2027-02-12', 'projected Tết 2027 with chained compensatory days'],
  ])('given %s, when adding %i working days, then %s (%s)', (date, n, expected) => {
    expect(calendar.addWorkingDays(date, n)).toBe(expected);
  });
});

describe('Civil Code Art. 148: rollForward', () => {
  it.each([
    ['2025-09-02', '2025-09-03', 'Quốc khánh 2025 rolls to the next working day'],
    ['2025-08-30', '2025-09-03', 'a Saturday before the break'],
    ['2024-05-04', '2024-05-04', 'a make-up Saturday is a working day'],
    ['2025-06-30', '2025-06-30', 'a working day stays'],
    ['2026-02-14', '2026-02-23', 'the first day of the Tết 2026 break'],
  ])('given last day %s, then the limit ends on %s (%s)', (date, expected) => {
    expect(calendar.rollForward(date)).toBe(expected);
  });
});

describe('workingDaysBetween: the half-open interval (from, to]', () => {
  it.each([
    ['2024-05-06', '2024-05-10', 4],
    ['2024-05-10', '2024-05-06', -4],
    ['2024-05-06', '2024-05-06', 0],
    ['2026-02-13', '2026-02-23', 1],
    ['2025-12-31', '2026-01-05', 1],
  ])('between %s and %s is %i', (from, to, expected) => {
    expect(calendar.workingDaysBetween(from, to)).toBe(expected);
  });

  it('counts a whole year', () => {
    // 2025: 261 Mon–Fri days, 11 weekdays off, 1 make-up Saturday.
    expect(calendar.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(261 - 12 + 1);
  });
});

describe('input validation', () => {
  it.each(['2025-02-29', '2025-13-01', '25-01-01', '2025-1-1', '', 'tomorrow'])('rejects %p naming it', (bad) => {
    expect(() => calendar.isWorkingDay(bad)).toThrow(RangeError);
    expect(() => calendar.isWorkingDay(bad)).toThrow(JSON.stringify(bad));
  });
  it('rejects a non-string', () => {
    expect(() => calendar.describe(20250101 as unknown as string)).toThrow(TypeError);
  });
  it('rejects fractional n', () => {
    expect(() => calendar.addWorkingDays('2025-01-02', 1.5)).toThrow(/n: expected an integer/);
  });
  it('rejects years out of range', () => {
    expect(() => calendar.year(MAX_YEAR + 1)).toThrow(RangeError);
  });
});

describe('projected years', () => {
  it('marks years outside 2018–2026 as projected with a legal source', () => {
    const y = calendar.year(2030);
    expect(y.official).toBe(false);
    expect(y.days.every((d) => d.source?.startsWith('projected ('))).toBe(true);
    // Tết 2030 in Vietnam is 2/2 (China: 3/2); last lunar day 1/2 is a Friday.
    expect(calendar.describe('2030-02-01')).toMatchObject({ working: false, kind: 'holiday' });
    expect(calendar.describe('2030-02-02')).toMatchObject({ working: false, name: 'Tết Âm lịch (mùng 1)' });
  });

  it('chains compensatory days after a Tết that spans a weekend (2027)', () => {
    expect(
      calendar
        .year(2027)
        .nonWorkingWeekdays.map((d) => d.date)
        .slice(0, 7),
    ).toEqual(['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-04-16']);
  });

  it('applies the Labor Code of the year: 2/9 alone before 2021', () => {
    const sep = calendar.year(2015).days.filter((d) => d.date.startsWith('2015-09'));
    expect(sep.map((d) => d.date)).toEqual(['2015-09-02']);
    expect(
      calendar
        .year(2028)
        .days.filter((d) => d.date.startsWith('2028-09'))
        .map((d) => d.date),
    ).toEqual(['2028-09-01', '2028-09-02', '2028-09-04']);
  });
});

describe('properties', () => {
  const dateArb = fc
    .integer({ min: Date.UTC(2015, 0, 1) / 86400000, max: Date.UTC(2035, 11, 31) / 86400000 })
    .map((d) => new Date(d * 86400000).toISOString().slice(0, 10));
  const nArb = fc.integer({ min: -300, max: 300 });

  it('addWorkingDays never lands on a non-working day (n ≠ 0)', () => {
    fc.assert(
      fc.property(
        dateArb,
        nArb.filter((n) => n !== 0),
        (date, n) => calendar.isWorkingDay(calendar.addWorkingDays(date, n)),
      ),
    );
  });

  it('addWorkingDays and workingDaysBetween agree: n working days in (date, result] forward, [result, date) backward', () => {
    const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(dateArb, nArb, (date, n) => {
        const result = calendar.addWorkingDays(date, n);
        return n >= 0
          ? calendar.workingDaysBetween(date, result) === n
          : calendar.workingDaysBetween(result, dayBefore(date)) === -n - 1 &&
              calendar.workingDaysBetween(dayBefore(result), dayBefore(date)) === -n;
      }),
    );
  });

  it('rollForward is idempotent and a working day', () => {
    fc.assert(
      fc.property(dateArb, (date) => {
        const r = calendar.rollForward(date);
        return calendar.isWorkingDay(r) && calendar.rollForward(r) === r && r >= date;
      }),
    );
  });

  it('workingDaysBetween is additive', () => {
    fc.assert(
      fc.property(dateArb, dateArb, dateArb, (a, b, c) => {
        return (
          calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, c) === calendar.workingDaysBetween(a, c)
        );
      }),
    );
  });

  it('covers the supported range', () => {
    expect(MIN_YEAR).toBeLessThanOrEqual(1990);
    expect(calendar.year(MIN_YEAR).days.length).toBeGreaterThan(0);
  });
});
