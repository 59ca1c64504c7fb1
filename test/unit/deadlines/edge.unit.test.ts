import { createCalendar } from '../../../domain/calendar';
import { dueAfterEvent, interpretDeadline, parseDeadline, yearTargetDeadline } from '../../../domain/deadlines';
import { relativeDueOf } from '../../../domain/process/effects';
import { mondayToFridayCalendar } from './fakeCalendar';

const calendar = createCalendar();
const plan2026 = { issued: '2026-01-15', until: '2026-12-31' };
const read = (text: string, ctx = plan2026) => interpretDeadline(text, ctx, calendar);
const dates = (text: string, ctx = plan2026) => read(text, ctx).milestones.map((m) => [m.nominal, m.due]);

describe('Art. 146: đầu / giữa / cuối', () => {
  test.each([
    ['đầu tháng 3 năm 2026', '2026-03-01'],
    ['giữa tháng 3 năm 2026', '2026-03-15'],
    ['cuối tháng 2 năm 2026', '2026-02-28'],
    ['cuối tháng 2 năm 2028', '2028-02-29'],
    ['đầu năm 2027', '2027-01-01'],
    ['giữa năm 2026', '2026-06-30'],
    ['cuối năm 2026', '2026-12-31'],
    ['đầu quý III năm 2026', '2026-07-01'],
    ['cuối quý III năm 2026', '2026-09-30'],
  ])('given "%s", the nominal day is %s', (text, nominal) => {
    expect(read(text).milestones[0]?.nominal).toBe(nominal);
  });
});

describe('Art. 148: the last day off work rolls forward, the nominal day stays', () => {
  test('Quý I/2026 ends on 31/3/2026, a Tuesday', () =>
    expect(dates('Quý I/2026')).toEqual([['2026-03-31', '2026-03-31']]));
  test('Tháng 8/2026 ends on Monday 31/8, then the 1–2/9 holidays', () => {
    const [[nominal, due]] = dates('Tháng 8/2026') as [[string, string]];
    expect(nominal).toBe('2026-08-31');
    expect(due).toBe(calendar.rollForward('2026-08-31'));
  });
  test('a Saturday deadline is due on Monday with a Mon–Fri calendar', () => {
    const r = interpretDeadline('ngày 14/3/2026', plan2026, mondayToFridayCalendar());
    expect(r.milestones).toEqual([{ label: 'ngày 14/3/2026', nominal: '2026-03-14', due: '2026-03-16' }]);
  });
  test('past dates are kept', () => expect(dates('Quý I năm 2020')).toEqual([['2020-03-31', '2020-03-31']]));
});

describe('Art. 147: counting days after an event', () => {
  test('5 working days after Friday 13/3/2026 end on Friday 20/3/2026', () => {
    const r = read('Trong vòng 05 ngày làm việc khi có thay đổi nhân sự');
    expect(r).toMatchObject({
      kind: 'relative',
      workingDays: 5,
      calendarDays: null,
      trigger: 'khi có thay đổi nhân sự',
    });
    expect(dueAfterEvent(r, '2026-03-13', mondayToFridayCalendar())).toBe('2026-03-20');
  });
  test('10 calendar days after 20/3/2026 end on 30/3/2026', () => {
    const r = read('trong vòng 10 ngày kể từ ngày nhận được văn bản');
    expect(r).toMatchObject({
      kind: 'relative',
      calendarDays: 10,
      workingDays: null,
      trigger: 'kể từ ngày nhận được văn bản',
    });
    expect(dueAfterEvent(r, '2026-03-20', calendar)).toBe('2026-03-30');
  });
  test('an event without a duration has no due day yet', () => {
    const r = read('Sau khi có Thông báo của Thành phố');
    expect(r).toMatchObject({ kind: 'relative', trigger: 'Sau khi có Thông báo của Thành phố', milestones: [] });
    expect(dueAfterEvent(r, '2026-03-20', calendar)).toBeNull();
  });
  test('the process counts a triggered due date the same way (relativeDueOf)', () => {
    const mf = mondayToFridayCalendar();
    expect(relativeDueOf({ occurredOn: '2026-03-13', workingDays: 5, calendarDays: null }, mf)).toEqual({
      nominal: '2026-03-20',
      due: '2026-03-20',
    });
    // 10 calendar days after Wednesday 25/3/2026 is Saturday 4/4/2026: due the next working day.
    expect(relativeDueOf({ occurredOn: '2026-03-25', workingDays: null, calendarDays: 10 }, mf)).toEqual({
      nominal: '2026-04-04',
      due: '2026-04-06',
    });
    expect(relativeDueOf({ occurredOn: '2026-03-25', workingDays: null, calendarDays: null }, mf)).toBeNull();
  });
});

