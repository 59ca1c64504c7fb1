import { cleanCell, splitProducts, type RawPlan, type RawTask, type RawWarning } from '../raw';
import { columnScores, foldText, type ColumnRole } from './columns';
import { CLOSING, isFurniture } from './furniture';
import { readInlineAssignments } from './inline-assignments';
import { readKeyValue } from './key-value';
import { rowCells } from './row-table';
import { readReportedStatus, type ReportedStatus } from './status';

// Tables that lost their grid: PDF text or a Công báo page where every cell, and often every few words of a
// cell, is a line of its own, and the header ("STT / Tên nhiệm vụ / Cơ quan / chủ trì / …") repeats on each page.
// The header gives the column order; a row starts at its number ("1.", "a)") and its fragments are put back
// into cells: a cell starts where a line opens a new sentence or a unit's name after a finished one, and each
// cell goes to the next column it fits (a unit list to lead/support, a time phrase to the deadline).

type Role = Exclude<ColumnRole, 'other'>;

const UNIT_START =
  /^(Bộ(?=\s+\p{Lu}|,)|Sở|Ủy ban|Uỷ ban|UBND|Ban|Văn phòng|Thanh tra|Công an|Cục|Tổng cục|Trung tâm|Viện|Ngân hàng|Kho bạc|Bảo hiểm|Đài|Hội|Liên đoàn|Mặt trận|Vụ|Chi cục|Phòng|Các|Cơ quan|Hội đồng|Tòa án|Viện kiểm sát|Kiểm toán|Thông tấn|Tập đoàn|Tổng công ty|Đơn vị|Địa phương|Người đứng đầu|Thủ trưởng|Cơ sở (?:khám|giáo dục|y tế|đào tạo))(\s|,|$)/u;
const TIME =
  /^(quý|quí|năm|tháng|hằng|hàng|thường xuyên|liên tục|định kỳ|trước|trong|từ|đến|giai đoạn|\d{4}|\d{1,2}\/\d{4}|sau khi|khi có|theo (?:kế hoạch|lộ trình|tiến độ)|kỳ họp)(?=[\s,.;/]|$)/iu;
/** A line of task text that ends with a ministry's or a council's name: "… phù hợp Bộ Y tế". */
const GLUED_UNIT = /^(.*\s(\p{Ll}+))\s+((?:Bộ|Sở|Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+\p{Lu}[\p{L} ]{1,40})$/u;
/** A line that ends with a capitalised time phrase after lowercase words: "… văn bản phối hợp Thường xuyên". */
const GLUED_TIME =
  /^(.*\s\p{Ll}+)\s+((?:Thường xuyên|Hằng (?:năm|quý|tháng)|Hàng (?:năm|quý|tháng)|Quý\s+(?:[IV]{1,3}|[1-4])\/\d{4}|Tháng\s+\d{1,2}\/\d{4}|Năm\s+\d{4})[^.;]{0,40})$/u;
/** Words after which a unit's name belongs to the task's text ("với Bộ Y tế", "của Sở Nội vụ"). */
const LINKING = /^(của|với|và|cho|tại|giữa|các|theo|từ|đến|gửi|trình|về|thuộc|hoặc)$/u;
/** A result cell after the units: the kind of document or activity the task yields ("Nghị quyết của Chính phủ"). */
const PRODUCT_START =
  /^(Nghị quyết|Nghị định|Quyết định|Thông tư|Chỉ thị|Luật|Đề án|Kế hoạch|Văn bản|Báo cáo|Các (hoạt động|kế hoạch|văn bản|chỉ tiêu))(\s|\/|$)/u;
/** "Đã hoàn thành", "Đang triển khai": the table reports the task's progress in its time column. */
const STATUS_START = /^(Đã hoàn thành|Đang (thực hiện|triển khai))(\s|[.,;]|$)/u;
const ROW_START = /^\s*(\d{1,3}|[a-zđ])[.)]?\s*$|^\s*(\d{1,3})\.\s*(\S.*)$|^\s*([a-zđ])\)\s+(\S.*)$/u;
/** "7  Đề án về chỉ số …": a Công báo row whose number shares a line with its first fragment. */
const NUMBER_AND_TEXT = /^\s*(\d{1,3})\s{2,}(\S.*)$/u;
/** "1 Nghị quyết số 66-NQ/TW ngày …": a footnote at the foot of the page, a full-width line under narrow cells. */
const FOOTNOTE = /^\s*\d{1,2}\s+\S.{70,}$/u;
/** A fragment that is only a year or a span of years ("2026", "2027 - 2030", "2026 và"): a deadline cell. */
const YEARS = /^\d{4}(?:\s*[-–]\s*\d{4})?(?:\s+và)?$/u;
/** The title line of an annex: "Phụ lục II", "PHỤ LỤC". */
const ANNEX = /^\s*(Phụ lục|PHỤ LỤC)(\s+[IVX\d]+)?\s*$/u;
/** Where a page break (page header, repeated table header) cut the row: the cells go on after it. */
const PAGE_BREAK = '\u0000';
const SECTION = /^\s*([IVX]{1,5})\.\s+(\S.*)$/u;
const HEADER_START = /^\s*(STT|TT)\s*$/u;

