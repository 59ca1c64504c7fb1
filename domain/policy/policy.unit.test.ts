import { createCalendar } from '../calendar';
import { DEFAULT_POLICY, mergePolicy, milestoneTimeline, reportMilestones } from './policy';

const calendar = createCalendar();

describe('milestoneTimeline with the default policy', () => {
  it('given a due date on Friday 30/9/2022, reminds on the 5th and 1st working day before and on the day, at 09:00', () => {
    const tl = milestoneTimeline('2022-09-30', DEFAULT_POLICY, calendar);
    // 2/9/2022 (Fri) and 1/9 (Thu) were the Quốc khánh holidays: five working days before 30/9 is 23/9.
    expect(tl.reminders).toEqual([
      { at: '2022-09-23T09:00:00+07:00', workingDaysBefore: 5 },
      { at: '2022-09-29T09:00:00+07:00', workingDaysBefore: 1 },
      { at: '2022-09-30T09:00:00+07:00', workingDaysBefore: 0 },
    ]);
    expect(tl.missedAt).toBe('2022-10-01T00:00:00+07:00');
    expect(tl.escalations).toEqual([
      { at: '2022-10-03T09:00:00+07:00', level: 1, workingDaysAfter: 1, to: 'lead-head' },
      { at: '2022-10-07T09:00:00+07:00', level: 2, workingDaysAfter: 5, to: 'monitoring-and-authority' },
    ]);
  });

  it('given a due date just after Tết 2026, counts reminders across the holiday', () => {
    // Tết 2026 for civil servants: 14/2 – 22/2/2026. Five working days before Wed 25/2 are 23, 24/2 and 11, 12, 13/2.
    const tl = milestoneTimeline('2026-02-25', DEFAULT_POLICY, calendar);
    expect(tl.reminders[0]).toEqual({ at: '2026-02-11T09:00:00+07:00', workingDaysBefore: 5 });
  });
});

describe('mergePolicy', () => {
  it('lets a task override only what it names', () => {
    const p = mergePolicy(DEFAULT_POLICY, { remindWorkingDaysBefore: [10] }, { reminderTime: '08:00' });
    expect(p.remindWorkingDaysBefore).toEqual([10]);
    expect(p.reminderTime).toBe('08:00');
    expect(p.escalations).toEqual(DEFAULT_POLICY.escalations);
  });
  it('rejects a malformed override', () => {
    expect(() => mergePolicy(DEFAULT_POLICY, { reminderTime: '9h' })).toThrow(/HH:MM/);
  });
});

describe('reportMilestones', () => {
  it('gives quarterly report dates within the plan period, rolled forward past rest days', () => {
    const r = reportMilestones('quarter', { from: '2022-01-18', to: '2022-12-31' }, null, calendar);
    expect(r.map((m) => [m.nominal, m.due])).toEqual([
      ['2022-03-31', '2022-03-31'],
      ['2022-06-30', '2022-06-30'],
      ['2022-09-30', '2022-09-30'],
      ['2022-12-31', '2023-01-03'],
    ]);
  });
  it('starts at the task start when it is later than the period start', () => {
    const r = reportMilestones('half-year', { from: '2025-01-01', to: '2027-12-31' }, '2026-01-01', calendar);
    expect(r.map((m) => m.nominal)).toEqual(['2026-06-30', '2026-12-31', '2027-06-30', '2027-12-31']);
  });
});