describe('phrases from the brief', () => {
  test.each([
    ['Trước tháng 10 năm 2022', '2022-09-30'],
    ['Trong năm 2022', '2022-12-31'],
    ['Tháng 9 năm 2025', '2025-09-30'],
    ['chậm nhất ngày 10 tháng 10 năm 2025', '2025-10-10'],
    ['trước ngày 15/3/2026', '2026-03-14'],
    ['30-9-2025', '2025-09-30'],
    ['ngày 30 tháng 9 năm 2025', '2025-09-30'],
    ['Quý IV/2025 - Quý II/2026', '2026-06-30'],
    ['Giai đoạn 2026 - 2030', '2030-12-31'],
    ['Năm 2025', '2025-12-31'],
    ['Quý II năm 2026', '2026-06-30'],
    ['QUÍ II NÃM 2026', '2026-06-30'],
    ['quy ii nam 2026', '2026-06-30'],
    ['<i>Trong\n  quý I\tnăm 2026</i>', '2026-03-31'],
    ['by 15 March 2026', '2026-03-15'],
    ['by end of Q3 2026', '2026-09-30'],
    ['2026-05-20', '2026-05-20'],
  ])('given "%s", the nominal day is %s', (text, nominal) => {
    const r = read(text);
    expect(r.kind).toBe('fixed');
    expect(r.milestones.map((m) => m.nominal)).toEqual([nominal]);
  });

  test('several labelled milestones', () => {
    expect(read('- Quý I năm 2022: trình Kế hoạch; - Trong tháng 10 2022: Các sản phẩm còn lại').milestones).toEqual([
      { label: 'trình Kế hoạch', nominal: '2022-03-31', due: '2022-03-31' },
      { label: 'Các sản phẩm còn lại', nominal: '2022-10-31', due: '2022-10-31' },
    ]);
  });

  test('a month without a year takes the issue year, and says so', () => {
    const r = read('Trước tháng 10');
    expect(r.milestones.map((m) => m.nominal)).toEqual(['2026-09-30']);
    expect(r.notes?.join(' ')).toMatch(/year not stated: assumed 2026/);
  });

  test('a quarter already over at issue moves to the next occurrence within the plan period', () => {
    const r = read('Quý I', { issued: '2025-11-19', until: '2026-12-31' });
    expect(r.milestones.map((m) => m.nominal)).toEqual(['2026-03-31']);
    expect(r.notes?.join(' ')).toMatch(/assumed 2026, the next occurrence/);
  });

  test.each([
    ['Định kỳ hằng tháng', 'month', 12],
    ['Hàng tháng', 'month', 12],
    ['monthly', 'month', 12],
    ['hằng quý', 'quarter', 4],
    ['quarterly', 'quarter', 4],
    ['6 tháng/lần', 'half-year', 2],
    ['Hằng năm', 'year', 1],
    ['hằng tuần', 'week', 52],
  ])('given "%s", it recurs every %s (%i times in 2026)', (text, every, count) => {
    const r = read(text, { issued: '2026-01-01', until: '2026-12-31' });
    expect(r.kind).toBe('recurring');
    expect(r.recurrence?.every).toBe(every);
    expect(r.milestones).toHaveLength(count);
  });

  test('"trước ngày 20 hằng tháng": the 19th of every month', () => {
    const r = read('trước ngày 20 hằng tháng', { issued: '2026-01-01', until: '2026-03-31' });
    expect(r.recurrence).toMatchObject({ every: 'month', dayOfPeriod: 19 });
    expect(r.milestones.map((m) => m.nominal)).toEqual(['2026-01-19', '2026-02-19', '2026-03-19']);
  });

  test('"Tháng 12 hằng năm" over a 3-year plan', () => {
    const r = read('Tháng 12 hằng năm', { issued: '2025-11-18', until: '2027-12-31' });
    expect(r.recurrence).toMatchObject({ every: 'year', month: 12 });
    expect(r.milestones.map((m) => m.nominal)).toEqual(['2025-12-31', '2026-12-31', '2027-12-31']);
  });

  test.each([
    ['Thường xuyên', null],
    ['ongoing', null],
    ['Triển khai từ năm 2026', '2026-01-01'],
  ])('given "%s", the work is ongoing from %s', (text, start) => {
    expect(read(text)).toMatchObject({ kind: 'ongoing', start, milestones: [] });
  });

  test('ongoing with quarterly reports', () => {
    const r = read('Thường xuyên, định kỳ hằng quý báo cáo', { issued: '2026-01-01', until: '2026-12-31' });
    expect(r).toMatchObject({ kind: 'ongoing', recurrence: { every: 'quarter' } });
    expect(r.milestones.map((m) => m.nominal)).toEqual(['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31']);
  });

  test.each(['Theo Đề án của Thành phố', 'Theo kế hoạch riêng', 'Theo chỉ đạo của Ủy ban nhân dân Thành phố'])(
    'given "%s", the deadline is set elsewhere',
    (text) => expect(read(text)).toMatchObject({ kind: 'external', milestones: [] }),
  );

  test('English: within 5 working days of the request', () => {
    expect(read('within 5 working days of receiving the request')).toMatchObject({
      kind: 'relative',
      workingDays: 5,
      trigger: 'receiving the request',
    });
  });

  test('English: before October takes the plan year', () => {
    expect(read('before October').milestones.map((m) => m.nominal)).toEqual(['2026-09-30']);
  });
});

