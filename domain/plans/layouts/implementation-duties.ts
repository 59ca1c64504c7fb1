import type { RawTask } from '../raw';
import { inlineDeadline } from './inline-deadline';
import { paragraphsOf } from './paragraphs';
import { assignedUnit, headingUnit, subjectUnit } from './unit-phrase';

// A plan whose tasks are a table (an annex, a task list) often ends its body with "III. TỔ CHỨC THỰC HIỆN":
// numbered paragraphs, most of them the standing follow-up (monitor, fund, report as needed), some of them dated
// duties of their own: "1. Trên cơ sở …, các Bộ, cơ quan ngang bộ … xây dựng và triển khai kế hoạch … trong quý II
// năm 2026." A numbered duty of that section that names its lead and a dated deadline is a task besides the
// table's rows; the undated ones repeat what the table assigns and are left to it.

/** "III. TỔ CHỨC THỰC HIỆN", "4. Tổ chức thực hiện": the section's heading. */
const SECTION =
  /^tổ chức thực hiện(?:\s+(?:kế hoạch|chương trình|đề án|nghị quyết|quyết định))?(?:\s*(?:,|và)\s*chế độ báo cáo)?\s*[.:]?$/iu;
/** "PHỤ LỤC", "DANH MỤC": the annex that follows the body. */
const ANNEX = /^\W*(PHỤ LỤC|DANH MỤC|BIỂU|BẢNG)(?![\p{Ll}])/u;
/** "theo nhiệm vụ được giao trong Quyết định này": a scope between the subject and its verb. */
const SCOPE =
  /\s+(?:theo|căn cứ)\s+(?:chức năng,\s*)?nhiệm vụ(?:\s+được giao)?(?:\s+(?:trong|tại)\s+(?:Quyết định|Kế hoạch|Nghị quyết|Chương trình)\s+này)?(?=[\s,])/giu;
/** A deadline on the calendar ("trong quý II năm 2026", "trước ngày 31 tháng 12"), not a period ("định kỳ 6 tháng"). */
const DATED = /\d{4}|ngày\s*\d|(?:quý|quí)\s*(?:[IV]{1,3}|[1-4])\b|tháng\s*\d{1,2}\s*(?:[/.-]|năm)/iu;
/** "định kỳ hằng năm", "hàng năm": the duty recurs every year. */
const YEARLY = /(?:hằng|hàng)\s+năm/iu;
/** A list of classes of units may be long; a longer "subject" is a sentence that names none. */
const MAX_WORDS = 30;

/**
 * The lead a duty names: its subject, a unit it assigns ("giao …", "đề nghị …"), or the subject after an opening
 * clause ("Trên cơ sở nội dung Chỉ thị …, Kế hoạch hành động, các Bộ … tổ chức …").
 */
export function dutyLead(text: string): string | null {
  const s = text.replace(SCOPE, '');
  const direct = subjectUnit(s, MAX_WORDS) ?? assignedUnit(s);
  if (direct) return direct;
  if (!/^(?:Trên cơ sở|Căn cứ|Để|Nhằm|Sau khi|Trong quá trình)\s/u.test(s)) return null;
  for (const m of s.slice(0, 300).matchAll(/,\s+/gu)) {
    const rest = s.slice((m.index ?? 0) + m[0].length);
    const unit = subjectUnit(rest.charAt(0).toUpperCase() + rest.slice(1), MAX_WORDS);
    if (unit) return unit;
  }
  return null;
}

/**
 * The duties of the "Tổ chức thực hiện" section that name a lead and a dated deadline: its numbered paragraphs, and
 * the dashes under a numbered heading that names their units ("2. Các bộ, ngành, địa phương có trách nhiệm:").
 */
export function implementationDuties(lines: string[]): RawTask[] {
  const paras = paragraphsOf(lines);
  const at = paras.findIndex((p) => p.level <= 1 && p.marker !== '-' && SECTION.test(p.rest));
  const head = paras[at];
  if (!head) return [];
  const tasks: RawTask[] = [];
  const section = head.text;
  /** "2. Các bộ, ngành, địa phương có trách nhiệm:": the lead of the dashes below it. */
  let item: { ref: string; lead: string | null; dashes: number } | null = null;
  for (const p of paras.slice(at + 1)) {
    if (ANNEX.test(p.text) || (p.level <= head.level && p.marker !== '-')) break;
    const numbered = p.level === head.level + 1 && p.marker !== '-';
    if (numbered) {
      const ref = [head.marker, p.marker].filter(Boolean).join('.');
      item = { ref, lead: /:$/.test(p.rest) ? (dutyLead(p.rest) ?? headingUnit(p.rest)) : null, dashes: 0 };
    } else if (p.marker === '-' && item) item.dashes++;
    const lead = numbered ? dutyLead(p.rest) : p.marker === '-' ? (item?.lead ?? subjectUnit(p.rest)) : null;
    const stated = inlineDeadline(p.rest);
    // "định kỳ hằng năm báo cáo … trước ngày 31 tháng 12": a yearly date, not one day of the plan's year
    const deadline =
      YEARLY.test(p.rest) && /ngày\s*\d{1,2}\s*(?:tháng\s*|\/)\d{1,2}$/u.test(stated) ? `${stated} hằng năm` : stated;
    if (!item || !lead || !DATED.test(deadline)) continue;
    tasks.push({
      ref: numbered ? item.ref : `${item.ref}.${item.dashes}`,
      section,
      title: p.rest.replace(/[:;]$/, '').trim(),
      products: [],
      lead,
      support: '',
      accountable: '',
      deadlineText: deadline,
      line: p.line,
      endLine: p.endLine,
    });
  }
  return tasks;
}