/** The column roles a run of header fragments names, in order; null unless it has a task text and a lead. */
function headerRoles(fragments: string[]): Role[] | null {
  const folded = ` ${foldText(fragments.join(' '))} `;
  const cues: [Role, string][] = [
    ['ref', 'stt'],
    ['ref', 'tt'],
    ['title', 'nhiem vu'],
    ['title', 'noi dung'],
    ['lead', 'chu tri'],
    ['lead', 'don vi thuc hien'],
    ['support', 'phoi hop'],
    ['products', 'san pham'],
    ['products', 'ket qua'],
    ['deadline', 'thoi gian'],
    ['deadline', 'thoi han'],
    ['deadline', 'tien do'],
  ];
  const found: { role: Role; at: number }[] = [];
  for (const [role, cue] of cues) {
    const at = folded.indexOf(` ${cue} `);
    if (at >= 0 && !found.some((f) => f.role === role)) found.push({ role, at });
  }
  found.sort((a, b) => a.at - b.at);
  const roles = found.map((f) => f.role);
  return roles.includes('title') && roles.includes('lead') ? roles : null;
}

/** The words table headers are written with (folded): a fragment with any other word is the first row's. */
const HEADER_WORDS = new Set(
  (
    'stt tt so thu tu ten nhiem vu noi dung cong viec hoat dong giai phap cu the chu yeu co quan don vi chu tri ' +
    'phoi hop thuc hien chinh chiu trach ket qua san pham du kien hinh thuc van ban thoi gian han hoan thanh ' +
    'tien do can cu bo sung ghi chu kinh phi nguon'
  ).split(' '),
);
const isHeaderWords = (t: string) =>
  foldText(t)
    .split(' ')
    .every((w) => w === '' || HEADER_WORDS.has(w));

/** Where a fragmented header starts and ends: "STT" then short lines, or a pipe header row. */
function headerAt(lines: string[], i: number): { roles: Role[]; end: number } | null {
  const line = lines[i] ?? '';
  const cells = rowCells(line);
  if (cells && line.trim().startsWith('|')) {
    // A pipe header whose rows were not kept as rows: the cells that follow are one per line.
    const next = lines.slice(i + 1, i + 4).map((l) => l.trim());
    if (next.some((l) => l && !l.startsWith('|'))) {
      let end = i + 1;
      while (
        end < lines.length &&
        /^\s*\|?\s*(-{3,}\s*\|?\s*)*$/.test(lines[end] ?? '') &&
        (lines[end] ?? '').includes('-')
      )
        end++;
      // A header cell that did not fit the row ("Thời gian thực hiện") follows it on its own line.
      const extra: string[] = [];
      while (end < lines.length && extra.length < 3 && !ROW_START.test(lines[end] ?? '')) {
        const t = (lines[end] ?? '').trim();
        if (t && [...columnScores(t).keys()].some((r) => r !== 'title') && t.split(/\s+/).length <= 6) extra.push(t);
        else if (t) break;
        end++;
      }
      const roles = headerRoles([...cells, ...extra]);
      return roles ? { roles, end } : null;
    }
    return null;
  }
  if (!HEADER_START.test(line)) return null;
  const frags: string[] = [];
  let end = i;
  for (let j = i; j < Math.min(lines.length, i + 16); j++) {
    const t = (lines[j] ?? '').trim();
    if (!t) continue;
    if (j > i && (ROW_START.test(t) || SECTION.test(t) || t.length > 40 || !isHeaderWords(t))) break;
    frags.push(t);
    end = j + 1;
  }
  const roles = headerRoles(frags);
  return roles ? { roles, end } : null;
}

