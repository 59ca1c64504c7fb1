import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';
import PDFDocument from 'pdfkit';

// Test-side writers: a published plan's text (the pipe-block web export of the corpus) turned back into the
// structure it came from, paragraphs and table rows, and written as a real .docx (docx), .pdf (pdfkit, DejaVu)
// and .xlsx (exceljs), so the readers are tested on files made by the tools offices use, not by dondoc.

export type Block = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: string[][] };

export const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
export const DEJAVU_BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';
if (!existsSync(DEJAVU)) throw new Error(`${DEJAVU} is missing: install fonts-dejavu-core (scripts/test.sh does)`);

const plain = (s: string) => s.replace(/\*\*/g, '').replace(/(^|\s)\*([^*]+)\*(?=\s|$|[.,;:])/g, '$1$2');

/**
 * The blocks of a pipe-block text: a line holding "|" opens a cell, an empty cell ends a row, and two blank lines
 * end the table (the export writes the text after a table into its last cell, after a gap).
 */
export function blocksOfPipeText(text: string): Block[] {
  const lines = text.split(/\r?\n/);
  const blocks: Block[] = [];
  let para: string[] = [];
  const flushPara = () => {
    const t = para.join('\n').trim();
    if (t) blocks.push({ kind: 'paragraph', text: plain(t) });
    para = [];
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() !== '|') {
      if (!line.trim()) flushPara();
      else para.push(line.trim());
      i++;
      continue;
    }
    flushPara();
    const rows: string[][] = [];
    let row: string[] = [];
    let cell: string[] | null = null;
    const flushCell = () => {
      if (!cell) return;
      const t = plain(cell.join('\n').trim());
      if (t) row.push(t);
      else if (row.length) {
        rows.push(row);
        row = [];
      }
      cell = null;
    };
    for (; i < lines.length; i++) {
      const l = lines[i] ?? '';
      if (l.trim() === '|') {
        flushCell();
        cell = [];
      } else if (!l.trim() && !(lines[i + 1] ?? '').trim() && cell && i + 2 < lines.length) {
        // The table's text ends here; what follows is the document's.
        const t = plain(cell.join('\n').trim());
        if (t) row.push(t);
        cell = null;
        break;
      } else cell?.push(l.trim());
    }
    flushCell();
    if (row.length) rows.push(row);
    if (rows.length) blocks.push({ kind: 'table', rows });
  }
  flushPara();
  return blocks;
}

const width = (rows: string[][]) => Math.max(...rows.map((r) => r.length));

/** A .docx with the blocks; rows shorter than the table are padded with empty cells (as a rowspan leaves them). */
export async function makeDocx(blocks: Block[]): Promise<Buffer> {
  const children = blocks.map((b) => {
    if (b.kind === 'paragraph') return new Paragraph({ children: lines(b.text) });
    const w = width(b.rows);
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: b.rows.map(
        (r) =>
          new TableRow({
            children:
              r.length === 1 && w > 2
                ? [new TableCell({ columnSpan: w, children: [new Paragraph({ children: lines(r[0] ?? '') })] })]
                : Array.from(
                    { length: w },
                    (_, c) => new TableCell({ children: [new Paragraph({ children: lines(r[c] ?? '') })] }),
                  ),
          }),
      ),
    });
  });
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

function lines(text: string): TextRun[] {
  return text.split('\n').map((t, i) => new TextRun({ text: t, break: i > 0 ? 1 : 0 }));
}

