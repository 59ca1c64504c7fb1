import { cleanCell, LayoutError, type RawPlan, type RawTask, type RawWarning } from '../raw';

// Seed 002: tasks are bullets under headings. In part II, "1. Thủ trưởng các sở, ban, ngành…" names the lead of its
// topic headings (1.1, 1.2…), while "2. Đối với các cơ quan…:" only introduces headings that each name their own lead
// ("2.1. Sở Nội vụ"). Part III (Tổ chức thực hiện) gives more assignments under numbered headings that name the lead.
// Deadlines and coordinating units ("phối hợp …") sit inline in the bullet.

const PART = /^(I|II|III|IV|V|VI|VII)\.\s+(.+)$/;
const LEVEL1 = /^(\d+)\.\s*(\S.*)$/;
const LEVEL2 = /^(\d+)\.(\d+)\.\s*(\S.*)$/;
const BULLET = /^[-–•+]\s*(\S.*)$/;
/** The closing formula and the distribution list: the body of the plan ends here. */
const END_OF_BODY = /^(?:Trên đây là|Nơi nhận\s*:)/u;
const REQUEST = /^Đề nghị/u;
const PERIOD = '(?:ngày|tuần|tháng|quý|năm)';

const DEADLINE_PATTERNS: RegExp[] = [
  // "Thời gian thực hiện: định kỳ hằng tháng (bắt đầu ngay sau khi …)": the parenthesis is part of the deadline.
  /Thời gian (?:hoàn thành|thực hiện)\s*:\s*([^.;()]+?\s*(?:\([^()]*\))?)\s*(?=[.;(]|$)/iu,
  /(chậm nhất(?: là)?(?: trước)? ngày \d{1,2} tháng \d{1,2} năm \d{4})/iu,
  /((?:hoàn thành )?trước ngày \d{1,2} tháng \d{1,2} năm \d{4})/iu,
  // "định kỳ hằng quý (riêng năm 2025 báo cáo hằng tháng)", "định kỳ hàng quý của đơn vị (riêng …)".
  new RegExp(`(định kỳ (?:hằng|hàng) ${PERIOD}(?:(?:\\s+[^\\s.;()]+){0,3}\\s*\\([^()]*\\))?)`, 'iu'),
  // "Hằng tháng, báo cáo …" opening a sentence.
  new RegExp(`(?:^|[.;]\\s+)((?:Hằng|Hàng) ${PERIOD}),`, 'u'),
  // "… tại cuộc họp thường kỳ … hằng tháng." closing a clause.
  new RegExp(`\\s((?:hằng|hàng) ${PERIOD})\\s*(?:[.;]|$)`, 'u'),
  /(đến hết năm \d{4})/iu,
];

/** The inline deadline phrase of a bullet, if any. */
export function inlineDeadline(text: string): string | null {
  for (const re of DEADLINE_PATTERNS) {
    const m = re.exec(text);
    if (m?.[1]) return m[1].replace(/\s+/g, ' ').trim();
  }
  return null;
}

const UNIT_START =
  /^(?:(?:các|những)\s+)?(?:Sở|Văn phòng|Công an|Trung tâm|Ủy ban|UBND|Ban|Đài|Bộ|Cục|Thanh tra|Viện|Báo|Kho bạc|Hội|Mặt trận|Đoàn|cơ quan|đơn vị|sở|ngành|địa phương)(?=\s|,|$)/u;
/** Words that end a list of coordinating units: the verb of the task, or a clause boundary. */
const LIST_END =
  'tham mưu|nghiên cứu|rà soát|tăng cường|nâng cao|thực hiện|tổ chức|triển khai|trình|để|nhằm|trong|theo dõi|kiểm tra|' +
  'hướng dẫn|xây dựng|cập nhật|kết nối|đề xuất|giải quyết|xử lý|báo cáo|tuyên truyền|đôn đốc|hoàn thiện|ban hành';
// "công tác phối hợp" and "không phối hợp" name coordination as a topic, not units to coordinate with.
const SUPPORT = new RegExp(
  `(?<!công tác |không )phối hợp(?:\\s+(?:với|cùng))?\\s+(.+?)(?=\\s+(?:${LIST_END})(?=[\\s,]|$)|\\s*[;.:()]|$)`,
  'giu',
);

/** The units a bullet says to coordinate with ("Chủ trì, phối hợp Công an Thành phố, … nghiên cứu"), "; "-joined. */
export function inlineSupport(text: string): string {
  const found: string[] = [];
  for (const m of text.matchAll(SUPPORT)) {
    const list = cleanCell(m[1] ?? '');
    if (UNIT_START.test(list) && list.length <= 200 && !found.includes(list)) found.push(list);
  }
  return found.join('; ');
}

const ORGANISATION = /^(?:Sở|Văn phòng|Trung tâm|Công an|Ban|Ủy ban|Đài|Thanh tra|Viện)\s/u;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A heading may shorten a unit's name that the same document writes in full elsewhere ("2.7. Trung tâm Chuyển đổi
 * số" and "Trung tâm Chuyển đổi số Thành phố"). Directories know the full name; the short one reads as two mentions.
 */
function fullNamesOf(lines: string[], headings: string[]): (text: string) => string {
  const doc = lines.join('\n');
  const pairs = headings
    .filter((h) => ORGANISATION.test(h) && !/Thành phố$/u.test(h) && !h.includes(','))
    .filter((h) => doc.includes(`${h} Thành phố`))
    .map((h) => ({
      short: new RegExp(`${escapeRegExp(h)}(?! Thành phố)(?=$|[\\s,;.])`, 'gu'),
      full: `${h} Thành phố`,
    }));
  return (text) => pairs.reduce((t, p) => t.replace(p.short, p.full), text);
}

export function looksLikeProse(lines: string[]): boolean {
  const level2 = lines.filter((l) => LEVEL2.test(l.trim())).length;
  const bullets = lines.filter((l) => BULLET.test(l.trim())).length;
  return lines.some((l) => /^II\.\s+NHIỆM VỤ/u.test(l.trim())) && level2 >= 3 && bullets >= 5;
}

interface Heading {
  no: string;
  text: string;
  /** The heading names the units that lead what is under it (not "Đối với …:", not "Đề nghị …"). */
  namesLead: boolean;
}

export function readProse(lines: string[]): RawPlan {
  const warnings: RawWarning[] = [];
  const start = lines.findIndex((l) => /^II\.\s+NHIỆM VỤ/u.test(l.trim()));
  if (start < 0) throw new LayoutError('a part "II. NHIỆM VỤ…" with headings and bullets', null);
  const headingTexts = lines
    .slice(start)
    .map((l) => LEVEL2.exec(l.trim())?.[3] ?? LEVEL1.exec(l.trim())?.[2])
    .flatMap((h) => (h ? [cleanCell(h)] : []));
  const fullNames = fullNamesOf(lines, headingTexts);
  const tasks: RawTask[] = [];
  let part = 'II';
  let level1: Heading | null = null;
  let level2: { ref: string; text: string } | null = null;
  let introSupport = '';
  let index = 0;
  const skip = (line: number, message: string) => warnings.push({ ref: null, line, message });

  const add = (text: string, line: number) => {
    const leadHeading = level1?.namesLead ? level1.text : level2?.text;
    if (!level1 || !leadHeading) {
      if (level1 && REQUEST.test(level1.text))
        skip(line, `under a request ("Đề nghị", L${level1.no}) to bodies outside the issuer: not imported as a task`);
      else skip(line, 'text under no heading that names a lead unit: not imported');
      return;
    }
    index++;
    const prefix = part === 'II' ? '' : `${part}.`;
    const base = level2 ? level2.ref : level1.no;
    const ref = `${prefix}${base}.${index}`;
    const deadline = inlineDeadline(text);
    const support = [introSupport, inlineSupport(text)].filter(Boolean).join('; ');
    tasks.push({
      ref,
      section: level2 ? `${prefix}${level2.ref}. ${level2.text}` : `${prefix}${level1.no}. ${level1.text}`,
      title: cleanCell(text),
      products: [],
      lead: fullNames(leadHeading),
      support: fullNames(support),
      accountable: '',
      deadlineText: deadline ?? '',
      defaultDeadline: deadline === null,
      line,
      endLine: line,
    });
    if (/^Phối hợp/u.test(cleanCell(text)))
      warnings.push({
        ref,
        line,
        message: 'opens with "Phối hợp": the heading\'s unit is read as lead and the named units as support',
      });
  };

  for (let i = start + 1; i < lines.length; i++) {
    const l = (lines[i] ?? '').trim();
    if (!l) continue;
    if (END_OF_BODY.test(l)) break;
    const p = PART.exec(l);
    if (p) {
      part = p[1] ?? part;
      level1 = null;
      level2 = null;
      introSupport = '';
      continue;
    }
    const h2 = LEVEL2.exec(l);
    const h1 = h2 ? null : LEVEL1.exec(l);
    if (h2) {
      level2 = { ref: `${h2[1]}.${h2[2]}`, text: cleanCell(h2[3] ?? '') };
      index = 0;
      introSupport = '';
    } else if (h1) {
      const text = cleanCell(h1[2] ?? '');
      level1 = { no: h1[1] ?? '', text, namesLead: !REQUEST.test(text) && !/:$/.test(text) };
      level2 = null;
      index = 0;
      introSupport = '';
      if (REQUEST.test(text))
        warnings.push({
          ref: `${part === 'II' ? '' : `${part}.`}${h1[1] ?? ''}`,
          line: i + 1,
          message: 'a request ("Đề nghị") to bodies outside the issuer: not imported as a task',
        });
    } else {
      const b = BULLET.exec(l);
      const text = b ? (b[1] ?? '') : l;
      if (!b && /:\s*$/.test(text)) {
        // An introduction to the bullets below ("Chủ trì, phối hợp cơ quan có liên quan tham mưu UBND Thành phố:");
        // its coordinating units apply to each of them.
        introSupport = inlineSupport(text);
        continue;
      }
      add(text, i + 1);
    }
  }
  return { layout: 'prose', tasks, warnings };
}
