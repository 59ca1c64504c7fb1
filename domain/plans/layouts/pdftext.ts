import { cleanCell, LayoutError, splitProducts, type RawPlan, type RawTask, type RawWarning } from '../raw';

// Seed 000: text extracted from a PDF. Header: "STT | Nhiệm vụ cụ thể | Sản phẩm | Cơ quan chủ trì | Cơ quan phối
// hợp | Thời gian". The extractor emits a row column by column, each cell as a block of short lines separated by a
// blank line, except that cells whose lines share a y position come out on one line ("- Quyết định Giám đốc Sở").
// The header repeats on each page; a row cut by a page break goes on after it with only the cells that continue,
// still in column order. Between the two parts there can be OCR garbage from a stamp or a footnote.
// So a row is read in parts (one per page), each part's blocks are placed in columns in order: the first part by
// what the blocks say (title first, deadline phrase last), the continuations by which cells were left unfinished.

const COLUMNS = ['title', 'products', 'lead', 'support', 'deadline'] as const;
type Column = (typeof COLUMNS)[number];
const [TITLE, PRODUCTS, LEAD, SUPPORT, DEADLINE] = [0, 1, 2, 3, 4] as const;

const PAGE_HEADER = /^\s*STT Nhiệm vụ cụ thể/u;
const PAGE_HEADER_REST = /^\s*(trì|Cơ quan|phối hợp Thời gian)\s*$/u;
const TASK_REF = /^\s*(\d+\.\d+)\s*(.*)$/;
const SECTION = /^\s*(\d+)\s+(\p{Lu}.*)$/u;
const TABLE_END = /^(ỦY BAN NHÂN DÂN|TM\. ỦY BAN|KT\. CHỦ TỊCH)/u;
/** Table cells are at most ~50 characters wide; a longer line starting with a number is a footnote. */
const FOOTNOTE = /^(\d+)\s+\S.{90,}$/u;

/** The short deadline phrases of the Thời gian column (not "Theo nội dung…", which is a product). */
const DEADLINE_START =
  /^(?:-\s*)?(?:Trong (?:năm|vòng|tháng|quý)|Trước (?:tháng|ngày|quý)|Quý [IV]+\b|H[àằ]ng (?:quý|tháng|năm)|Thường xuyên|Định kỳ|Sau khi|Khi có|Theo (?:từng|Đ[ềê] án|[Kk]ế hoạch)|Giai đoạn|Tháng \d+|Năm 20\d\d)/u;
/** A deadline phrase that ended up at the end of another cell's line ("báo chí Trong năm 2021"). */
const TRAILING_DEADLINE =
  /^(.*\S)\s+((?:Trong năm|Trước tháng \d+ năm) 20\d\d|H[àằ]ng (?:quý|tháng|năm)|Thường xuyên)\s*$/u;
const HEAD = String.raw`(?:Giám đốc|Thủ trưởng|Chủ tịch|Chánh Văn|Viện trưởng|Cục trưởng|Trưởng Ban)`;
/** A cell of the lead/support columns: a head, a unit, or the wrapped tail of one ("quận - huyện"). */
const UNIT_START = new RegExp(
  String.raw`^(?:-\s*)?(?:${HEAD}|Trưởng\b|Ban\s|Ủy ban|UBND|Sở\s|Đài\s|Báo\s(?!cáo)|Hội đồng|Thường trực|Tổ\s(?!chức)|quận|huyện|ngành|phường|xã|Thông tin và|Truy[ềê]n thông|Nội vụ)`,
  'u',
);
/** The start of a unit or head, not the tail of one. */
const NEW_UNIT = new RegExp(
  String.raw`^(?:-\s*)?(?:${HEAD}|Trưởng\b|Ban\s|Ủy ban|UBND|Sở\s|Đài\s|Báo\s(?!cáo)|Hội đồng|Thường trực|Tổ\s(?!chức))`,
  'u',
);
/** A cell that stops on one of these goes on in the next part (or the next block). */
const DANGLING = /(?:[,;:/-]|\b(?:và|của|các|Sở|UBND|thị|Chủ|Giám|Thành|Tổ|Viện|Ban|về|vê|kết|cải|sáng|mô|Đài))$/u;
/** Titles are set in a wide column; the other columns hold ~15 characters a line. */
const WIDE = 26;

interface Piece {
  text: string;
  line: number;
}
/** Lines of one cell as the extractor emitted them, without a blank line in between. */
type Block = Piece[];
interface Row {
  ref: string;
  section: string;
  line: number;
  endLine: number;
  /** One list of blocks per page the row is on. */
  parts: Block[][];
  footnotes: string[];
}

