import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ITableCellOptions,
} from 'docx';
import { officialColumns, type ReportData, type StatusGrid } from '../domain/reports';
import { GRID_COLUMNS, gridValues, pct, viDate } from './columns';

// Nghị định 30/2020/NĐ-CP, Phụ lục I: A4, margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm; Times New
// Roman; body 13–14 pt; Quốc hiệu 12–13 pt bold upper case; Tiêu ngữ 13–14 pt bold, initial capitals, underlined
// by a line as long as itself; number and place/date 13–14 pt (place/date italic); document title bold 13–14 pt.
const MM = 56.7; // twips per millimetre
const FONT = 'Times New Roman';
const pt = (n: number) => n * 2; // docx sizes are half-points

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: pt(o.size ?? 13),
    bold: o.bold,
    italics: o.italics,
    ...(o.underline ? { underline: {} } : {}),
  });

const para = (
  children: TextRun[] | string,
  o: {
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    after?: number;
    before?: number;
    indent?: boolean;
  } = {},
) =>
  new Paragraph({
    children: typeof children === 'string' ? [run(children)] : children,
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { after: o.after ?? 60, before: o.before ?? 0, line: 300 },
    ...(o.indent ? { indent: { firstLine: Math.round(10 * MM) } } : {}),
  });

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

function layoutCell(children: Paragraph[], widthPct: number): TableCell {
  return new TableCell({ children, width: { size: widthPct, type: WidthType.PERCENTAGE }, borders: NO_BORDERS });
}

/** The header block: issuing body and number on the left, Quốc hiệu and Tiêu ngữ, place and date on the right. */
function headerBlock(r: ReportData): Table {
  const h = r.heading;
  const left = [
    ...(h.reporterParent
      ? [para([run(h.reporterParent.toUpperCase(), { size: 12 })], { align: AlignmentType.CENTER, after: 0 })]
      : []),
    para([run(h.reporter.toUpperCase(), { size: 12, bold: true })], { align: AlignmentType.CENTER, after: 0 }),
    para([run('───────', { size: 12 })], { align: AlignmentType.CENTER, after: 120 }),
    para([run(`Số:        /BC-${h.abbreviation}`)], { align: AlignmentType.CENTER }),
  ];
  const right = [
    para([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true })], {
      align: AlignmentType.CENTER,
      after: 0,
    }),
    para([run('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true })], {
      align: AlignmentType.CENTER,
      after: 120,
    }),
    para([run(`${h.place ?? '……………'}, ngày     tháng     năm ${r.asOf.slice(0, 4)}`, { italics: true })], {
      align: AlignmentType.CENTER,
    }),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [layoutCell(left, 40), layoutCell(right, 60)] })],
  });
}

const cellOpts = (o: Partial<ITableCellOptions> = {}): Partial<ITableCellOptions> => ({
  verticalAlign: VerticalAlign.CENTER,
  margins: { top: 40, bottom: 40, left: 60, right: 60 },
  ...o,
});

function tableCell(
  text: string | number,
  o: { bold?: boolean; align?: 'left' | 'center'; size?: number } = {},
): TableCell {
  return new TableCell({
    ...cellOpts(),
    children: [
      new Paragraph({
        alignment: o.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
        children: [run(String(text), { bold: o.bold, size: o.size ?? 11 })],
      }),
    ],
  });
}

/** A grid as a bordered table: STT, row name, the official columns and the on-time rate. */
function gridTable(grid: StatusGrid, first: string): Table {
  const head = ['STT', first, ...GRID_COLUMNS];
  const row = (stt: string, label: string, r: StatusGrid['total'], bold = false) =>
    new TableRow({
      children: [
        tableCell(stt, { bold }),
        tableCell(label, { bold, align: 'left' }),
        ...gridValues(r).map((v) => tableCell(v, { bold })),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => tableCell(h, { bold: true })) }),
      ...grid.rows.map((r, i) => row(String(i + 1), r.label, r)),
      row('', grid.total.label, grid.total, true),
    ],
  });
}

function overdueTable(r: ReportData): Table | Paragraph {
  const overdue = r.lines.filter((l) => l.status === 'overdue');
  if (overdue.length === 0) return para('Không có nhiệm vụ chưa hoàn thành quá hạn.', { indent: true });
  const head = ['STT', 'Số hiệu', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Hạn hoàn thành', 'Hạn sau gia hạn', 'Số ngày trễ'];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => tableCell(h, { bold: true })) }),
      ...overdue.map(
        (l, i) =>
          new TableRow({
            children: [
              tableCell(i + 1),
              tableCell(l.taskRef),
              tableCell(
                l.milestoneLabel && l.milestoneLabel !== l.deadlineText ? `${l.title} (${l.milestoneLabel})` : l.title,
                { align: 'left' },
              ),
              tableCell(r.unitName(l.unitId), { align: 'left' }),
              tableCell(viDate(l.due)),
              tableCell(viDate(l.extendedDue)),
              tableCell(l.daysLate ?? ''),
            ],
          }),
      ),
    ],
  });
}