/** Whether the document has a task table broken into one fragment per line. */
export function looksLikeFragmentedTable(lines: string[]): boolean {
  return lines.some((_, i) => headerAt(lines, i) !== null) && readFragmentedTable(lines).tasks.length > 0;
}

interface Row {
  ref: string;
  line: number;
  endLine: number;
  fragments: string[];
}

/** A time cell that is complete: it ends on a date or year ("Quý IV/2026", "năm 2027") or a standing phrase. */
const COMPLETE_TIME =
  /(?:\d|thường xuyên|liên tục|hằng năm|hằng quý|hằng tháng|hàng năm|hàng quý|hàng tháng|định kỳ)\.?$/iu;

/** A unit's name cut before its proper part ("Viện Khoa học lâm nghiệp Việt Nam, Cục"). */
const CUT_NAME = /(?:^|[\s,;])(?:Bộ|Sở|Cục|Vụ|Viện|Ban|Phòng|Trung tâm|Chi cục|Tổng cục)$/u;

/**
 * A row that goes on after a page break: once its last cell (a short time phrase, the deadline) is read, a fragment
 * in lower case goes on with the task text, and one that is no unit's name finishes a name cut short ("…, Cục" then
 * "Lâm nghiệp và Kiểm lâm"); null when neither holds.
 */
function overflowCell(cells: string[], f: string, deadlineAt: number): number | null {
  if (deadlineAt < 1) return null;
  if (/^\p{Ll}/u.test(f)) return 0;
  const cut = cells.findIndex((c, k) => k > 0 && k < deadlineAt && CUT_NAME.test(c));
  return cut > 0 && !UNIT_START.test(f) ? cut : null;
}

const isUnitCell = (c: string) => UNIT_START.test(c) || /^(UBND|Ủy ban)/u.test(c);
const isTimeCell = (c: string) => (TIME.test(c) || YEARS.test(c)) && c.split(/\s+/).length <= 12;

/** `products`: the table has a result column after its unit columns, so a result's name may open a cell. */
function cellsOf(fragments: string[], products = false): string[] {
  const cells: string[] = [];
  let broken = false;
  let deadlineAt = -1;
  fragments.forEach((f, i) => {
    if (f === PAGE_BREAK) {
      broken = true;
      return;
    }
    // Only once the row's deadline closed it: a deadline still open ("2026 và" / "hằng năm") goes on as usual.
    const last = cells[cells.length - 1];
    const closed = last !== undefined && deadlineAt === cells.length - 1 && COMPLETE_TIME.test(last);
    const over = closed && !TIME.test(f) ? overflowCell(cells, f, deadlineAt) : null;
    if (over !== null) {
      cells[over] = `${cells[over]} ${f}`;
      return;
    }
    const prev = cells[cells.length - 1];
    // "… các bệnh lý nhẹ," (a filled line of the task's text) then "Bộ Y tế, Sở Y tế" (a narrow unit column): the
    // task's text went on after the page break, the unit is the lead's cell
    const narrowUnit =
      cells.length === 1 && UNIT_START.test(f) && f.length <= 24 && (fragments[i - 1]?.length ?? 0) >= 35;
    const prevEnded = prev === undefined || /[.;:]$/.test(prev);
    const prevOpen =
      prev !== undefined && /(,|-|(^|\s)(và|của|các|với|ở|tại|cho|trình|về|đến|Bộ|Sở|Ban|Đài|Ủy ban))$/u.test(prev);
    // A unit's name or a time phrase is short: a capital after one starts the next cell ("Bộ Nội vụ" / "Báo cáo"),
    // and a unit's name is over at its bracketed scope ("Bộ Tư pháp (đối với …)" / "các quy định …").
    const prevShortCell =
      prev !== undefined && (isUnitCell(prev) || isTimeCell(prev)) && prev.split(/\s+/).length <= 30;
    const next = fragments[i + 1];
    const timeAhead = TIME.test(next && next !== PAGE_BREAK ? `${f} ${next}` : f);
    // "Nam, Đài Tiếng nói" / "XVI": the rest of a proper name or a numeral, not a new cell
    const nameGoesOn = /^(\p{Lu}\p{Ll}*,|[IVXLC]+(?:\/\d{4})?$)/u.test(f);
    const startsCell =
      prev === undefined ||
      broken ||
      (prevEnded && /^\p{Lu}/u.test(f)) ||
      (!prevOpen && UNIT_START.test(f) && prev.split(/\s+/).length >= 3) ||
      (!prevOpen && timeAhead && /^\p{Lu}/u.test(f)) ||
      (!prevOpen && YEARS.test(f)) ||
      (!prevOpen && prevShortCell && /^\p{Lu}/u.test(f) && !nameGoesOn) ||
      (!prevOpen && STATUS_START.test(f)) ||
      (products && !prevOpen && PRODUCT_START.test(f) && UNIT_START.test(prev) && prev.split(/\s+/).length >= 3) ||
      (isUnitCell(prev) && /\)$/.test(prev));
    if (startsCell && broken && prev !== undefined) cells.push(PAGE_BREAK);
    broken = false;
    // "… theo lộ trình phù hợp Bộ Y tế" above "Bộ Tài chính, các": the text layer ran the lead into the task's line
    const glued = cells.length === 1 && !startsCell ? GLUED_UNIT.exec(f) : null;
    const head = glued?.[1];
    const unit = glued?.[3];
    // "văn bản phối hợp Thường xuyên": the time cell ran into the result's line
    const timed = cells.length >= 2 && !startsCell ? GLUED_TIME.exec(f) : null;
    if (head && unit && !LINKING.test(glued[2] ?? '') && UNIT_START.test(fragments[i + 1] ?? '')) {
      cells[cells.length - 1] = `${prev} ${head}`;
      cells.push(unit);
    } else if (timed?.[1] && timed[2]) {
      cells[cells.length - 1] = `${prev} ${timed[1]}`;
      cells.push(timed[2]);
    } else if (startsCell || narrowUnit) cells.push(f);
    else cells[cells.length - 1] = `${prev} ${f}`;
    if (startsCell && cells.length > 2 && TIME.test(f) && f.split(/\s+/).length <= 12) deadlineAt = cells.length - 1;
  });
  return cells.map((c) => (c === PAGE_BREAK ? c : cleanCell(c)));
}

