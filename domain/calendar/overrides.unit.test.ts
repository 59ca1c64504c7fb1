import { createCalendar, parseCalendarOverrides } from './index';

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
