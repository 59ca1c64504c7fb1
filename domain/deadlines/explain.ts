/**
 * How a deadline phrase became dates, in Vietnamese: the rule that turned each period into its last day
 * (Điều 146/148 Bộ luật Dân sự, "trước" read strictly), the year taken from the plan when the text has none, and
 * each day off — with the calendar's own holiday name and source — that moved a due date. Pure: the calendar is
 * passed in, and the schedule is re-read from the text when the caller does not give it.
 */
import type { DayInfo, WorkingCalendar } from '../calendar/types';
import { fromIso } from './dates';
import { parseDeadline } from './parse';
import type { DatePoint, DeadlineSchedule, MilestoneSpec } from './schedule';
import type { Milestone, Recurrence, ResolvedDeadline } from './types';

/** One reading, explained: a headline, then one line per step or milestone, then what needs review. */
export interface DeadlineExplanation {
  /** e.g. "Trước tháng 10 năm 2026 → hạn cuối 30/9/2026 (thứ Tư, ngày làm việc)". */
  summary: string;
  lines: string[];
  /** false when the reading is a guess: the lines starting "Cần rà soát" say why. */
  certain: boolean;
}

const WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
const ROMAN = ['', 'I', 'II', 'III', 'IV'];
export const ART_148 = 'Điều 148 Bộ luật Dân sự';
const MAX_LISTED = 24;

/** "30/9/2026". */
export function viDate(iso: string): string {
  const d = fromIso(iso);
  return d ? `${d.d}/${d.m}/${d.y}` : iso;
}

/** "thứ Tư". */
export function weekday(iso: string): string {
  const d = fromIso(iso);
  return d ? (WEEKDAYS[new Date(Date.UTC(d.y, d.m - 1, d.d)).getUTCDay()] ?? '') : '';
}

/** Why a day is not a working day, naming the holiday and its source. */
export function dayOff(info: DayInfo): string {
  switch (info.kind) {
    case 'weekend':
      return `${weekday(info.date)}, ngày nghỉ hằng tuần`;
    case 'holiday':
      return `ngày nghỉ lễ${info.name ? ` ${info.name}` : ''}`;
    case 'compensatory':
      return `ngày nghỉ bù${info.name ? `: ${info.name}` : ''}`;
    case 'swapped-off':
      return `ngày nghỉ hoán đổi${info.name ? `: ${info.name}` : ''}`;
    case 'override-off':
      return `ngày nghỉ theo tệp lịch${info.name ? `: ${info.name}` : ''}`;
    case 'workday':
    case 'makeup-workday':
    case 'override-working':
      return 'ngày làm việc';
    default: {
      const _exhaustive: never = info.kind;
      return _exhaustive;
    }
  }
}

/** "hạn cuối 30/9/2026 (thứ Tư, ngày làm việc)" or "30/4/2026 là ngày nghỉ lễ … → hạn chuyển sang 4/5/2026 (…)". */
export function explainDue(m: Pick<Milestone, 'nominal' | 'due'>, calendar: WorkingCalendar): string {
  if (m.nominal === m.due) {
    const info = safeDescribe(calendar, m.due);
    const kind =
      info && info.kind === 'makeup-workday' ? `ngày làm bù${info.name ? `: ${info.name}` : ''}` : 'ngày làm việc';
    return `hạn cuối ${viDate(m.due)} (${weekday(m.due)}, ${kind})`;
  }
  // Every day off from the nominal day up to the due day, consecutive days of one reason merged.
  const runs: { from: string; to: string; info: DayInfo; key: string }[] = [];
  let day = m.nominal;
  for (let i = 0; i < 60 && day < m.due; i++) {
    const info = safeDescribe(calendar, day);
    if (info && !info.working) {
      const key = `${info.kind === 'weekend' ? 'weekend' : info.kind}|${baseName(info.name)}`;
      const last = runs.at(-1);
      if (last && last.key === key && nextDay(last.to) === day) last.to = day;
      else runs.push({ from: day, to: day, info, key });
    }
    day = nextDay(day);
  }
  const sources = [...new Set(runs.map((r) => r.info.source).filter((s): s is string => s !== null))];
  const parts = runs.map((r) => {
    const when = r.from === r.to ? viDate(r.from) : `${viDate(r.from).replace(/\/\d+$/, '')}–${viDate(r.to)}`;
    if (r.info.kind === 'weekend')
      return `${when} là ${r.from === r.to ? weekday(r.from) + ', ' : ''}ngày nghỉ hằng tuần`;
    const info = r.from === r.to ? r.info : { ...r.info, name: baseName(r.info.name) };
    return `${when} là ${dayOff(info)}`;
  });
  const why = parts.join('; ') || `${viDate(m.nominal)} là ngày nghỉ`;
  const cite = [ART_148, ...sources.map((s) => `lịch nghỉ: ${s}`)].join('; ');
  return `${why} → hạn chuyển sang ${viDate(m.due)} (${weekday(m.due)}) (${cite})`;
}

