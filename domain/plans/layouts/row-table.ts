import { cleanCell, splitProducts, type RawPlan, type RawTask, type RawWarning } from '../raw';
import { foldText, isTaskHeader, mapColumns, type ColumnMap } from './columns';
import { readReportedStatus } from './status';

// Tables written one row per line: markdown rows ("| 1 | Nhiệm vụ | Sở X | Quý II/2026 |", cells may hold
// "<br>") or tab-separated rows from a word processor. Columns are found by what their header means
// (columns.ts), so a table whose header says "Đơn vị thực hiện" or "Tiến độ" reads like one that says "Chủ trì"
// and "Thời hạn". A table whose header names no task column (indicators, budgets, address blocks) is skipped.

/** The cells of a table row, or null for a line that is not one. */
export function rowCells(line: string): string[] | null {
  const t = line.trim();
  if (t.startsWith('|')) {
    const inner = t.replace(/^\|/, '').replace(/\|\s*$/, '');
    return inner.split('|').map((c) => cleanCell(c.replace(/<br\s*\/?>/gi, '\n')));
  }
  if (line.includes('\t')) {
    const cells = line.split('\t').map((c) => cleanCell(c));
    return cells.filter((c) => c !== '').length >= 2 ? cells : null;
  }
  return null;
}

const SEPARATOR = /^:?-{2,}:?$/;

/** A header row: short cells naming columns, not a numbered row whose text happens to say "thời gian". */
function isHeaderRow(cells: string[]): boolean {
  if (cells.length < 3 || NUMERIC_REF_START.test(cells[0] ?? '')) return false;
  if (cells.some((c) => c.split(/\s+/).length > 10)) return false;
  return isTaskHeader(mapColumns(cells));
}
const NUMERIC_REF_START = /^\d/;
const NUMBERING = /^\(?\d{1,2}\)?$/;
const ROMAN_OR_LETTER = /^([IVXLC]+|[A-ZĐ])\.?$/;
const NUMERIC_REF = /^\d+(\.\d+)*\.?$/;

interface Table {
  map: ColumnMap;
  headerLine: number;
}

/** Whether the document holds a table with a task header (a title, and a lead or a deadline column). */
export function looksLikeRowTable(lines: string[]): boolean {
  const header = lines.some((l) => {
    const cells = rowCells(l);
    return cells !== null && isHeaderRow(cells);
  });
  return header && readRowTables(lines).tasks.length > 0;
}

/** Reads every task table written one row per line; section rows ("I | Cải cách thể chế") head their rows. */
export function readRowTables(lines: string[]): RawPlan {
  const tasks: RawTask[] = [];
  const warnings: RawWarning[] = [];
  let table: Table | null = null;
  let tableNo = 0;
  let section = '';
  let sectionRef = '';
  let lastNumber = 0;
  let caption = '';
  const cell = (cells: string[], i: number | undefined) => (i === undefined ? '' : (cells[i] ?? '').trim());
  lines.forEach((line, i) => {
    const cells = rowCells(line);
    if (!cells) {
      if (line.trim()) {
        table = null;
        caption = cleanCell(line);
      }
      return;
    }
    const map = mapColumns(cells);
    if (isHeaderRow(cells)) {
      const sameTable = table !== null && JSON.stringify(table.map) === JSON.stringify(map);
      if (!sameTable && !(tableNo > 0 && tasks.length > 0 && table === null && lastNumber === 0)) {
        tableNo++;
        lastNumber = 0;
        if (caption && !sectionRef) section = caption;
      }
      table = { map, headerLine: i + 1 };
      return;
    }
    if (!table) return;
    const t: Table = table;
    const nonEmpty = cells.filter((c) => c !== '');
    if (nonEmpty.length === 0) return;
    if (nonEmpty.every((c) => SEPARATOR.test(c) || NUMBERING.test(c))) return;
    const ref = cell(cells, t.map.ref).replace(/\*/g, '');
    const title = cell(cells, t.map.title);
    const lead = cell(cells, t.map.lead);
    const deadline = cell(cells, t.map.deadline);
    const support = cell(cells, t.map.support);
    const taskish = lead !== '' || deadline !== '' || support !== '';
    const previous = tasks[tasks.length - 1];
    if (
      ref === '' &&
      lead === '' &&
      deadline === '' &&
      previous &&
      previous.line >= t.headerLine &&
      !/\*\*/.test(line)
    ) {
      // A cell that went on in a row of its own (a broken conversion): the previous task's text continues.
      previous.title = `${previous.title} ${nonEmpty.join(' ')}`.trim();
      previous.endLine = i + 1;
      return;
    }
    if (/^[IVXLC]+\.?$/.test(ref) && lead === '' && title) {
      // "IV. | Phát triển nhân lực | | | | năm tiếp theo": a section row, whatever spilled into its cells.
      sectionRef = ref.replace(/\.$/, '');
      section = `${sectionRef}. ${title}`;
      lastNumber = 0;
      return;
    }
    if (!taskish && (ROMAN_OR_LETTER.test(ref) || ref === '' || nonEmpty.length === 1)) {
      // A section row: "I | Cải cách thể chế | | |" or a merged row holding only a heading.
      const heading = title || nonEmpty.join(' ');
      sectionRef = ROMAN_OR_LETTER.test(ref) ? ref.replace(/\.$/, '') : sectionRef;
      section = [ref, heading].filter(Boolean).join('. ').replace(/\.\./g, '.');
      lastNumber = 0;
      return;
    }
    if (!title) {
      warnings.push({ ref: ref || null, line: i + 1, message: 'table row without a task text; skipped' });
      return;
    }
    const n = NUMERIC_REF.test(ref) ? Number(ref.split('.')[0]) : NaN;
    if (!Number.isNaN(n)) lastNumber = n;
    const localRef = ref.replace(/\.$/, '') || String(tasks.length + 1);
    const prefix = sectionRef || (tableNo > 1 ? `T${tableNo}` : '');
    const status = readReportedStatus(cell(cells, t.map.status));
    tasks.push({
      ref: prefix ? `${prefix}.${localRef}` : localRef,
      section,
      title,
      products: splitProducts(cell(cells, t.map.products)),
      lead,
      support,
      accountable: '',
      deadlineText: deadline,
      ...(status ? { status } : {}),
      line: i + 1,
      endLine: i + 1,
    });
  });
  void foldText;
  return { layout: 'row-table', tasks, warnings };
}