/** Reads a fragmented task table: rows from their numbers, cells from their fragments, columns by meaning. */
export function readFragmentedTable(lines: string[]): RawPlan {
  const tasks: RawTask[] = [];
  const warnings: RawWarning[] = [];
  let roles: Role[] | null = null;
  let section = '';
  let sectionRef = '';
  let groupRef = '';
  let groupTitle = '';
  let row: Row | null = null;
  let lastNumber = 0;
  /** The cells of one row in column order; a cell after the deadline that names a unit, or a second deadline,
   * opens a sub-row ("Báo cáo chuyên đề … Tháng 5/2026" then "Bộ Tài chính … Báo cáo kết quả … Tháng 11/2026"). */
  /** The status the row reports in its time column ("Đã hoàn thành"), set by partsOf. */
  let status: ReportedStatus | null = null;
  const partsOf = (cells: string[], order: Role[]): Partial<Record<Role, string>>[] => {
    const parts: Partial<Record<Role, string>>[] = [];
    let out: Partial<Record<Role, string>> = {};
    status = null;
    let k = 0;
    let afterBreak = false;
    let unplaced = '';
    for (const c of cells) {
      if (c === PAGE_BREAK) {
        afterBreak = true;
        continue;
      }
      const continued = afterBreak && !isUnitCell(c) && !isTimeCell(c);
      afterBreak = false;
      if (out.title === undefined) {
        out.title = c;
        k = order.indexOf('title') + 1;
        continue;
      }
      const reported = STATUS_START.test(c) && c.split(/\s+/).length <= 6 ? readReportedStatus(c) : null;
      if (reported) {
        status = reported;
        continue;
      }
      if (continued) {
        // the page cut a long cell (the result, most often): its rest opens the next page
        const into = out.products !== undefined ? 'products' : 'title';
        out[into] = `${out[into]} ${c}`;
        continue;
      }
      if (out.deadline !== undefined && isUnitCell(c) && order.includes('lead')) {
        parts.push(out);
        out = { title: out.title, lead: c };
        k = order.indexOf('lead') + 1;
        unplaced = '';
        continue;
      }
      if (isTimeCell(c) && order.includes('deadline')) {
        if (out.deadline !== undefined) {
          parts.push(out);
          out = { title: out.title, lead: out.lead, support: out.support, products: unplaced || undefined };
        }
        out.deadline = c;
        unplaced = '';
        continue;
      }
      let placed = false;
      while (k < order.length) {
        const role = order[k] as Role;
        k++;
        if ((role === 'lead' || role === 'support') && !isUnitCell(c)) continue;
        if (role === 'deadline') continue;
        out[role] = c;
        placed = true;
        break;
      }
      if (!placed) unplaced = c;
    }
    parts.push(out);
    // A part without a deadline of its own is the rest of the one above, cut by the page (a second lead, say).
    const merged: Partial<Record<Role, string>>[] = [];
    for (const part of parts) {
      const above = merged[merged.length - 1];
      if (above && part.deadline === undefined) {
        if (part.lead && part.lead !== above.lead) above.lead = above.lead ? `${above.lead}; ${part.lead}` : part.lead;
        if (part.products) above.products = above.products ? `${above.products} ${part.products}` : part.products;
        continue;
      }
      merged.push(part);
    }
    // "Ủy ban nhân dân cấp tỉnh trình Hội đồng nhân dân cùng cấp": the lead is the body that submits
    for (const part of merged) {
      const submits = part.lead ? /^(.{6,}?)\s+trình\s+\p{Lu}/u.exec(part.lead) : null;
      if (submits?.[1] && isUnitCell(submits[1])) part.lead = submits[1];
    }
    return merged.map((part) => Object.fromEntries(Object.entries(part).filter(([, v]) => v !== undefined)));
  };
  const flush = () => {
    if (!row || !roles) return;
    const order = roles.filter((r) => r !== 'ref');
    const products = order.indexOf('products') > Math.max(order.indexOf('lead'), order.indexOf('support'));
    const parts = partsOf(cellsOf(row.fragments, products), order);
    const first = parts[0] ?? {};
    const isLetter = /^[a-zđ]$/.test(row.ref);
    if (parts.length === 1 && !first.lead && !first.deadline && !status && !isLetter) {
      // A group row ("1 | Tổ chức tuyên truyền …") over its a), b) rows.
      groupRef = row.ref;
      groupTitle = first.title ?? '';
      row = null;
      return;
    }
    if (!isLetter) groupRef = '';
    const ref = [sectionRef, isLetter ? groupRef : '', row.ref].filter(Boolean).join('.');
    parts.forEach((out, n) => {
      if (!row) return;
      tasks.push({
        ref: parts.length > 1 ? `${ref}.${n + 1}` : ref,
        section: isLetter && groupTitle ? groupTitle : section,
        title: out.title ?? '',
        products: splitProducts(out.products ?? ''),
        // "Ủy ban nhân dân cấp tỉnh trình Hội đồng nhân dân cùng cấp": the lead submits to the council, it leads alone
        lead: (out.lead ?? '').replace(/(?<!công)\s+trình\s+(?:\p{Lu}|cấp\s|các\s|cơ quan\s).*$/u, ''),
        support: out.support ?? '',
        accountable: '',
        deadlineText: out.deadline ?? '',
        ...(status ? { status } : {}),
        line: row.line,
        endLine: row.endLine,
      });
    });
    row = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const t = raw.trim();
    // the closing block, or the next annex ("Phụ lục II"): the table is over
    if (CLOSING.test(t) || (roles && ANNEX.test(t))) {
      flush();
      roles = null;
      continue;
    }
    const header = headerAt(lines, i);
    if (header) {
      // the header repeated on the next page: the open row goes on under it
      if (row && roles?.join() === header.roles.join()) row.fragments.push(PAGE_BREAK);
      else flush();
      roles = header.roles;
      i = header.end - 1;
      continue;
    }
    if (roles && FOOTNOTE.test(t)) {
      // a footnote and its wrapped lines, down to the page break
      while (i + 1 < lines.length && (lines[i + 1] ?? '').trim().length >= 70) i++;
      continue;
    }
    // A bare number is the next row's number when it follows on from the last one, else a page number.
    const bare = /^\d{1,3}\.?$/.test(t) ? Number(t.replace('.', '')) : null;
    const nextRow = bare !== null && (bare === lastNumber + 1 || (bare === 1 && lastNumber !== 0));
    if (!roles || !t || (!nextRow && isFurniture(raw)) || /^[_–—-]{3,}$/.test(t)) continue;
    const sec = SECTION.exec(t);
    if (sec) {
      flush();
      sectionRef = sec[1] ?? '';
      lastNumber = 0;
      section = `${sectionRef}. ${sec[2] ?? ''}`;
      groupRef = '';
      continue;
    }
    const joined = NUMBER_AND_TEXT.exec(raw);
    if (joined && (Number(joined[1]) === lastNumber + 1 || (Number(joined[1]) === 1 && !row))) {
      flush();
      lastNumber = Number(joined[1]);
      row = { ref: joined[1] ?? '', line: i + 1, endLine: i + 1, fragments: [(joined[2] ?? '').trim()] };
      continue;
    }
    const start = ROW_START.exec(t);
    if (start) {
      flush();
      const ref = start[1] ?? start[2] ?? start[4] ?? '';
      if (/^\d+$/.test(ref)) lastNumber = Number(ref);
      const first = start[3] ?? start[5];
      row = { ref, line: i + 1, endLine: i + 1, fragments: first ? [first.trim()] : [] };
      continue;
    }
    if (row) {
      // two cells side by side on one line ("cơ quan ngang bộ  Bộ Tư pháp")
      row.fragments.push(...t.split(/\s{2,}/u));
      row.endLine = i + 1;
    }
  }
  flush();
  const table = tasks.filter((x) => x.title);
  return {
    layout: 'fragmented-table',
    tasks: [...bodyFields(lines, table), ...implementationArticle(lines), ...annexDuties(lines), ...table],
    warnings,
  };
}

