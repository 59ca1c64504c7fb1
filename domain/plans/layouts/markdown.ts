import { cleanCell, LayoutError, splitProducts, type RawPlan, type RawTask, type RawWarning } from '../raw';

// The corpus plans are exported as "pipe blocks": a line holding only "|" opens each cell, the cell's text
// follows over several lines, and an empty cell ends a table row.

interface Cell {
  text: string;
  line: number;
}

const HEADER_REF = /^(stt|tt)$/i;

/** Detects the pipe-block tables of the corpus: a STT/TT cell followed by a deadline column header. */
export function looksLikePipeTable(lines: string[]): boolean {
  let pipes = 0;
  let sawRef = false;
  for (const l of lines) {
    const t = l.trim();
    if (t === '|') pipes++;
    else if (HEADER_REF.test(cleanCell(t))) sawRef = true;
    else if (sawRef && /thời (gian|hạn)/i.test(t)) return pipes > 10;
  }
  return false;
}

function rowsOf(lines: string[]): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let cell: { parts: string[]; line: number } | null = null;
  const flush = () => {
    if (!cell) return;
    const text = cleanCell(cell.parts.join(' '));
    if (text === '') {
      if (row.length) rows.push(row);
      row = [];
    } else row.push({ text, line: cell.line });
  };
  lines.forEach((l, i) => {
    if (l.trim() === '|') {
      flush();
      cell = { parts: [], line: i + 2 };
    } else if (cell) cell.parts.push(l.trim());
  });
  flush();
  if (row.length) rows.push(row);
  return rows;
}

interface Columns {
  count: number;
  ref: number;
  title: number;
  lead: number;
  support: number;
  deadline: number;
  products: number;
}

function columnsOf(header: string[]): Columns | null {
  const h = header.map((c) =>
    c
      .toLowerCase()
      .replace(/\[\d+\]/g, '')
      .trim(),
  );
  const find = (...res: RegExp[]) => {
    for (const re of res) {
      const i = h.findIndex((c) => re.test(c));
      if (i >= 0) return i;
    }
    return -1;
  };
  const cols = {
    count: h.length,
    ref: 0,
    title: find(/^nội dung nhiệm vụ/, /^tên (dự án, )?nhiệm vụ/, /^nhiệm vụ/, /^nội dung/),
    lead: find(/chủ trì/),
    support: find(/phối hợp/),
    deadline: find(/thời hạn/, /thời gian/),
    products: find(/sản phẩm/, /kết quả/, /chỉ tiêu/),
  };
  return cols.title >= 0 && cols.deadline >= 0 && cols.lead >= 0 ? cols : null;
}

const SECTION = /^([IVXLC]+|[A-ZĐ])\.?(\s|$)/;

/** Corpus plans: tables mapped by header names, sections, rowspan continuation rows. */
export function readPipeTables(lines: string[]): RawPlan {
  const warnings: RawWarning[] = [];
  const tasks: RawTask[] = [];
  const rows: Cell[][] = [];
  for (const row of rowsOf(lines)) {
    const h = row.findIndex((c, i) => i > 0 && HEADER_REF.test(c.text));
    if (h > 0) {
      rows.push(row.slice(0, h), row.slice(h));
    } else rows.push(row);
  }
  let cols: Columns | null = null;
  let tableNo = 0;
  let section = '';
  let sectionKey = '';
  let autoNo = 0;
  let group: RawTask | null = null;
  let groupSize = 0;
  let firstHeaderLine: number | null = null;
  for (const row of rows) {
    const first = row[0];
    if (!first) continue;
    if (HEADER_REF.test(first.text)) {
      const next = columnsOf(row.map((c) => c.text));
      if (next) {
        cols = next;
        tableNo++;
        section = '';
        sectionKey = '';
        autoNo = 0;
        group = null;
        firstHeaderLine ??= first.line;
      }
      continue;
    }
    if (!cols) continue;
    const texts = row.map((c) => c.text);
    const isNumber = /^\d+(\.\d+)*\.?$/.test(first.text);
    if (!isNumber && row.length <= 2 && (SECTION.test(first.text) || row.length === 1)) {
      if (row.length === 1 && !SECTION.test(first.text) && first.text.length > 200) {
        cols = null; // prose after the table
        continue;
      }
      section = texts.join(' ');
      sectionKey = SECTION.exec(first.text)?.[1] ?? '';
      autoNo = 0;
      group = null;
      continue;
    }
    let cells: string[];
    let ref: string;
    const prefix = (tableNo > 1 ? `PL${tableNo}.` : '') + (sectionKey ? `${sectionKey}.` : '');
    if (isNumber && row.length >= cols.count - 1) {
      cells = texts.slice(0, cols.count);
      autoNo = Number.parseInt(first.text, 10) || autoNo + 1;
      ref = prefix + first.text.replace(/\.$/, '');
    } else if (!isNumber && row.length === cols.count - 1) {
      cells = ['', ...texts];
      autoNo++;
      ref = prefix + String(autoNo);
      warnings.push({ ref, line: first.line, message: `row without a number: numbered ${ref}` });
    } else if (group && row.length < cols.count) {
      // A rowspan continuation: the cells belong to the rightmost columns.
      const pad = cols.count - row.length;
      cells = [...Array.from({ length: pad }, () => ''), ...texts];
      groupSize++;
      ref = `${group.ref}.${groupSize}`;
    } else {
      warnings.push({
        ref: null,
        line: first.line,
        message: `table row with ${row.length} cells (expected ${cols.count}): ignored`,
      });
      continue;
    }
    const get = (i: number) => (i >= 0 ? (cells[i] ?? '') : '');
    const inherit = (i: number, key: 'lead' | 'support') =>
      get(i) || (group && ref.startsWith(group.ref + '.') ? group[key] : '');
    const task: RawTask = {
      ref,
      section,
      title: get(cols.title) || (group ? group.title : ''),
      products: splitProducts(get(cols.products)),
      lead: inherit(cols.lead, 'lead'),
      support: inherit(cols.support, 'support'),
      accountable: '',
      deadlineText: get(cols.deadline),
      line: first.line,
      endLine: row[row.length - 1]?.line ?? first.line,
    };
    if (!ref.startsWith((group?.ref ?? '\u0000') + '.')) {
      group = task;
      groupSize = 1;
    }
    tasks.push(task);
  }
  if (firstHeaderLine === null)
    throw new LayoutError('a table header with STT/TT, Nhiệm vụ, Chủ trì and Thời gian/Thời hạn columns', null);
  return { layout: 'pipe-table', tasks, warnings };
}
