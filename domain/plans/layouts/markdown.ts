import { cleanCell, LayoutError, splitProducts, type RawPlan, type RawTask, type RawWarning } from '../raw';

// The corpus plans are exported as "pipe blocks": a line holding only "|" opens each cell, the cell's text
// follows over several lines, and an empty cell ends a table row. Rowspans are flattened: a row below a merged
// cell simply has fewer cells, so a short row's cells must be placed into columns before they can be read.

interface Cell {
  text: string;
  line: number;
  /** The cell's source lines, trimmed and non-empty: a cell holding two stacked entries keeps them apart. */
  lines: string[];
}

const HEADER_REF = /^(stt|tt)$/i;
const NUMBER = /^\d+(\.\d+)*\.?$/;
/** "I. Title", "A.", "II": a section row's first cell. */
const SECTION = /^([IVXLC]+|[A-ZĐ])\.?(\s|$)/;
/** "III.1", "*III.1.2*": a sub-heading inside a roman section. */
const SUBSECTION = /^([IVXLC]+)(\.\d+)+\.?$/;
/** "…......": the web export left rows out here. */
const ELISION = /^(…|\.{3})[….\s]*$/;
/** "PHỤ LỤC II …": the caption of the next table, caught in the last row of the previous one. */
const CAPTION = /^phụ lục(\s|$)/i;

/** A unit or a list of units, as in a Chủ trì / Phối hợp cell. */
const UNIT =
  /^(-\s*)?(UBND|HĐND|Ủy ban|Uỷ ban|Cơ quan|Các (bộ|sở|cơ quan|đơn vị|tỉnh|địa phương|ban|ngành)|(Sở|Bộ|Ban),|(Bộ|Sở|Ban|Trung tâm|Viện|Cục|Tổng cục|Văn phòng|Công an|Đài|Ngân hàng|Mặt trận|Đại học|Phòng|Hội|Thông tấn|Kho bạc|Bảo hiểm)\s+\p{Lu})/u;
/** A time phrase, as in a Thời gian / Thời hạn cell. */
const TIME =
  /(20\d\d|qu[ýí]\s|hằng (năm|quý|tháng)|hàng (năm|quý|tháng)|thường xuyên|định kỳ|liên tục|khi có|sau khi|kế hoạch riêng|theo kế hoạch)/i;

/** Detects the pipe-block tables of the corpus: a STT/TT cell followed by a deadline column header. */
export function looksLikePipeTable(lines: string[]): boolean {
  let pipes = 0;
  let sawRef = false;
  let sawHeader = false;
  for (const l of lines) {
    const t = l.trim();
    if (t === '|') pipes++;
    else if (HEADER_REF.test(cleanCell(t))) sawRef = true;
    else if (sawRef && /thời ?(gian|hạn)/i.test(t)) sawHeader = true;
    // Pipes before the header (the web export's layout tables) or after it (a document's own table rows).
    if (sawHeader && pipes > 10) return true;
  }
  return false;
}

interface Row {
  cells: Cell[];
  /** Empty cells written after the row, besides the one that ends it: cells the document left blank on purpose. */
  blanks: number;
}

function rowsOf(lines: string[]): Row[] {
  const rows: Row[] = [];
  let row: Cell[] = [];
  let cell: { parts: string[]; line: number } | null = null;
  const flush = () => {
    if (!cell) return;
    const text = cleanCell(cell.parts.join(' '));
    if (text !== '') {
      row.push({ text, line: cell.line, lines: cell.parts.map((p) => cleanCell(p)).filter(Boolean) });
    } else if (row.length) {
      rows.push({ cells: row, blanks: 0 });
      row = [];
    } else {
      const last = rows[rows.length - 1];
      if (last) last.blanks++;
    }
  };
  lines.forEach((l, i) => {
    if (l.trim() === '|') {
      flush();
      cell = { parts: [], line: i + 2 };
    } else if (cell) cell.parts.push(l.trim());
  });
  flush();
  if (row.length) rows.push({ cells: row, blanks: 0 });
  return rows;
}

type Kind = 'ref' | 'unit' | 'time' | 'text';