export function looksLikePdfText(lines: string[]): boolean {
  return lines.filter((l) => PAGE_HEADER.test(l)).length >= 2;
}

/** Reads the Phụ lục table of a PDF-text plan (seed 000): one task per "n.m" row. */
export function readPdfText(lines: string[]): RawPlan {
  const start = lines.findIndex((l) => PAGE_HEADER.test(l));
  if (start < 0) throw new LayoutError('a Phụ lục table with header "STT Nhiệm vụ cụ thể…"', null);
  const warnings: RawWarning[] = [];
  const tasks: RawTask[] = [];
  let section = '';
  let row: Row | null = null;
  let lastBlank = true;
  let inHeader = 0;
  let inFootnote = false;
  const finish = () => {
    if (row) tasks.push(readRow(row, warnings));
    row = null;
  };
  const part = (r: Row) => r.parts[r.parts.length - 1] ?? [];
  for (let i = start; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const l = raw.trim();
    if (PAGE_HEADER.test(raw)) {
      inHeader = 5;
      if (row) row.parts.push([]);
      lastBlank = true;
      continue;
    }
    if (inHeader > 0) {
      inHeader--;
      if (!l || PAGE_HEADER_REST.test(raw)) continue;
      inHeader = 0;
    }
    if (!l) {
      lastBlank = true;
      inFootnote = false;
      continue;
    }
    if (inFootnote) continue;
    if (TABLE_END.test(l) && row) break;
    const foot = lastBlank ? FOOTNOTE.exec(l) : null;
    if (foot) {
      inFootnote = true;
      (row as Row | null)?.footnotes.push(foot[1] ?? '');
      continue;
    }
    const ref = lastBlank ? TASK_REF.exec(raw) : null;
    const sec = ref || !lastBlank ? null : SECTION.exec(raw);
    let text = l;
    if (ref) {
      finish();
      row = { ref: ref[1] ?? '', section, line: i + 1, endLine: i + 1, parts: [[]], footnotes: [] };
      text = (ref[2] ?? '').trim();
      lastBlank = true;
      if (!text) continue;
    } else if (sec && (sec[2] ?? '').length < 120 && !/^\d/.test(sec[2] ?? '')) {
      finish();
      section = `${sec[1]}. ${cleanCell(sec[2] ?? '')}`;
      continue;
    }
    if (!row) continue;
    const blocks = part(row);
    splitMergedLine(text).forEach((fragment, k) => {
      if (k > 0 || lastBlank || blocks.length === 0) blocks.push([]);
      blocks[blocks.length - 1]?.push({ text: fragment, line: i + 1 });
    });
    row.endLine = i + 1;
    lastBlank = false;
  }
  finish();
  return { layout: 'pdf-text', tasks, warnings };
}

/**
 * Splits a line on which the extractor put two or more cells side by side:
 * "- Quyết định Giám đốc Sở", "báo chí Trong năm 2021", "Truyền thông ngành; Chủ",
 * "9.5 Hàng quý gửi … bài viết/mô - Bài viết, mô Thủ trưởng sở, Giám đốc Sở Hàng quý".
 */
export function splitMergedLine(line: string): string[] {
  const out: string[] = [];
  let rest = line.trim();
  const deadline = TRAILING_DEADLINE.exec(rest);
  let tail: string | null = null;
  if (deadline) {
    rest = deadline[1] ?? '';
    tail = deadline[2] ?? '';
  }
  const cut = (at: number) => {
    out.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  };
  for (;;) {
    const split = out.length > 0 || tail !== null;
    // A list item of the next column after a wide (title) fragment or after another split.
    const item = /\s-\s(?=\p{Lu})/u.exec(rest);
    if (item && (item.index >= 20 || split) && !/^\s*-\s*$/.test(rest.slice(0, item.index))) {
      cut(item.index);
      continue;
    }
    // A head after a product item ("- Quyết định Giám đốc Sở"); not "…; Chủ tịch" or "được Chủ tịch" in a title.
    const head = new RegExp(String.raw`(?<=\p{L}\.?)\s+(?=${HEAD})`, 'u').exec(rest);
    if (head && head.index > 0 && (rest.startsWith('- ') || split)) {
      cut(head.index);
      continue;
    }
    // "Thủ trưởng sở," always wraps to "ban - ngành": what follows on the line is the next cell.
    const so = /(?<=\bsở,)\s+(?=\p{Lu})/u.exec(rest);
    if (so && split) {
      cut(so.index);
      continue;
    }
    // The wrapped tail of a unit after another cell's words: "Truyền thông ngành; Chủ", "sản phâm ban - ngành;",
    // "quả kiểm tra quận - huyện". Not "sở, ban - ngành" or "UBND quận - huyện", which are one phrase.
    const tailOfUnit = /(?<=\p{L})\s+(?=ngành;|ban - ngành|quận - huyện)/u.exec(rest);
    const before = tailOfUnit ? rest.slice(0, tailOfUnit.index) : '';
    if (tailOfUnit && before.length <= 20 && !/(?:\bban|UBND\)?|\bcác|\bsở,?)$/u.test(before)) {
      cut(tailOfUnit.index);
      continue;
    }
    // "quận - huyện và Truyền": the next column's cell goes on after a complete unit.
    const after = /(?<=quận - huyện)\s+(?=và\s+\p{Lu})/u.exec(rest);
    if (after && split) {
      cut(after.index);
      continue;
    }
    break;
  }
  out.push(rest);
  if (tail !== null) out.push(tail);
  return out.filter((s) => s.length > 0);
}

