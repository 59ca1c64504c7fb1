import type { DraftEvent } from '../../../domain/events/schemas';
import { buildReport, type ReportHeading } from '../../../domain/reports';
import { EXPLANATION_COLUMNS, SHEETS, writeXlsx } from '../../../reports/xlsx';
import { assigned, chain, milestone, scheduled } from '../../support/events';

// read-excel-file's types are ESM-only; its CommonJS build is what jest loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readSheet } = require('read-excel-file/node') as {
  readSheet(input: Buffer, sheet: string): Promise<(string | number | boolean | Date | null)[][]>;
};

const heading: ReportHeading = {
  reporter: 'Phòng Nội vụ',
  reporterParent: 'UBND QUẬN 1',
  abbreviation: 'PNV',
  place: 'Quận 1',
  plans: [{ id: 'kh-giai-trinh', number: '12/KH-UBND', title: 'Kế hoạch thử', issuer: 'UBND Quận 1' }],
};

const late = milestone('2025-02-20');
const request = (by: string, dueBy: string, reason: string): DraftEvent => ({
  type: 'ExplanationRequested',
  data: { milestone: late, by, reason, dueBy, workingDaysLate: 5, to: [{ unitId: 'phong-vh', title: 'Phòng VH' }] },
});

/** When each event of the asked task happened, by its sequence number (the others on the day it was planned). */
const AT: Record<number, string> = {
  3: '2025-02-27T09:30:00+07:00',
  4: '2025-03-04T09:30:00+07:00',
  5: '2025-03-12T09:30:00+07:00',
};

/** One late task asked twice for an explanation (answered late the first time, not yet the second), one not asked. */
function events() {
  const planned = '2025-02-01T09:00:00+07:00';
  const asked = chain(
    'kh-giai-trinh',
    '1.2',
    'phong-vh',
    [
      assigned('phong-vh', 'Số hóa hồ sơ văn hóa'),
      scheduled(late),
      request('phong-nv', '2025-03-03', 'Quá hạn chưa báo cáo'),
      {
        type: 'ExplanationSubmitted',
        data: {
          milestone: late,
          by: 'phong-vh',
          text: 'Thiếu kinh phí số hóa.',
          attachments: ['cv-45.pdf'],
          onTime: false,
        },
      },
      request('phong-nv', '2025-03-20', 'Vẫn chưa hoàn thành'),
    ],
    planned,
  ).map((e) => ({ ...e, metadata: { ...e.metadata, at: AT[e.metadata.seq] ?? e.metadata.at } }));
  const other = chain(
    'kh-giai-trinh',
    '1.3',
    'phong-vh',
    [assigned('phong-vh', 'Không bị hỏi'), scheduled(milestone('2025-03-31'))],
    planned,
  );
  return [...asked, ...other];
}

describe('the explanations ("Giai trinh") sheet of the ledger workbook', () => {
  const report = buildReport(events(), { period: '2025-Q1', asOf: '2025-03-15', heading });

  it('puts the requests and answers on the ledger line of their milestone', () => {
    const line = report.lines.find((l) => l.taskRef === '1.2')!;
    expect(line.explanations).toEqual([
      {
        requestedAt: '2025-02-27T09:30:00+07:00',
        requestedBy: 'phong-nv',
        reason: 'Quá hạn chưa báo cáo',
        dueBy: '2025-03-03',
        answer: {
          at: '2025-03-04T09:30:00+07:00',
          by: 'phong-vh',
          text: 'Thiếu kinh phí số hóa.',
          attachments: ['cv-45.pdf'],
          onTime: false,
        },
      },
      {
        requestedAt: '2025-03-12T09:30:00+07:00',
        requestedBy: 'phong-nv',
        reason: 'Vẫn chưa hoàn thành',
        dueBy: '2025-03-20',
        answer: null,
      },
    ]);
    expect(report.lines.find((l) => l.taskRef === '1.3')!.explanations).toEqual([]);
  });

  it('leaves out what happened after the report date', () => {
    const earlier = buildReport(events(), { period: '2025-Q1', asOf: '2025-03-01', heading });
    const line = earlier.lines.find((l) => l.taskRef === '1.2')!;
    expect(line.explanations).toHaveLength(1);
    expect(line.explanations[0]!.answer).toBeNull();
  });

  it('writes one row per request, read back with read-excel-file', async () => {
    const rows = await readSheet(await writeXlsx(report), SHEETS.explanations);
    expect(rows[1]!.map(String)).toEqual([...EXPLANATION_COLUMNS]);
    const body = rows.slice(2);
    expect(body).toHaveLength(2);
    const col = (name: (typeof EXPLANATION_COLUMNS)[number]) => EXPLANATION_COLUMNS.indexOf(name);
    expect(body[0]![col('Số hiệu')]).toBe('1.2');
    expect(body[0]![col('Đơn vị yêu cầu')]).toBe('phong-nv');
    expect(body[0]![col('Yêu cầu giải trình lúc')]).toBe('27/02/2025 09:30');
    expect(body[0]![col('Hạn trả lời')]).toBe('03/03/2025');
    expect(body[0]![col('Nội dung giải trình')]).toBe('Thiếu kinh phí số hóa.');
    expect(body[0]![col('Tài liệu kèm theo')]).toBe('cv-45.pdf');
    expect(body[0]![col('Giải trình lúc')]).toBe('04/03/2025 09:30');
    expect(body[0]![col('Trả lời đúng hạn')]).toBe('Không');
    expect(body[1]![col('Nội dung giải trình')]).toBe('Chưa giải trình');
    expect(body[1]![col('Giải trình lúc')]).toBeNull();
  });
});
