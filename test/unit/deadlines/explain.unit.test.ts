import fixture from '../../fixtures/deadline-phrases.json';
import { createCalendar } from '../../../domain/calendar';
import { explainDeadline, interpretDeadline, type DeadlineContext } from '../../../domain/deadlines';

const calendar = createCalendar();
const plan2026 = { issued: '2026-01-10', until: '2026-12-31' };
const plan2026to2028 = { issued: '2026-01-10', until: '2028-12-31' };
const explain = (text: string, ctx: DeadlineContext = plan2026, cal = calendar) =>
  explainDeadline(interpretDeadline(text, ctx, cal), cal);

describe('every reading is explained in Vietnamese', () => {
  test('given "Trước tháng 10 năm 2026", the last day is 30/9/2026, a working Wednesday', () => {
    const e = explain('Trước tháng 10 năm 2026');
    expect(e.summary).toBe('Trước tháng 10 năm 2026 → hạn cuối 30/9/2026 (thứ Tư, ngày làm việc)');
    expect(e.lines).toEqual(['trước tháng 10/2026: hạn là ngày cuối cùng trước kỳ đó, 30/9/2026']);
    expect(e.certain).toBe(true);
  });

  test('given "Ngày 30/4/2026", each day off is named and the move cites Art. 148 and the holiday source', () => {
    const e = explain('Ngày 30/4/2026');
    expect(e.summary).toBe(
      'Ngày 30/4/2026 → 30/4/2026 là ngày nghỉ lễ Ngày Chiến thắng (30/4); 1/5/2026 là ngày nghỉ lễ Ngày Quốc tế ' +
        'Lao động (1/5); 2/5–3/5/2026 là ngày nghỉ hằng tuần → hạn chuyển sang 4/5/2026 (thứ Hai) ' +
        '(Điều 148 Bộ luật Dân sự; lịch nghỉ: Bộ luật Lao động 2019, Điều 111, 112)',
    );
  });

  test('given a Tết deadline, the Tết days merge into one run under the official schedule', () => {
    const e = explain('ngày 16/2/2026');
    expect(e.summary).toContain('16/2–20/2/2026 là ngày nghỉ lễ Tết Âm lịch');
    expect(e.summary).toContain('hạn chuyển sang 23/2/2026 (thứ Hai)');
    expect(e.summary).toContain('lịch nghỉ: Phương án của Bộ Nội vụ');
  });

  test('given a day off from the calendar file, its name and source move the deadline', () => {
    const withDayOff = createCalendar({
      overrides: [{ date: '2026-11-24', working: false, name: 'Ngày Văn hóa Việt Nam', source: 'tệp lịch thử' }],
    });
    const e = explain('trước ngày 25/11/2026', plan2026, withDayOff);
    expect(e.summary).toBe(
      'trước ngày 25/11/2026 → 24/11/2026 là ngày nghỉ theo tệp lịch: Ngày Văn hóa Việt Nam → hạn chuyển sang ' +
        '25/11/2026 (thứ Tư) (Điều 148 Bộ luật Dân sự; lịch nghỉ: tệp lịch thử)',
    );
  });

  test('given a yearless day in a plan of several years, it says the day recurs each year', () => {
    const e = explain('báo cáo trước ngày 20/11', plan2026to2028);
    expect(e.summary).toBe(
      'báo cáo trước ngày 20/11 → định kỳ hằng năm, hạn ngày 19/11, 3 mốc từ 19/11/2026 đến 19/11/2028',
    );
    expect(e.lines).toContain('Ngày không ghi năm trong kế hoạch nhiều năm: lặp lại mỗi năm của kỳ kế hoạch');
    expect(e.lines).toContain(
      'Năm 2028: 19/11/2028 là Chủ nhật, ngày nghỉ hằng tuần → hạn chuyển sang 20/11/2028 (thứ Hai) (Điều 148 Bộ luật Dân sự)',
    );
  });

  test('given continuing work, it says the series runs from the first period to the plan end', () => {
    const e = explain('Quý IV năm 2025 và các năm tiếp theo', { issued: '2025-09-26', until: '2027-12-31' });
    expect(e.summary).toBe(
      'Quý IV năm 2025 và các năm tiếp theo → định kỳ hằng năm, hạn cuối tháng 12, bắt đầu từ 1/10/2025, 3 mốc từ 31/12/2025 đến 31/12/2027',
    );
  });

  test('given a relative month limit, it cites Art. 148 for the matching day', () => {
    const e = explain('Trong thời hạn 06 tháng kể từ ngày ký');
    expect(e.summary).toBe('Trong thời hạn 06 tháng kể từ ngày ký → thời hạn tính từ sự kiện: kể từ ngày ký');
    expect(e.lines[0]).toContain('6 tháng, kết thúc vào ngày tương ứng của tháng cuối');
  });

  test('given a tentative date, the reading is flagged for review, never certain', () => {
    const e = explain('Dự kiến Quý III/2026');
    expect(e.certain).toBe(false);
    expect(e.lines).toContain('Cần rà soát: "dự kiến": thời hạn chỉ là dự kiến');
  });

  test.each([
    [
      'trước ngày 35/13/2026',
      'đã hiểu "trước" (từ chỉ hạn), "ngày" (từ chỉ kỳ); chưa hiểu "35/13/2026"',
      'không phải ngày có thật',
    ],
    ['Hoàn thành tr', 'đã hiểu "Hoàn thành" (từ chỉ việc hoàn thành); chưa hiểu "tr"', 'có thể bị cắt'],
    ['Năm 2', 'đã hiểu "Năm" (từ chỉ kỳ); chưa hiểu "2"', 'cần năm bốn chữ số'],
    ['xyz abc', 'không phải câu chỉ thời hạn: không hiểu được "xyz abc"', 'cần một ngày'],
  ])('given the unreadable "%s", it says what was understood and what not', (text, understood, expected) => {
    const e = explain(text);
    expect(e.summary).toBe(`${text} → không đọc được thời hạn`);
    expect(e.certain).toBe(false);
    expect(e.lines[0]).toContain(understood);
    expect(e.lines[0]).toContain(expected);
  });

  test('every phrase of the fixture gets a summary, and a guess is never certain', () => {
    for (const p of fixture.phrases as { phrase: string; context: DeadlineContext }[]) {
      const resolved = interpretDeadline(p.phrase, p.context, calendar);
      const e = explainDeadline(resolved, calendar);
      expect(e.summary.length).toBeGreaterThan(0);
      expect(e.certain).toBe(resolved.certain);
      if (!e.certain) expect(e.lines.some((l) => l.startsWith('Cần rà soát: '))).toBe(true);
    }
  });
});
