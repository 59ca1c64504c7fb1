import { createCalendar } from './index';

const calendar = createCalendar();

/** Given each official year, when listed, then the weekdays off and make-up weekend days match the decisions. */
const OFFICIAL: { year: number; off: string[]; makeup: string[] }[] = [
  {
    year: 2018,
    off: ['01-01', '02-14', '02-15', '02-16', '02-19', '02-20', '04-25', '04-30', '05-01', '09-03', '12-31'],
    makeup: [],
  },
  {
    year: 2019,
    off: ['01-01', '02-04', '02-05', '02-06', '02-07', '02-08', '04-15', '04-29', '04-30', '05-01', '09-02'],
    makeup: ['01-05', '05-04'],
  },
  {
    year: 2020,
    off: ['01-01', '01-23', '01-24', '01-27', '01-28', '01-29', '04-02', '04-30', '05-01', '09-02'],
    makeup: [],
  },
  {
    year: 2021,
    off: ['01-01', '02-10', '02-11', '02-12', '02-15', '02-16', '04-21', '04-30', '05-03', '09-02', '09-03'],
    makeup: [],
  },
  {
    year: 2022,
    off: ['01-03', '01-31', '02-01', '02-02', '02-03', '02-04', '04-11', '05-02', '05-03', '09-01', '09-02'],
    makeup: [],
  },
  {
    year: 2023,
    off: ['01-02', '01-20', '01-23', '01-24', '01-25', '01-26', '05-01', '05-02', '05-03', '09-01', '09-04'],
    makeup: [],
  },
  {
    year: 2024,
    off: ['01-01', '02-08', '02-09', '02-12', '02-13', '02-14', '04-18', '04-29', '04-30', '05-01', '09-02', '09-03'],
    makeup: ['05-04'],
  },
  {
    year: 2025,
    off: ['01-01', '01-27', '01-28', '01-29', '01-30', '01-31', '04-07', '04-30', '05-01', '05-02', '09-01', '09-02'],
    makeup: ['04-26'],
  },
  {
    year: 2026,
    off: [
      '01-01',
      '01-02',
      '02-16',
      '02-17',
      '02-18',
      '02-19',
      '02-20',
      '04-27',
      '04-30',
      '05-01',
      '08-31',
      '09-01',
      '09-02',
    ],
    makeup: ['01-10', '08-22'],
  },
];

describe('official schedules 2018–2026', () => {
  it.each(OFFICIAL)('$year: weekdays off and make-up Saturdays', ({ year, off, makeup }) => {
    const listing = calendar.year(year);
    expect(listing.official).toBe(true);
    expect(listing.nonWorkingWeekdays.map((d) => d.date)).toEqual(off.map((md) => `${year}-${md}`));
    expect(listing.workingWeekendDays.map((d) => d.date)).toEqual(makeup.map((md) => `${year}-${md}`));
    for (const d of listing.days) expect(d.source).toEqual(expect.any(String));
  });

  /** Whole breaks as announced: every day in the range is off, and the days around it are working days. */
  it.each([
    ['2018-02-14', '2018-02-20'],
    ['2018-12-29', '2019-01-01'],
    ['2019-02-02', '2019-02-10'],
    ['2019-04-27', '2019-05-01'],
    ['2020-01-23', '2020-01-29'],
    ['2021-02-10', '2021-02-16'],
    ['2021-09-02', '2021-09-05'],
    ['2022-01-29', '2022-02-06'],
    ['2022-04-30', '2022-05-03'],
    ['2023-01-20', '2023-01-26'],
    ['2023-04-29', '2023-05-03'],
    ['2023-09-01', '2023-09-04'],
    ['2024-02-08', '2024-02-14'],
    ['2024-04-27', '2024-05-01'],
    ['2024-08-31', '2024-09-03'],
    ['2025-01-25', '2025-02-02'],
    ['2025-04-30', '2025-05-04'],
    ['2025-08-30', '2025-09-02'],
    ['2026-01-01', '2026-01-04'],
    ['2026-02-14', '2026-02-22'],
    ['2026-08-29', '2026-09-02'],
  ])('break %s – %s is off and bounded by working days', (from, to) => {
    expect(calendar.workingDaysBetween(calendar.previousWorkingDay(from), to)).toBe(0);
    expect(calendar.isWorkingDay(calendar.previousWorkingDay(from))).toBe(true);
    expect(calendar.nextWorkingDay(to) > to).toBe(true);
    let d = from;
    while (d <= to) {
      expect({ d, working: calendar.isWorkingDay(d) }).toEqual({ d, working: false });
      d = new Date(Date.parse(`${d}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
    }
  });

  it('describes a Tết day with its name and source', () => {
    expect(calendar.describe('2026-02-17')).toEqual({
      date: '2026-02-17',
      working: false,
      kind: 'holiday',
      name: 'Tết Âm lịch (mùng 1)',
      source: expect.stringContaining('Bộ Nội vụ'),
    });
    expect(calendar.describe('2019-01-05')).toMatchObject({ working: true, kind: 'makeup-workday' });
    expect(calendar.describe('2026-03-02')).toEqual({
      date: '2026-03-02',
      working: true,
      kind: 'workday',
      name: null,
      source: null,
    });
  });
});
