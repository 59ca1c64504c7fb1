import { cleanCell, LayoutError, type RawPlan, type RawTask, type RawWarning } from '../raw';

// Seed 002: tasks are bullets under headings; "1. Thủ trưởng các sở, ban, ngành…" names the lead of its
// topic headings (1.1, 1.2…), and under "2." each heading names its own lead ("2.1. Sở Nội vụ").
// Deadlines sit inline in the bullet.

const PART = /^(I|II|III|IV|V)\.\s+(.+)$/;
const LEVEL1 = /^(\d+)\.\s*(\S.*)$/;
const LEVEL2 = /^(\d+)\.(\d+)\.\s*(\S.*)$/;
const BULLET = /^[-–•+]\s*(\S.*)$/;

const DEADLINE_PATTERNS: RegExp[] = [
  /Thời gian (?:hoàn thành|thực hiện)\s*:\s*([^.;()]+?)\s*(?:\(|[.;]|$)/iu,
  /(chậm nhất(?: là)?(?: trước)? ngày \d{1,2} tháng \d{1,2} năm \d{4})/iu,
  /((?:hoàn thành )?trước ngày \d{1,2} tháng \d{1,2} năm \d{4})/iu,
];

/** The inline deadline phrase of a bullet, if any. */
export function inlineDeadline(text: string): string | null {
  for (const re of DEADLINE_PATTERNS) {
    const m = re.exec(text);
    if (m?.[1]) return m[1].replace(/\s+/g, ' ').trim();
  }
  return null;
}

export function looksLikeProse(lines: string[]): boolean {
  const level2 = lines.filter((l) => LEVEL2.test(l.trim())).length;
  const bullets = lines.filter((l) => BULLET.test(l.trim())).length;
  return lines.some((l) => /^II\.\s+NHIỆM VỤ/u.test(l.trim())) && level2 >= 3 && bullets >= 5;
}

export function readProse(lines: string[]): RawPlan {
  const warnings: RawWarning[] = [];
  const start = lines.findIndex((l) => /^II\.\s+NHIỆM VỤ/u.test(l.trim()));
  if (start < 0) throw new LayoutError('a part "II. NHIỆM VỤ…" with headings and bullets', null);
  const tasks: RawTask[] = [];
  let level1: { no: string; text: string } | null = null;
  let level2: { ref: string; text: string } | null = null;
  let index = 0;
  const add = (text: string, line: number) => {
    if (!level1 || !level2) return;
    index++;
    const ref = `${level2.ref}.${index}`;
    const deadline = inlineDeadline(text);
    const leadFromHeading = level1.no === '1' ? level1.text : level2.text;
    tasks.push({
      ref,
      section: `${level2.ref}. ${level2.text}`,
      title: cleanCell(text),
      products: [],
      lead: leadFromHeading,
      support: '',
      accountable: '',
      deadlineText: deadline ?? '',
      defaultDeadline: deadline === null,
      line,
      endLine: line,
    });
  };
  for (let i = start + 1; i < lines.length; i++) {
    const l = (lines[i] ?? '').trim();
    if (!l) continue;
    if (PART.test(l)) break;
    const h2 = LEVEL2.exec(l);
    const h1 = h2 ? null : LEVEL1.exec(l);
    if (h2) {
      level2 = { ref: `${h2[1]}.${h2[2]}`, text: cleanCell(h2[3] ?? '') };
      index = 0;
    } else if (h1) {
      level1 = { no: h1[1] ?? '', text: cleanCell(h1[2] ?? '') };
      level2 = null;
      if (/^Đề nghị/u.test(level1.text))
        warnings.push({
          ref: h1[1] ?? null,
          line: i + 1,
          message: 'a request ("Đề nghị") to bodies outside the issuer: not imported as a task',
        });
    } else {
      const b = BULLET.exec(l);
      const text = b ? (b[1] ?? '') : l;
      if (!b && /:\s*$/.test(text)) continue; // an introduction to the bullets below
      if (!level2) {
        if (level1 && !/^Đề nghị/u.test(level1.text) && !/^Trên cơ sở/u.test(text))
          warnings.push({ ref: null, line: i + 1, message: 'text outside any heading: ignored' });
        continue;
      }
      add(text, i + 1);
    }
  }
  return { layout: 'prose', tasks, warnings };
}