/** A .docx table whose lead column is merged down over several rows (vMerge) and a section row merged across. */
export async function makeMergedDocx(
  place = { issuer: 'ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP', city: 'Đồng Tháp' },
): Promise<Buffer> {
  const cell = (text: string, extra: Record<string, unknown> = {}) =>
    new TableCell({ ...extra, children: [new Paragraph({ children: [new TextRun(text)] })] });
  const header = new TableRow({
    children: ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'].map((t) =>
      cell(t),
    ),
  });
  const section = new TableRow({ children: [cell('I. NHIỆM VỤ TRỌNG TÂM', { columnSpan: 5 })] });
  const rows = [
    ['1', 'Ban hành quy chế phối hợp', 'Sở Nội vụ', 'Các sở, ban, ngành', 'Trước tháng 10 năm 2026'],
    ['2', 'Rà soát thủ tục hành chính', '', 'UBND các xã, phường', 'Quý III năm 2026'],
    ['3', 'Tổng hợp báo cáo kết quả', '', 'Văn phòng UBND tỉnh', 'Tháng 12 năm 2026'],
  ];
  const body = rows.map(
    (r, k) =>
      new TableRow({
        children: r.map((t, c) =>
          c === 2
            ? cell(t, { verticalMerge: k === 0 ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE })
            : cell(t),
        ),
      }),
  );
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun(place.issuer)] }),
          new Paragraph({ children: [new TextRun('Số: 12/KH-UBND')] }),
          new Paragraph({ children: [new TextRun(`${place.city}, ngày 15 tháng 01 năm 2026`)] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('KẾ HOẠCH')] }),
          new Paragraph({ children: [new TextRun('Cải cách hành chính năm 2026')] }),
          new Table({ rows: [header, section, ...body] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** An .xlsx: paragraphs as one-cell rows, then each table with three or more columns on a sheet of its own. */
export async function makeXlsx(blocks: Block[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  let ws = wb.addWorksheet('Sheet1');
  let used = false;
  for (const b of blocks) {
    if (b.kind === 'paragraph' || width(b.rows) < 3) {
      const text = b.kind === 'paragraph' ? b.text : b.rows.map((r) => r.join(' ')).join('\n');
      if (!used) ws.addRow([text]);
      continue;
    }
    if (used) ws = wb.addWorksheet(`Sheet${wb.worksheets.length + 1}`);
    used = true;
    const w = width(b.rows);
    for (const r of b.rows) {
      const row = ws.addRow(Array.from({ length: w }, (_, c) => r[c] ?? ''));
      if (r.length === 1 && w > 2) ws.mergeCells(row.number, 1, row.number, w);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface PdfOptions {
  /**
   * A running header on every page but the first and a footer "Trang n/N" on every page, as a word processor prints
   * them with a different first page (the reader must drop them).
   */
  running?: boolean;
  /**
   * Paragraphs justified as word processors print them: each word placed on its own, the gaps between the words of a
   * line widened evenly to fill it (the reader must not take the gaps for cells).
   */
  justify?: boolean;
  /** Write no text at all: a scanned page stands in as a grey box. */
  scanned?: boolean;
}

/** A .pdf laid out as a word processor prints one: wrapped paragraphs, ruled tables whose header repeats per page. */
export function makePdf(blocks: Block[], opts: PdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 50, right: 50 }, bufferPages: true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('body', DEJAVU);
  doc.font('body').fontSize(9);
  const left = 50;
  const usable = doc.page.width - 100;
  const bottom = () => doc.page.height - 56;
  if (opts.scanned) {
    doc.rect(60, 60, 400, 600).fill('#cccccc');
    doc.end();
    return done;
  }
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      if (opts.justify) justified(doc, b.text, left, usable, bottom());
      else doc.text(b.text, left, undefined, { width: usable });
      doc.moveDown(0.5);
      continue;
    }
    const w = width(b.rows);
    const widths = columnWidths(b.rows, w, usable);
    const pad = 4;
    const header = b.rows[0] ?? [];
    const rowHeight = (r: string[]) =>
      r.length === 1 && w > 2
        ? doc.heightOfString(r[0] ?? '', { width: usable - 2 * pad }) + 2 * pad
        : Math.max(...widths.map((cw, c) => doc.heightOfString(r[c] || ' ', { width: cw - 2 * pad }))) + 2 * pad;
    const drawRow = (r: string[]) => {
      const h = rowHeight(r);
      const y = doc.y;
      if (r.length === 1 && w > 2) {
        doc.rect(left, y, usable, h).stroke();
        doc.text(r[0] ?? '', left + pad, y + pad, { width: usable - 2 * pad });
      } else {
        let x = left;
        widths.forEach((cw, c) => {
          doc.rect(x, y, cw, h).stroke();
          if (r[c]) doc.text(r[c] ?? '', x + pad, y + pad, { width: cw - 2 * pad });
          x += cw;
        });
      }
      doc.x = left;
      doc.y = y + h;
    };
    const wide = w >= 3;
    b.rows.forEach((r, k) => {
      if (doc.y + rowHeight(r) > bottom()) {
        doc.addPage();
        if (wide && k > 0) drawRow(header);
      }
      drawRow(r);
    });
    doc.moveDown(0.5);
  }
  if (opts.running) {
    const range = doc.bufferedPageRange();
    for (let p = range.start; p < range.start + range.count; p++) {
      doc.switchToPage(p);
      // In the bottom margin: without lifting it, pdfkit would move the footer to a new page of its own.
      doc.page.margins.bottom = 0;
      if (p > range.start)
        doc.text('CỔNG THÔNG TIN ĐIỆN TỬ TỈNH', left, 30, { width: usable, align: 'center', lineBreak: false });
      doc.text(`Trang ${p + 1}/${range.count}`, left, doc.page.height - 40, {
        width: usable,
        align: 'right',
        lineBreak: false,
      });
    }
  }
  doc.end();
  return done;
}

/** A justified paragraph written word by word: every line but the last filled to the width by even gaps. */
function justified(doc: PDFKit.PDFDocument, text: string, left: number, width: number, bottom: number): void {
  const space = doc.widthOfString(' ');
  const lineHeight = doc.currentLineHeight(true);
  for (const para of text.split('\n')) {
    const words = para.split(/\s+/).filter(Boolean);
    let k = 0;
    while (k < words.length) {
      const line: string[] = [];
      let used = 0;
      while (k < words.length) {
        const w = doc.widthOfString(words[k] ?? '');
        if (line.length > 0 && used + space + w > width) break;
        used += (line.length > 0 ? space : 0) + w;
        line.push(words[k++] ?? '');
      }
      if (doc.y + lineHeight > bottom) doc.addPage();
      const y = doc.y;
      const last = k >= words.length;
      const natural = line.reduce((n, w) => n + doc.widthOfString(w), 0);
      const gap = last || line.length < 2 ? space : (width - natural) / (line.length - 1);
      let x = left;
      for (const w of line) {
        doc.text(w, x, y, { lineBreak: false });
        x += doc.widthOfString(w) + gap;
      }
      doc.x = left;
      doc.y = y + lineHeight;
    }
  }
}

/** Column widths in proportion to the longest text of each column, the first (STT) narrow. */
function columnWidths(rows: string[][], w: number, usable: number): number[] {
  const weight = Array.from({ length: w }, (_, c) =>
    Math.min(60, Math.max(3, ...rows.filter((r) => r.length === w).map((r) => (r[c] ?? '').length))),
  );
  const total = weight.reduce((a, b) => a + b, 0);
  const raw = weight.map((x) => (x / total) * usable);
  const min = Math.min(36, usable / w);
  const short = raw.reduce((n, x) => n + Math.max(0, min - x), 0);
  const big = raw.filter((x) => x > min).reduce((a, b) => a + b, 0);
  return raw.map((x) => (x < min ? min : x - (short * x) / big));
}

/**
 * The blocks of a tab-separated text export (seed 004): a line holding tabs is a table row, other lines are
 * paragraphs. The export cut the table at each page break, repeating its header row and splitting a row's cells
 * across the break (the part on the next page has an empty first cell); the file the office holds has the one table,
 * so repeated headers are dropped and split rows joined back. Markup the export left in cells is taken out.
 */
export function blocksOfTabText(text: string): Block[] {
  const blocks: Block[] = [];
  let table: string[][] | null = null;
  const cellText = (c: string) =>
    c
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  for (const line of text.split(/\r?\n/)) {
    if (!line.includes('\t')) {
      if (!line.trim()) continue; // a page break inside the table, or a gap between paragraphs
      if (table) blocks.push({ kind: 'table', rows: table });
      table = null;
      blocks.push({ kind: 'paragraph', text: plain(line.trim()) });
      continue;
    }
    const cells = line.split('\t').map(cellText);
    const rows: string[][] = table ?? [];
    table = rows;
    const header = rows[0];
    if (header && cells.join('\t') === header.join('\t')) continue;
    const last = rows[rows.length - 1];
    if (last && rows.length > 1 && !cells[0]) {
      cells.forEach((c, i) => {
        if (c) last[i] = last[i] ? `${last[i]} ${c}` : c;
      });
      continue;
    }
    rows.push(cells);
  }
  if (table) blocks.push({ kind: 'table', rows: table });
  return blocks;
}
