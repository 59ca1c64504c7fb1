import type { WorkingCalendar } from '../calendar/types';
import { relativeDueDate } from '../deadlines/resolve';
import { plannedMilestones, type AssignmentInput } from '../events/assignment';
import type { MilestoneRef } from '../events/schemas';
import { reportMilestones } from '../policy/policy';
import type { RelativeDue } from './assignment-process';

/** The milestones an assignment knows at its start: the plan's dates, or report dates for ongoing work. */
export function planMilestonesOf(
  input: Pick<AssignmentInput, 'deadline' | 'policy' | 'period'>,
  calendar: WorkingCalendar,
): MilestoneRef[] {
  const every = input.deadline.recurrence?.every;
  const reportEvery =
    every === 'month' || every === 'quarter' || every === 'half-year' || every === 'year'
      ? every
      : input.policy.ongoingReportEvery;
  const reports =
    input.deadline.kind === 'ongoing'
      ? reportMilestones(reportEvery, input.period, input.deadline.start, calendar)
      : [];
  return plannedMilestones(input.deadline, reports);
}

/** The due date of a relative deadline triggered on `occurredOn` (Civil Code Art. 147: counting starts the next day). */
export function relativeDueOf(
  args: { occurredOn: string; workingDays: number | null; calendarDays: number | null },
  calendar: WorkingCalendar,
): RelativeDue {
  return relativeDueDate(args, args.occurredOn, calendar);
}
