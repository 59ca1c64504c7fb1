import type { WorkingCalendar } from '../calendar/types';
import {
  addDays,
  anchorDate,
  daysInMonth,
  fromIso,
  isValidPoint,
  nominalDate,
  periodLabel,
  toIso,
  type Ymd,
} from './dates';
import { parseDeadline } from './parse';
import type { DatePoint, DeadlineSchedule, MilestoneSpec, RecurringSchedule } from './schedule';
import type { DeadlineContext, Milestone, Recurrence, ResolvedDeadline } from './types';

const MAX_OCCURRENCES = 1000;

interface Period {
  from: Ymd;
  until: Ymd;
  issued: Ymd;
}

const cmp = (a: Ymd, b: Ymd) => a.y - b.y || a.m - b.m || a.d - b.d;

/** Resolves a schedule against a plan's context: nominal days, Art. 148 due days, recurring dates expanded. */
export function resolveDeadline(
  schedule: DeadlineSchedule,
  ctx: DeadlineContext,
  calendar: WorkingCalendar,
): ResolvedDeadline {
  const notes = [...schedule.notes];
  const out: ResolvedDeadline = {
    text: schedule.text,
    kind: schedule.kind,
    milestones: [],
    recurrence: null,
    trigger: null,
    workingDays: null,
    calendarDays: null,
    start: null,
    notes: null,
  };
  const period = toPeriod(ctx, notes);
  const milestone = (label: string, nominal: Ymd): Milestone => {
    const iso = toIso(nominal);
    return { label, nominal: iso, due: calendar.rollForward(iso) };
  };

  const review = [...(schedule.review ?? [])];
  switch (schedule.kind) {
    case 'fixed': {
      const yearly = period ? everyYear(schedule.milestones, period) : null;
      if (yearly && period) {
        out.kind = 'recurring';
        out.recurrence = yearly;
        for (const o of expand(yearly, null, false, period.from, period.until))
          out.milestones.push(milestone(o.label, o.nominal));
        notes.push('no year in a plan of several years: the day recurs each year of the plan');
        break;
      }
      for (const spec of schedule.milestones) {
        const ymd = specNominal(spec, period, notes);
        if (ymd) out.milestones.push(milestone(spec.label, ymd));
      }
      if (out.milestones.length === 0) {
        out.kind = 'unparsed';
        notes.push('no valid date left after resolution');
      }
      break;
    }
    case 'recurring':
      out.recurrence = schedule.recurrence;
      out.trigger = schedule.trigger;
      if (period) {
        let from = period.from;
        let until = period.until;
        if (schedule.start) {
          const s = startOf(schedule.start, period, notes);
          out.start = toIso(s);
          if (cmp(s, from) > 0) from = s;
        }
        if (schedule.end) {
          const e = anchorDate({ ...schedule.end, anchor: 'end' } as DatePoint, schedule.end.year ?? until.y);
          if (cmp(e, until) < 0) until = e;
        }
        let first: { label: string; nominal: Ymd } | null = null;
        if (schedule.first) {
          const ymd = specNominal(schedule.first, period, notes);
          if (ymd) {
            first = { label: schedule.first.label, nominal: ymd };
            if (cmp(ymd, from) > 0) from = ymd;
          }
        }
        const occurrences = schedule.days
          ? namedDayOccurrences(schedule.days, from, until)
          : expand(schedule.recurrence, schedule.quarters, schedule.yearEndSummary, from, until);
        if (first && !occurrences.some((o) => cmp(o.nominal, (first as { nominal: Ymd }).nominal) === 0))
          occurrences.unshift(first);
        for (const o of occurrences) out.milestones.push(milestone(o.label, o.nominal));
      }
      if (schedule.trigger) notes.push('the series starts after the trigger; occurrences before it do not apply');
      break;
    case 'relative':
      out.trigger = schedule.trigger;
      out.workingDays = schedule.workingDays;
      out.calendarDays = schedule.calendarDays;
      if (schedule.months) out.months = schedule.months;
      break;
    case 'ongoing': {
      let startYmd: Ymd | null = null;
      if (schedule.start && period) {
        const year = pointYear(schedule.start, false, period, notes);
        startYmd = anchorDate(
          { ...schedule.start, ...(schedule.start.unit === 'day' ? {} : { anchor: 'start' }) } as DatePoint,
          year,
        );
        out.start = toIso(startYmd);
      }
      if (schedule.recurrence && period) {
        out.recurrence = schedule.recurrence;
        const from = startYmd && cmp(startYmd, period.from) > 0 ? startYmd : period.from;
        for (const o of expand(schedule.recurrence, null, false, from, period.until))
          out.milestones.push(milestone(o.label, o.nominal));
      } else out.recurrence = schedule.recurrence;
      break;
    }
    case 'external':
    case 'unparsed':
      break;
    default: {
      const _exhaustive: never = schedule;
      return _exhaustive;
    }
  }
  if (out.kind === 'unparsed') review.push('không đọc được thời hạn: cần nhập tay');
  out.notes = notes.length > 0 ? notes : null;
  out.certain = review.length === 0;
  out.review = review.length > 0 ? review : null;
  return out;
}

