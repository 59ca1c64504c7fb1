import type { DocBlock, DocCell, PlanDocument } from '../domain/plans/document';

/** A run of text as pdfjs places it: x, y of its baseline (origin bottom-left), in points. */
export interface PdfItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  items: PdfItem[];
}

interface Segment {
  text: string;
  x: number;
  right: number;
}

interface Line {
  page: number;
  y: number;
  height: number;
  segments: Segment[];
  /** Its index on the page, 1-based, for messages. */
  index: number;
}

const median = (xs: number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

/** Items on one baseline form a line; items closer than half the text height (a wide space) form one segment. */
function linesOf(page: PdfPage): Line[] {
  // Whitespace items carry no text and can bridge two cells (pdfjs adds them between runs): they are left out.
  const items = page.items.filter((i) => i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfItem[][] = [];
  for (const it of items) {
    const g = groups[groups.length - 1];
    const first = g?.[0];
    if (g && first && Math.abs(first.y - it.y) <= Math.max(1.5, 0.4 * Math.max(first.height, it.height))) g.push(it);
    else groups.push([it]);
  }
  return groups.map((g, k) => {
    const sorted = g.sort((a, b) => a.x - b.x);
    const height = median(sorted.map((i) => i.height)) || 10;
    const segments: Segment[] = [];
    for (const it of sorted) {
      const last = segments[segments.length - 1];
      const gap = last ? it.x - last.right : Infinity;
      if (last && gap < 0.5 * height) {
        last.text += (gap > 0.15 * height && !last.text.endsWith(' ') && !it.str.startsWith(' ') ? ' ' : '') + it.str;
        last.right = Math.max(last.right, it.x + it.width);
      } else segments.push({ text: it.str, x: it.x, right: it.x + it.width });
    }
    for (const s of segments) s.text = s.text.replace(/\s+/g, ' ').trim();
    return { page: page.number, y: sorted[0]?.y ?? 0, height, segments: segments.filter((s) => s.text), index: k + 1 };
  });
}

const lineText = (l: Line) => l.segments.map((s) => s.text).join(' ');
/** A running header or footer is the same text on many pages, page numbers aside. */
const shapeOf = (text: string) => text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
const PAGE_NUMBER = /^(-\s*)?(trang\s+)?\d{1,4}(\s*(\/|of|trên)\s*\d{1,4})?(\s*-)?$/i;

/** Drops page numbers and lines repeated at the top or bottom of most pages. */
function dropRunningLines(pages: Line[][], notes: string[]): Line[][] {
  const edge = (lines: Line[]) => [...lines.slice(0, 3), ...lines.slice(-3)];
  const counts = new Map<string, number>();
  for (const lines of pages)
    for (const s of new Set(edge(lines).map((l) => shapeOf(lineText(l))))) counts.set(s, (counts.get(s) ?? 0) + 1);
  const repeated = (l: Line) =>
    pages.length >= 3 && (counts.get(shapeOf(lineText(l))) ?? 0) >= Math.max(3, pages.length * 0.5);
  let dropped = 0;
  const out = pages.map((lines) => {
    const edges = new Set(edge(lines));
    return lines.filter((l) => {
      const drop = edges.has(l) && (PAGE_NUMBER.test(lineText(l)) || (repeated(l) && l.segments.length === 1));
      if (drop) dropped++;
      return !drop;
    });
  });
  if (dropped > 0) notes.push(`dropped ${dropped} page numbers and running headers/footers`);
  return out;
}

/** Column boundaries: x ranges that (almost) no line of the region covers. */
function gutters(lines: Line[]): number[] {
  const segs = lines.flatMap((l) => l.segments);
  const minX = Math.floor(Math.min(...segs.map((s) => s.x)));
  const maxX = Math.ceil(Math.max(...segs.map((s) => s.right)));
  const bins = new Array<number>(Math.max(1, maxX - minX + 1)).fill(0);
  for (const l of lines)
    for (const s of l.segments) for (let x = Math.floor(s.x); x < Math.ceil(s.right); x++) bins[x - minX]! += 1;
  const quiet = Math.max(1, Math.floor(lines.length * 0.04));
  const cuts: number[] = [];
  let runStart = -1;
  for (let i = 0; i <= bins.length; i++) {
    const q = i < bins.length && (bins[i] ?? 0) <= quiet;
    if (q && runStart < 0) runStart = i;
    if (!q && runStart >= 0) {
      if (runStart > 0 && i < bins.length && i - runStart >= 3) cuts.push(minX + (runStart + i) / 2);
      runStart = -1;
    }
  }
  return cuts;
}

const columnOf = (x: number, cuts: number[]) => cuts.filter((c) => c <= x + 1).length;

interface Region {
  lines: Line[];
}

/** Table regions: runs of lines with two or more segments, and the wrapped single lines between them. */
function regionsOf(lines: Line[]): { tables: Region[]; isTable: Set<Line> } {
  const tables: Region[] = [];
  const isTable = new Set<Line>();
  let i = 0;
  while (i < lines.length) {
    if ((lines[i]?.segments.length ?? 0) < 3) {
      i++;
      continue;
    }
    let end = i;
    let j = i + 1;
    while (j < lines.length) {
      const l = lines[j]!;
      const prev = lines[j - 1]!;
      const samePage = l.page === prev.page;
      if (samePage && prev.y - l.y > 3 * Math.max(l.height, prev.height)) break;
      if (l.segments.length >= 2) end = j;
      else if (j - end > 15) break;
      j++;
    }
    // The last row's longer cells run on below its last line of several cells, at the same line pitch.
    while (end + 1 < lines.length) {
      const l = lines[end + 1]!;
      const prev = lines[end]!;
      if (l.page !== prev.page || prev.y - l.y > 1.5 * Math.max(l.height, prev.height)) break;
      end++;
    }
    const run = lines.slice(i, end + 1);
    if (run.filter((l) => l.segments.length >= 2).length >= 2) {
      tables.push({ lines: run });
      run.forEach((l) => isTable.add(l));
    }
    i = end + 1;
  }
  return { tables, isTable };
}

/** Rebuilds one table: columns from gutters, rows from the first column and the vertical gaps. */
function gridOf(region: Region, notes: string[]): DocCell[][] {
  // Gutters from the lines with several cells: a section row written across the table would fill them.
  const cuts = gutters(region.lines.filter((l) => l.segments.length >= 2));
  const width = cuts.length + 1;
  const pitch = median(region.lines.map((l) => l.height)) * 1.2;
  const rows: { texts: string[][]; spanning: boolean; page: number }[] = [];
  let current: (typeof rows)[number] | null = null;
  let prev: Line | null = null;
  let prevFirstOnly = false;
  for (const line of region.lines) {
    const spanning = line.segments.some((s) => columnOf(s.x, cuts) !== columnOf(s.right - 1, cuts));
    const cols = line.segments.map((s) => columnOf(s.x, cuts));
    const gap = prev && prev.page === line.page ? prev.y - line.y : Infinity;
    const newRow =
      !current ||
      gap > pitch * 1.45 ||
      (cols.includes(0) &&
        current.texts[0]!.length > 0 &&
        line.page === prev?.page &&
        // Wrapped first-column text ("I." then the heading) continues its row.
        (!prevFirstOnly || (current.spanning && !spanning && cols.length >= 2)));
    const row: (typeof rows)[number] =
      newRow || !current ? { texts: Array.from({ length: width }, () => []), spanning, page: line.page } : current;
    if (row !== current) rows.push(row);
    current = row;
    // A row with a line written across the columns is one merged cell (a section heading).
    row.spanning ||= spanning;
    line.segments.forEach((s, k) => row.texts[cols[k] ?? 0]!.push(s.text));
    prev = line;
    prevFirstOnly = cols.every((c) => c === 0);
  }
  // A header repeated at the top of each page, and a row cut by a page break.
  const key = (r: (typeof rows)[number]) =>
    r.texts
      .map((t) => t.join(' '))
      .join('|')
      .toLowerCase();
  const header = rows[0] ? key(rows[0]) : '';
  const out: typeof rows = [];
  let repeats = 0;
  let joined = 0;
  for (const r of rows) {
    const last = out[out.length - 1];
    if (out.length > 0 && key(r) === header) {
      repeats++;
      continue;
    }
    if (
      last &&
      r.page !== last.page &&
      !r.spanning &&
      !last.spanning &&
      r.texts[0]!.length === 0 &&
      last.texts[0]!.length > 0 &&
      out.length > 1
    ) {
      r.texts.forEach((t, c) => last.texts[c]!.push(...t));
      joined++;
      continue;
    }
    out.push(r);
  }
  if (repeats > 0) notes.push(`dropped ${repeats} table headers repeated on later pages`);
  if (joined > 0) notes.push(`joined ${joined} rows cut by a page break`);
  return out.map((r, i) =>
    r.spanning
      ? Array.from({ length: width }, (_, c): DocCell => ({
          text: r.texts.flat().join(' '),
          mergedFrom: c === 0 ? null : [i, 0],
        }))
      : r.texts.map((t): DocCell => ({ text: t.join('\n'), mergedFrom: null })),
  );
}

/** The document model of a PDF's text layer: paragraphs, and tables rebuilt from where their text sits. */
export function pdfLayout(pages: PdfPage[]): PlanDocument {
  const notes: string[] = [];
  const perPage = dropRunningLines(pages.map(linesOf), notes);
  const lines = perPage.flat();
  const { tables, isTable } = regionsOf(lines);
  const blocks: DocBlock[] = [];
  let para: Line[] = [];
  const flush = () => {
    const first = para[0];
    if (first)
      blocks.push({ kind: 'paragraph', text: para.map(lineText).join('\n'), page: first.page, line: first.index });
    para = [];
  };
  let t = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isTable.has(line)) {
      flush();
      const region = tables[t++];
      if (!region) continue;
      blocks.push({ kind: 'table', page: line.page, line: line.index, rows: gridOf(region, notes) });
      i += region.lines.length - 1;
      continue;
    }
    const last = para[para.length - 1];
    if (last && (last.page !== line.page || last.y - line.y > 1.8 * line.height)) flush();
    para.push(line);
  }
  flush();
  return { format: 'pdf', blocks, notes };
}
