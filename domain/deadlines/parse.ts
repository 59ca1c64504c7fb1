import { findDateHits, type DateHit } from './dateHits';
import { cleanText, foldText, ocrRepairs } from './normalize';
import type { DatePoint, DeadlineSchedule, MilestoneSpec } from './schedule';
import type { Recurrence } from './types';

const MAX_LENGTH = 2000;

/** A piece of the phrase: one bullet, clause or sentence. `c` is clean text, `f` the same span folded. */
interface Segment {
  c: string;
  f: string;
  bullet: boolean;
}

interface Paren {
  c: string;
  f: string;
}

const HEADER = /^\s*(?:thoi gian|thoi han)(?:\s+du kien)?(?:\s+(?:hoan thanh|thuc hien))?\s*:?\s*/;
const DATE_START = /^(?:quy|thang|nam|ngay|dau|giua|cuoi|q\d|\d)/;
const ONGOING =
  /(?<![a-z])(?:thuong xuyen|lien tuc|lau dai|ongoing|on-going|continuous(?:ly)?|regularly|permanent(?:ly)?)(?![a-z])/;
const EXTERNAL =
  /^(?:[-–•]\s*)?(?:(?:thuc hien|trien khai|hoan thanh)\s+)?theo\s|(?<![a-z])(?:according to|as per|per the|as directed|as scheduled in|set by)(?![a-z])/;
const EVENT_START =
  /^(?:[-–•]\s*)?(?:ngay\s+)?(?:sau khi|ke tu khi|tu khi|khi|after|when|upon|once|as soon as|following)(?![a-z])/;
const EVENT_ANY = /(?<![a-z])(?:sau khi|khi co|ke tu khi)(?![a-z])/;
const DAYS =
  /(?<![a-z])(?:trong vong|trong thoi han|trong|toi da|within|in)\s*(\d{1,3})\s*(ngay lam viec|ngay|working days?|business days?|calendar days?|days?)(?![a-z])\s*(.*)$/;
const DAYS_AFTER =
  /(?<![a-z\d])(\d{1,3})\s*(ngay lam viec|ngay|working days?|business days?|calendar days?|days?)\s*((?:ke tu|tinh tu|sau khi|tu khi|after|from|following)(?![a-z]).*)$/;
const EN_TRIGGER_LEAD = /^(?:of|after|from|following)\s+/i;
const YEAR_END_SUMMARY = /tong ket nam|year-end (?:summary|report)|annual summary/;
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/** Reads a deadline phrase (Vietnamese with or without diacritics, or English) into a typed schedule. Never throws. */
export function parseDeadline(text: string): DeadlineSchedule {
  return safeParse(text, null);
}

/**
 * A per-year target cell of a multi-year plan (e.g. plan 001's 2018/2019/2020 columns): "X" or a bare target
 * such as "30% hồ sơ" means "done within that year"; a dated cell keeps its own date; an empty cell has no target.
 */
export function yearTargetDeadline(cellText: string, year: number): DeadlineSchedule {
  const clean = cleanText(cellText);
  if (clean === '' || /^[-–.]*$/.test(clean)) return unparsed(cellText, [`no target set for ${year}`]);
  if (/^x\.?$/i.test(clean)) {
    return {
      kind: 'fixed',
      text: cellText,
      milestones: [{ label: `Năm ${year}`, point: { unit: 'year', year, anchor: 'end' }, before: false }],
      notes: [`"X" in the ${year} column: done within ${year}`],
    };
  }
  const parsed = safeParse(cellText, year);
  if (parsed.kind !== 'unparsed') return parsed;
  return {
    kind: 'fixed',
    text: cellText,
    milestones: [{ label: clean, point: { unit: 'year', year, anchor: 'end' }, before: false }],
    notes: [`target for ${year} without its own date: due by the end of ${year}`],
  };
}

function safeParse(text: string, defaultYear: number | null): DeadlineSchedule {
  try {
    return parse(typeof text === 'string' ? text : String(text), defaultYear);
  } catch (err) {
    return unparsed(String(text), [`internal parser error: ${err instanceof Error ? err.message : String(err)}`]);
  }
}

function unparsed(text: string, notes: string[]): DeadlineSchedule {
  return { kind: 'unparsed', text, notes };
}