/**
 * "Phụ lục I / NHIỆM VỤ CỦA CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG / I. NHIỆM VỤ CHUNG / 1. … 10. / II. NHIỆM VỤ CỤ THỂ" then the
 * table: the numbered duties an annex lists before its table belong to the units its title names.
 */
function annexDuties(lines: string[]): RawTask[] {
  const out: RawTask[] = [];
  lines.forEach((l, i) => {
    if (!ANNEX.test(l)) return;
    const header = lines.findIndex((_, j) => j > i && headerAt(lines, j) !== null);
    const next = lines.findIndex((m, j) => j > i && ANNEX.test(m));
    if (header < 0 || (next >= 0 && next < header)) return;
    const annex = /Phụ lục(?:\s+([IVX\d]+))?/iu.exec(l)?.[1] ?? '';
    for (const t of readInlineAssignments(lines.slice(i, header)).tasks)
      out.push({ ...t, ref: `PL${annex}.${t.ref}`, line: t.line + i, endLine: t.endLine + i });
  });
  return out;
}

const ARTICLE = /^\s*Điều\s+(\d+)\.\s*(.*)$/u;

/**
 * "Điều 2. Tổ chức thực hiện": the article of a resolution or decision that gives each body its duties ("3. Trách
 * nhiệm của Bộ Công an: a) … b) …"), read as prose that assigns inline, up to the next article.
 */
