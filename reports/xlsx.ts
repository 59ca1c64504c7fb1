import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { ZONE } from '../domain/calendar/types';
import type { ReportData, StatusGrid } from '../domain/reports';
import { GRID_COLUMNS, gridValues, LEDGER_COLUMNS, ledgerRow, pct } from './columns';

/** Sheet names of the workbook, fixed so that integrators can find them. */
export const SHEETS = {
  ledger: 'So theo doi',
  byUnit: 'Theo don vi',
  byPeriod: 'Theo ky',
  byPlan: 'Theo ke hoach',
  byIssuer: 'Theo co quan ban hanh',
  score: 'Chi so CCHC',
  explanations: 'Giai trinh',
} as const;

/** The columns of the explanations sheet: one row per explanation request. */
export const EXPLANATION_COLUMNS = [
  'STT',
  'Số hiệu',
  'Nhiệm vụ',
  'Đơn vị chủ trì',
  'Mốc',
  'Hạn',
  'Yêu cầu giải trình lúc',
  'Đơn vị yêu cầu',
  'Lý do',
  'Hạn trả lời',
  'Nội dung giải trình',
  'Tài liệu kèm theo',
  'Giải trình lúc',
  'Trả lời đúng hạn',
] as const;

/** An ISO instant as a local date and time (Asia/Ho_Chi_Minh), as the sheet prints it: 05/03/2025 14:30. */
const viInstant = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toFormat('dd/MM/yyyy HH:mm');
const viDay = (iso: string) => iso.split('-').reverse().join('/');

const DATE_COLUMNS = new Set([8, 9, 11]); // 1-based: due, extended due, completion date
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

function header(ws: ExcelJS.Worksheet, values: readonly string[]): void {
  const row = ws.addRow([...values]);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
}

function gridSheet(wb: ExcelJS.Workbook, name: string, first: string, grid: StatusGrid, title: string): void {
  const ws = wb.addWorksheet(name);
  ws.addRow([title]).font = { bold: true, size: 13 };
  header(ws, ['STT', first, ...GRID_COLUMNS]);
  grid.rows.forEach((row, i) => ws.addRow([i + 1, row.label, ...gridValues(row)]));
  ws.addRow(['', grid.total.label, ...gridValues(grid.total)]).font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = i === 1 ? 45 : i === 0 ? 6 : 14));
  ws.views = [{ state: 'frozen', ySplit: 2 }];
}

/**
 * The follow-up workbook: the ledger (one row per task × lead unit × milestone, fixed columns), then the status
 * grid by unit, by period, by plan and by issuing body, and the PAR Index plan-completion score.
 */
export async function writeXlsx(r: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dondoc';
  wb.created = asDate(r.asOf);

  const ws = wb.addWorksheet(SHEETS.ledger);
  ws.addRow([
    `SỔ THEO DÕI NHIỆM VỤ — ${r.period.label} (tình hình đến ngày ${r.asOf.split('-').reverse().join('/')})`,
  ]).font = { bold: true, size: 13 };
  header(ws, LEDGER_COLUMNS);
  r.lines.forEach((line, i) => {
    const values = ledgerRow(r, line, i).map((v, col) =>
      DATE_COLUMNS.has(col + 1) && typeof v === 'string' && v ? asDate(v) : (v ?? ''),
    );
    const row = ws.addRow(values);
    row.alignment = { vertical: 'top', wrapText: true };
    for (const col of DATE_COLUMNS) row.getCell(col).numFmt = 'dd/mm/yyyy';
  });
  const widths = [6, 10, 60, 30, 30, 30, 30, 12, 12, 24, 12, 10, 30, 16];
  ws.columns.forEach((c, i) => (c.width = widths[i] ?? 14));
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: LEDGER_COLUMNS.length } };
  ws.views = [{ state: 'frozen', ySplit: 2 }];

  gridSheet(wb, SHEETS.byUnit, 'Đơn vị chủ trì', r.byUnit, `Tình hình thực hiện theo đơn vị — ${r.period.label}`);
  gridSheet(
    wb,
    SHEETS.byPeriod,
    'Kỳ (theo hạn ban đầu)',
    r.byPeriod,
    `Tình hình thực hiện theo kỳ — ${r.period.label}`,
  );
  gridSheet(wb, SHEETS.byPlan, 'Kế hoạch', r.byPlan, `Tình hình thực hiện theo kế hoạch — ${r.period.label}`);
  gridSheet(
    wb,
    SHEETS.byIssuer,
    'Cơ quan ban hành',
    r.byIssuer,
    `Tình hình thực hiện theo cơ quan ban hành — ${r.period.label}`,
  );

  if (r.score) {
    const s = r.score;
    const sc = wb.addWorksheet(SHEETS.score);
    sc.addRow([`Chỉ số CCHC: ${s.rule.criterion}`]).font = { bold: true };
    const rows: [string, string | number][] = [
      ['Năm', s.year],
      ['Tính đến ngày', s.asOf.split('-').reverse().join('/')],
      ['Nhiệm vụ có thời hạn trong năm', s.tasks],
      ['Đã hoàn thành', s.completed],
      ['Tỷ lệ hoàn thành', pct(s.share)],
      ['Điểm tạm tính', s.points],
      ['Điểm tối đa', s.rule.maxPoints],
      ['Mức', s.band],
      ['Nhiệm vụ đã đến hạn', s.dueSoFar],
      ['Đã hoàn thành trong số đã đến hạn', s.completedOfDueSoFar],
      ['Tỷ lệ trong số đã đến hạn', pct(s.shareOfDueSoFar)],
      ['Căn cứ', s.rule.source],
      ['Đã đối chiếu văn bản gốc', s.rule.verified ? 'Có' : 'Chưa (cần đối chiếu)'],
    ];
    for (const row of rows) sc.addRow(row);
    sc.getColumn(1).width = 40;
    sc.getColumn(2).width = 80;
  }
  explanationSheet(wb, r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** "Giai trinh": every explanation request of the report's lines, who asked when, and the unit's answer. */
function explanationSheet(wb: ExcelJS.Workbook, r: ReportData): void {
  const ws = wb.addWorksheet(SHEETS.explanations);
  ws.addRow([`GIẢI TRÌNH VIỆC CHẬM THỰC HIỆN NHIỆM VỤ — ${r.period.label}`]).font = { bold: true, size: 13 };
  header(ws, EXPLANATION_COLUMNS);
  let n = 0;
  for (const line of r.lines) {
    for (const x of line.explanations) {
      const row = ws.addRow([
        ++n,
        line.taskRef,
        line.title,
        line.unitId,
        line.milestoneLabel ?? '',
        line.due ? viDay(line.extendedDue ?? line.due) : '',
        viInstant(x.requestedAt),
        x.requestedBy,
        x.reason,
        viDay(x.dueBy),
        x.answer?.text ?? 'Chưa giải trình',
        x.answer?.attachments.join('; ') ?? '',
        x.answer ? viInstant(x.answer.at) : '',
        x.answer ? (x.answer.onTime ? 'Có' : 'Không') : '',
      ]);
      row.alignment = { vertical: 'top', wrapText: true };
    }
  }
  const widths = [6, 10, 50, 30, 14, 12, 18, 24, 40, 12, 60, 24, 18, 10];
  ws.columns.forEach((c, i) => (c.width = widths[i] ?? 14));
  ws.views = [{ state: 'frozen', ySplit: 2 }];
}
