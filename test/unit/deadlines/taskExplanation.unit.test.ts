import { createCalendar } from '../../../domain/calendar';
import { explainTaskDeadline } from '../../../services/deadlineExplanation';

const calendar = createCalendar();
const ref = (label: string, nominal: string, due: string, extendedDue: string | null = null) => ({
  index: 0,
  label,
  kind: 'deliverable' as const,
  nominal,
  due,
  extendedDue,
});

describe('the task view explains the deadline the workflow works toward', () => {
  test('given a task due at the end of April 2026, it names the holidays that moved it', () => {
    const e = explainTaskDeadline(
      {
        deadlineText: 'Tháng 4/2026',
        deadlineKind: 'fixed',
        milestones: [ref('Tháng 4/2026', '2026-04-30', '2026-05-04')],
      },
      calendar,
    );
    expect(e.summary).toContain('30/4/2026 là ngày nghỉ lễ Ngày Chiến thắng (30/4)');
    expect(e.summary).toContain('hạn chuyển sang 4/5/2026 (thứ Hai)');
    expect(e.certain).toBe(true);
  });

  test('given an extension, the original due date stays and is said to count for on-time rates', () => {
    const e = explainTaskDeadline(
      {
        deadlineText: 'Quý I/2026',
        deadlineKind: 'fixed',
        milestones: [ref('Quý I/2026', '2026-03-31', '2026-03-31', '2026-04-15')],
      },
      calendar,
    );
    expect(e.lines).toContain('Quý I/2026: gia hạn đến 15/4/2026; hạn gốc 31/3/2026 vẫn giữ để tính tỷ lệ đúng hạn');
  });

  test('given a tentative deadline text, the task view flags it for review', () => {
    const e = explainTaskDeadline(
      {
        deadlineText: 'Dự kiến tháng 11/2025',
        deadlineKind: 'fixed',
        milestones: [ref('x', '2025-11-30', '2025-12-01')],
      },
      calendar,
    );
    expect(e.certain).toBe(false);
  });
});
