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

/** Text on one baseline with no wide gap in it: a cell's line, or a whole line of a paragraph. */
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

const quantile = (q: number, xs: number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) * q)] ?? 0;
};
const median = (xs: number[]): number => quantile(0.5, xs);

const leftOf = (l: Line) => l.segments[0]?.x ?? 0;
const rightOf = (l: Line) => Math.max(...l.segments.map((s) => s.right));

/**
 * Segments whose gaps are all the same width are the words of one justified line, written word by word (as word
 * processors print justified text), not cells: they are one segment. Gaps wider than two em are left alone (the
 * evenly spaced cells of a column-number row "(1) (2) (3)").
 */
function joinJustified(segments: Segment[], height: number): Segment[] {
  if (segments.length < 3) return segments;
  const gaps = segments.slice(1).map((s, k) => s.x - segments[k]!.right);
  const lo = Math.min(...gaps);
  const hi = Math.max(...gaps);
  if (hi - lo > Math.max(0.6, 0.08 * hi) || hi > 2 * height) return segments;
  const first = segments[0]!;
  return [{ text: segments.map((s) => s.text).join(' '), x: first.x, right: segments[segments.length - 1]!.right }];
}

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
      // Where the text ends, trailing spaces left out (a wrapped line's run often ends with the space it broke at).
      const right = it.x + (it.width * it.str.trimEnd().length) / it.str.length;
      if (last && gap < 0.5 * height) {
        last.text += (gap > 0.15 * height && !last.text.endsWith(' ') && !it.str.startsWith(' ') ? ' ' : '') + it.str;
        last.right = Math.max(last.right, right);
      } else segments.push({ text: it.str, x: it.x, right });
    }
    for (const s of segments) s.text = s.text.replace(/\s+/g, ' ').trim();
    const kept = joinJustified(
      segments.filter((s) => s.text),
      height,
    );
    return { page: page.number, y: sorted[0]?.y ?? 0, height, segments: kept, index: k + 1 };
  });
}

const lineText = (l: Line) => l.segments.map((s) => s.text).join(' ');
/** A running header or footer is the same text on many pages, page numbers aside. */
const shapeOf = (text: string) => text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
const PAGE_NUMBER = /^(-\s*)?(trang\s+)?\d{1,4}(\s*(\/|of|trên)\s*\d{1,4})?(\s*-)?$/i;
const EDGE_LINES = 3;

/** The line pitch of body text: a low quantile of the gaps between lines (most are between a block's lines). */
function pitchOf(lines: Line[]): number {
  const gaps = lines.slice(1).flatMap((l, k) => {
    const prev = lines[k]!;
    const gap = prev.y - l.y;
    return prev.page === l.page && gap > 0 && gap < 2.5 * l.height ? [gap] : [];
  });
  return quantile(0.25, gaps) || 12;
}

/** The page number a text states ("3", "- 3 -", "Trang 3/25"), or null. */
const pageNumberIn = (text: string): number | null =>
  PAGE_NUMBER.test(text) ? Number(/\d+/.exec(text)?.[0] ?? NaN) : null;

/**
 * Drops page numbers and running headers/footers: lines at the top or bottom of a page that are a page number, or
 * that recur at the same height at the edge of many pages and are one segment or carry the page's number ("Kế hoạch
 * số 17/KH-UBND … Trang 3": a number that goes up with the page, not a year in a table row). Only the outermost
 * lines are looked at, and they must stand apart from the body by more than a line's pitch: the first line kept ends
 * the search, so a table header repeated at the top of each page, and a row that ends each page, stay.
 */
