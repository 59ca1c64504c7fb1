import type { Anchor, DatePoint } from './schedule';

/** A date or period found in folded text. `isStart` = "từ / sau / from …": when work starts, not a deadline. */
export interface DateHit {
  start: number;
  end: number;
  point: DatePoint;
  before: boolean;
  isStart: boolean;
  /** A range ("Quý IV/2025 - Quý II/2026", "Giai đoạn 2026 - 2030"): the hit is its end. */
  range: boolean;
  /** The first period of a range. */
  from?: DatePoint;
}

const Y = '((?:19|20)\\d{2})';
const YSUF = `(?:\\s*[/.,-]?\\s*(?:nam\\s*)?${Y}(?![\\d%]))?`;
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const EN_ORD: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  '1st': 1,
  '2nd': 2,
  '3rd': 3,
  '4th': 4,
};
const EN_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const EN_MONTH_ALT =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';

const RE = {
  iso: new RegExp(`(?<![\\d/])${Y}-(\\d{2})-(\\d{2})(?![\\d/])`, 'g'),
  dayNum: new RegExp(`(?<![\\d/.])(\\d{1,2})\\s*([/.-])\\s*(\\d{1,2})\\s*\\2\\s*${Y}(?![\\d/])`, 'g'),
  dayWords: new RegExp(
    `(?<![a-z])ngay\\s*(\\d{1,2})\\s*(?:thang\\s*|[/.-]\\s*)(\\d{1,2})(?:\\s*(?:nam\\s*|[/.-]\\s*|,\\s*)${Y})?(?![\\d/])`,
    'g',
  ),
  month: new RegExp(`(?<![a-z])thang\\s*(\\d{1,2})(?![\\d])${YSUF}`, 'g'),
  /** A table cell "6/2025", "01/2026": a month. Not inside a day ("15/01/2026") or a number ("178/2026/NĐ-CP"). */
  bareMonth: new RegExp(`(?<![\\d/.,a-z])(\\d{1,2})\\s*/\\s*${Y}(?![\\d/%]|\\s*/)`, 'g'),
  /** "Quý III, IV/2026", "quý I và II năm 2026": several quarters sharing one year. */
  quarterList: new RegExp(
    `(?<![a-z])(?:quy|q)\\s*(?:iv|iii|ii|i|[1-4])(?:\\s*(?:,|va|&)\\s*(?:quy\\s*)?(?:iv|iii|ii|i|[1-4])(?![a-z0-9]))+\\s*(?:[/.,-]\\s*(?:nam\\s*)?|nam\\s*)${Y}(?![\\d%])`,
    'g',
  ),
  half: new RegExp(
    `(?<![\\d])0?6\\s*thang\\s*(dau|cuoi)\\s*(?:cua\\s*)?nam(?![a-z])${YSUF.replace('(?:nam\\s*)?', '')}`,
    'g',
  ),
  quarter: new RegExp(`(?<![a-z])(?:quy|q)\\s*(iv|iii|ii|i|[1-4])(?![a-z0-9])${YSUF}`, 'g'),
  quarterEn: new RegExp(`(?<![a-z])(first|second|third|fourth|1st|2nd|3rd|4th)\\s+quarter(?:\\s+of)?${YSUF}`, 'g'),
  year: new RegExp(`(?<![\\d/.,%])${Y}(?![\\d%/]|\\s*%)`, 'g'),
  yearless: /(?<![a-z])(dau|giua|cuoi|trong)\s+nam(?![a-z])(?!\s*(?:nay\b|\d|hoc))/g,
  yearlessEn: /(?<![a-z])(end|beginning|start|middle|mid)\s*(?:of\s*)?(?:the\s+|this\s+)?year(?![a-z])/g,
  monthEn: new RegExp(
    `(?<![a-z])(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?)?(${EN_MONTH_ALT})\\.?(?![a-z])(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d]))?(?:\\s*,?\\s*${Y}(?![\\d]))?`,
    'g',
  ),
};