function parse(text: string, defaultYear: number | null): DeadlineSchedule {
  let c = cleanText(text);
  if (c === '') return unparsed(text, ['empty text: no deadline given']);
  if (c.length > MAX_LENGTH)
    return unparsed(text, [`text longer than ${MAX_LENGTH} characters: not a deadline phrase`]);
  let f = foldText(c);
  const header = HEADER.exec(f);
  if (header) [c, f] = [c.slice(header[0].length), f.slice(header[0].length)];
  const whole = /^\(([^()]*)\)\.?$/.exec(c);
  if (whole) {
    c = (whole[1] ?? '').trim();
    f = foldText(c);
  }
  const notes = ocrRepairs(c);
  const english = !/[^\u0020-\u007e]/.test(c) && /[a-z]/i.test(c) && !/\b(?:nam|thang|quy|ngay|hang|trong|truoc)\b/.test(f);

  const parens: Paren[] = [];
  [c, f] = blankParens(c, f, parens);
  f = f.replace(/[“"«][^”"»]{0,400}[”"»]/g, (q) => ' '.repeat(q.length));
  const segments = splitSegments(c, f);
  const all = segments.map((s) => s.f).join(' ');

  // 1. Dated pieces: a fixed schedule.
  const milestones: MilestoneSpec[] = [];
  const rest: Segment[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as Segment;
    // "Thực hiện theo Đề án … năm 2020": dates inside a reference name the document, not the deadline.
    const hits = EXTERNAL.test(seg.f) ? [] : findDateHits(seg.f, english).filter((h) => !h.isStart);
    const recurrence = detectRecurrence(seg.f);
    const first = hits.find((h) => h.point.year !== null || recurrence === null);
    if (!first) {
      rest.push(seg);
      continue;
    }
    let label = labelFor(seg, first);
    const next = segments[i + 1];
    if (label === null && next && !next.bullet && findDateHits(next.f, english).length === 0 && !isMarked(next.f)) {
      label = tidy(next.c);
      i++;
    }
    const point: DatePoint =
      first.point.year === null && defaultYear !== null ? { ...first.point, year: defaultYear } : first.point;
    milestones.push({ label: label ?? tidy(seg.c), point, before: first.before });
  }
  if (milestones.length > 0) {
    for (const seg of rest) notes.push(`no date in "${tidy(seg.c)}"`);
    for (const p of parens) notes.push(`(${p.c})`);
    return { kind: 'fixed', text, milestones, notes };
  }

  // 2. Repeating pieces.
  const recSegment = segments.find((s) => detectRecurrence(s.f) !== null);
  const recurrence = recSegment
    ? { ...(detectRecurrence(recSegment.f) as Recurrence), description: tidy(recSegment.c) }
    : null;
  const ongoing = ONGOING.test(all);
  const triggerParen = parens.find((p) => EVENT_ANY.test(p.f) || EVENT_START.test(p.f));
  const otherParens = parens.filter((p) => p !== triggerParen);
  if (recurrence && !ongoing) {
    const quarters = parens.map((p) => quarterList(p.f)).find((q) => q !== null) ?? null;
    for (const p of otherParens) if (quarterList(p.f) === null) notes.push(`(${p.c})`);
    for (const seg of segments) if (detectRecurrence(seg.f) === null) notes.push(`also: "${tidy(seg.c)}"`);
    return {
      kind: 'recurring',
      text,
      recurrence,
      quarters,
      yearEndSummary: YEAR_END_SUMMARY.test(all),
      trigger: triggerParen ? eventText(triggerParen) : null,
      notes,
    };
  }

  // 3. An event, with or without a number of days.
  for (const seg of segments) {
    const rel = detectRelative(seg, english);
    if (rel) {
      for (const p of parens) notes.push(`(${p.c})`);
      if (rel.trigger === null)
        notes.push('no triggering event named: the count starts from the event the task is about');
      return { kind: 'relative', text, ...rel, notes };
    }
  }

  // 4. Continuous work, maybe from a start date.
  const startHit = segments.flatMap((s) => findDateHits(s.f, english)).find((h) => h.isStart);
  if (ongoing || startHit) {
    for (const p of parens) notes.push(`(${p.c})`);
    const start = startHit ? startHit.point : null;
    return { kind: 'ongoing', text, start, recurrence, notes };
  }

  // 5. Set by another document.
  const ext = segments.find((s) => EXTERNAL.test(s.f));
  if (ext) {
    for (const p of parens) notes.push(`(${p.c})`);
    notes.push('deadline set by another document or instruction');
    return { kind: 'external', text, reference: tidy(ext.c), notes };
  }

  return unparsed(text, [
    `no date, period, recurrence, event or reference recognised in "${tidy(c).slice(0, 120)}"`,
    ...notes,
  ]);
}

/** Replaces "(…)" with spaces in both texts (keeping offsets) and collects their content. */
function blankParens(c: string, f: string, out: Paren[]): [string, string] {
  const re = /\(([^()]{0,400})\)/g;
  let cc = c;
  let ff = f;
  for (const m of f.matchAll(re)) {
    const inner = m[1] ?? '';
    const at = m.index;
    out.push({ c: c.slice(at + 1, at + 1 + inner.length).trim(), f: inner.trim() });
    const blank = ' '.repeat(m[0].length);
    cc = cc.slice(0, at) + blank + cc.slice(at + m[0].length);
    ff = ff.slice(0, at) + blank + ff.slice(at + m[0].length);
  }
  return [cc, ff];
}

/** Cuts at ";", at sentence ends and at bullet dashes (a dash before a date is a range, not a bullet). */
function splitSegments(c: string, f: string): Segment[] {
  const cuts: { at: number; skip: number; bullet: boolean }[] = [];
  for (const m of f.matchAll(/;|\.\s+|(?:^|\s)[-–•+]\s*(?=\S)/g)) {
    const token = m[0];
    const after = m.index + token.length;
    if (token === ';') cuts.push({ at: m.index, skip: 1, bullet: false });
    else if (token.startsWith('.')) {
      const nextChar = c[after] ?? '';
      if (/[A-ZÀ-ỸĐ\-–•(]/.test(nextChar)) cuts.push({ at: m.index, skip: token.length, bullet: false });
    } else if (m.index === 0 || (/^[A-ZÀ-ỸĐ(]/.test(c[after] ?? '') && !DATE_START.test(f.slice(after)))) {
      // A dash is a bullet at the start or before a capital; "quận - huyện" and "2026 - 2030" are not.
      cuts.push({ at: m.index, skip: token.length, bullet: true });
    }
  }
  const segments: Segment[] = [];
  let from = 0;
  let bullet = false;
  const push = (to: number) => {
    const sc = c.slice(from, to);
    if (sc.trim() !== '' && /[\p{L}\d]/u.test(sc)) segments.push({ c: sc.trim(), f: f.slice(from, to).trim(), bullet });
  };
  for (const cut of cuts) {
    if (cut.at < from) continue;
    push(cut.at);
    from = cut.at + cut.skip;
    bullet = cut.bullet;
  }
  push(c.length);
  return segments;
}

/** "Quý I năm 2022: Trình Kế hoạch" → "Trình Kế hoạch". Null when the piece is only a date. */
function labelFor(seg: Segment, hit: DateHit): string | null {
  const colon = seg.c.indexOf(':');
  if (colon >= 0 && hit.end <= colon + 1) {
    const after = tidy(seg.c.slice(colon + 1));
    if (after !== '') return after;
  }
  const leftover = (seg.f.slice(0, hit.start) + ' ' + seg.f.slice(hit.end))
    .replace(
      /(?<![a-z])(?:trong|truoc|cham nhat|han|hoan thanh|den|nam|by|before|in|the|end|of|dau|giua|cuoi)(?![a-z])/g,
      '',
    )
    .replace(/[^a-z]/g, '');
  return leftover.length === 0 ? null : tidy(seg.c);
}

function isMarked(f: string): boolean {
  return detectRecurrence(f) !== null || ONGOING.test(f) || EVENT_START.test(f) || EXTERNAL.test(f);
}

function tidy(s: string): string {
  return s
    .replace(/^[\s\-–•+.;:,]+/, '')
    .replace(/[\s.;:,]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function eventText(p: Paren): string {
  const at = p.f.search(/(?<![a-z])(?:sau khi|ke tu khi|khi|after|when|upon)(?![a-z])/);
  return tidy(at >= 0 ? p.c.slice(at) : p.c);
}

function quarterList(f: string): number[] | null {
  const m =
    /^\s*(?:quy\s*)?((?:iv|iii|ii|i|[1-4])(?:\s*(?:,|;|va|&|and)\s*(?:quy\s*)?(?:iv|iii|ii|i|[1-4]))*)\s*$/.exec(f);
  if (!m) return null;
  const qs = (m[1] ?? '')
    .split(/\s*(?:,|;|va|&|and)\s*/)
    .map((t) => ROMAN[t.replace(/^quy\s*/, '')] ?? 0)
    .filter((q) => q > 0);
  return qs.length > 0 ? [...new Set(qs)].sort() : null;
}

type RecurrenceRule = Omit<Recurrence, 'description'> & { description: string };

const RECURRENCE_PATTERNS: {
  re: RegExp;
  rule: (m: RegExpExecArray) => Omit<Recurrence, 'description' | 'dayOfPeriod' | 'month'> | null;
}[] = [
  {
    re: /(?<![\d])(\d{1,2})\s*thang\s*(?:\/\s*(?:1\s*)?lan|mot lan|1 lan)|every\s*(\d{1,2})\s*months?/,
    rule: (m) => monthsRule(Number(m[1] ?? m[2])),
  },
  {
    re: /(?<![\d])(\d{1,2})\s*tuan\s*(?:\/\s*(?:1\s*)?lan|mot lan)|every\s*(\d{1,2})\s*weeks?/,
    rule: (m) => ({ every: 'week', interval: Number(m[1] ?? m[2]) }),
  },
  { re: /(?<![a-z])(?:hang|moi)\s*tuan|weekly|every week|each week/, rule: () => ({ every: 'week', interval: 1 }) },
  {
    re: /(?<![a-z])(?:hang|moi)\s*thang(?![a-z])|monthly|every month|each month/,
    rule: () => ({ every: 'month', interval: 1 }),
  },
  {
    re: /(?<![a-z])(?:hang|moi)\s*quy(?![a-z])|(?<![a-z])theo\s*(?:tung\s*)?quy(?![a-z])|quarterly|every quarter|each quarter/,
    rule: () => ({ every: 'quarter', interval: 1 }),
  },
  {
    re: /(?<![a-z])(?:hang|moi)\s*(?:0?6\s*thang|nua nam)|semi-?annual(?:ly)?|half-?yearly|twice a year/,
    rule: () => ({ every: 'half-year', interval: 1 }),
  },
  {
    re: /(?<![a-z])(?:hang|moi)\s*nam(?![a-z])|annual(?:ly)?|yearly|every year|each year/,
    rule: () => ({ every: 'year', interval: 1 }),
  },
];

function monthsRule(n: number): Omit<Recurrence, 'description' | 'dayOfPeriod' | 'month'> | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  if (n === 3) return { every: 'quarter', interval: 1 };
  if (n === 6) return { every: 'half-year', interval: 1 };
  if (n === 12) return { every: 'year', interval: 1 };
  return { every: 'month', interval: n };
}

/** "Định kỳ hằng tháng", "6 tháng/lần", "trước ngày 20 hằng tháng", "Tháng 12 hằng năm", "quarterly", … */
function detectRecurrence(f: string): RecurrenceRule | null {
  let best: { at: number; rule: Omit<Recurrence, 'description' | 'dayOfPeriod' | 'month'> } | null = null;
  for (const { re, rule } of RECURRENCE_PATTERNS) {
    const m = re.exec(f);
    if (!m || (best && best.at <= m.index)) continue;
    const r = rule(m);
    if (r) best = { at: m.index, rule: r };
  }
  if (!best) return null;
  let dayOfPeriod: number | null = null;
  let month: number | null = null;
  const day =
    /(?<![a-z])(truoc\s*|before\s*(?:the\s*)?|by\s*(?:the\s*)?)?(?:ngay\s*)?(\d{1,2})(?:st|nd|rd|th)?(?=\s*(?:thang\s*\d{1,2}\s*)?(?:cua\s*)?(?:hang|moi|of each|of every|each|every))/.exec(
      f,
    );
  if (day && (day[1] !== undefined || /ngay|st|nd|rd|th/.test(day[0]))) {
    const d = Number(day[2]) - (day[1] && /truoc|before/.test(day[1]) ? 1 : 0);
    if (d >= 1 && d <= 31) dayOfPeriod = d;
  }
  if (best.rule.every === 'year') {
    const mo = /(?<![a-z])thang\s*(\d{1,2})(?!\d)/.exec(f);
    const moNum = mo ? Number(mo[1]) : 0;
    if (moNum >= 1 && moNum <= 12) month = moNum;
  }
  return { ...best.rule, dayOfPeriod, month, description: '' };
}

function detectRelative(
  seg: Segment,
  english: boolean,
): { trigger: string | null; workingDays: number | null; calendarDays: number | null } | null {
  const m = DAYS.exec(seg.f) ?? DAYS_AFTER.exec(seg.f);
  if (m) {
    const n = Number(m[1]);
    const working = /lam viec|working|business/.test(m[2] ?? '');
    const restAt = m.index + m[0].length - (m[3] ?? '').length;
    let trigger = tidy(seg.c.slice(restAt));
    if (english) trigger = trigger.replace(EN_TRIGGER_LEAD, '');
    return {
      trigger: trigger === '' ? null : trigger,
      workingDays: working ? n : null,
      calendarDays: working ? null : n,
    };
  }
  if (EVENT_START.test(seg.f) || EVENT_ANY.test(seg.f)) {
    return { trigger: tidy(seg.c), workingDays: null, calendarDays: null };
  }
  return null;
}
