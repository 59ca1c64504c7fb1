/**
 * Calendar re-projection: when a calendar override adds a day off (a new holiday, an announced swap) or gives one
 * back, the open milestones whose due date it touches move by the same rule that set them (Điều 148 Bộ luật Dân
 * sự: a due date on a day off moves to the next working day). Pure: both calendars and `today` are passed in.
 */
import type { DayInfo, WorkingCalendar } from '../calendar/types';
import { ART_148, dayOff, nextDay, viDate, weekday } from './explain';

/** An open milestone as the workflow holds it (MilestoneRef). */
export interface OpenMilestone {
  index: number;
  label: string;
  nominal: string;
  due: string;
  extendedDue: string | null;
  reprojectedDue?: string | null;
  /** A relative deadline's count: from its event's day, so many working days (MilestoneRef.counted). */
  counted?: { from: string; workingDays: number | null; calendarDays: number | null } | undefined;
}

/** One milestone's move: its effective due date before and after, why, and the rule that moves it. */
export interface DeadlineMove {
  milestone: number;
  label: string;
  from: string;
  to: string;
  /** Vietnamese, naming the day that changed: "1/5/2026 là ngày nghỉ theo tệp lịch: … → hạn chuyển từ … sang …". */
  reason: string;
  rule: string;
}

export interface ReprojectOptions {
  /** Today's civil date (Asia/Ho_Chi_Minh): milestones already due before it are not moved. */
  today: string;
  /**
   * Whether a due date may move earlier when a day off becomes a working day. Off by default: a deadline the
   * units were given is not shortened unless the monitoring unit asks for it.
   */
  earlier?: boolean;
}

/** How far a change is looked for between the old and the new due date (the longest Tết break is ~10 days). */
const MAX_SPAN_DAYS = 60;

function effectiveDue(m: OpenMilestone): string {
  return m.extendedDue ?? m.reprojectedDue ?? m.due;
}

function rollForward(calendar: WorkingCalendar, iso: string): string | null {
  try {
    return calendar.rollForward(iso);
  } catch {
    return null; // a date outside the calendar's years: nothing to re-project
  }
}

function addWorkingDays(calendar: WorkingCalendar, from: string, n: number): string | null {
  try {
    return calendar.addWorkingDays(from, n);
  } catch {
    return null;
  }
}

/** The days in [from, to) whose working status differs between the two calendars, as the new calendar has them. */
function changedDays(from: string, to: string, before: WorkingCalendar, after: WorkingCalendar): DayInfo[] {
  const out: DayInfo[] = [];
  let day = from;
  for (let i = 0; i < MAX_SPAN_DAYS && day < to; i++, day = nextDay(day)) {
    const info = after.describe(day);
    if (info.working !== before.isWorkingDay(day)) out.push(info);
  }
  return out;
}

function explainMove(from: string, to: string, changed: DayInfo[]): { reason: string; rule: string } {
  const moved = `hạn chuyển từ ${viDate(from)} sang ${viDate(to)} (${weekday(to)})`;
  const days = changed.map((d) =>
    d.working
      ? `${viDate(d.date)} nay là ngày làm việc${d.name ? ` (${d.name})` : ''}`
      : `${viDate(d.date)} là ${dayOff(d)} (mới trong lịch)`,
  );
  const sources = [...new Set(changed.map((d) => d.source).filter((s): s is string => s !== null))];
  return {
    reason: `${days.join('; ') || `lịch thay đổi quanh ${viDate(from)}`} → ${moved}`,
    rule: [ART_148, ...sources.map((s) => `lịch nghỉ: ${s}`)].join('; '),
  };
}

/**
 * The moves a calendar change makes to open milestones. A due date that the old calendar rolled forward from its
 * nominal day (or an extension's date) is rolled again on the new one; a due date counted in working days from an
 * event (`counted`) is counted again on the new one, so a day off added inside the count moves it; any other due
 * date (set by hand) moves only when it falls on a day the new calendar takes off.
 * Milestones due before `today` stay: their outcome is already being counted.
 */
export function reprojectMilestones(
  milestones: readonly OpenMilestone[],
  before: WorkingCalendar,
  after: WorkingCalendar,
  options: ReprojectOptions,
): DeadlineMove[] {
  const moves: DeadlineMove[] = [];
  for (const m of milestones) {
    const from = effectiveDue(m);
    if (from < options.today) continue;
    const base = m.extendedDue ?? m.nominal;
    // A count of working days from an event is counted again; an extension's date or a date set by hand is not.
    const count = m.extendedDue === null && m.counted?.workingDays != null ? m.counted : null;
    const recount = count !== null && addWorkingDays(before, count.from, count.workingDays!) === from;
    const to = recount
      ? addWorkingDays(after, count.from, count.workingDays!)
      : rollForward(after, rollForward(before, base) === from ? base : from);
    if (to === null || to === from || to < options.today) continue;
    if (to < from && !options.earlier) continue;
    const [lo, hi] = to > from ? [from, to] : [to, from];
    const changed = changedDays(recount ? nextDay(count.from) : lo, hi, before, after);
    moves.push({ milestone: m.index, label: m.label, from, to, ...explainMove(from, to, changed) });
  }
  return moves;
}
