import { DateTime } from 'luxon';
import { ZONE, type IsoDate, type WorkingCalendar } from '../calendar/types';
import { milestoneTimeline, type Policy } from '../policy/policy';
import type { Plan } from './model';

/** The due dates a plan fixes up front (fixed and recurring deadlines), in order. */
export function datedMilestones(plan: Plan): { ref: string; due: IsoDate }[] {
  return plan.tasks
    .flatMap((t) => t.deadline.milestones.map((m) => ({ ref: t.ref, due: m.due })))
    .sort((a, b) => a.due.localeCompare(b.due));
}

/**
 * Re-anchors a plan to the first year, from today's on, in which none of its dated deadlines has passed, so that a
 * sample starts with everything ahead of it rather than overdue. `read(year)` imports the plan for a year (the
 * importer shifts the issue date, the period and every year in the deadline phrases). Looks `maxYearsAhead` years
 * ahead; if no year clears every deadline, the year with the fewest passed ones.
 */
export function anchorYearAhead(
  read: (year: number) => Plan,
  today: IsoDate,
  maxYearsAhead = 3,
): { year: number; plan: Plan; passed: number } {
  const first = Number(today.slice(0, 4));
  let best: { year: number; plan: Plan; passed: number } | null = null;
  for (let year = first; year <= first + maxYearsAhead; year++) {
    const plan = read(year);
    const passed = datedMilestones(plan).filter((m) => m.due < today).length;
    if (!best || passed < best.passed) best = { year, plan, passed };
    if (passed === 0) break;
  }
  return best!;
}

/**
 * Where a demo plan's clock starts: 08:00 on the day before the first reminder of its earliest dated deadline under
 * `policy`, so the first reminder falls due a few seconds after a fast clock starts. Null for a plan without dates.
 */
export function demoStartOf(plan: Plan, policy: Policy, calendar: WorkingCalendar): number | null {
  const first = datedMilestones(plan)[0];
  if (!first) return null;
  const tl = milestoneTimeline(first.due, policy, calendar);
  const instants = [...tl.reminders.map((r) => r.at), tl.missedAt].map((at) => Date.parse(at));
  const earliest = DateTime.fromMillis(Math.min(...instants), { zone: ZONE });
  return earliest.minus({ days: 1 }).set({ hour: 8, minute: 0, second: 0, millisecond: 0 }).toMillis();
}