/** The first day of the period a series starts with ("kể từ năm 2027" → 1/1/2027). */
function startOf(p: DatePoint, period: Period, notes: string[]): Ymd {
  const year = pointYear(p, false, period, notes);
  return p.unit === 'day'
    ? { y: year, m: p.month, d: p.day }
    : anchorDate({ ...p, anchor: 'start' } as DatePoint, year);
}

/**
 * "báo cáo trước ngày 20/11" in a plan of several years: one day of the year, no year given, recurs each year of the
 * plan. Null when the milestones are anything else, or the plan lies within one year.
 */
function everyYear(specs: MilestoneSpec[], period: Period): Recurrence | null {
  const [spec] = specs;
  if (specs.length !== 1 || !spec || spec.point.unit !== 'day' || spec.point.year !== null || spec.yearOffset)
    return null;
  if (period.until.y <= period.from.y) return null;
  const nominal = nominalDate(spec.point, 2001, spec.before);
  if (spec.point.month === 2 && spec.point.day >= 28) return null;
  return { every: 'year', interval: 1, dayOfPeriod: nominal.d, month: nominal.m, description: spec.label };
}

/** Parses and resolves in one step. */
export function interpretDeadline(text: string, ctx: DeadlineContext, calendar: WorkingCalendar): ResolvedDeadline {
  return resolveDeadline(parseDeadline(text), ctx, calendar);
}

/**
 * The due date of a relative limit counted from an event on `eventDate` (Civil Code Art. 147: counting starts the
 * next day): `nominal` as counted, `due` rolled forward to a working day (Art. 148). null when the limit has no
 * count or the date is not a date. The one computation behind dueAfterEvent and the process's relativeDue effect.
 */
export function relativeDueDate(
  limit: { workingDays: number | null; calendarDays: number | null; months?: number | null | undefined },
  eventDate: string,
  calendar: WorkingCalendar,
): { nominal: string; due: string } | null {
  const event = fromIso(eventDate);
  if (!event) return null;
  if (limit.workingDays !== null) {
    const d = calendar.addWorkingDays(eventDate, limit.workingDays);
    return { nominal: d, due: d };
  }
  if (limit.calendarDays !== null) {
    const nominal = toIso(addDays(event, limit.calendarDays));
    return { nominal, due: calendar.rollForward(nominal) };
  }
  if (limit.months) {
    // Art. 148: a month limit ends on the matching day, or the last day of the month that has none.
    const total = event.m - 1 + limit.months;
    const y = event.y + Math.floor(total / 12);
    const m = (total % 12) + 1;
    const nominal = toIso({ y, m, d: Math.min(event.d, daysInMonth(y, m)) });
    return { nominal, due: calendar.rollForward(nominal) };
  }
  return null;
}

/**
 * The due day of a relative deadline once its event happened (Art. 147: the event's day is not counted;
 * Art. 148: a last day off work rolls forward). Null when the deadline names no number of days.
 */
export function dueAfterEvent(resolved: ResolvedDeadline, eventDate: string, calendar: WorkingCalendar): string | null {
  return relativeDueDate(resolved, eventDate, calendar)?.due ?? null;
}

function toPeriod(ctx: DeadlineContext, notes: string[]): Period | null {
  const issued = fromIso(ctx.issued);
  const until = fromIso(ctx.until);
  const from = ctx.from === undefined ? issued : fromIso(ctx.from);
  if (!issued || !until || !from) {
    notes.push(
      `invalid plan context (issued ${ctx.issued}, from ${ctx.from ?? '-'}, until ${ctx.until}): dates need YYYY-MM-DD`,
    );
    return null;
  }
  if (cmp(from, until) > 0) notes.push(`plan period is empty: ${toIso(from)} is after ${toIso(until)}`);
  return { issued, from, until };
}

/** Year of a point: its own, else the issue year, else the next occurrence inside the plan period. */
function pointYear(p: DatePoint, before: boolean, period: Period, notes: string[]): number {
  if (p.year !== null) return p.year;
  const y0 = period.issued.y;
  const label = (y: number) => periodLabel(p, y).replace(/\/\d{4}$| năm \d{4}$|^Năm \d{4}$/, '') || 'year';
  if (cmp(nominalDate(p, y0, before), period.from) >= 0) {
    notes.push(`year not stated: assumed ${y0}, the plan's issue year (${label(y0)})`);
    return y0;
  }
  const next = y0 + 1;
  if (cmp(nominalDate(p, next, before), period.until) <= 0) {
    notes.push(`year not stated: assumed ${next}, the next occurrence within the plan period`);
    return next;
  }
  notes.push(`year not stated and no occurrence within the plan period: assumed ${y0}, the plan's issue year`);
  return y0;
}