function dropRunningLines(pages: Line[][], notes: string[]): Line[][] {
  const pitch = pitchOf(pages.flat());
  // Where each text stands at a page's edge, and how its numbers differ from the page's.
  const seen = new Map<string, { y: number; offset: number | null }[]>();
  const offsetOf = (l: Line) => {
    const n = l.segments.map((s) => pageNumberIn(s.text)).find((x) => x !== null);
    return n === undefined || n === null ? null : n - l.page;
  };
  const edge = (lines: Line[]) => new Set([...lines.slice(0, EDGE_LINES), ...lines.slice(-EDGE_LINES)]);
  for (const lines of pages)
    for (const l of edge(lines)) {
      const shape = shapeOf(lineText(l));
      seen.set(shape, [...(seen.get(shape) ?? []), { y: l.y, offset: offsetOf(l) }]);
    }
  const enough = Math.max(2, Math.ceil(pages.length * 0.5));
  const repeated = (l: Line, sameOffset: boolean) =>
    pages.length >= 2 &&
    (seen.get(shapeOf(lineText(l))) ?? []).filter(
      (o) => Math.abs(o.y - l.y) <= 2 && (!sameOffset || (o.offset !== null && o.offset === offsetOf(l))),
    ).length >= enough;
  const running = (l: Line) =>
    PAGE_NUMBER.test(lineText(l)) ||
    (l.segments.length === 1 && repeated(l, false)) ||
    (offsetOf(l) !== null && repeated(l, true));
  // The outermost run of running lines, less those too close to the first body line after it.
  const outer = (lines: Line[]): number => {
    let n = 0;
    while (n < Math.min(EDGE_LINES, lines.length) && running(lines[n]!)) n++;
    while (n > 0 && lines[n] && Math.abs(lines[n - 1]!.y - lines[n]!.y) <= 1.2 * pitch) n--;
    return n;
  };
  let dropped = 0;
  const out = pages.map((lines) => {
    const from = outer(lines);
    const to = lines.length - outer([...lines.slice(from)].reverse());
    dropped += lines.length - (to - from);
    return lines.slice(from, to);
  });
  if (dropped > 0) notes.push(`dropped ${dropped} page numbers and running headers/footers`);
  return out;
}

const MAX_X = 4096;
const clampX = (x: number) => Math.min(MAX_X - 1, Math.max(0, x));

/** How many lines cover each x: column boundaries are the x ranges (almost) no line covers. */
class Coverage {
  /** Lines covering each whole point of x (a page is narrower than 4096 pt; text beyond is clamped to it). */
  private readonly bins = new Uint16Array(MAX_X);
  lines = 0;
  minX = Infinity;
  maxX = -Infinity;
  private cached: number[] | null = null;

  private heights = 0;

  add(l: Line): void {
    this.heights += l.height;
    for (const s of l.segments)
      for (let x = clampX(Math.floor(s.x)); x < clampX(Math.ceil(s.right)); x++) this.bins[x]!++;
    this.minX = Math.min(this.minX, clampX(Math.floor(leftOf(l))));
    this.maxX = Math.max(this.maxX, clampX(Math.ceil(rightOf(l))));
    this.lines++;
    this.cached = null;
  }

  /**
   * The middles of the quiet x ranges between the leftmost and rightmost text at least 0.6 em wide: two cells are
   * kept apart by their paddings, while the wide word gaps of a paragraph's lines overlap by chance, and narrowly.
   */
  cuts(): number[] {
    if (this.cached) return this.cached;
    const minWidth = Math.max(3, (0.6 * this.heights) / Math.max(1, this.lines));
    // A line in twenty-five may run over a gutter (a long word in a narrow cell); in a small table none does.
    const quiet = Math.floor(this.lines * 0.04);
    const cuts: number[] = [];
    let runStart = -1;
    for (let x = this.minX; x <= this.maxX + 1; x++) {
      const q = x <= this.maxX && (this.bins[x] ?? 0) <= quiet;
      if (q && runStart < 0) runStart = x;
      if (!q && runStart >= 0) {
        if (runStart > this.minX && x <= this.maxX && x - runStart >= minWidth) cuts.push((runStart + x) / 2);
        runStart = -1;
      }
    }
    this.cached = cuts;
    return cuts;
  }
}

const columnOf = (x: number, cuts: number[]): number => {
  let n = 0;
  for (const c of cuts) if (c <= x + 1) n++;
  return n;
};

/** A line that sits inside the table's columns: each piece of text within one column, none left of the table. */
function fitsColumns(l: Line, cov: Coverage): boolean {
  const cuts = cov.cuts();
  return l.segments.every(
    (s) => s.x >= cov.minX - 1 && s.right <= cov.maxX + 1 && columnOf(s.x, cuts) === columnOf(s.right - 1, cuts),
  );
}

/** Lines of one line with several cells may be this far apart (a section row, a cell's long text beside them). */
const MAX_LINES_OUTSIDE_COLUMNS = 15;

/**
 * Table regions: from a line with three or more cells, the lines with two or more cells, the lines that fit in the
 * columns they leave (a long cell's wrapped lines, however many), and the few lines between them that do not (a
 * section row written across the table); on to the next page, where the table goes on.
 */
function regionsOf(lines: Line[]): Line[][] {
  const tables: Line[][] = [];
  let i = 0;
  while (i < lines.length) {
    if ((lines[i]?.segments.length ?? 0) < 3) {
      i++;
      continue;
    }
    const cov = new Coverage();
    cov.add(lines[i]!);
    let end = i;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j]!;
      const prev = lines[j - 1]!;
      if (l.page === prev.page && prev.y - l.y > 3 * Math.max(l.height, prev.height)) break;
      if (l.segments.length >= 2) {
        cov.add(l);
        end = j;
      } else if (cov.lines >= 2 && j === end + 1 && fitsColumns(l, cov)) end = j;
      else if (j - end > MAX_LINES_OUTSIDE_COLUMNS) break;
    }
    const run = lines.slice(i, end + 1);
    if (isTable(run, cov)) {
      tables.push(run);
      i = end + 1;
    } else i++;
  }
  return tables;
}