interface Columns {
  count: number;
  ref: number;
  title: number;
  lead: number;
  support: number;
  deadline: number;
  products: number;
  kinds: Kind[];
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
      // A converter may lose the spaces inside a header ("Thờigian thựchiện", "Đơn vịphốihợp").
      const glued = new RegExp(re.source.replace(/ /g, ''), re.flags);
      const i = h.findIndex((c) => re.test(c) || glued.test(c.replace(/\s+/g, '')));
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
  const kinds = h.map((_, i): Kind => {
    if (i === cols.ref) return 'ref';
    if (i === cols.lead || i === cols.support) return 'unit';
    return i === cols.deadline ? 'time' : 'text';
  });
  return cols.title >= 0 && cols.deadline >= 0 && cols.lead >= 0 ? { ...cols, kinds } : null;
}

const stripEmphasis = (text: string) => text.replace(/[*_]/g, '').trim();

/** How well a cell's text fits a column of the given kind. */
function fit(text: string, kind: Kind): number {
  const unit = UNIT.test(text) && text.length <= 300;
  const time = !unit && TIME.test(text) && text.length <= 250;
  if (kind === 'unit') return unit ? 2 : -2;
  if (kind === 'time') return time ? 2 : -2;
  return unit ? -2 : time ? 0 : 1;
}

const bulleted = (text: string) => /^[-+•]/.test(text);

/**
 * Places a short row's cells into columns 1…count-blankEnd-1, keeping their order. The best placement has cells that
 * fit their columns and look like the row above's cells there (bulleted or not), few merged columns between its cells
 * (and, after a number, before them), and a title: a row of its own has one.
 */
function placeCells(
  texts: string[],
  cols: Columns,
  opts: { numbered: boolean; blankEnd: number; above: (Cell | null)[] | null },
): number[] {
  const end = cols.count - opts.blankEnd;
  const from = 1;
  let best: number[] = [];
  let bestScore = -Infinity;
  const pick = (k: number, start: number, chosen: number[]) => {
    if (k === texts.length) {
      let score = chosen.includes(cols.title) ? 1.5 : 0;
      chosen.forEach((c, i) => {
        const text = texts[i] ?? '';
        score += fit(text, cols.kinds[c] ?? 'text');
        const over = opts.above?.[c];
        if (over && bulleted(over.text) === bulleted(text)) score += 0.5;
        if (i > 0 || opts.numbered) score -= 0.5 * (c - (i === 0 ? from : (chosen[i - 1] ?? 0) + 1));
      });
      if (score > bestScore) {
        bestScore = score;
        best = [...chosen];
      }
      return;
    }
    for (let c = start; c <= end - (texts.length - k); c++) pick(k + 1, c + 1, [...chosen, c]);
  };
  pick(0, from, []);
  return best;
}

/** Splits a cell's lines into entries: each entry starts on a line that starts with a capital letter. */
function entriesOf(lines: string[], startsEntry: (line: string, prev: string) => boolean): string[] {
  const out: string[] = [];
  lines.forEach((l, i) => {
    if (i === 0 || startsEntry(l, lines[i - 1] ?? '')) out.push(l);
    else out[out.length - 1] += ` ${l}`;
  });
  return out;
}

/**
 * hcm-2820 IV.4: two sub-tasks stacked in one row, each with its own lead and support on its own line. Returns the
 * sub-tasks' title, lead and support, or null when the row is one task.
 */
function stackedTasks(
  cells: (Cell | null)[],
  cols: Columns,
): { title: string; lead: string; support: string }[] | null {
  const linesOf = (i: number) => (i >= 0 ? (cells[i]?.lines ?? []) : []);
  const capital = (l: string) => /^\p{Lu}/u.test(l);
  const titles = entriesOf(linesOf(cols.title), (l, prev) => capital(l) && /[.;:]$/.test(prev));
  if (titles.length < 2) return null;
  const units = [cols.lead, cols.support].map((i) => linesOf(i));
  if (units.some((ls) => ls.some((l) => /^[-+]/.test(l)))) return null;
  const [leads, supports] = units.map((ls) => entriesOf(ls, capital));
  if (leads?.length !== titles.length || supports?.length !== titles.length) return null;
  return titles.map((title, i) => ({ title, lead: leads[i] ?? '', support: supports[i] ?? '' }));
}