const ANCHOR_VI = /(?:^|[^a-z])(dau|giua|cuoi)\s*(?:nam\s*)?$/;
const ANCHOR_EN = /(?:^|[^a-z])(end|beginning|start|middle|mid)(?:\s+of)?(?:\s+the)?\s*-?\s*$/;
const BEFORE = /(?:^|[^a-z])(?:truoc|before|prior to)\s*(?:ngay\s*|nam\s*|thang\s*|the\s*)?$/;
const START =
  /(?:^|[^a-z])(?:tu|tu sau|sau|bat dau(?: tu)?|from|since|starting(?: in| from)?|after)\s*(?:nam\s*|thang\s*|ngay\s*)?$/;
/** "so với năm 2015": a baseline, not a deadline. */
const BASELINE = /(?:so voi|compared (?:with|to)|than)\s*(?:nam\s*|cung ky\s*)?$/;
const CITATION = /(?:\d+\/[a-z0-9/.-]*[a-z][a-z0-9/.-]*|\bso\s*:?\s*\d+[^\s]*|\bso\s*:?)\s*(?:cua\s+\S+\s*)?$/;
const RANGE_GAP = /^\s*(?:-|–|—|den|toi|to|until|through)\s*(?:nam\s*|het\s*)?$/;

const anchorOf = (w: string | undefined): Anchor | null => {
  switch (w) {
    case 'dau':
    case 'beginning':
    case 'start':
      return 'start';
    case 'giua':
    case 'middle':
    case 'mid':
      return 'middle';
    case 'cuoi':
    case 'end':
      return 'end';
    default:
      return null;
  }
};

const num = (s: string | undefined): number | null => (s === undefined ? null : Number(s));

function withYear<T extends DatePoint>(p: T): T | null {
  if (p.year !== null && (p.year < 1900 || p.year > 2199)) return null;
  return p;
}

interface RawHit {
  start: number;
  end: number;
  point: DatePoint;
  /** The hit's own words fix the anchor (e.g. "cuối năm" caught whole). */
  fixedAnchor: boolean;
}

