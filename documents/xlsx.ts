import ExcelJS from 'exceljs';
import { toGrid, type DocBlock, type DocCell, type PlanDocument } from '../domain/plans/document';
import { DocumentError, type DocumentLimits } from './limits';
import { readZipEntry, zipDirectory } from './zip';

/** One worksheet as a grid, merged areas resolved (covered cells repeat the master's text). */
export interface Sheet {
  name: string;
  rows: DocCell[][];
}

const WHAT = 'an Excel workbook (.xlsx)';

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (v && typeof v === 'object' && 'result' in v) return v.result === undefined ? '' : String(v.result);
  if (v && typeof v === 'object' && 'text' in v) return String(v.text);
  return v === null || v === undefined ? '' : String(v);
}

/** Reads every worksheet of an .xlsx (after the zip-bomb checks) into grids. */
export async function readWorkbook(buf: Buffer, file: string, limits: DocumentLimits): Promise<Sheet[]> {
  const entries = zipDirectory(buf, file, WHAT, limits);
  if (!entries.has('xl/workbook.xml'))
    throw new DocumentError(file, WHAT, `${file}: a zip without xl/workbook.xml; expected ${WHAT}`, 415);
  // exceljs inflates without a cap: every entry is first inflated here, never past its declared size, so a zip
  // that lies about its sizes is refused before exceljs sees it.
  for (const entry of entries.values()) readZipEntry(buf, entry, file, WHAT);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (err) {
    throw new DocumentError(
      file,
      WHAT,
      `${file}: damaged (${err instanceof Error ? err.message : String(err)}); expected ${WHAT}`,
      422,
    );
  }
  const sheets: Sheet[] = [];
  wb.eachSheet((ws) => {
    const rows: DocCell[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: DocCell[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const cell = row.getCell(c);
        const master = cell.isMerged ? cell.master : cell;
        const mergedFrom: [number, number] | null =
          master !== cell ? [Number(master.row) - 1, Number(master.col) - 1] : null;
        cells.push({ text: cellText(master).trim(), mergedFrom });
      }
      rows.push(cells);
    }
    sheets.push({ name: ws.name, rows: toGrid(rows) });
  });
  return sheets;
}

/**
 * A workbook as a plan document: in each sheet, the rows before the table (one filled cell: the issuer, "Số: …",
 * the title) are paragraphs, and the rest from the first row with three or more filled cells is the table.
 */
export function workbookDocument(sheets: Sheet[], format: 'xlsx' | 'csv'): PlanDocument {
  const blocks: DocBlock[] = [];
  for (const sheet of sheets) {
    let start = sheet.rows.findIndex((row) => new Set(row.map((c) => c.text).filter(Boolean)).size >= 3);
    if (start < 0) start = sheet.rows.length;
    sheet.rows.slice(0, start).forEach((row, i) => {
      const text = [...new Set(row.map((c) => c.text).filter(Boolean))].join(' ');
      if (text) blocks.push({ kind: 'paragraph', text, page: null, line: i + 1 });
    });
    // Empty rows are dropped; merge origins are renumbered to the rows kept.
    const kept: number[] = [];
    for (let r = start; r < sheet.rows.length; r++) if (sheet.rows[r]?.some((c) => c.text)) kept.push(r);
    const index = new Map(kept.map((r, i) => [r, i]));
    const rows = kept.map((r) =>
      (sheet.rows[r] ?? []).map((c): DocCell => ({
        text: c.text,
        mergedFrom: c.mergedFrom ? [index.get(c.mergedFrom[0]) ?? 0, c.mergedFrom[1]] : null,
      })),
    );
    if (rows.length > 0) blocks.push({ kind: 'table', page: null, line: start + 1, rows });
  }
  return { format, blocks, notes: [] };
}