/**
 * Lines form a table when most of the gaps in their lines of several pieces fall on a gutter that runs down all of
 * them, in at least two lines: the wide word gaps of a paragraph (justified text, double spaces) line up from line to
 * line only here and there, by chance.
 */
function isTable(run: Line[], cov: Coverage): boolean {
  const cuts = cov.cuts();
  if (cuts.length === 0) return false;
  let gaps = 0;
  let onCuts = 0;
  let aligned = 0;
  for (const l of run) {
    if (l.segments.length < 2) continue;
    let any = false;
    l.segments.forEach((s, k) => {
      if (k === 0) return;
      const left = l.segments[k - 1]!.right;
      gaps++;
      if (cuts.some((c) => c >= left - 1 && c <= s.x + 1)) {
        onCuts++;
        any = true;
      }
    });
    if (any) aligned++;
  }
  return aligned >= 2 && onCuts >= 0.5 * gaps;
}

/** A piece of a cell's text on one line, where it sits. */
interface Piece extends Segment {
  height: number;
}

/** The width of the first word of a piece, in proportion to its characters. */
const firstWordWidth = (p: Piece) => {
  const word = p.text.split(' ')[0] ?? '';
  return p.text.length ? ((p.right - p.x) * word.length) / p.text.length : 0;
};

/** The text block a line sits in: where its lines start and where they end at the widest. */
interface Edges {
  left: number;
  right: number;
}

/**
 * How a line goes on from the one before it in a text block (a paragraph, a cell): a line the next line's first word
 * would not have fitted on was wrapped, and goes on after a space, or after nothing when the line was broken at a
 * "-" or "/" inside a word ("NĐ-" / "CP"); otherwise, or when the next line is indented, the writer broke the line.
 */
function joinerOf(prev: Piece, next: Piece, edges: Edges): '' | ' ' | '\n' {
  // A line ends at a hyphen or slash inside a word only where the writer wrapped it.
  if (/[^\s\-/][-/]$/.test(prev.text) && /^[\p{L}\p{N}]/u.test(next.text)) return '';
  if (/\S$/.test(prev.text) && /^\/\S/.test(next.text)) return ''; // "Quý IV" / "/2025"
  // Measured widths differ by up to half an em from what the writer measured (a word’s width is estimated).
  const room = edges.right - prev.right - 0.25 * next.height;
  const indented = next.x > edges.left + 0.8 * next.height;
  return !indented && firstWordWidth(next) > room - 0.5 * next.height ? ' ' : '\n';
}

/** The lines of one text block as one text, wrapped lines joined and the writer's line breaks kept. */
function joinWrapped(pieces: Piece[], edgesOf: (p: Piece) => Edges): string {
  return pieces.map((p, k) => (k === 0 ? '' : joinerOf(pieces[k - 1]!, p, edgesOf(pieces[k - 1]!))) + p.text).join('');
}

interface Row {
  cells: Piece[][];
  spanning: boolean;
  page: number;
}