function specNominal(spec: MilestoneSpec, period: Period | null, notes: string[]): Ymd | null {
  if (spec.yearOffset && period) {
    const year = period.from.y + spec.yearOffset;
    notes.push(`"${spec.label}": the year after ${period.from.y}, the plan's first year: ${year}`);
    return isValidPoint(spec.point, year) ? nominalDate(spec.point, year, spec.before) : null;
  }
  if (spec.point.year === null && !period) {
    notes.push(`"${spec.label}": year not stated and no valid plan context`);
    return null;
  }
  const year = period ? pointYear(spec.point, spec.before, period, notes) : (spec.point.year as number);
  if (!isValidPoint(spec.point, year)) {
    notes.push(
      `"${spec.label}": no such day ${spec.point.unit === 'day' ? `${spec.point.day}/${spec.point.month}/${year}` : ''}`,
    );
    return null;
  }
  if (spec.before && spec.point.unit === 'day')
    notes.push(`"trước/before" read strictly: the last allowed day is the day before`);
  return nominalDate(spec.point, year, spec.before);
}

const ROMAN = ['', 'I', 'II', 'III', 'IV'];

/** The yearless days a series names ("trước ngày 15 tháng 6 và trước ngày 01 tháng 12"), in each year of [from, until]. */
function namedDayOccurrences(days: MilestoneSpec[], from: Ymd, until: Ymd): { label: string; nominal: Ymd }[] {
  const out: { label: string; nominal: Ymd }[] = [];
  for (let y = from.y; y <= until.y && out.length < MAX_OCCURRENCES; y++) {
    days.forEach((spec, k) => {
      const nominal = nominalDate(spec.point, y, spec.before);
      if (cmp(nominal, from) >= 0 && cmp(nominal, until) <= 0) out.push({ label: `Lần ${k + 1}/${y}`, nominal });
    });
  }
  return out.sort((a, b) => cmp(a.nominal, b.nominal));
}

/** Occurrences of a recurrence whose nominal day falls within [from, until]. */
export function expand(
  rec: Recurrence,
  quarters: RecurringSchedule['quarters'],
  yearEndSummary: boolean,
  from: Ymd,
  until: Ymd,
): { label: string; nominal: Ymd }[] {
  const out: { label: string; nominal: Ymd }[] = [];
  const inRange = (d: Ymd) => cmp(d, from) >= 0 && cmp(d, until) <= 0;
  const dayIn = (y: number, m: number) => ({ y, m, d: Math.min(rec.dayOfPeriod ?? 31, daysInMonth(y, m)) });
  const push = (label: string, nominal: Ymd) => {
    if (inRange(nominal) && out.length < MAX_OCCURRENCES) out.push({ label, nominal });
  };
  if (rec.every === 'week') {
    // Weeks end on Sunday unless the text names a weekday; Art. 148 rolls a Sunday deadline to the next working day.
    let d = from;
    const weekday = new Date(Date.UTC(d.y, d.m - 1, d.d)).getUTCDay();
    const target = (rec.dayOfPeriod ?? 7) % 7;
    d = addDays(d, (target - weekday + 7) % 7);
    while (cmp(d, until) <= 0 && out.length < MAX_OCCURRENCES) {
      push(`Tuần đến ${d.d}/${d.m}/${d.y}`, d);
      d = addDays(d, 7 * rec.interval);
    }
    return out;
  }
  for (let y = from.y; y <= until.y && out.length < MAX_OCCURRENCES; y++) {
    switch (rec.every) {
      case 'month':
        for (let m = 1; m <= 12; m += rec.interval) {
          const last = Math.min(12, m + rec.interval - 1);
          push(rec.interval === 1 ? `Tháng ${m}/${y}` : `Tháng ${m}-${last}/${y}`, dayIn(y, last));
        }
        break;
      case 'quarter':
        for (let q = 1; q <= 4; q += rec.interval) {
          if (quarters && !quarters.includes(q)) continue;
          push(`Quý ${ROMAN[q]}/${y}`, dayIn(y, q * 3));
        }
        break;
      case 'half-year':
        push(`6 tháng đầu năm ${y}`, dayIn(y, 6));
        push(`6 tháng cuối năm ${y}`, dayIn(y, 12));
        break;
      case 'year':
        if ((y - from.y) % rec.interval === 0) push(`Năm ${y}`, dayIn(y, rec.month ?? 12));
        break;
      default: {
        const _exhaustive: never = rec.every;
        return _exhaustive;
      }
    }
    if (yearEndSummary) push(`Tổng kết năm ${y}`, { y, m: 12, d: 31 });
  }
  return out.sort((a, b) => cmp(a.nominal, b.nominal));
}
