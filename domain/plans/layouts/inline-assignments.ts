import type { RawPlan, RawTask, RawWarning } from '../raw';
import { inlineDeadline } from './inline-deadline';
import { paragraphsOf, type Paragraph } from './paragraphs';
import {
  assignedUnit,
  headingUnit,
  requestedUnits,
  splitLeadSupport,
  subjectUnit,
  timeLedSubject,
  trailingUnit,
} from './unit-phrase';

// Prose that assigns inline, as notices of conclusions, resolutions and instructions do:
// - a sentence whose subject is a unit: "Bộ Tài chính chủ trì, phối hợp … trình … trước ngày 20/10/2024";
// - a sentence that assigns one: "Giao Công an tỉnh chủ trì …", "đề nghị Sở X …";
// - a heading that names a unit ("3. Sở Tư pháp", "Giao Sở Nội vụ:", "2. Bộ Y tế chủ trì, phối hợp …:"), or a class
//   of units and then its members ("Giao các sở … gồm: - Sở Công Thương (đối với …); - Sở Xây dựng (…). Có trách
//   nhiệm:"), over the duties listed below it (a), b), -, or plain paragraphs), until a heading of the same or a
//   higher level.
// The deadline is the one the sentence states (inline-deadline.ts); a duty without one keeps an empty deadline.

interface Context {
  lead: string;
  support: string;
  level: number;
  /**
   * "Giao các sở … gồm: - Sở Công Thương (đối với …); - Sở Xây dựng (…). Có trách nhiệm:": a heading that assigns to a
   * class of units and then lists its members. The listed units (without their bracketed scope) lead the duties.
   */
  members?: string[];
  /** Whether the member list is still being read (it ends at the first paragraph that is not a member). */
  listing?: boolean;
}

/** A heading that names a class and opens the list of its members ("… gồm:", "… bao gồm các đơn vị sau:"). */
const MEMBER_LIST =
  /\b(?:bao\s+)?gồm(?:\s+các\s+(?:cơ quan|đơn vị|sở|ngành)(?:,?\s+(?:đơn vị|địa phương))?(?:\s+sau)?)?\s*:$/iu;

/** A context opened by `p`, reading the members that follow when `p` opens a member list. */
function opened(p: Paragraph, context: Context): Context {
  return MEMBER_LIST.test(p.rest) ? { ...context, members: [], listing: true } : context;
}

/** "Ban Quản lý Khu kinh tế, Ban Quản lý các khu công nghiệp": two units; "Sở Văn hóa, Thể thao và Du lịch": one. */
function membersOf(item: string): string[] {
  const out: string[] = [];
  for (const part of item.split(/,\s+/u)) {
    if (out.length > 0 && !headingUnit(part)) out[out.length - 1] += `, ${part}`;
    else out.push(part);
  }
  return out;
}

/** The lead of a duty under `context`: its listed members, else the unit its heading names. */
const leadOf = (context: Context) =>
  context.members && context.members.length > 0 ? context.members.join('; ') : context.lead;

const SHORT = (s: string, n: number) => s.split(/\s+/).length <= n;

/**
 * The unit, or the list of units, a "Units: duty" paragraph opens with: "Văn phòng UBND tỉnh", or "Đài Truyền hình
 * Việt Nam, Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam" where each listed name is a unit of its own.
 */
function unitsNamed(text: string): string | null {
  if (SHORT(text, 14)) return headingUnit(text);
  const members = membersOf(text.trim());
  return members.length > 1 && SHORT(text, 40) && members.every((m) => headingUnit(m) === m.trim())
    ? text.trim()
    : null;
}

/** Whether any paragraph assigns a task to a unit. */
export function looksLikeInlineAssignments(lines: string[]): boolean {
  return readInlineAssignments(lines).tasks.length > 0;
}

/** Detection reads the whole document; the read that follows on the same lines reuses it. */
const lastRead = new WeakMap<string[], RawPlan>();

function supportOf(sentence: string): string {
  const m =
    /phối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+(.{3,160}?)(?:\s+(?:để|tổ chức|thực hiện|xây dựng|nghiên cứu|rà soát|tham mưu|hoàn thiện|triển khai|khẩn trương)\b|[:;.]|$)/u.exec(
      sentence,
    );
  return m?.[1]?.trim() ?? '';
}

/** Reads the tasks that prose assigns inline. */
/**
 * Scanned text misreads list markers: "1." as "I." before a "2.", and "g)" as "8)" after "e)". A marker is read
 * back by its neighbours.
 */