function collect(f: string, english: boolean): RawHit[] {
  const hits: RawHit[] = [];
  const add = (m: RegExpExecArray, point: DatePoint | null, fixedAnchor = false) => {
    if (point) hits.push({ start: m.index, end: m.index + m[0].length, point, fixedAnchor });
  };
  for (const m of f.matchAll(RE.iso)) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) add(m, withYear({ unit: 'day', year: y, month: mo, day: d }));
  }
  for (const m of f.matchAll(RE.dayNum)) {
    const [d, mo, y] = [Number(m[1]), Number(m[3]), Number(m[4])];
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) add(m, withYear({ unit: 'day', year: y, month: mo, day: d }));
  }
  for (const m of f.matchAll(RE.dayWords)) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), num(m[3])];
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) add(m, withYear({ unit: 'day', year: y, month: mo, day: d }));
  }
  for (const m of f.matchAll(RE.month)) {
    const mo = Number(m[1]);
    if (mo >= 1 && mo <= 12) add(m, withYear({ unit: 'month', year: num(m[2]), month: mo, anchor: 'end' }));
  }
  for (const m of f.matchAll(RE.bareMonth)) {
    const mo = Number(m[1]);
    if (mo >= 1 && mo <= 12) add(m, withYear({ unit: 'month', year: Number(m[2]), month: mo, anchor: 'end' }));
  }
  for (const m of f.matchAll(RE.quarterList)) {
    const year = Number(m[1]);
    for (const q of m[0].matchAll(/(?<![a-z])(iv|iii|ii|i|[1-4])(?![a-z0-9])/g)) {
      const n = ROMAN[q[1] ?? ''];
      if (!n || q.index > m[0].length - 4) continue;
      // The first quarter's span starts at "quý", so it wins over the yearless single-quarter hit.
      const start = q.index === m[0].search(/(?:iv|iii|ii|i|[1-4])/) ? m.index : m.index + q.index;
      hits.push({
        start,
        end: m.index + q.index + q[0].length,
        point: { unit: 'quarter', year, quarter: n, anchor: 'end' },
        fixedAnchor: false,
      });
    }
  }
  for (const m of f.matchAll(RE.half)) {
    const half = m[1] === 'dau' ? 1 : 2;
    add(m, withYear({ unit: 'half', year: num(m[2]), half, anchor: 'end' }), true);
  }
  for (const m of f.matchAll(RE.quarter)) {
    const q = ROMAN[m[1] ?? ''];
    if (q) add(m, withYear({ unit: 'quarter', year: num(m[2]), quarter: q, anchor: 'end' }));
  }
  for (const m of f.matchAll(RE.quarterEn)) {
    const q = EN_ORD[m[1] ?? ''];
    if (q) add(m, withYear({ unit: 'quarter', year: num(m[2]), quarter: q, anchor: 'end' }));
  }
  for (const m of f.matchAll(RE.year)) add(m, withYear({ unit: 'year', year: Number(m[1]), anchor: 'end' }));
  for (const m of f.matchAll(RE.yearless)) {
    add(m, { unit: 'year', year: null, anchor: anchorOf(m[1]) ?? 'end' }, true);
  }
  if (english) {
    for (const m of f.matchAll(RE.yearlessEn))
      add(m, { unit: 'year', year: null, anchor: anchorOf(m[1]) ?? 'end' }, true);
    for (const m of f.matchAll(RE.monthEn)) {
      const name = m[2] ?? '';
      const mo = EN_MONTHS.findIndex((full) => full.startsWith(name.slice(0, 3))) + 1;
      const day = num(m[1]) ?? num(m[3]);
      const year = num(m[4]);
      // "may" is also an English verb: only a month when a day or a year comes with it.
      if (mo < 1 || (name === 'may' && day === null && year === null)) continue;
      if (day !== null) {
        if (day >= 1 && day <= 31) add(m, withYear({ unit: 'day', year, month: mo, day }));
      } else add(m, withYear({ unit: 'month', year, month: mo, anchor: 'end' }));
    }
  }
  return hits;
}

/** Every deadline-like date in `f` (folded text), left to right, ranges merged, citations dropped. */
export function findDateHits(f: string, english: boolean): DateHit[] {
  const raw = collect(f, english).sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: DateHit[] = [];
  let lastEnd = -1;
  for (const h of raw) {
    if (h.start < lastEnd) continue;
    const prefix = f.slice(Math.max(0, h.start - 40), h.start);
    if (CITATION.test(prefix) || BASELINE.test(prefix)) {
      lastEnd = h.end;
      continue;
    }
    let point = h.point;
    if (!h.fixedAnchor && point.unit !== 'day') {
      const a = anchorOf(ANCHOR_VI.exec(prefix)?.[1] ?? (english ? ANCHOR_EN.exec(prefix)?.[1] : undefined));
      if (a) point = { ...point, anchor: a };
    }
    kept.push({
      start: h.start,
      end: h.end,
      point,
      before: BEFORE.test(prefix),
      isStart: START.test(prefix),
      range: false,
    });
    lastEnd = h.end;
  }
  const merged: DateHit[] = [];
  for (const h of kept) {
    const prev = merged[merged.length - 1];
    if (prev && RANGE_GAP.test(f.slice(prev.end, h.start))) {
      const year = h.point.year ?? prev.point.year;
      merged[merged.length - 1] = {
        ...h,
        start: prev.start,
        point: { ...h.point, year },
        before: prev.before || h.before,
        isStart: false,
        range: true,
        from: prev.point.year === null ? { ...prev.point, year } : prev.point,
      };
    } else merged.push(h);
  }
  return merged;
}