function implementationArticle(lines: string[]): RawTask[] {
  const start = lines.findIndex((l) => /^tổ chức thực hiện\b/iu.test(ARTICLE.exec(l)?.[2]?.trim() ?? ''));
  if (start < 0) return [];
  const article = ARTICLE.exec(lines[start] ?? '')?.[1] ?? '';
  const after = lines.findIndex((l, i) => i > start && ARTICLE.test(l));
  const body = lines.slice(start + 1, after < 0 ? lines.length : after);
  return readInlineAssignments(body).tasks.map((t) => ({
    ...t,
    ref: `Điều ${article}.${t.ref}`,
    line: t.line + start + 1,
    endLine: t.endLine + start + 1,
  }));
}

/**
 * A resolution may assign one task in its articles by numbered fields ("Điều 2. Điều chỉnh nhiệm vụ …: 1. Tên nhiệm
 * vụ: … 2. Cơ quan chủ trì: … 5. Thời gian hoàn thành: …") before its annex table: read as key–value blocks, named by
 * their article when their number is a table row's too.
 */
function bodyFields(lines: string[], table: RawTask[]): RawTask[] {
  const first = lines.findIndex((_, i) => headerAt(lines, i) !== null);
  if (first <= 0) return [];
  const refs = new Set(table.map((t) => t.ref));
  return readKeyValue(lines.slice(0, first)).tasks.map((t) => {
    if (!refs.has(t.ref)) return t;
    const article = lines
      .slice(0, t.line)
      .map((l) => /^\s*Điều\s+(\d+)\./u.exec(l)?.[1])
      .filter(Boolean)
      .pop();
    return { ...t, ref: `${article ? `Điều ${article}` : 'body'}.${t.ref}` };
  });
}
