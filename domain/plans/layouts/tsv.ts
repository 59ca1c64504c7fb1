import { cleanCell, LayoutError, splitProducts, type RawPlan, type RawTask, type RawWarning } from '../raw';

const HEADER = /^STT\t/;
const TASK_REF = /^(\d+(?:\.\d+)+)\.?$/;
const SECTION_REF = /^(\d+|[IVX]+)\.?$/;

/** Seed 004: tab-separated rows; the header repeats per page and rows continue across page breaks. */
export function looksLikeTsv(lines: string[]): boolean {
  return lines.some((l) => HEADER.test(l) && l.split('\t').length >= 5);
}

interface Columns {
  ref: number;
  title: number;
  products: number;
  lead: number;
  support: number;
  deadline: number;
  count: number;
}

function columnsOf(header: string): Columns {
  const cells = header.split('\t').map((c) => c.trim().toLowerCase());
  const find = (re: RegExp, fallback: number) => {
    const i = cells.findIndex((c) => re.test(c));
    return i >= 0 ? i : fallback;
  };
  return {
    ref: 0,
    title: find(/nhiệm vụ|nội dung/, 1),
    products: find(/sản phẩm|kết quả/, 2),
    lead: find(/chủ trì/, 3),
    support: find(/phối hợp/, 4),
    deadline: find(/thời gian|thời hạn/, 5),
    count: cells.length,
  };
}

export function readTsv(lines: string[]): RawPlan {
  const start = lines.findIndex((l) => HEADER.test(l));
  if (start < 0) throw new LayoutError('a tab-separated table with a header row "STT<TAB>Nhiệm vụ…"', null);
  const cols = columnsOf(lines[start] ?? '');
  const warnings: RawWarning[] = [];
  const tasks: (RawTask & { cells: string[] })[] = [];
  let section = '';
  let current: (RawTask & { cells: string[] }) | null = null;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (HEADER.test(line)) continue;
    if (!line.includes('\t')) {
      // Blank lines are page breaks; prose after the table ends it.
      if (line.trim() && current && tasks.length > 0 && /^[^\d\s]/.test(line.trim())) break;
      continue;
    }
    const cells = line.split('\t');
    const first = cleanCell(cells[0] ?? '');
    const ref = TASK_REF.exec(first);
    if (ref) {
      current = {
        ref: ref[1] ?? first,
        section,
        title: '',
        products: [],
        lead: '',
        support: '',
        accountable: '',
        deadlineText: '',
        line: i + 1,
        endLine: i + 1,
        cells: Array.from({ length: cols.count }, () => ''),
      };
      tasks.push(current);
      appendCells(current.cells, cells);
    } else if (SECTION_REF.test(first) && cells.slice(2).every((c) => !cleanCell(c))) {
      section = `${first.replace(/\.$/, '')}. ${cleanCell(cells[1] ?? '')}`;
      current = null;
    } else if (!first && current) {
      appendCells(current.cells, cells);
      current.endLine = i + 1;
    } else if (!first) {
      warnings.push({ ref: null, line: i + 1, message: 'continuation row with no task before it: ignored' });
    } else {
      warnings.push({
        ref: null,
        line: i + 1,
        message: `row with unexpected first cell "${first.slice(0, 20)}": ignored`,
      });
    }
  }
  for (const t of tasks) {
    const c = (i: number) => cleanCell(t.cells[i] ?? '');
    t.title = c(cols.title);
    t.products = splitProducts(t.cells[cols.products] ?? '');
    t.lead = cleanCell(t.cells[cols.lead] ?? '');
    t.support = c(cols.support);
    t.deadlineText = c(cols.deadline);
  }
  return {
    layout: 'tsv',
    tasks: tasks.map(({ cells: _cells, ...t }) => t),
    warnings,
    headerText: lines.slice(0, start).join('\n'),
  };
}

function appendCells(target: string[], cells: string[]): void {
  cells.forEach((cell, i) => {
    if (i >= target.length) return;
    const text = cell.replace(/<[^>]*>/g, ' ').trim();
    if (text) target[i] = target[i] ? `${target[i]} ${text}` : text;
  });
}