describe('unparsed, never a guess', () => {
  test.each(['X', '', '   ', '30% hồ sơ', 'lorem ipsum', 'ngày 31/2/2026'])(
    'given %j, the reason is in notes',
    (text) => {
      const r = read(text);
      expect(r.kind).toBe('unparsed');
      expect(r.milestones).toEqual([]);
      expect(r.notes?.length).toBeGreaterThan(0);
      expect(r.text).toBe(text);
    },
  );

  test('the original text is always kept', () => {
    expect(parseDeadline('  <i>Quý I</i>\n năm 2026 ').text).toBe('  <i>Quý I</i>\n năm 2026 ');
  });
});

describe('yearTargetDeadline (plan 001 per-year columns)', () => {
  test('"X" means done within that year', () => {
    expect(yearTargetDeadline('X', 2019)).toMatchObject({
      kind: 'fixed',
      milestones: [{ label: 'Năm 2019', point: { unit: 'year', year: 2019 } }],
    });
  });
  test('a target is due at the end of its year', () => {
    const r = interpretDeadline('30% hồ sơ', plan2026, calendar);
    expect(r.kind).toBe('unparsed');
    expect(yearTargetDeadline('30% hồ sơ', 2019)).toMatchObject({
      kind: 'fixed',
      milestones: [{ label: '30% hồ sơ' }],
    });
  });
  test('a dated cell keeps its own date', () => {
    expect(yearTargetDeadline('Trong Quý IV năm 2018', 2018)).toMatchObject({
      milestones: [{ point: { unit: 'quarter', quarter: 4, year: 2018 } }],
    });
  });
  test('an empty cell has no target', () => expect(yearTargetDeadline(' ', 2020).kind).toBe('unparsed'));
});
