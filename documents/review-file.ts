import type { WorkingCalendar } from '../domain/calendar/types';
import ExcelJS from 'exceljs';
import { stringify as toYaml } from 'yaml';
import type { Plan } from '../domain/plans/model';
import {
  checkReviewRows,
  cleanPlanOf,
  REVIEW_COLUMNS,
  ReviewCellError,
  ReviewMetaSchema,
  reviewMeta,
  reviewRows,
  type ReviewColumn,
  type ReviewRow,
} from '../domain/plans/review';
import { DocumentError } from './limits';
import type { Sheet } from './xlsx';

export const REVIEW_MARK = 'dondoc-review';
const TASKS_SHEET = 'Nhiệm vụ';
const META_SHEET = 'Kế hoạch';
const META_KEYS = ['number', 'issuer', 'issued', 'title', 'from', 'to', 'directory'] as const;
const META_LABELS: Record<(typeof META_KEYS)[number], string> = {
  number: 'Số ký hiệu',
  issuer: 'Cơ quan ban hành',
  issued: 'Ngày ban hành (YYYY-MM-DD)',
  title: 'Trích yếu',
  from: 'Thời kỳ từ (YYYY-MM-DD)',
  to: 'Thời kỳ đến (YYYY-MM-DD)',
  directory: 'Danh mục đơn vị (hcm | hcm-q1 | none)',
};

export type ReviewFormat = 'xlsx' | 'csv' | 'yaml';

/** The review format a file name asks for, or null. */
export function reviewFormatOf(file: string): ReviewFormat | null {
  const ext = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase();
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'csv') return 'csv';
  if (ext === 'yaml' || ext === 'yml') return 'yaml';
  return null;
}

const csvField = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Writes the review of a plan as .xlsx, .csv or .yaml; each reads back through `dondoc import` as it is. */
export async function writeReview(plan: Plan, format: ReviewFormat, calendar?: WorkingCalendar): Promise<Buffer> {
  const meta = reviewMeta(plan);
  const rows = reviewRows(plan, calendar);
  if (format === 'yaml') {
    const doc = {
      plan: {
        number: meta.number,
        issuer: meta.issuer,
        issued: meta.issued,
        title: meta.title,
        period: { from: meta.from, to: meta.to },
        directory: meta.directory,
      },
      tasks: rows.map((r) => ({ ...r, products: r.products.split('\n').filter(Boolean) })),
    };
    return Buffer.from(
      `# ${REVIEW_MARK}: edit ref, section, title, lead, support, accountable, products and deadline; the other\n` +
        `# fields are computed again on import. Then: dondoc import <this file>\n` +
        toYaml(doc, { lineWidth: 0 }),
      'utf8',
    );
  }
  if (format === 'csv') {
    const head = META_KEYS.filter((k) => meta[k] !== null).map(
      (k) => `# ${k}: ${String(meta[k]).replace(/\r?\n/g, ' ')}`,
    );
    const lines = [
      `# review: ${REVIEW_MARK} (edit ref…deadline; the other columns are computed again on import)`,
      ...head,
      REVIEW_COLUMNS.map((c) => c.key).join(','),
      ...rows.map((r) => REVIEW_COLUMNS.map((c) => csvField(r[c.key])).join(',')),
    ];
    return Buffer.from(lines.join('\n') + '\n', 'utf8');
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(TASKS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = REVIEW_COLUMNS.map((c) => ({
    header: c.label,
    key: c.key,
    width: c.key === 'title' ? 60 : ['ref', 'nominal', 'due', 'flags'].includes(c.key) ? 14 : 32,
  }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const row = ws.addRow(r);
    row.alignment = { wrapText: true, vertical: 'top' };
    REVIEW_COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.numFmt = '@';
      if (!c.editable) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
      if (r.flags && c.key === 'flags')
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE08A' } };
    });
  }
  const ms = wb.addWorksheet(META_SHEET);
  ms.addRow([REVIEW_MARK, 'Sửa các ô cột B; cột nền xám ở trang Nhiệm vụ được tính lại khi nhập.']);
  for (const k of META_KEYS) ms.addRow([k, meta[k] ?? '', META_LABELS[k]]);
  ms.getColumn(1).width = 14;
  ms.getColumn(2).width = 60;
  ms.getColumn(3).width = 40;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** True when a workbook is a review sheet dondoc wrote. */
export function isReviewWorkbook(sheets: Sheet[]): boolean {
  return sheets.some((s) => s.name === META_SHEET && s.rows[0]?.[0]?.text === REVIEW_MARK);
}

const columnLetter = (i: number) => {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

/** A review workbook back as a clean plan object; a broken cell is refused with its sheet, row and column. */
export function reviewWorkbookPlan(sheets: Sheet[], file: string): unknown {
  const refuse = (where: string, expected: string) =>
    new DocumentError(file, expected, `${file}: ${where}: expected ${expected}`, 422);
  const metaSheet = sheets.find((s) => s.name === META_SHEET);
  const tasks = sheets.find((s) => s.name === TASKS_SHEET);
  if (!metaSheet || !tasks) throw refuse('the review workbook', `the sheets "${TASKS_SHEET}" and "${META_SHEET}"`);
  const raw: Record<string, string | null> = {};
  const metaRow: Record<string, number> = {};
  metaSheet.rows.forEach((r, i) => {
    const k = r[0]?.text ?? '';
    if ((META_KEYS as readonly string[]).includes(k)) {
      raw[k] = r[1]?.text ?? '';
      metaRow[k] = i + 1;
    }
  });
  raw['number'] = raw['number'] ? raw['number'] : null;
  const meta = ReviewMetaSchema.safeParse(raw);
  if (!meta.success) {
    const issue = meta.error.issues[0];
    const key = String(issue?.path[0] ?? '');
    throw refuse(`sheet "${META_SHEET}", row ${metaRow[key] ?? '?'}, column B (${key})`, issue?.message ?? 'a value');
  }
  const header = (tasks.rows[0] ?? []).map((c) => c.text.trim());
  const index = new Map<ReviewColumn, number>();
  for (const c of REVIEW_COLUMNS) {
    const i = header.findIndex((h) => h === c.label || h === c.key);
    if (i >= 0) index.set(c.key, i);
  }
  for (const need of ['ref', 'title', 'lead', 'deadline'] as const)
    if (!index.has(need))
      throw refuse(`sheet "${TASKS_SHEET}", row 1`, `a column "${REVIEW_COLUMNS.find((c) => c.key === need)?.label}"`);
  const rows = tasks.rows
    .map((r, i) => ({ row: i + 1, r }))
    .slice(1)
    .filter(({ r }) => r.some((c) => c.text.trim()))
    .map(({ row, r }) => ({
      row,
      cells: Object.fromEntries(
        REVIEW_COLUMNS.map((c) => [c.key, index.has(c.key) ? (r[index.get(c.key)!]?.text ?? '').trim() : '']),
      ) as ReviewRow,
    }));
  if (rows.length === 0) throw refuse(`sheet "${TASKS_SHEET}"`, 'at least one task row');
  try {
    checkReviewRows(rows, (key) => `${columnLetter(index.get(key) ?? 0)} (${key})`);
  } catch (err) {
    if (err instanceof ReviewCellError)
      throw refuse(`sheet "${TASKS_SHEET}", row ${err.row}, column ${err.column}`, err.expected);
    throw err;
  }
  return cleanPlanOf(
    meta.data,
    rows.map((r) => r.cells),
  );
}
