import { cleanCell, splitProducts, type RawPlan, type RawTask, type RawWarning } from '../raw';
import { columnScores, foldText, type ColumnRole } from './columns';
import { CLOSING, isFurniture } from './furniture';
import { rowCells } from './row-table';
import { readReportedStatus, type ReportedStatus } from './status';

// Tables that lost their grid: PDF text or a Công báo page where every cell, and often every few words of a
// cell, is a line of its own, and the header ("STT / Tên nhiệm vụ / Cơ quan / chủ trì / …") repeats on each page.
// The header gives the column order; a row starts at its number ("1.", "a)") and its fragments are put back
// into cells: a cell starts where a line opens a new sentence or a unit's name after a finished one, and each
// cell goes to the next column it fits (a unit list to lead/support, a time phrase to the deadline).

type Role = Exclude<ColumnRole, 'other'>;

const UNIT_START =
  /^(Bộ|Sở|Ủy ban|Uỷ ban|UBND|Ban|Văn phòng|Thanh tra|Công an|Cục|Tổng cục|Trung tâm|Viện|Ngân hàng|Kho bạc|Bảo hiểm|Đài|Hội|Liên đoàn|Mặt trận|Vụ|Chi cục|Phòng|Các|Cơ quan|Hội đồng|Tòa án|Viện kiểm sát|Kiểm toán|Thông tấn|Tập đoàn|Tổng công ty|Đơn vị|Địa phương|Người đứng đầu|Thủ trưởng|Cơ sở (?:khám|giáo dục|y tế|đào tạo))(\s|,|$)/u;
const TIME =
  /^(quý|quí|năm|tháng|hằng|hàng|thường xuyên|liên tục|định kỳ|trước|trong|từ|đến|giai đoạn|\d{4}|\d{1,2}\/\d{4}|sau khi|khi có)(?=[\s,.;/]|$)/iu;
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
    if (j > i && (ROW_START.test(t) || SECTION.test(t) || t.length > 40)) break;
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

/** `products`: the table has a result column after its unit columns, so a result's name may open a cell. */
function cellsOf(fragments: string[], products = false): string[] {
  const cells: string[] = [];
  fragments.forEach((f, i) => {
    const prev = cells[cells.length - 1];
    // "… các bệnh lý nhẹ," (a filled line of the task's text) then "Bộ Y tế, Sở Y tế" (a narrow unit column): the
    // task's text went on after the page break, the unit is the lead's cell
    const narrowUnit =
      cells.length === 1 && UNIT_START.test(f) && f.length <= 24 && (fragments[i - 1]?.length ?? 0) >= 35;
    const prevEnded = prev === undefined || /[.;:]$/.test(prev);
    // "Ủy ban nhân dân cấp tỉnh trình" / "Hội đồng nhân dân cùng cấp": the lead's cell goes on after "trình"
    const prevOpen = prev !== undefined && /(,|-|(^|\s)(và|của|các|với|ở|tại|cho|trình))$/u.test(prev);
    const startsCell =
      prev === undefined ||
      (prevEnded && /^\p{Lu}/u.test(f)) ||
      (!prevOpen && UNIT_START.test(f) && prev.split(/\s+/).length >= 3) ||
      (!prevOpen && TIME.test(f) && /^\p{Lu}/u.test(f)) ||
      (!prevOpen && STATUS_START.test(f)) ||
      (products && !prevOpen && PRODUCT_START.test(f) && UNIT_START.test(prev) && prev.split(/\s+/).length >= 3);
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
  });
  return cells.map((c) => cleanCell(c));
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
  const flush = () => {
    if (!row || !roles) return;
    const order0 = roles.filter((r) => r !== 'ref');
    const products = order0.indexOf('products') > Math.max(order0.indexOf('lead'), order0.indexOf('support'));
    const cells = cellsOf(row.fragments, products);
    const order = roles.filter((r) => r !== 'ref');
    const out: Partial<Record<Role, string>> = {};
    let status: ReportedStatus | null = null;
    let k = 0;
    for (const c of cells) {
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
      if (TIME.test(c) && c.split(/\s+/).length <= 12 && order.includes('deadline') && out.deadline === undefined) {
        out.deadline = c;
        continue;
      }
      while (k < order.length) {
        const role = order[k] as Role;
        k++;
        if ((role === 'lead' || role === 'support') && !UNIT_START.test(c) && !/^(UBND|Ủy ban)/u.test(c)) continue;
        if (role === 'deadline') continue;
        out[role] = c;
        break;
      }
    }
    const isLetter = /^[a-zđ]$/.test(row.ref);
    if (!out.lead && !out.deadline && !status && !isLetter) {
      // A group row ("1 | Tổ chức tuyên truyền …") over its a), b) rows.
      groupRef = row.ref;
      groupTitle = out.title ?? '';
      row = null;
      return;
    }
    if (!isLetter) groupRef = '';
    const ref = [sectionRef, isLetter ? groupRef : '', row.ref].filter(Boolean).join('.');
    tasks.push({
      ref,
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
    row = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const t = raw.trim();
    if (CLOSING.test(t)) {
      flush();
      roles = null;
      continue;
    }
    const header = headerAt(lines, i);
    if (header) {
      flush();
      roles = header.roles;
      i = header.end - 1;
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
      row.fragments.push(t);
      row.endLine = i + 1;
    }
  }
  flush();
  return { layout: 'fragmented-table', tasks: tasks.filter((x) => x.title), warnings };
}