/** "Tết Âm lịch (mùng 2)" → "Tết Âm lịch": days of one holiday merge into one run. */
function baseName(name: string | null): string {
  return (name ?? '').replace(/\s*\([^()]*\)\s*$/, '');
}

function safeDescribe(calendar: WorkingCalendar, iso: string): DayInfo | null {
  try {
    return calendar.describe(iso);
  } catch {
    return null;
  }
}

/** The civil day after `iso`. */
export function nextDay(iso: string): string {
  const d = fromIso(iso);
  if (!d) return '9999-12-31';
  const t = new Date(Date.UTC(d.y, d.m - 1, d.d + 1));
  return t.toISOString().slice(0, 10);
}

/** What the text names and how its last day is read: "Quý III/2026 → ngày cuối quý". */
function ruleOf(spec: MilestoneSpec, nominal: string): string {
  const p = spec.point;
  const y = fromIso(nominal)?.y ?? p.year ?? 0;
  const yearNote = p.year === null ? ` (năm không ghi: lấy năm ${y} theo kỳ kế hoạch)` : '';
  const before = spec.before;
  const period = (q: DatePoint): string => {
    switch (q.unit) {
      case 'day':
        return `ngày ${q.day}/${q.month}/${y}`;
      case 'month':
        return `tháng ${q.month}/${y}`;
      case 'quarter':
        return `Quý ${ROMAN[q.quarter] ?? q.quarter}/${y}`;
      case 'half':
        return `6 tháng ${q.half === 1 ? 'đầu' : 'cuối'} năm ${y}`;
      case 'year':
        return `năm ${y}`;
      default: {
        const _exhaustive: never = q;
        return _exhaustive;
      }
    }
  };
  if (before) {
    if (p.unit === 'day') return `trước ${period(p)}${yearNote}: hạn là ngày liền trước, ${viDate(nominal)}`;
    return `trước ${period(p)}${yearNote}: hạn là ngày cuối cùng trước kỳ đó, ${viDate(nominal)}`;
  }
  if (p.unit === 'day') return `${period(p)}${yearNote}`;
  const anchor =
    p.anchor === 'start'
      ? 'đầu kỳ là ngày đầu tiên (Điều 146 Bộ luật Dân sự)'
      : p.anchor === 'middle'
        ? 'giữa kỳ (Điều 146 Bộ luật Dân sự)'
        : 'hạn là ngày cuối cùng của kỳ';
  return `${period(p)}${yearNote}: ${anchor}, ${viDate(nominal)}`;
}

function every(r: Recurrence): string {
  const n = r.interval > 1 ? `${r.interval} ` : '';
  const unit = { week: 'tuần', month: 'tháng', quarter: 'quý', 'half-year': '6 tháng', year: 'năm' }[r.every];
  const base = r.interval > 1 ? `${n}${unit} một lần` : r.every === 'half-year' ? '6 tháng một lần' : `hằng ${unit}`;
  const day =
    r.every === 'week'
      ? r.dayOfPeriod
        ? `, vào ${WEEKDAYS[r.dayOfPeriod % 7]}`
        : ', hạn là Chủ nhật cuối tuần'
      : r.dayOfPeriod
        ? `, hạn ngày ${r.dayOfPeriod}${r.month ? `/${r.month}` : ''}`
        : r.month
          ? `, hạn cuối tháng ${r.month}`
          : ', hạn là ngày cuối kỳ';
  return base + day;
}

function listMilestones(milestones: Milestone[], calendar: WorkingCalendar, lines: string[]): void {
  const shown = milestones.slice(0, MAX_LISTED);
  for (const m of shown) lines.push(`${m.label}: ${explainDue(m, calendar)}`);
  if (milestones.length > shown.length) lines.push(`… và ${milestones.length - shown.length} mốc nữa`);
}

/**
 * Explains a resolved deadline in Vietnamese. `schedule` is what the parser read; when absent the text is read
 * again (the parser is pure, so the reading is the same).
 */
