import { DateTime } from 'luxon';
import type { DeadlineContext, Recurrence, ResolvedDeadline } from '../deadlines/types';
import type { Mention } from './model';

// Stand-ins used until domain/deadlines and domain/units are wired in: they read the common phrases and
// leave the rest as 'unparsed' / 'unresolved', so an import never fails for lack of them.

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

function fold(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function iso(y: number, m: number, d: number): string | null {
  const dt = DateTime.fromObject({ year: y, month: m, day: d });
  return dt.isValid ? dt.toISODate() : null;
}

function endOfMonth(y: number, m: number): string | null {
  const dt = DateTime.fromObject({ year: y, month: m, day: 1 });
  return dt.isValid ? dt.endOf('month').toISODate() : null;
}

function rollOverWeekend(date: string): string {
  let dt = DateTime.fromISO(date);
  while (dt.weekday > 5) dt = dt.plus({ days: 1 });
  return dt.toISODate() ?? date;
}

function blank(text: string, kind: ResolvedDeadline['kind'], notes: string[]): ResolvedDeadline {
  return {
    text,
    kind,
    milestones: [],
    recurrence: null,
    trigger: null,
    workingDays: null,
    calendarDays: null,
    start: null,
    notes,
  };
}

function fixed(text: string, nominal: string, label: string): ResolvedDeadline {
  return {
    ...blank(text, 'fixed', ['fallback reader: weekends only, holidays not applied']),
    milestones: [{ label, nominal, due: rollOverWeekend(nominal) }],
  };
}

/** A small reader of the commonest deadline phrases; everything else is 'unparsed'. */
export function fallbackInterpretDeadline(text: string, ctx: DeadlineContext): ResolvedDeadline {
  const t = fold(text);
  if (!t) return blank(text, 'unparsed', ['empty deadline cell']);
  const rec = (every: Recurrence['every']): ResolvedDeadline => ({
    ...blank(text, 'recurring', ['fallback reader: occurrences not expanded']),
    recurrence: { every, interval: 1, dayOfPeriod: null, month: null, description: text.trim() },
  });
  if (/(hằng|hàng) tháng|định kỳ tháng/.test(t)) return rec('month');
  if (/(hằng|hàng) quý|định kỳ quý/.test(t)) return rec('quarter');
  if (/(hằng|hàng) tuần/.test(t)) return rec('week');
  let m = /(?:trong vòng|trong thời hạn|trong)\s+(\d+)\s+ngày( làm việc)?/.exec(t);
  if (m && /khi|sau|kể từ/.test(t)) {
    const n = Number(m[1]);
    return {
      ...blank(text, 'relative', ['fallback reader']),
      trigger: t.replace(m[0], '').trim() || null,
      workingDays: m[2] ? n : null,
      calendarDays: m[2] ? null : n,
    };
  }
  if (/^(sau khi|khi có)/.test(t)) return { ...blank(text, 'relative', ['fallback reader']), trigger: text.trim() };
  if (/^(thực hiện )?theo (kế hoạch|đề án|tiến độ|quyết định|chương trình|yêu cầu|hướng dẫn|chỉ đạo)/.test(t))
    return blank(text, 'external', ['fallback reader']);
  m = /ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})/.exec(t) ?? /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(t);
  if (m) {
    const d = iso(Number(m[3]), Number(m[2]), Number(m[1]));
    if (d) return fixed(text, d, text.trim());
  }
  m = /trước tháng (\d{1,2})(?:\s*(?:năm|\/)\s*(\d{4}))?/.exec(t);
  if (m) {
    const y = Number(m[2] ?? ctx.until.slice(0, 4));
    const d = DateTime.fromObject({ year: y, month: Number(m[1]), day: 1 }).minus({ days: 1 });
    if (d.isValid) return fixed(text, d.toISODate() ?? '', text.trim());
  }
  m = /quý\s*(iv|iii|ii|i|[1-4])\b[^\d]*(\d{4})?/.exec(t.replace(/quí/g, 'quý'));
  if (m) {
    const q = ROMAN[m[1] ?? ''] ?? Number(m[1]);
    const y = Number(m[2] ?? ctx.until.slice(0, 4));
    const d = endOfMonth(y, q * 3);
    if (d) return fixed(text, d, `Quý ${q}/${y}`);
  }
  m = /6 tháng đầu năm\s*(\d{4})?/.exec(t);
  if (m) return fixed(text, `${m[1] ?? ctx.until.slice(0, 4)}-06-30`, '6 tháng đầu năm');
  m = /tháng (\d{1,2})(?:\s*(?:năm|\/|-)\s*(\d{4}))/.exec(t);
  if (m) {
    const d = endOfMonth(Number(m[2]), Number(m[1]));
    if (d) return fixed(text, d, text.trim());
  }
  m = /(\d{4})\s*[-–]\s*(\d{4})/.exec(t);
  if (m && /giai đoạn|từ năm/.test(t)) return fixed(text, `${m[2]}-12-31`, `giai đoạn ${m[1]}–${m[2]}`);
  if (/thường xuyên|liên tục/.test(t)) return blank(text, 'ongoing', ['fallback reader']);
  m = /năm (\d{4})/.exec(t) ?? /^(\d{4})$/.exec(t);
  if (m) return fixed(text, `${m[1]}-12-31`, `năm ${m[1]}`);
  return blank(text, 'unparsed', ['fallback reader could not read this phrase']);
}

const HEAD =
  /^(giám đốc|phó giám đốc|trưởng|chủ tịch|thủ trưởng|chánh|viện trưởng|bí thư|tổng giám đốc|cục trưởng|bộ trưởng|người đứng đầu)\b/i;

/** Splits a cell into mentions without a directory: every mention is 'unresolved'. */
export function fallbackResolveMentions(cellText: string): Mention[] {
  return splitMentionCell(cellText).map((text) => ({
    text,
    kind: 'unresolved' as const,
    role: HEAD.test(text) ? ('head' as const) : ('unit' as const),
    unitIds: [],
    groupId: null,
    warning: 'no unit directory for this plan',
  }));
}

/** Splits a units cell on bullets and semicolons. */
export function splitMentionCell(cellText: string): string[] {
  return cellText
    .replace(/(^|[.;:]\s*)[-–•+]\s+/g, '$1;')
    .split(/[;\n]/)
    .map((s) => s.replace(/^[\s\-–•+]+|[\s.;,:]+$/g, '').trim())
    .filter((s) => s.length > 1);
}