const textOf = (pieces: Piece[]) => pieces.map((p) => p.text).join('\n');
const avgWidth = (b: Block) => b.reduce((n, p) => n + p.text.length, 0) / Math.max(1, b.length);
/** Stamp OCR garbage ("Q o>", "dơ", "õ»", "o 2"): no word of three letters or more. */
const isGarbage = (b: Block) =>
  b.every((p) => p.text.split(/\s+/).every((w) => (w.match(/\p{L}/gu) ?? []).length <= 2));
const isDeadline = (b: Block) => DEADLINE_START.test(b[0]?.text ?? '') && textOf(b).length < 160;
/** A lead/support cell: it starts with a unit (or a unit's tail), or one of its "- " items is a unit. */
const isUnit = (b: Block) => {
  const items = textOf(b)
    .split(/\n(?=-)/u)
    .map(cleanCell);
  return UNIT_START.test(items[0] ?? '') || items.some((t) => t.startsWith('-') && NEW_UNIT.test(t));
};
const dangling = (cell: Piece[]) => DANGLING.test((cell[cell.length - 1]?.text ?? '').trim());

function readRow(row: Row, warnings: RawWarning[]): RawTask {
  const warn = (line: number, message: string) =>
    warnings.push({ ref: row.ref, line, message: `PDF text: ${message}` });
  const cells: Piece[][] = COLUMNS.map(() => []);
  const parts = row.parts.map((blocks) => blocks.filter((b) => b.length > 0 && !isGarbage(b)));
  placeFirstPart(parts[0] ?? [], cells, warn);
  for (const blocks of parts.slice(1)) placeContinuation(blocks, cells, warn);
  if (cells[DEADLINE]?.length === 0) warn(row.line, 'no Thời gian (deadline) cell found');
  let title = cleanCell(textOf(cells[TITLE] ?? []));
  // Footnote markers stuck to a word ("quy định mới2,") refer to footnotes dropped from the text.
  for (const n of row.footnotes) title = title.replace(new RegExp(`(?<=\\p{Ll})${n}(?=[,.;:]|\\s|$)`, 'u'), '');
  return {
    ref: row.ref,
    section: row.section,
    title,
    products: splitProducts(joinCell(cells[PRODUCTS] ?? []).replace(/(?<=[^,;:/\s-])\n(?=Báo cáo|Kế hoạch)/gu, '\n- ')),
    lead: unitList(cells[LEAD] ?? []),
    support: unitList(cells[SUPPORT] ?? []),
    accountable: '',
    deadlineText: cleanCell(joinCell(cells[DEADLINE] ?? [])).replace(/^-\s+/, ''),
    line: row.line,
    endLine: row.endLine,
  };
}

/** Joins a cell's lines; "bài viết/mô" + "hình" and "quận" + "- huyện" are wraps, not list items. */
function joinCell(cell: Piece[]): string {
  return cell
    .map((p) => p.text.trim())
    .join('\n')
    .replace(/\n(?=-\s*\p{Ll})/gu, ' ');
}

/** A lead/support cell as "A; B; C": each "- " item on its own, wraps rejoined. */
function unitList(cell: Piece[]): string {
  return cleanCell(
    joinCell(cell)
      .replace(/(?:^|\n)\s*-\s*(?=\p{Lu})/gu, '\n; ')
      .replace(new RegExp(String.raw`(?<=[^,;:/\s-])\n(?=${HEAD})`, 'gu'), '\n; ')
      .replace(/^\s*;\s*/, ''),
  )
    .replace(/,\s+-\s+(?=\p{Lu})/gu, '; ')
    .replace(/\s*[,;]?\s*;\s*(?:;\s*)*/g, '; ')
    .replace(/[;,]\s*$/, '');
}

