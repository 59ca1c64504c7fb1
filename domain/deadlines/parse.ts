import { findDateHits, type DateHit } from './dateHits';
import { cleanText, foldText, ocrRepairs } from './normalize';
import { nominalDate } from './dates';
import { unreadable } from './unreadable';
import type { DatePoint, DeadlineSchedule, MilestoneSpec, RecurringSchedule } from './schedule';
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
const MONTHS_AFTER =
  /(?<![a-z])(?:trong vong|trong thoi han|trong|toi da|sau|within|after)\s*(\d{1,3})\s*(thang|nam|months?|years?)(?![a-z])\s*,?\s*((?:ke tu|tinh tu|sau khi|tu khi|ke tu khi|after|from|following)(?![a-z]).*)$/;
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
  const review: string[] = [];
  // OCR reads a zero as the letter O in years ("2O26"): repaired, but only a guess.
  const ocrYear = !/[12][oO][\doO]{2}/.test(c)
    ? c
    : c.replace(/(?<![\p{L}\d])([12])[oO]([\doO]{2})(?!\d)/gu, (_m, a: string, b: string) => {
        review.push(`OCR: đọc "${_m}" thành năm ${a}0${b.replace(/[oO]/g, '0')}`);
        return `${a}0${b.replace(/[oO]/g, '0')}`;
      });
  c = ocrYear;
  let f = foldText(c);
  const header = HEADER.exec(f);
  if (header) [c, f] = [c.slice(header[0].length), f.slice(header[0].length)];
  const whole = /^\(([^()]*)\)\.?$/.exec(c);
  if (whole) {
    c = (whole[1] ?? '').trim();
    f = foldText(c);
  }
  const notes = ocrRepairs(c);
  const english =
    !/[^\u0020-\u007e]/.test(c) && /[a-z]/i.test(c) && !/\b(?:nam|thang|quy|ngay|hang|trong|truoc)\b/.test(f);
  if (TENTATIVE.test(f)) review.push('"dự kiến": thời hạn chỉ là dự kiến');
  if (BLANK_DAY.test(f)) review.push('ngày để trống ("ngày tháng …"): lấy ngày cuối tháng');

  const parens: Paren[] = [];
  [c, f] = blankParens(c, f, parens);
  f = f.replace(/[“"«][^”"»]{0,400}[”"»]/g, (q) => ' '.repeat(q.length));
  const segments = splitSegments(c, f);
  const all = segments.map((s) => s.f).join(' ');
  const ongoing = ONGOING.test(all);
  const done = (s: DeadlineSchedule): DeadlineSchedule => (review.length > 0 ? { ...s, review } : s);

  // 0. A series: a start and "… và các năm tiếp theo", or a recurrence with a first date, a start or a range.
  const series = readSeries(segments, parens, english, notes);
  if (series) return done({ ...series, text });

  // 1. Dated pieces: a fixed schedule.
  const milestones: MilestoneSpec[] = [];
  const rest: Segment[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as Segment;
    const recurrence = detectRecurrence(seg.f);
    // "Thường xuyên trong năm": a yearless "trong năm" says when, not by when.
    const yearlessOk = recurrence === null && !ONGOING.test(seg.f);
    const hits = segmentHits(seg, english).filter((h) => !h.isStart && (h.point.year !== null || yearlessOk));
    if (hits.length === 0) {
      const next = NEXT_YEAR_ALONE.exec(seg.f);
      if (next) {
        milestones.push({
          label: tidy(seg.c),
          point: { unit: 'year', year: null, anchor: 'end' },
          before: false,
          yearOffset: 1,
        });
        review.push(`"${tidy(seg.c)}": đọc là năm sau năm đầu của kế hoạch`);
      } else rest.push(seg);
      continue;
    }
    const nextYear = NEXT_YEAR.test(seg.f);
    let from = 0;
    hits.forEach((hit, k) => {
      let label = k === 0 && hits.length === 1 ? labelFor(seg, hit) : tidy(seg.c.slice(from, hit.end));
      from = hit.end;
      const next = segments[i + 1];
      if (
        hits.length === 1 &&
        label === null &&
        next &&
        !next.bullet &&
        hitsIn(next.f, english).length === 0 &&
        !isMarked(next.f)
      ) {
        label = tidy(next.c);
        i++;
      }
      const point: DatePoint =
        hit.point.year === null && defaultYear !== null ? { ...hit.point, year: defaultYear } : hit.point;
      const spec: MilestoneSpec = { label: label ?? tidy(seg.c), point, before: hit.before };
      if (nextYear && point.year === null) {
        spec.yearOffset = 1;
        review.push(`"${tidy(seg.c)}": "năm liền kề" đọc là năm sau năm đầu của kế hoạch`);
      }
      milestones.push(spec);
    });
  }
  if (milestones.length > 0) {
    for (const seg of rest) notes.push(`no date in "${tidy(seg.c)}"`);
    for (const p of parens) notes.push(`(${p.c})`);
    return done({ kind: 'fixed', text, milestones, notes });
  }

  // 2. Repeating pieces.
  const found = findRecurrence(segments, parens, english);
  const recurrence = found?.rule ?? null;
  const triggerParen = parens.find((p) => EVENT_ANY.test(p.f) || EVENT_START.test(p.f));
  const otherParens = parens.filter((p) => p !== triggerParen && p !== found?.paren);
  if (recurrence && !ongoing) {
    const quarters = parens.map((p) => quarterList(p.f)).find((q) => q !== null) ?? null;
    for (const p of otherParens) if (quarterList(p.f) === null) notes.push(`(${p.c})`);
    for (const seg of segments) if (detectRecurrence(seg.f) === null) notes.push(`also: "${tidy(seg.c)}"`);
    return done({
      kind: 'recurring',
      text,
      recurrence,
      quarters,
      yearEndSummary: YEAR_END_SUMMARY.test(all),
      trigger: triggerParen ? eventText(triggerParen) : null,
      notes,
    });
  }
  const vague = recurrence === null && VAGUE_PERIODIC.test(all);
  if (vague) review.push('"định kỳ" không nói rõ bao lâu một lần');

  // 3. An event, with or without a number of days or months.
  for (const seg of segments) {
    const rel = detectRelative(seg, english);
    if (!rel) continue;
    // "Thực hiện thường xuyên khi có yêu cầu": continuous work, done on request; no limit is counted.
    if ((ongoing || vague) && rel.workingDays === null && rel.calendarDays === null && rel.months === null) break;
    for (const p of parens) notes.push(`(${p.c})`);
    if (rel.trigger === null)
      notes.push('no triggering event named: the count starts from the event the task is about');
    const { months, ...days } = rel;
    return done({ kind: 'relative', text, ...days, ...(months !== null ? { months } : {}), notes });
  }

  // 4. Continuous work, maybe from a start date.
  const startHit = segments.flatMap((s) => hitsIn(s.f, english)).find((h) => h.isStart);
  if (ongoing || startHit || vague) {
    for (const p of parens) notes.push(`(${p.c})`);
    const start = startHit ? startHit.point : null;
    return done({ kind: 'ongoing', text, start, recurrence, notes });
  }

  // 5. Set by another document.
  const ext = segments.find((s) => EXTERNAL.test(s.f));
  if (ext) {
    for (const p of parens) notes.push(`(${p.c})`);
    notes.push('deadline set by another document or instruction');
    return done({ kind: 'external', text, reference: tidy(ext.c), notes });
  }

  return unparsed(text, [unreadable(c, f), ...notes]);
}

/** Parsing looks at the same clause several times (series, dated pieces, recurrence): each look is computed once. */
const MEMO_SIZE = 256;
const hitsMemo = { vi: new Map<string, DateHit[]>(), en: new Map<string, DateHit[]>() };
const recurrenceMemo = new Map<string, RecurrenceRule | null>();
function remember<T>(memo: Map<string, T>, key: string, compute: () => T): T {
  const hit = memo.get(key);
  if (hit !== undefined || memo.has(key)) return hit as T;
  const value = compute();
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(key, value);
  return value;
}
/** Date hits of folded text; the arrays are shared, never mutated. */
function hitsIn(f: string, english: boolean): readonly DateHit[] {
  // Keyed by the clause itself (no concatenation), so V8 hashes each string once.
  return remember(english ? hitsMemo.en : hitsMemo.vi, f, () => findDateHits(f, english));
}

const TENTATIVE = /(?<![a-z])du kien(?![a-z])/;
const BLANK_DAY = /(?<![a-z])ngay\s+thang\s*\d/;
const NEXT_YEAR = /(?<![a-z])nam\s*(?:lien ke|tiep theo|ke tiep|sau)(?![a-z])/;
const NEXT_YEAR_ALONE = /^(?:trong\s*)?(?:cac\s*)?nam\s*(?:lien ke|tiep theo|ke tiep|sau)\s*$/;
/** "… và các năm tiếp theo", "… và những năm sau", "… và hằng năm": continuing each year from a start. */
const CONTINUING =
  /(?:(?<![a-z])va|,)\s*(?:(?:cac|nhung)\s*nam\s*(?:tiep theo|sau|ke tiep)|(?:hang|moi)\s*nam)(?![a-z])/;
const VAGUE_PERIODIC = /(?<![a-z])dinh ky(?![a-z])/;

/** Date hits of a segment; in "Theo lộ trình …, đối với X hoàn thành trong năm 2025", only the clause that sets a date. */
function segmentHits(seg: Segment, english: boolean): readonly DateHit[] {
  if (!EXTERNAL.test(seg.f)) return hitsIn(seg.f, english);
  const comma = seg.f.indexOf(',');
  if (comma < 0) return [];
  const tail = seg.f.slice(comma);
  if (!/(?<![a-z])(?:hoan thanh|xong|cham nhat|han chot)(?![a-z])/.test(tail)) return [];
  return hitsIn(' '.repeat(comma) + tail, english);
}

/** The recurrence of the phrase: in a segment, else in brackets ("định kỳ (hằng năm)"); with its day and month. */
function findRecurrence(
  segments: Segment[],
  parens: Paren[],
  english: boolean,
): { rule: Recurrence; segment: Segment | null; paren: Paren | null } | null {
  for (const seg of segments) {
    const r = detectRecurrence(seg.f);
    if (r)
      return { rule: withDay(r, [seg.f, ...parens.map((p) => p.f)], english, tidy(seg.c)), segment: seg, paren: null };
  }
  for (const p of parens) {
    const r = detectRecurrence(p.f);
    if (r) {
      const description = tidy([...segments.map((s) => s.c), `(${p.c})`].join(' '));
      return { rule: withDay(r, [p.f, ...segments.map((s) => s.f)], english, description), segment: null, paren: p };
    }
  }
  return null;
}

/** A yearly rule takes its day and month from a yearless date nearby ("hằng năm (trước ngày 15 tháng 11)"). */
function withDay(r: RecurrenceRule, texts: string[], english: boolean, description: string): Recurrence {
  const rule: Recurrence = { ...r, description };
  if (rule.every !== 'year' || rule.dayOfPeriod !== null) return rule;
  for (const t of texts) {
    const hit = hitsIn(t, english).find(
      (h) => h.point.year === null && (h.point.unit === 'day' || h.point.unit === 'month'),
    );
    if (!hit) continue;
    if (hit.point.unit === 'day') {
      const nominal = nominalDate(hit.point, 2001, hit.before);
      return { ...rule, month: nominal.m, dayOfPeriod: nominal.d };
    }
    if (hit.point.unit === 'month') return { ...rule, month: hit.point.month };
  }
  return rule;
}

/** The month a yearly series falls in, from the period that starts it ("Quý IV năm 2025 và các năm tiếp theo" → 12). */
function monthOf(p: DatePoint): number | null {
  switch (p.unit) {
    case 'day':
    case 'month':
      return p.month;
    case 'quarter':
      return p.quarter * 3;
    case 'half':
      return p.half * 6;
    case 'year':
      return null;
    default: {
      const _exhaustive: never = p;
      return _exhaustive;
    }
  }
}

/**
 * A series with a start: "Năm 2026 và các năm tiếp theo" (yearly from 2026), "Trước ngày 15/01/2026 và hàng tháng"
 * (a first date, then monthly), "… hằng năm kể từ năm 2027", "Hằng năm từ quý IV/2026 - 2029". Null when the
 * phrase is no such series.
 */
function readSeries(
  segments: Segment[],
  parens: Paren[],
  english: boolean,
  notes: string[],
): Omit<RecurringSchedule, 'text'> | null {
  for (const seg of segments) {
    if (!CONTINUING.test(seg.f)) continue;
    const hit = hitsIn(seg.f, english).find((h) => h.point.year !== null);
    if (!hit) continue;
    const p = hit.range && hit.from ? hit.from : hit.point;
    const day = p.unit === 'day' ? nominalDate(p, 2001, hit.before).d : null;
    const recurrence: Recurrence = {
      every: 'year',
      interval: 1,
      dayOfPeriod: day,
      month: monthOf(p),
      description: tidy(seg.c),
    };
    notes.push('continuing work: each year from the first period to the end of the plan');
    return {
      kind: 'recurring',
      notes,
      recurrence,
      quarters: null,
      yearEndSummary: false,
      trigger: null,
      start: p,
      end: null,
      first: null,
    };
  }
  const found = findRecurrence(segments, parens, english);
  if (!found || ONGOING.test(segments.map((s) => s.f).join(' '))) return null;
  const texts = found.segment ? [found.segment.f] : segments.map((s) => s.f);
  const all = texts.flatMap((t) => hitsIn(t, english));
  // The days may stand in brackets: "Định kỳ 6 tháng (trước ngày 20/6 và 20/12)".
  const withParens = found.segment ? [...all, ...parens.flatMap((p) => hitsIn(p.f, english))] : all;
  const days = namedDays(found.rule, withParens, tidy(found.segment?.c ?? segments[0]?.c ?? ''));
  if (days) {
    notes.push('each period falls on the day the text names for it, each year of the plan');
    return {
      kind: 'recurring',
      notes,
      recurrence: found.rule,
      quarters: null,
      yearEndSummary: false,
      trigger: null,
      days,
    };
  }
  const hits = all.filter((h) => h.point.year !== null);
  if (hits.length === 0) return null;
  const startHit = hits.find((h) => h.isStart);
  const rangeHit = hits.find((h) => h.range && h.from);
  const dated = hits.find((h) => !h.isStart && !h.range);
  const rule = found.rule;
  const base = {
    kind: 'recurring' as const,
    notes,
    recurrence: rule,
    quarters: null,
    yearEndSummary: false,
    trigger: null,
  };
  if (rangeHit?.from) return { ...base, start: rangeHit.from, end: rangeHit.point, first: null };
  if (startHit) return { ...base, start: startHit.point, end: null, first: null };
  if (!dated) return null;
  if (dated.point.unit === 'day') {
    const nominal = nominalDate(dated.point, dated.point.year ?? 2001, dated.before);
    const recurrence = rule.dayOfPeriod === null && rule.every !== 'week' ? { ...rule, dayOfPeriod: nominal.d } : rule;
    const first: MilestoneSpec = {
      label: tidy(found.segment?.c ?? segments[0]?.c ?? ''),
      point: dated.point,
      before: dated.before,
    };
    return { ...base, recurrence, start: null, end: null, first };
  }
  return { ...base, start: dated.point, end: null, first: null };
}

/**
 * The days a half-yearly, quarterly or yearly series names for its periods, without a year ("định kỳ 6 tháng …
 * trước ngày 15 tháng 6 và trước ngày 01 tháng 12"): two or more distinct day-and-month dates, none of them a start
 * or a range. Null when the text names fewer, or a year.
 */
function namedDays(rule: Pick<Recurrence, 'every'>, hits: readonly DateHit[], label: string): MilestoneSpec[] | null {
  if (rule.every !== 'half-year' && rule.every !== 'quarter' && rule.every !== 'year') return null;
  if (hits.some((h) => h.point.year !== null || h.isStart || h.range)) return null;
  const dated = hits.filter((h) => h.point.unit === 'day');
  const distinct = new Set(dated.map((h) => JSON.stringify([h.point, h.before])));
  if (dated.length < 2 || distinct.size !== dated.length || dated.length !== hits.length) return null;
  // One "trước" governs the list it starts: "trước ngày 15/3, ngày 15/6, ngày 15/9 và ngày 15/12".
  const before = dated[0]?.before === true;
  return dated.map((h) => ({ label, point: h.point, before: h.before || before }));
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

const NUM_WORD = '\\d{1,2}|mot|hai|ba|bon|sau|muoi hai';
const numberOf = (w: string | undefined): number => {
  const words: Record<string, number> = { mot: 1, hai: 2, ba: 3, bon: 4, sau: 6, 'muoi hai': 12 };
  return w === undefined ? NaN : (words[w] ?? Number(w));
};
const ONCE = '(?:\\/\\s*(?:1\\s*|01\\s*)?lan|(?:mot|1|01)\\s*lan)';

const RECURRENCE_PATTERNS: {
  re: RegExp;
  rule: (m: RegExpExecArray) => Omit<Recurrence, 'description' | 'dayOfPeriod' | 'month'> | null;
}[] = [
  {
    // "6 tháng/lần", "hai tháng một lần", "Định kỳ 06 tháng", "báo cáo 6 tháng và năm", "every 2 months"
    re: new RegExp(
      `(?<![a-z\\d])(${NUM_WORD})\\s*thang\\s*${ONCE}|(?<![a-z])(?:dinh ky|bao cao|so ket)\\s*(\\d{1,2})\\s*thang(?!\\s*(?:dau|cuoi|ke tu|tinh tu))(?![a-z])|every\\s*(\\d{1,2})\\s*months?`,
    ),
    rule: (m) => monthsRule(numberOf(m[1] ?? m[2] ?? m[3])),
  },
  {
    re: new RegExp(`(?<![a-z\\d])(${NUM_WORD})\\s*nam\\s*${ONCE}|every\\s*(\\d{1,2})\\s*years?`),
    rule: (m) => {
      const n = numberOf(m[1] ?? m[2]);
      return Number.isFinite(n) && n > 0 ? { every: 'year', interval: n } : null;
    },
  },
  {
    re: new RegExp(`(?<![a-z\\d])(${NUM_WORD})\\s*tuan\\s*${ONCE}|every\\s*(\\d{1,2})\\s*weeks?`),
    rule: (m) => {
      const n = numberOf(m[1] ?? m[2]);
      return Number.isFinite(n) && n > 0 ? { every: 'week', interval: n } : null;
    },
  },
  { re: /(?<![a-z])(?:hang|moi)\s*tuan|weekly|every week|each week/, rule: () => ({ every: 'week', interval: 1 }) },
  {
    re: /(?<![a-z])(?:hang|moi)\s*thang(?![a-z])|(?<![a-z])thang\s*(?:lien ke|tiep theo|ke tiep)(?![a-z])|monthly|every month|each month/,
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

const WEEKDAY: Record<string, number> = { hai: 1, ba: 2, tu: 3, nam: 4, sau: 5, bay: 6 };

function monthsRule(n: number): Omit<Recurrence, 'description' | 'dayOfPeriod' | 'month'> | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  if (n === 3) return { every: 'quarter', interval: 1 };
  if (n === 6) return { every: 'half-year', interval: 1 };
  if (n === 12) return { every: 'year', interval: 1 };
  return { every: 'month', interval: n };
}

/** "Định kỳ hằng tháng", "6 tháng/lần", "trước ngày 20 hằng tháng", "Tháng 12 hằng năm", "quarterly", … */
function detectRecurrence(f: string): RecurrenceRule | null {
  return remember(recurrenceMemo, f, () => readRecurrence(f));
}

function readRecurrence(f: string): RecurrenceRule | null {
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
    /(?<![a-z])(truoc\s*|before\s*(?:the\s*)?|by\s*(?:the\s*)?)?(?:ngay\s*)?(\d{1,2})(?:st|nd|rd|th)?(?=\s*(?:thang\s*\d{1,2}\s*)?(?:cua\s*)?(?:hang|moi|of each|of every|each|every|thang\s*(?:lien ke|tiep theo|ke tiep)))/.exec(
      f,
    );
  if (day && (day[1] !== undefined || /ngay|st|nd|rd|th/.test(day[0]))) {
    const d = Number(day[2]) - (day[1] && /truoc|before/.test(day[1]) ? 1 : 0);
    if (d >= 1 && d <= 31) dayOfPeriod = d;
  }
  if (best.rule.every === 'week') {
    const wd = /(?<![a-z])(?:thu\s*(hai|ba|tu|nam|sau|bay)|(chu nhat))(?![a-z])/.exec(f);
    if (wd) dayOfPeriod = wd[2] ? 7 : (WEEKDAY[wd[1] ?? ''] ?? null);
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
): { trigger: string | null; workingDays: number | null; calendarDays: number | null; months: number | null } | null {
  const mo = MONTHS_AFTER.exec(seg.f);
  if (mo) {
    const n = Number(mo[1]) * (/nam|year/.test(mo[2] ?? '') ? 12 : 1);
    const restAt = mo.index + mo[0].length - (mo[3] ?? '').length;
    const trigger = tidy(seg.c.slice(restAt));
    if (n > 0) return { trigger: trigger === '' ? null : trigger, workingDays: null, calendarDays: null, months: n };
  }
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
      months: null,
    };
  }
  if (EVENT_START.test(seg.f) || EVENT_ANY.test(seg.f)) {
    return { trigger: tidy(seg.c), workingDays: null, calendarDays: null, months: null };
  }
  return null;
}
