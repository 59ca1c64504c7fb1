import { cleanCell, LayoutError, splitProducts, type RawPlan, type RawTask, type RawWarning } from '../raw';

// Seed 001: the table lost its header; each row is a block of tab-indented cells (a line starting with a tab
// opens a cell, other lines continue it). A row opens with an empty STT cell ("\t\u00a0") or a section
// ("\t3. Về cải cách tổ chức bộ máy") right after a blank line. Cells: STT, task, lead, coordinating units,
// responsible head, one target per year, product.

const EMPTY_CELL = /^\t[\s\u00a0]*$/;
const SECTION_CELL = /^\t(\d+)\.\s+(\S.*)$/;

/** A blank separator line. Not trim(): an empty cell ("\t\u00a0") is whitespace to trim() but still a cell. */
const isBlankLine = (line: string | undefined): boolean => /^[^\S\t\u00a0]*$/.test(line ?? '');

export function looksLikeCellBlocks(lines: string[]): boolean {
  let n = 0;
  for (let i = 1; i < lines.length; i++) if (EMPTY_CELL.test(lines[i] ?? '') && isBlankLine(lines[i - 1])) n++;
  return n >= 3;
}

interface Row {
  line: number;
  endLine: number;
  section: string | null;
  cells: string[];
  damaged: boolean;
}

export function readCellBlocks(lines: string[], years: number[]): RawPlan {
  const warnings: RawWarning[] = [];
  const isRowStart = (i: number) =>
    (EMPTY_CELL.test(lines[i] ?? '') || SECTION_CELL.test(lines[i] ?? '')) && isBlankLine(lines[i - 1]);
  let start = lines.findIndex((l, i) => /^ \t\S/.test(l) || (i > 0 && EMPTY_CELL.test(l) && isRowStart(i)));
  if (start < 0) throw new LayoutError('rows of tab-indented cells', null);
  const rows: Row[] = [];
  let row: Row | null = null;
  for (let i = start; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (i > start && isRowStart(i)) {
      const sec = SECTION_CELL.exec(l);
      row = {
        line: i + 1,
        endLine: i + 1,
        section: sec ? `${sec[1]}. ${cleanCell(sec[2] ?? '')}` : null,
        cells: [''],
        damaged: false,
      };
      rows.push(row);
    } else if (/^ ?\t/.test(l)) {
      if (!row) {
        row = { line: i + 1, endLine: i + 1, section: null, cells: [], damaged: true };
        rows.push(row);
      }
      row.cells.push(l.replace(/^ ?\t/, ''));
      row.endLine = i + 1;
    } else if (l.trim() && row) {
      const last = row.cells.length - 1;
      row.cells[last] = `${row.cells[last] ?? ''}\n${l}`;
      row.endLine = i + 1;
    }
  }
  start = 0;
  const lo = years.length >= 2 ? Math.min(...years) : 2018;
  const hi = years.length >= 2 ? Math.max(...years) : 2020;
  const yearCols = Array.from({ length: Math.min(10, hi - lo + 1) }, (_, k) => lo + k);
  const width = 6 + yearCols.length;
  const tasks: RawTask[] = [];
  let section = '';
  let sectionNo = '0';
  let index = 0;
  for (const r of rows) {
    if (r.section) {
      section = r.section;
      sectionNo = r.section.split('.')[0] ?? sectionNo;
      index = 0;
    }
    let cells = r.cells.map((c) => c);
    if (r.damaged) {
      // The first row lost its STT and task cells: keep the rest, aligned from the right.
      cells = [...Array.from({ length: Math.max(0, width - cells.length) }, () => ''), ...cells];
    }
    if (cells.length < 3 || cells.slice(1).every((c) => !cleanCell(c))) {
      const text = cells.map(cleanCell).filter(Boolean).join(' | ');
      // A block too short to be a row still holds text the reviewer must see (it was once a lost product).
      if (text)
        warnings.push({ ref: null, line: r.line, message: `block of ${cells.length} cells ignored: "${text}"` });
      continue;
    }
    index++;
    const ref = `${sectionNo}.${index}`;
    const title = cleanCell(cells[1] ?? '');
    if (r.damaged || !title) warnings.push({ ref, line: r.line, message: 'damaged row: the task text is missing' });
    if (sectionNo === '0' && index === 1)
      warnings.push({
        ref,
        line: r.line,
        message: 'rows before the first section heading: section lost, refs numbered 0.x',
      });
    if (cells.length !== width)
      warnings.push({ ref, line: r.line, message: `row has ${cells.length} cells (expected ${width})` });
    tasks.push({
      ref,
      section,
      title: title || '(nội dung bị mất)',
      lead: units(cells[2]),
      support: units(cells[3]),
      accountable: units(cells[4]),
      yearTargets: yearCols.map((year, k) => ({
        year,
        text: cleanCell(cells[5 + k] ?? '').replace(/^\((.*)\)$/, '$1'),
      })),
      products: splitProducts(cells[5 + yearCols.length] ?? ''),
      deadlineText: '',
      line: r.line,
      endLine: r.endLine,
    });
  }
  return { layout: 'cell-blocks', tasks, warnings };
}

const units = (cell: string | undefined) => cleanCell((cell ?? '').replace(/\n\s*[-–]\s*/g, '; '));
