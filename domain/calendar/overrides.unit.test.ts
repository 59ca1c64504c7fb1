import { createCalendar, parseCalendarFile, parseCalendarOverrides } from './index';

describe('calendar overrides', () => {
  it('given an extra day off and a working Saturday, then the calendar follows them', () => {
    const calendar = createCalendar({
      overrides: parseCalendarOverrides({
        days: [
          { date: '2027-04-26', working: false, name: 'Nghỉ bù theo quyết định', source: 'Quyết định 1/QĐ-UBND' },
          { date: '2027-04-24', working: true },
        ],
      }),
    });
    expect(calendar.describe('2027-04-26')).toEqual({
      date: '2027-04-26',
      working: false,
      kind: 'override-off',
      name: 'Nghỉ bù theo quyết định',
      source: 'Quyết định 1/QĐ-UBND',
    });
    expect(calendar.isWorkingDay('2027-04-24')).toBe(true);
    expect(calendar.addWorkingDays('2027-04-23', 1)).toBe('2027-04-24');
    expect(calendar.addWorkingDays('2027-04-24', 1)).toBe('2027-04-27');
    expect(calendar.year(2027).workingWeekendDays.map((d) => d.date)).toEqual(['2027-04-24']);
  });

  it('can make an official holiday a working day', () => {
    const calendar = createCalendar({ overrides: [{ date: '2026-09-01', working: true }] });
    expect(calendar.describe('2026-09-01')).toMatchObject({ working: true, kind: 'override-working' });
    expect(createCalendar().isWorkingDay('2026-09-01')).toBe(false);
  });

  it.each([
    [{ days: [{ date: '2027-02-30', working: false }] }, /days\[0\] \(entry 0\)\.date: expected a real ISO date/],
    [{ days: [{ date: '2027-01-04', working: 'no' }] }, /days\[0\] \(entry 0\)\.working: expected true/],
    [{ days: [{ date: '2027-01-04', working: true }, { date: '2027-01-05' }] }, /days\[1\] \(entry 1\)\.working/],
    [{ days: 'x' }, /days: expected "days" to be an array/],
    [
      {
        days: [
          { date: '2027-01-04', working: true },
          { date: '2027-01-04', working: false },
        ],
      },
      /days\[1\] \(entry 1\): date 2027-01-04 already given in days\[0\]/,
    ],
    [{ days: [{ date: '2027-01-04', working: true, colour: 'red' }] }, /days\[0\] \(entry 0\)/],
  ])('given %j, then a TypeError names the entry', (input, message) => {
    expect(() => parseCalendarOverrides(input)).toThrow(TypeError);
    expect(() => parseCalendarOverrides(input)).toThrow(message);
  });
});

describe('the 24/11 question (Ngày Văn hóa Việt Nam): a setting of the calendar file, off by default', () => {
  it('given no setting, 24/11/2026 (a Tuesday) is a working day', () => {
    const { settings } = parseCalendarFile({ days: [] });
    expect(settings).toEqual({ vietnameseCultureDay: false });
    expect(createCalendar({ settings }).isWorkingDay('2026-11-24')).toBe(true);
  });

  it('given vietnameseCultureDay: true, 24/11 of every year is a day off, named with its status', () => {
    const { days, settings } = parseCalendarFile({ settings: { vietnameseCultureDay: true } });
    const calendar = createCalendar({ overrides: days, settings });
    expect(calendar.describe('2026-11-24')).toEqual({
      date: '2026-11-24',
      working: false,
      kind: 'override-off',
      name: 'Ngày Văn hóa Việt Nam (24/11)',
      source: 'tệp lịch, settings.vietnameseCultureDay: đề xuất nghỉ có hưởng lương, chưa được luật hóa',
    });
    expect(calendar.rollForward('2026-11-24')).toBe('2026-11-25');
    expect(calendar.isWorkingDay('2030-11-25')).toBe(true);
    expect(calendar.isWorkingDay('2031-11-24')).toBe(false);
    // 24/11/2029 is a Saturday: no compensatory day, since no law grants one.
    expect(calendar.isWorkingDay('2029-11-26')).toBe(true);
  });

  it('an explicit day entry wins over the setting', () => {
    const { days, settings } = parseCalendarFile({
      settings: { vietnameseCultureDay: true },
      days: [{ date: '2026-11-24', working: true, name: 'Làm việc bình thường' }],
    });
    expect(createCalendar({ overrides: days, settings }).isWorkingDay('2026-11-24')).toBe(true);
  });

  it('a bad setting is refused with its name and what was expected', () => {
    expect(() => parseCalendarFile({ settings: { vietnameseCultureDay: 'yes' } })).toThrow(
      /settings\.vietnameseCultureDay: expected true or false/,
    );
    expect(() => parseCalendarFile({ settings: { cultureDay: true } })).toThrow(/settings/);
  });
});