/** The signature block: "Nơi nhận" on the left, the signer's title, signature space and name on the right. */
function signatureBlock(r: ReportData): Table {
  const left = [
    para([run('Nơi nhận:', { bold: true, italics: true, size: 12 })], { align: AlignmentType.LEFT, after: 0 }),
    para([run('- ……………;', { size: 11 })], { align: AlignmentType.LEFT, after: 0 }),
    para([run('- Lưu: VT, ' + r.heading.abbreviation + '.', { size: 11 })], { align: AlignmentType.LEFT, after: 0 }),
  ];
  const right = [
    para([run('QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ', { bold: true })], { align: AlignmentType.CENTER, after: 0 }),
    para([run('(Chữ ký, dấu)', { italics: true })], { align: AlignmentType.CENTER, after: 1200 }),
    para([run('Họ và tên', { bold: true })], { align: AlignmentType.CENTER }),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [layoutCell(left, 45), layoutCell(right, 55)] })],
  });
}

/**
 * The periodic report in the form of an administrative document (Nghị định 30/2020/NĐ-CP): header with the
 * Quốc hiệu and Tiêu ngữ, number and date left to fill in, the status grid as tables (by unit, by period),
 * the overdue tasks with their units, the PAR Index plan-completion score, and the signature block.
 */
export async function writeDocx(r: ReportData): Promise<Buffer> {
  const t = r.byUnit.total;
  const o = officialColumns(t.counts);
  const plans = r.heading.plans
    .map((p) => `${p.title}${p.number ? ` (số ${p.number})` : ''} của ${p.issuer}`)
    .join('; ');
  const body: (Paragraph | Table)[] = [
    headerBlock(r),
    para([run('BÁO CÁO', { bold: true, size: 14 })], { align: AlignmentType.CENTER, before: 240, after: 0 }),
    para(
      [
        run(
          `Tình hình thực hiện nhiệm vụ ${r.period.label.toLowerCase().startsWith('năm') ? r.period.label.toLowerCase() : r.period.label.charAt(0).toLowerCase() + r.period.label.slice(1)}`,
          { bold: true, size: 14 },
        ),
      ],
      {
        align: AlignmentType.CENTER,
        after: 240,
      },
    ),
    para(
      `Thực hiện ${plans}, ${r.heading.reporter} báo cáo tình hình thực hiện các nhiệm vụ có thời hạn trong ${r.period.label.charAt(0).toLowerCase() + r.period.label.slice(1)} (từ ngày ${viDate(r.period.from)} đến ngày ${viDate(r.period.to)}), số liệu tính đến ngày ${viDate(r.asOf)}, như sau:`,
      { indent: true },
    ),
    para([run('I. TÌNH HÌNH CHUNG', { bold: true })], { before: 120 }),
    para(
      `Tổng số nhiệm vụ theo dõi: ${t.total}, trong đó: hoàn thành đúng hạn ${o.doneOnTime}; hoàn thành quá hạn ${o.doneLate}; chưa hoàn thành, trong hạn ${o.openWithin} (sắp đến hạn ${t.counts['near-due']}); chưa hoàn thành, quá hạn ${o.openOverdue}; chưa xác định thời hạn ${t.counts['no-deadline']}. Tỷ lệ hoàn thành đúng hạn: ${pct(t.onTimeRate) || 'chưa có'}. Số nhiệm vụ được gia hạn: ${t.extended} (tính theo hạn ban đầu).`,
      { indent: true },
    ),
    para([run('1. Theo đơn vị chủ trì', { bold: true, italics: true })]),
    gridTable(r.byUnit, 'Đơn vị chủ trì'),
    para([run('2. Theo kỳ (theo hạn ban đầu)', { bold: true, italics: true })], { before: 120 }),
    gridTable(r.byPeriod, 'Kỳ'),
    para([run('II. NHIỆM VỤ CHƯA HOÀN THÀNH, QUÁ HẠN', { bold: true })], { before: 120 }),
    overdueTable(r),
  ];
  if (r.score) {
    const s = r.score;
    body.push(
      para([run('III. CHỈ SỐ CẢI CÁCH HÀNH CHÍNH: MỨC ĐỘ HOÀN THÀNH KẾ HOẠCH', { bold: true })], { before: 120 }),
      para(
        `Đến ngày ${viDate(s.asOf)}, đã hoàn thành ${s.completed}/${s.tasks} nhiệm vụ có thời hạn trong năm ${s.year} (${pct(s.share) || '0%'}); điểm tạm tính ${String(s.points).replace('.', ',')}/${String(s.rule.maxPoints).replace('.', ',')} (${s.band}). Trong số ${s.dueSoFar} nhiệm vụ đã đến hạn, đã hoàn thành ${s.completedOfDueSoFar} (${pct(s.shareOfDueSoFar) || '0%'}). Căn cứ: ${s.rule.source}${s.rule.verified ? '' : ' (ngưỡng điểm cần đối chiếu văn bản gốc)'}.`,
        { indent: true },
      ),
    );
  }
  body.push(
    para([run(`${r.score ? 'IV' : 'III'}. ĐỀ XUẤT, KIẾN NGHỊ`, { bold: true })], { before: 120 }),
    para('……………………………………………………………………………………', { indent: true }),
    para(
      `Trên đây là báo cáo tình hình thực hiện nhiệm vụ ${r.period.label.charAt(0).toLowerCase() + r.period.label.slice(1)} của ${r.heading.reporter}./.`,
      { indent: true, after: 240 },
    ),
    signatureBlock(r),
  );
  const doc = new Document({
    creator: 'dondoc',
    title: `Báo cáo ${r.period.label}`,
    styles: { default: { document: { run: { font: FONT, size: pt(13) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: {
              top: Math.round(20 * MM),
              bottom: Math.round(20 * MM),
              left: Math.round(30 * MM),
              right: Math.round(15 * MM),
            },
          },
        },
        children: body,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