/** The first part of a row: title, then products/lead/support, then the deadline phrase. */
function placeFirstPart(blocks: Block[], cells: Piece[][], warn: (line: number, message: string) => void) {
  const [title, ...rest] = blocks;
  if (!title) return;
  cells[TITLE]?.push(...title);
  let d = -1;
  rest.forEach((b, k) => {
    if (isDeadline(b)) d = k;
  });
  const middle = d < 0 ? rest : rest.slice(0, d);
  if (d >= 0) cells[DEADLINE]?.push(...(rest[d] ?? []));
  for (const extra of d < 0 ? [] : rest.slice(d + 1)) {
    warn(extra[0]?.line ?? 0, `text after the Thời gian cell kept in support: "${cleanCell(textOf(extra))}"`);
    cells[SUPPORT]?.push(...extra);
  }
  // A product cell and a head on the following lines of one block: "Cơ sở dữ liệu\nGiám đốc Sở…".
  const split: Block[] = [];
  for (const b of middle) {
    const k = isUnit(b)
      ? -1
      : b.findIndex((p, j) => j > 0 && new RegExp(`^${HEAD}`, 'u').test(p.text) && !dangling(b.slice(0, j)));
    if (k > 0) split.push(b.slice(0, k), b.slice(k));
    else split.push(b);
  }
  let columns: number[];
  if (split.length >= 3) columns = [PRODUCTS, LEAD, SUPPORT];
  else if (split.length === 2) columns = split[0] && isUnit(split[0]) ? [LEAD, SUPPORT] : [PRODUCTS, LEAD];
  else columns = split[0] && isUnit(split[0]) ? [LEAD] : [PRODUCTS];
  split.forEach((b, k) => {
    const col = columns[Math.min(k, columns.length - 1)] ?? SUPPORT;
    if (k >= columns.length)
      warn(b[0]?.line ?? 0, `more cells than columns; "${cleanCell(textOf(b))}" kept in support`);
    cells[col]?.push(...b);
  });
  // A lead cut after "Giám đốc Sở" on a merged line goes on at the top of the support block ("Nội vụ, - Đài"),
  // and the support cell proper starts at the next "- " item.
  const lead = cells[LEAD] ?? [];
  const support = cells[SUPPORT] ?? [];
  const first = support[0]?.text ?? '';
  if (dangling(lead) && support.length > 1 && !NEW_UNIT.test(first) && !first.startsWith('-')) {
    const k = support.findIndex((p) => p.text.startsWith('-'));
    if (k > 0) {
      lead.push(...support.splice(0, k));
      warn(support[0]?.line ?? 0, `lead "${cleanCell(textOf(lead))}" read as going on above the support cell; check`);
    }
  }
}

/** A part after a page break: its blocks continue some of the cells, in column order; pick the likeliest. */
function placeContinuation(blocks: Block[], cells: Piece[][], warn: (line: number, message: string) => void) {
  if (blocks.length === 0) return;
  const open = [TITLE, PRODUCTS, LEAD, SUPPORT];
  const heights = open.map((c) => cells[c]?.length ?? 0);
  const rank = (c: number) => {
    const h = heights[c] ?? 0;
    return h === 0 ? -2 : 3 - heights.filter((x, k) => k !== TITLE && x > h).length;
  };
  const score = (b: Block, c: number): number => {
    const wide = avgWidth(b) >= WIDE;
    if (c === TITLE) return wide ? 10 : -10;
    if (wide) return -10;
    const unit = isUnit(b);
    return rank(c) + (dangling(cells[c] ?? []) ? 3 : 0) + (c === PRODUCTS ? (unit ? -3 : 1) : unit ? 2 : -1);
  };
  let best: { cols: number[]; score: number } | null = null;
  let second = -Infinity;
  const choose = (k: number, from: number, cols: number[], total: number) => {
    if (k === blocks.length) {
      if (!best || total > best.score) {
        second = best?.score ?? second;
        best = { cols: [...cols], score: total };
      } else second = Math.max(second, total);
      return;
    }
    for (let c = from; c < open.length; c++) choose(k + 1, c + 1, [...cols, c], total + score(blocks[k] ?? [], c));
  };
  const fits = blocks.length <= open.length;
  if (fits) choose(0, 0, [], 0);
  const chosen: number[] = (best as { cols: number[] } | null)?.cols ?? blocks.map((_, k) => Math.min(k, SUPPORT));
  blocks.forEach((b, k) => {
    const c = chosen[k] ?? SUPPORT;
    cells[c]?.push(...b);
    const narrow = fits && best !== null && second > -Infinity && (best as { score: number }).score - second < 2;
    if (!fits || (narrow && c !== TITLE))
      warn(b[0]?.line ?? 0, `"${cleanCell(textOf(b))}" after a page break read as ${COLUMNS[c] as Column}; check`);
  });
}