/** Rebuilds one table: columns from gutters, rows from the first column and the vertical gaps. */
function gridOf(region: Line[], notes: string[]): DocCell[][] {
  // Gutters from the lines with several cells: a section row written across the table would fill them.
  const cov = new Coverage();
  for (const l of region) if (l.segments.length >= 2) cov.add(l);
  const cuts = cov.cuts();
  const width = cuts.length + 1;
  const pitch = median(region.map((l) => l.height)) * 1.2;
  // Where each column's text starts and ends, to tell a wrapped line from a line break.
  const edges = Array.from({ length: width }, (_, c) => {
    const inColumn = region.flatMap((l) =>
      l.segments.filter((s) => columnOf(s.x, cuts) === c && columnOf(s.right - 1, cuts) === c),
    );
    return { left: Math.min(...inColumn.map((p) => p.x)), right: Math.max(...inColumn.map((p) => p.right)) };
  });
  const rows: Row[] = [];
  let current: Row | null = null;
  let prev: Line | null = null;
  let prevFirstOnly = false;
  for (const line of region) {
    const spanning = line.segments.some((s) => columnOf(s.x, cuts) !== columnOf(s.right - 1, cuts));
    const cols = line.segments.map((s) => columnOf(s.x, cuts));
    const gap = prev && prev.page === line.page ? prev.y - line.y : Infinity;
    const newRow =
      !current ||
      gap > pitch * 1.45 ||
      (cols.includes(0) &&
        current.cells[0]!.length > 0 &&
        line.page === prev?.page &&
        // Wrapped first-column text ("I." then the heading) continues its row.
        (!prevFirstOnly || (current.spanning && !spanning && cols.length >= 2)));
    const row: Row =
      newRow || !current ? { cells: Array.from({ length: width }, () => []), spanning, page: line.page } : current;
    if (row !== current) rows.push(row);
    current = row;
    // A row with a line written across the columns is one merged cell (a section heading).
    row.spanning ||= spanning;
    // Pieces of one line in one column are one piece (words a justified cell spread apart).
    line.segments.forEach((s, k) => {
      const cell = row.cells[cols[k] ?? 0]!;
      const last = cell[cell.length - 1];
      if (last && k > 0 && cols[k - 1] === cols[k]) {
        last.text += ` ${s.text}`;
        last.right = s.right;
      } else cell.push({ ...s, height: line.height });
    });
    prev = line;
    prevFirstOnly = cols.every((c) => c === 0);
  }
  const textOf = (r: Row, c: number) => joinWrapped(r.cells[c]!, () => edges[c]!);
  // A header repeated at the top of each page, and a row cut by a page break.
  const key = (r: Row) =>
    r.cells
      .map((p) => p.map((x) => x.text).join(' '))
      .join('|')
      .toLowerCase();
  const header = rows[0] ? key(rows[0]) : '';
  const out: Row[] = [];
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
      r.cells[0]!.length === 0 &&
      last.cells[0]!.length > 0 &&
      out.length > 1
    ) {
      r.cells.forEach((t, c) => last.cells[c]!.push(...t));
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
          text: r.cells
            .flat()
            .map((p) => p.text)
            .join(' '),
          mergedFrom: c === 0 ? null : [i, 0],
        }))
      : r.cells.map((_, c): DocCell => ({ text: textOf(r, c), mergedFrom: null })),
  );
}

const pieceOf = (l: Line): Piece => ({ text: lineText(l), x: leftOf(l), right: rightOf(l), height: l.height });

/** The document model of a PDF's text layer: paragraphs, and tables rebuilt from where their text sits. */
export function pdfLayout(pages: PdfPage[]): PlanDocument {
  const notes: string[] = [];
  const perPage = dropRunningLines(pages.map(linesOf), notes);
  const lines = perPage.flat();
  // Each page's text block: where its lines start and end (a landscape annex page has its own). When no line reaches
  // the right margin (short paragraphs), it is taken to be no wider than the left one.
  const block = new Map<number, Edges>();
  for (const l of lines) {
    const b = block.get(l.page) ?? { left: Infinity, right: -Infinity };
    block.set(l.page, { left: Math.min(b.left, leftOf(l)), right: Math.max(b.right, rightOf(l)) });
  }
  for (const p of pages) {
    const b = block.get(p.number);
    if (b) b.right = Math.max(b.right, p.width - b.left);
  }
  // A gap wider than the body's line pitch is the space between two paragraphs.
  const pitch = pitchOf(lines);
  const tables = regionsOf(lines);
  const starts = new Map(tables.map((t) => [t[0]!, t]));
  const blocks: DocBlock[] = [];
  let para: Line[] = [];
  const pageOf = new Map<Piece, number>();
  const edgesOf = (p: Piece) => block.get(pageOf.get(p) ?? 0) ?? { left: p.x, right: p.right };
  const flush = () => {
    const first = para[0];
    const pieces = para.map((l) => {
      const p = pieceOf(l);
      pageOf.set(p, l.page);
      return p;
    });
    if (first)
      blocks.push({ kind: 'paragraph', text: joinWrapped(pieces, edgesOf), page: first.page, line: first.index });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const region = starts.get(line);
    if (region) {
      flush();
      blocks.push({ kind: 'table', page: line.page, line: line.index, rows: gridOf(region, notes) });
      i += region.length - 1;
      continue;
    }
    const last = para[para.length - 1];
    // A paragraph goes on over a page break when the page's last line was full.
    const goesOn = (a: Line, b: Line) =>
      a.page === b.page
        ? a.y - b.y <= 1.25 * Math.max(pitch, 1.1 * b.height)
        : joinerOf(pieceOf(a), pieceOf(b), block.get(a.page) ?? { left: leftOf(a), right: rightOf(a) }) !== '\n';
    if (last && !goesOn(last, line)) flush();
    para.push(line);
  }
  flush();
  return { format: 'pdf', blocks, notes };
}
