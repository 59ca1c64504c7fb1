import { createCalendar } from '../../../domain/calendar';
import { interpretDeadline } from '../../../domain/deadlines';

const calendar = createCalendar();
const plan = { issued: '2026-01-05', until: '2027-12-31' };
const read = (text: string) => interpretDeadline(text, plan, calendar);
const nominals = (text: string) => read(text).milestones.map((m) => m.nominal);

describe('a series whose periods fall on days the text names, without a year', () => {
  test('given a six-monthly report before two named days, each year of the plan has those two days', () => {
    const r = read('Định kỳ 6 tháng báo cáo trước ngày 15 tháng 6 và trước ngày 01 tháng 12');
    expect(r.kind).toBe('recurring');
    expect(r.recurrence?.every).toBe('half-year');
    expect(r.milestones.map((m) => m.nominal)).toEqual(['2026-06-14', '2026-11-30', '2027-06-14', '2027-11-30']);
  });

  test('given a quarterly report with four named days, each quarter falls on its day', () => {
    expect(nominals('Định kỳ hằng quý, báo cáo trước ngày 15/3, ngày 15/6, ngày 15/9 và ngày 15/12')).toEqual([
      '2026-03-14',
      '2026-06-14',
      '2026-09-14',
      '2026-12-14',
      '2027-03-14',
      '2027-06-14',
      '2027-09-14',
      '2027-12-14',
    ]);
  });

  test('given the days in brackets, they are read the same', () => {
    expect(nominals('Định kỳ 6 tháng (ngày 20/6 và ngày 20/12)')).toEqual([
      '2026-06-20',
      '2026-12-20',
      '2027-06-20',
      '2027-12-20',
    ]);
  });

  test('given a recurrence without named days, the periods still end on their last days', () => {
    expect(nominals('Định kỳ 6 tháng/lần')).toEqual(['2026-06-30', '2026-12-31', '2027-06-30', '2027-12-31']);
  });
});
