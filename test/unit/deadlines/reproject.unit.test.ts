import { createCalendar, type CalendarOverride } from '../../../domain/calendar';
import { reprojectMilestones, type OpenMilestone } from '../../../domain/deadlines';

const before = createCalendar();
const dayOff = (date: string, name = 'Nghỉ theo quyết định mới'): CalendarOverride => ({
  date,
  working: false,
  name,
  source: 'Quyết định số 1/QĐ-UBND',
});
const after = (...days: CalendarOverride[]) => createCalendar({ overrides: days });
const milestone = (
  index: number,
  nominal: string,
  due = nominal,
  extendedDue: string | null = null,
): OpenMilestone => ({
  index,
  label: `Mốc ${index + 1}`,
  nominal,
  due,
  extendedDue,
});
const today = '2026-05-01';

describe('reprojectMilestones: a calendar change moves the open due dates it touches', () => {
  test('given a new day off on a due date, the milestone moves to the next working day and names the day', () => {
    // given Wednesday 10/6/2026 becomes a day off
    const moves = reprojectMilestones([milestone(0, '2026-06-10')], before, after(dayOff('2026-06-10')), { today });
    // then
    expect(moves).toEqual([
      {
        milestone: 0,
        label: 'Mốc 1',
        from: '2026-06-10',
        to: '2026-06-11',
        reason:
          '10/6/2026 là ngày nghỉ theo tệp lịch: Nghỉ theo quyết định mới (mới trong lịch) → hạn chuyển từ 10/6/2026 ' +
          'sang 11/6/2026 (thứ Năm)',
        rule: 'Điều 148 Bộ luật Dân sự; lịch nghỉ: Quyết định số 1/QĐ-UBND',
      },
    ]);
  });

  test('given a new day off on a Friday due date, the move skips the weekend to Monday', () => {
    const moves = reprojectMilestones([milestone(0, '2026-06-12')], before, after(dayOff('2026-06-12')), { today });
    expect(moves.map((m) => [m.from, m.to])).toEqual([['2026-06-12', '2026-06-15']]);
  });

  test('given a due date already rolled from a Saturday, a new day off on that Monday moves it again', () => {
    const m = milestone(0, '2026-06-13', '2026-06-15');
    const moves = reprojectMilestones([m], before, after(dayOff('2026-06-15')), { today });
    expect(moves.map((x) => [x.from, x.to])).toEqual([['2026-06-15', '2026-06-16']]);
    expect(moves[0]!.reason).toMatch(/^15\/6\/2026 là ngày nghỉ theo tệp lịch/);
  });

  test('given days off elsewhere, milestones they do not touch stay, and past ones are never moved', () => {
    const ms = [milestone(0, '2026-04-10'), milestone(1, '2026-06-10'), milestone(2, '2026-07-03')];
    const moves = reprojectMilestones(ms, before, after(dayOff('2026-04-10'), dayOff('2026-06-09')), { today });
    expect(moves).toEqual([]);
  });

  test('given an extension, its date moves, not the original due date', () => {
    const m = milestone(0, '2026-06-01', '2026-06-01', '2026-06-10');
    const moves = reprojectMilestones([m], before, after(dayOff('2026-06-10')), { today });
    expect(moves.map((x) => [x.milestone, x.from, x.to])).toEqual([[0, '2026-06-10', '2026-06-11']]);
  });

  test('given an already re-projected milestone, the move starts from its re-projected date', () => {
    const m = { ...milestone(0, '2026-06-10'), reprojectedDue: '2026-06-11' };
    const moves = reprojectMilestones(
      [m],
      after(dayOff('2026-06-10')),
      after(dayOff('2026-06-10'), dayOff('2026-06-11')),
      {
        today,
      },
    );
    expect(moves.map((x) => [x.from, x.to])).toEqual([['2026-06-11', '2026-06-12']]);
    expect(moves[0]!.reason).toContain('11/6/2026 là ngày nghỉ');
    expect(moves[0]!.reason).not.toContain('10/6/2026 là');
  });

  test('given a day off given back, the due date moves earlier only when asked', () => {
    const old = after(dayOff('2026-06-10'));
    const m = { ...milestone(0, '2026-06-10'), reprojectedDue: '2026-06-11' };
    expect(reprojectMilestones([m], old, before, { today })).toEqual([]);
    const moves = reprojectMilestones([m], old, before, { today, earlier: true });
    expect(moves.map((x) => [x.from, x.to])).toEqual([['2026-06-11', '2026-06-10']]);
    expect(moves[0]!.reason).toMatch(/^10\/6\/2026 nay là ngày làm việc → hạn chuyển từ 11\/6\/2026 sang 10\/6\/2026/);
  });

  test('given the 24/11 setting turned on, a due date on Ngày Văn hóa Việt Nam moves and cites the setting', () => {
    const culture = createCalendar({ settings: { vietnameseCultureDay: true } });
    const moves = reprojectMilestones([milestone(3, '2026-11-24')], before, culture, { today });
    expect(moves.map((x) => [x.milestone, x.from, x.to])).toEqual([[3, '2026-11-24', '2026-11-25']]);
    expect(moves[0]!.reason).toContain('Ngày Văn hóa Việt Nam');
    expect(moves[0]!.rule).toContain('settings.vietnameseCultureDay');
  });
  test('given a day off inside a count of working days, the relative due date is counted again', () => {
    // given "trong vòng 05 ngày làm việc" counted from Monday 1/6/2026: due Monday 8/6
    const counted = { from: '2026-06-01', workingDays: 5, calendarDays: null };
    const relative: OpenMilestone = { ...milestone(0, '2026-06-08'), counted };
    // when Wednesday 3/6 becomes a day off
    const [move] = reprojectMilestones([relative], before, after(dayOff('2026-06-03')), { today });
    // then the count skips it: due Tuesday 9/6, and the reason names the day inside the count
    expect(move).toMatchObject({ from: '2026-06-08', to: '2026-06-09' });
    expect(move?.reason).toContain('3/6/2026');
  });

  test('given a day off outside the count, or an extension, a relative due date stays', () => {
    const counted = { from: '2026-06-01', workingDays: 5, calendarDays: null };
    const relative: OpenMilestone = { ...milestone(0, '2026-06-08'), counted };
    expect(reprojectMilestones([relative], before, after(dayOff('2026-06-15')), { today })).toEqual([]);
    const extended: OpenMilestone = { ...milestone(0, '2026-06-08', '2026-06-08', '2026-06-19'), counted };
    expect(reprojectMilestones([extended], before, after(dayOff('2026-06-03')), { today })).toEqual([]);
  });
});