export function explainDeadline(
  resolved: ResolvedDeadline,
  calendar: WorkingCalendar,
  schedule: DeadlineSchedule = parseDeadline(resolved.text),
): DeadlineExplanation {
  const text = resolved.text.replace(/\s+/g, ' ').trim();
  const lines: string[] = [];
  let summary: string;
  const first = resolved.milestones[0];
  switch (resolved.kind) {
    case 'fixed': {
      const specs = schedule.kind === 'fixed' ? schedule.milestones : [];
      resolved.milestones.forEach((m, i) => {
        const spec = specs[i];
        const rule = spec ? ruleOf(spec, m.nominal) : `${m.label}: ${viDate(m.nominal)}`;
        if (resolved.milestones.length === 1) lines.push(rule);
        else lines.push(`${rule} → ${explainDue(m, calendar)}`);
      });
      summary =
        resolved.milestones.length === 1 && first
          ? `${text} → ${explainDue(first, calendar)}`
          : `${text} → ${resolved.milestones.length} mốc, mốc cuối ${viDate(resolved.milestones.at(-1)?.due ?? '')}`;
      break;
    }
    case 'recurring': {
      const r = resolved.recurrence;
      const span = first
        ? `, ${resolved.milestones.length} mốc từ ${viDate(first.nominal)} đến ${viDate(resolved.milestones.at(-1)?.nominal ?? first.nominal)}`
        : ', không có mốc nào trong kỳ kế hoạch';
      const named = schedule.kind === 'recurring' && schedule.days ? schedule.days : null;
      const cadence = r
        ? named
          ? every({ ...r, dayOfPeriod: null, month: null }).replace(/, hạn là ngày cuối kỳ$/, '')
          : every(r)
        : '';
      const onDays = named
        ? `, hạn vào các ngày văn bản ghi: ${named.map((d) => `${d.before ? 'trước ' : ''}ngày ${d.point.unit === 'day' ? `${d.point.day}/${d.point.month}` : ''}`).join(', ')} mỗi năm`
        : '';
      summary = `${text} → định kỳ ${cadence}${onDays}${resolved.start ? `, bắt đầu từ ${viDate(resolved.start)}` : ''}${span}`;
      if (schedule.kind === 'fixed')
        lines.push('Ngày không ghi năm trong kế hoạch nhiều năm: lặp lại mỗi năm của kỳ kế hoạch');
      if (schedule.kind === 'recurring' && schedule.start && /tiep theo|tiếp theo|hằng năm|hàng năm/i.test(text))
        lines.push('Thực hiện từ kỳ đầu tiên và tiếp tục mỗi năm đến hết kỳ kế hoạch');
      if (resolved.trigger) lines.push(`Bắt đầu sau sự kiện: ${resolved.trigger}`);
      listMilestones(resolved.milestones, calendar, lines);
      break;
    }
    case 'relative': {
      const count =
        resolved.workingDays !== null
          ? `${resolved.workingDays} ngày làm việc, không tính ngày xảy ra sự kiện (Điều 147 Bộ luật Dân sự)`
          : resolved.calendarDays !== null
            ? `${resolved.calendarDays} ngày, không tính ngày xảy ra sự kiện (Điều 147); ngày cuối là ngày nghỉ thì chuyển sang ngày làm việc tiếp theo (${ART_148})`
            : resolved.months
              ? `${resolved.months} tháng, kết thúc vào ngày tương ứng của tháng cuối, hoặc ngày cuối tháng nếu tháng đó không có ngày ấy (${ART_148})`
              : null;
      summary = `${text} → thời hạn tính từ sự kiện${resolved.trigger ? `: ${resolved.trigger}` : ''}`;
      lines.push(count ? `Thời hạn: ${count}` : 'Chưa xác định thời hạn: hạn được tính khi sự kiện xảy ra');
      break;
    }
    case 'ongoing':
      summary = `${text} → thực hiện thường xuyên, không có hạn cuối${resolved.start ? `, bắt đầu từ ${viDate(resolved.start)}` : ''}`;
      if (resolved.recurrence) {
        lines.push(`Kèm mốc định kỳ: ${every(resolved.recurrence)}`);
        listMilestones(resolved.milestones, calendar, lines);
      }
      break;
    case 'external':
      summary = `${text} → thời hạn theo văn bản hoặc chỉ đạo khác`;
      if (schedule.kind === 'external') lines.push(`Văn bản: ${schedule.reference}`);
      break;
    case 'unparsed':
      summary = `${text || '(trống)'} → không đọc được thời hạn`;
      for (const n of resolved.notes ?? []) lines.push(`Lý do: ${n}`);
      break;
    default: {
      const _exhaustive: never = resolved.kind;
      return _exhaustive;
    }
  }
  const review = resolved.review ?? [];
  for (const r of review) lines.push(`Cần rà soát: ${r}`);
  return { summary, lines, certain: resolved.certain ?? review.length === 0 };
}