function ocrMarkers(paras: Paragraph[]): Paragraph[] {
  const listed = paras.filter((p) => p.level < 9 && p.marker !== '-');
  return paras.map((p) => {
    const k = listed.indexOf(p);
    const next = listed[k + 1];
    const prev = listed[k - 1];
    if (p.marker === 'I' && p.level === 0 && next?.marker === '2' && next.level === 1)
      return { ...p, marker: '1', level: 1 };
    const numbered = listed.slice(0, k).filter((q) => q.level === 1);
    const n = Number(p.marker);
    const inSequence =
      numbered[numbered.length - 1]?.marker === String(n - 1) || (next?.level === 1 && next.marker === String(n + 1));
    if (p.level === 1 && /^\d\)/.test(p.text) && prev?.level === 4 && !inSequence)
      return { ...p, marker: nextLetter(prev.marker), level: 4 };
    return p;
  });
}

const LETTERS = 'abcdđeghiklmnopqrstuvxy';
const nextLetter = (m: string) => LETTERS[LETTERS.indexOf(m) + 1] ?? m;

/** A note, a footnote or a sub-point "(i)", "(ii)" of the item above: part of that item, not a duty of its own. */
const NOT_A_DUTY = /^(?:\W{0,3}\s*Lưu ý\s*:|[!¹²³]\s|\((?:[ivx]{0,4})\)\s)/u;

/**
 * "Tại Phiên họp, các Bộ đã có báo cáo Chính phủ như sau:": a lead-in that recounts what was done. The numbered items
 * under it ("1. Bộ Tài chính báo cáo về …") are accounts of reports already made, not duties.
 */
const ACCOUNTS = /(?:^|\s)đã\s+(?:có\s+)?(?:báo cáo|trình bày|phát biểu|thảo luận)(?!\p{L})[^:]*:$/u;

/** A title set in capitals ("NHIỆM VỤ CỤ THỂ GIAO CÁC BỘ, CƠ QUAN, ĐỊA PHƯƠNG"): an annex heading, never a duty. */
const isCapitalTitle = (text: string) =>
  (text.match(/\p{Lu}/gu)?.length ?? 0) >= 12 && !/\p{Ll}/u.test(text.replace(/\([^)]*\)/g, ''));

/**
 * "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục tiêu chung": a section stating what the plan aims at. What it says the units
 * should do ("Các cơ quan … khẩn trương triển khai thực hiện Kế hoạch") is a requirement, not an assigned duty.
 */
const AIMS =
  /^(?:mục đích|mục tiêu|yêu cầu|quan điểm)(?:\s*(?:,|và)\s*(?:mục đích|mục tiêu|yêu cầu|quan điểm))*(?:\s+(?:chung|tổng quát|tổng thể|cụ thể))?\s*[.:]?$/iu;

/** "Khuyến khích các doanh nghiệp … tham gia …": the plan encourages, it assigns nothing. */
const ENCOURAGES = /^Khuyến khích\s/u;

export function readInlineAssignments(lines: string[]): RawPlan {
  const done = lastRead.get(lines);
  if (done) return { ...done, tasks: done.tasks.map((t) => ({ ...t })), warnings: [...done.warnings] };
  const read = readInlineAssignmentsOnce(lines);
  lastRead.set(lines, read);
  return { ...read, tasks: read.tasks.map((t) => ({ ...t })), warnings: [...read.warnings] };
}