const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

/** Corpus plans: tables mapped by header names, sections, rowspan rows placed into their columns. */
export function readPipeTables(lines: string[]): RawPlan {
  const warnings: RawWarning[] = [];
  const tasks: RawTask[] = [];
  const rows: Row[] = [];
  for (const row of rowsOf(lines)) {
    const h = row.cells.findIndex((c, i) => i > 0 && HEADER_REF.test(c.text));
    if (h > 0) {
      // The next table's caption ("PHỤ LỤC II …") is no cell of the row before it.
      const before = row.cells.slice(0, h);
      if (before.length > 1 && CAPTION.test(before[before.length - 1]?.text ?? '')) before.pop();
      rows.push({ cells: before, blanks: 0 }, { cells: row.cells.slice(h), blanks: row.blanks });
    } else rows.push(row);
  }
  let cols: Columns | null = null;
  let tableNo = 0;
  let section = '';
  let sectionKey = '';
  let autoNo = 0;
  /** The last row with a ref of its own: continuation rows are numbered after it. */
  let group: RawTask | null = null;
  let groupSize = 0;
  /** The row above, column by column, for the cells a rowspan leaves out of a short row. */
  let above: (Cell | null)[] | null = null;
  let firstHeaderLine: number | null = null;
  const newSection = (name: string, key: string) => {
    section = name;
    sectionKey = key;
    autoNo = 0;
    group = null;
    above = null;
  };
  for (let k = 0; k < rows.length; k++) {
    let row = rows[k]?.cells ?? [];
    let blanks = rows[k]?.blanks ?? 0;
    const first = row[0];
    if (!first) continue;
    if (HEADER_REF.test(first.text)) {
      const next = columnsOf(row.map((c) => c.text));
      if (next) {
        cols = next;
        tableNo++;
        newSection('', '');
        firstHeaderLine ??= first.line;
      }
      continue;
    }
    if (!cols) continue;
    const table = cols;
    const heading = stripEmphasis(first.text);
    if (ELISION.test(first.text)) {
      if (row.length > 1) rows.splice(k + 1, 0, { cells: row.slice(1), blanks });
      newSection(`(unknown: rows after the elision at line ${first.line})`, '?');
      warnings.push({
        ref: null,
        line: first.line,
        message: `rows are left out here ("${excerpt(first.text)}"); the rows after it, up to the next section, are in an unknown section and numbered ?.N`,
      });
      continue;
    }
    const numbered = NUMBER.test(first.text);
    if (numbered && isGroupRow(row, rows[k + 1]?.cells[0]?.text ?? '')) {
      // "1 | Công tác chỉ đạo" above "1.1 …": the heading of the rows numbered under it, not a task.
      newSection(`${first.text.replace(/\.$/, '')}. ${stripEmphasis(row[1]?.text ?? '')}`, sectionKey);
      continue;
    }
    if (!numbered && row.length <= 2 && (SECTION.test(heading) || SUBSECTION.test(heading) || row.length === 1)) {
      if (row.length === 1 && !SECTION.test(heading) && first.text.length > 200) {
        cols = null; // prose after the table
        continue;
      }
      // Tasks are numbered through a section's sub-headings (ttg-2629 III.1.1 … III.2), so the ref keeps its roman part.
      newSection(row.map((c) => stripEmphasis(c.text)).join(' '), /^([IVXLC]+|[A-ZĐ])/.exec(heading)?.[1] ?? '');
      continue;
    }
    // A row without a closing empty cell runs into the next one: cut it at the table's width.
    const width = numbered ? table.count : table.count - 1;
    if (row.length > width) {
      const rest = row.slice(width);
      row = row.slice(0, width);
      blanks = 0;
      const next = rest[0];
      if (next && (ELISION.test(next.text) || NUMBER.test(next.text) || SECTION.test(stripEmphasis(next.text)))) {
        rows.splice(k + 1, 0, { cells: rest, blanks });
      } else if (next) {
        warnings.push({
          ref: null,
          line: next.line,
          message: `the table ends here: "${excerpt(next.text)}" after the last row's cells is not a table row`,
        });
        cols = null; // what follows is the page's footer, not rows; a later header starts a new table
      }
    }
    const body = numbered ? row.slice(1) : row;
    const prefix = (tableNo > 1 ? `PL${tableNo}.` : '') + (sectionKey ? `${sectionKey}.` : '');
    // Blank cells written after the row are its last columns, left empty: only the other missing cells are merged.
    const trailing = row.length < width ? Math.min(blanks, table.count - 1 - body.length) : 0;
    const full = body.length + trailing === table.count - 1;
    const placed = full
      ? body.map((_, i) => i + 1)
      : placeCells(
          body.map((c) => c.text),
          table,
          { numbered, blankEnd: trailing, above },
        );
    const cells: (Cell | null)[] = Array.from({ length: table.count }, () => null);
    if (numbered) cells[0] = first;
    placed.forEach((c, i) => (cells[c] = body[i] ?? null));
    let ref: string;
    let continuation = false;
    if (numbered) {
      autoNo = Number.parseInt(first.text, 10) || autoNo + 1;
      ref = prefix + first.text.replace(/\.$/, '');
    } else if (full || !group) {
      autoNo++;
      ref = prefix + String(autoNo);
      warnings.push({
        ref,
        line: first.line,
        message: full
          ? `row without a number: numbered ${ref}`
          : `row with ${row.length} of ${table.count} cells and no row above it to continue: read as ${ref}`,
      });
    } else {
      continuation = true;
      ref = `${group.ref}.${++groupSize}`;
    }
    // The cells a rowspan left out are the row above's.
    const inherited: string[] = [];
    if (above && !full) {
      for (let c = 1; c < table.count - trailing; c++) {
        if (cells[c] || !above[c]) continue;
        cells[c] = above[c] ?? null;
        const field = fieldOf(c, table);
        if (field) inherited.push(field);
      }
    }
    if (numbered && inherited.length > 0) {
      warnings.push({
        ref,
        line: first.line,
        message: `row with ${row.length} of ${table.count} cells: ${inherited.join(', ')} taken from the row above (merged cells)`,
      });
    }
    above = cells;
    const get = (i: number) => (i >= 0 ? (cells[i]?.text ?? '') : '');
    const task: RawTask = {
      ref,
      section,
      title: get(table.title),
      products: splitProducts(get(table.products)),
      lead: get(table.lead),
      support: get(table.support),
      accountable: '',
      deadlineText: get(table.deadline),
      line: first.line,
      endLine: row[row.length - 1]?.line ?? first.line,
    };
    if (!continuation) {
      group = task;
      groupSize = 1;
    }
    const stacked = stackedTasks(cells, table);
    if (!stacked) {
      tasks.push(task);
      continue;
    }
    const refs: string[] = [];
    stacked.forEach((s, i) => {
      const subRef = i === 0 ? ref : `${ref}.${++groupSize}`;
      refs.push(subRef);
      tasks.push({ ...task, ref: subRef, title: s.title, lead: s.lead, support: s.support });
    });
    warnings.push({
      ref,
      line: first.line,
      message: `row ${ref} stacks ${stacked.length} tasks, each with its own lead and support: read as ${refs.join(', ')}`,
    });
  }
  if (firstHeaderLine === null)
    throw new LayoutError('a table header with STT/TT, Nhiệm vụ, Chủ trì and Thời gian/Thời hạn columns', null);
  return { layout: 'pipe-table', tasks, warnings };
}

/** A numbered row holding only a title, whose next row is numbered under it (1 above 1.1): a group heading. */
function isGroupRow(row: Cell[], nextFirst: string): boolean {
  const no = (row[0]?.text ?? '').replace(/\.$/, '');
  return row.length === 2 && nextFirst.startsWith(`${no}.`) && /^\d/.test(nextFirst.slice(no.length + 1));
}

function fieldOf(column: number, cols: Columns): string | null {
  if (column === cols.title) return 'title';
  if (column === cols.products) return 'products';
  if (column === cols.lead) return 'lead';
  if (column === cols.support) return 'support';
  if (column === cols.deadline) return 'deadline';
  return null;
}