function readInlineAssignmentsOnce(lines: string[]): RawPlan {
  const paras = ocrMarkers(paragraphsOf(lines));
  const tasks: RawTask[] = [];
  const warnings: RawWarning[] = [];
  const path = new Map<number, string>();
  let section = '';
  let context: Context | null = null;
  // the level of the latest numbered item: a lead named in a plain paragraph under it lasts until its next sibling
  let itemLevel = 0;
  let unmarked = 0;
  let addressees = false;
  /** The task whose text ends by opening a list ("cụ thể như sau:"): split into the duties it lists. */
  let listOpener: RawTask | null = null;
  /** The latest duty read from a marked item ("e) …") and the context it was read under. */
  let lastItem: { task: RawTask; context: Context } | null = null;
  /** The level under which the items recount reports already made (ACCOUNTS), or null. */
  let accountsLevel: number | null = null;
  /** Whether the latest heading ended on a semicolon: the units it names go on in the next paragraph. */
  let headingGoesOn = false;
  /** Whether that task is itself a "+" item (its list is not the "+" items that follow). */
  let openerIsPlus = false;
  const refOf = (p: Paragraph) => {
    const parts = [...path.entries()]
      .filter(([l]) => l < p.level)
      .sort((a, b) => a[0] - b[0])
      .map(([, m]) => m);
    const own = p.marker && p.marker !== '-' ? p.marker : String(++unmarked);
    return [...parts, own].join('.');
  };
  const push = (p: Paragraph, lead: string, support: string) => {
    tasks.push({
      ref: refOf(p),
      section,
      title: p.rest.replace(/[:;]$/, '').trim(),
      products: [],
      lead,
      support,
      accountable: '',
      deadlineText: inlineDeadline(p.rest),
      line: p.line,
      endLine: p.endLine,
    });
  };
  /** The level of the aims section being read ("I. MỤC ĐÍCH, YÊU CẦU"), or null. */
  let aims: number | null = null;
  for (const [k, p] of paras.entries()) {
    if (p.level <= 1 && p.marker !== '-') {
      if (aims !== null && p.level <= aims) aims = null;
      if (aims === null && AIMS.test(p.rest)) aims = p.level;
    }
    if (aims !== null) continue;
    // "Trân trọng thông báo …", "… để biết, thực hiện./.": the closing formula, not a duty.
    if (
      /^(Trân trọng|Mong nhận được|Trên đây là)\s/u.test(p.rest) ||
      /trân trọng (cảm ơn|đề nghị)|(để|các cơ quan[^.]*) biết,? (và )?thực hiện\s*\.?\/?\.?$/u.test(p.rest)
    ) {
      context = null;
      continue;
    }
    // The addressees ("Kính gửi: - Các sở, ban, ngành; - UBND các xã") are not duties.
    if (/^Kính gửi/u.test(p.rest)) {
      addressees = true;
      continue;
    }
    // the last addressee may close the list with a full stop ("- Ủy ban nhân dân các xã, phường.")
    if (addressees && (p.marker === '-' || p.level === 9) && SHORT(p.rest, 20) && !/:$/.test(p.rest)) continue;
    addressees = false;
    if (p.level === 9 && isCapitalTitle(p.rest)) {
      // an annex opens: its numbering starts afresh; "NHIỆM VỤ CỦA CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG" names who does its items
      path.clear();
      accountsLevel = null;
      section = p.rest;
      const owners = /^NHIỆM VỤ CỦA\s/u.test(p.rest) ? headingUnit(p.rest.toLowerCase()) : null;
      // a title set on several lines goes on ("TRONG TRIỂN KHAI ĐỀ ÁN …"): the units it named stay
      if (owners) context = { lead: owners, support: '', level: -1 };
      else if (!(context?.level === -1 && paras[k - 1] && isCapitalTitle(paras[k - 1]!.rest))) context = null;
      continue;
    }
    if (accountsLevel !== null && p.level <= accountsLevel) accountsLevel = null;
    if (accountsLevel !== null && p.level < 9 && p.marker !== '-') {
      context = null;
      continue;
    }
    if (p.level === 9 && ACCOUNTS.test(p.rest)) {
      accountsLevel = itemLevel + 0.5;
      context = null;
      continue;
    }
    // The preamble quotes the documents being carried out; it assigns only when it ends by opening a list.
    if (
      /^(Căn cứ|Thực hiện (Nghị|Quyết|Công văn|Kế hoạch|Chỉ thị|Thông báo|Chương trình|Luật))/u.test(p.rest) &&
      !/:$/.test(p.rest) &&
      !(context && p.level < 9 && p.level > context.level) // "e) Căn cứ quy định …, quy định …": an item's duty
    )
      continue;
    const bare = p.rest
      .replace(/\s*\([^)]*\)/g, '')
      .replace(/[;,.]$/, '')
      .trim();
    // "- Sở Xây dựng (đối với …);": a member of the class the heading lists, or a unit the item names for a scope
    if (context?.listing && p.marker === '-' && SHORT(bare, 20) && membersOf(bare).every((m) => headingUnit(m))) {
      context.members?.push(...membersOf(bare));
      continue;
    }
    if (context && p.marker === '-' && SHORT(bare, 14) && headingUnit(bare)) continue;
    if (context) context.listing = false;
    if (context && (NOT_A_DUTY.test(p.text) || NOT_A_DUTY.test(p.rest))) continue;
    if (ENCOURAGES.test(p.rest)) continue;
    // "- Tài sản kết cấu hạ tầng đô thị - Bộ Xây dựng.": the item above listed these duties, each with its unit.
    const listedDuty = context && p.marker === '-' ? trailingUnit(p.rest) : null;
    if (listedDuty) {
      const parent = tasks[tasks.length - 1];
      if (parent && parent === listOpener) tasks.pop();
      listOpener = null;
      push({ ...p, rest: listedDuty.duty }, listedDuty.unit, '');
      continue;
    }
    if (context && /:$/.test(p.rest) && SHORT(p.rest, 6)) continue; // "Có trách nhiệm:"
    if (p.level < 9 && p.marker !== '-') unmarked = 0;
    if (p.level < 9 && p.marker !== '-') itemLevel = p.level;
    if (p.level < 9 && p.marker !== '-') {
      for (const l of [...path.keys()]) if (l >= p.level) path.delete(l);
    }
    if (context && p.level <= context.level) context = null;
    // a numbered heading may carry a long reference in brackets ("3. Đối với các Bộ … (theo quy định tại …)")
    // "2. Trách nhiệm của các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ;" / "Ủy ban nhân dân các tỉnh …": the
    // heading goes on with more units on the next line
    if (context && headingGoesOn && p.level === 9 && SHORT(bare, 14) && !/[.:]$/.test(p.rest)) {
      const more = headingUnit(p.rest);
      headingGoesOn = false;
      if (more) {
        context.lead = `${context.lead.replace(/;$/, '')}; ${more.replace(/;$/, '')}`;
        continue;
      }
    }
    headingGoesOn = false;
    const owners = /^Trách nhiệm\s/iu.test(p.rest) && SHORT(bare, 30);
    const heading =
      SHORT(p.marker === '-' ? p.rest : bare, 14) || /:$/.test(p.rest) || owners ? headingUnit(p.rest) : null;
    if (heading && (p.level < 9 || /:$/.test(p.rest))) {
      const s = splitLeadSupport(p.rest.replace(/^(giao|đề nghị|yêu cầu)\s+/iu, '').replace(/:$/, ''));
      headingGoesOn = /;$/.test(p.rest);
      context = opened(p, {
        lead: heading.replace(/;$/, ''),
        support: s.lead === heading ? s.support : supportOf(p.rest),
        level: p.level < 9 ? p.level : itemLevel + 0.5,
      });
      if (p.level < 9 && p.marker !== '-') path.set(p.level, p.marker);
      continue;
    }
    // "2. Văn phòng UBND tỉnh: Phối hợp với …": the unit, a colon, then its duty.
    const named = /^([^:]{3,100}):\s+(\S.*)$/u.exec(p.rest);
    const namedUnit = named?.[1] ? unitsNamed(named[1]) : null;
    if (named?.[2] && namedUnit && !/^(giao|đề nghị|yêu cầu)\s/iu.test(named[1] ?? '')) {
      push({ ...p, rest: named[2] }, namedUnit, supportOf(named[2]));
      if (p.level < 9 && p.marker !== '-') path.set(p.level, p.marker);
      // an item of a heading's list that names its own units ("8. Đối với các đơn vị chưa …: …") leaves the list open
      if (!(context && p.level > context.level && p.level < 9)) context = null;
      continue;
    }
    // "- Báo cáo 6 tháng: Các cơ quan, đơn vị gửi Sở Tài chính trước ngày 05/7": a label, then a sentence whose
    // subject leads (the label names a report or a topic, not a unit).
    const labelled = named?.[1] && named[2] && SHORT(named[1], 6) && !namedUnit ? subjectUnit(named[2]) : null;
    if (labelled && named?.[2]) {
      push(p, labelled, supportOf(named[2]));
      continue;
    }
    // "4. Các cơ quan, tổ chức, đơn vị … được giao quản lý tài sản" over a), b): a heading naming who does them.
    const next = paras[k + 1];
    if (
      p.level >= 1 &&
      p.level <= 3 &&
      !/[.;:!?]$/.test(p.rest) &&
      (SHORT(p.rest, 14) || (SHORT(p.rest, 30) && next !== undefined && next.level > p.level && next.level < 9)) &&
      subjectUnit(p.rest)
    ) {
      context = { lead: p.rest, support: '', level: p.level };
      path.set(p.level, p.marker);
      continue;
    }
    // Under a unit's heading, "Giao phòng X …" in a later sentence hands part of the unit's duty on: still its duty.
    const under = context !== null && p.level > context.level;
    const assigned = assignedUnit(under ? (/^.*?[.!?](?=\s|$)/u.exec(p.rest)?.[0] ?? p.rest) : p.rest);
    const unit = subjectUnit(p.rest) ?? assigned ?? timeLedSubject(p.rest);
    if (unit && /:$/.test(p.rest)) {
      // "2. Bộ Y tế chủ trì, phối hợp với …:" heads the a), b) below it; a long one is a task of its own too
      // ("Bộ X … trình … trước ngày 20/10/2024. Trong đó chú ý một số nội dung sau:").
      const preamble = /^(Căn cứ|Thực hiện|Để|Nhằm)\s/u.test(p.rest);
      if (!preamble && !SHORT(p.rest, 30) && /[.;]\s/.test(p.rest) && inlineDeadline(p.rest))
        push(p, unit, supportOf(p.rest));
      context = opened(p, { lead: unit, support: supportOf(p.rest), level: p.level < 9 ? p.level : itemLevel + 0.5 });
      if (p.level < 9 && p.marker !== '-') path.set(p.level, p.marker);
      continue;
    }
    if (/^Về\s/u.test(p.rest) && /:$/.test(p.rest) && SHORT(p.rest, 30)) {
      // "- Về nội dung …:", "22. Về các Chương trình mục tiêu quốc gia:": a sub-heading over the items that follow
      if (p.level < 9 && p.marker !== '-') path.set(p.level, p.marker);
      continue;
    }
    if (unit) {
      push(p, unit, supportOf(p.rest));
      if (p.level < 9 && p.marker !== '-') path.set(p.level, p.marker);
      continue;
    }
    if (context && p.level <= 3 && (/^Về\s/u.test(p.rest) || (SHORT(p.rest, 12) && !/[.;:]$/.test(p.rest)))) {
      // "1. Về giảm nhẹ phát thải" under "… đề nghị UBND các tỉnh …:": a topic heading, the duties follow.
      section = p.rest;
      path.set(p.level, p.marker);
      continue;
    }
    // Công báo text wraps every line: a sentence that opens a line after a marked item's full stop ("e) … bất ngờ." /
    // "Chuẩn bị kịch bản …") goes on with that item, as its marked siblings show.
    const last = lastItem as { task: RawTask; context: Context } | null; // set further down the loop
    if (context && p.level === 9 && last?.context === context && last.task === tasks[tasks.length - 1]) {
      last.task.endLine = p.endLine;
      last.task.deadlineText ||= inlineDeadline(p.rest);
      continue;
    }
    if (context && p.level > context.level) {
      // "- Là đơn vị chủ trì …, cụ thể:" over "+ …" items: the items are its duties, it is their heading.
      const plus = /^\+/.test(p.text);
      if (plus && listOpener && !openerIsPlus && tasks[tasks.length - 1] === listOpener) tasks.pop();
      if (plus) listOpener = null;
      push(p, leadOf(context), context.support);
      lastItem = p.level < 9 && p.marker !== '-' ? { task: tasks[tasks.length - 1]!, context } : null;
      if (/:$/.test(p.rest)) {
        listOpener = tasks[tasks.length - 1] ?? null;
        openerIsPlus = plus;
      }
      continue;
    }
    // "… Bộ Tài chính đề nghị các Bộ … và UBND các tỉnh … tập trung …; trong đó lưu ý các nhiệm vụ … sau:"
    const requested = requestedUnits(p.rest);
    if (requested) {
      context = { lead: requested, support: '', level: p.level < 9 ? p.level : itemLevel + 0.5 };
      continue;
    }
    if (p.level <= 3 && SHORT(p.rest, 25) && !/[.;]$/.test(p.rest)) {
      section = p.rest;
      path.set(p.level, p.marker);
      continue;
    }
    if (p.level >= 3 && p.level < 9 && inlineDeadline(p.rest) && !/^(Căn cứ|Thực hiện|Theo)(?=\s)/u.test(p.rest)) {
      warnings.push({
        ref: null,
        line: p.line,
        message: `reads like a task with a deadline ("${inlineDeadline(p.rest)}") but names no lead unit; skipped`,
      });
    }
  }
  return { layout: 'inline-assignments', tasks, warnings };
}
