import type { WorkingCalendar } from '../domain/calendar/types';
import { plannedMilestones, type AssignmentInput } from '../domain/events/assignment';
import type { DondocEvent, MilestoneRef } from '../domain/events/schemas';
import { milestoneTimeline, reportMilestones, type MilestoneTimeline, type Policy } from '../domain/policy/policy';
import type { PublishOutcome } from '../nats/publisher';

export interface ActivityDeps {
  /** Publishes sealed events in order (JetStream with msgID in production; an in-memory sink in `dondoc simulate`). */
  publish(events: DondocEvent[]): Promise<PublishOutcome[]>;
  /** The working calendar with the operator's overrides; read here, not in workflows, so a new decree needs no replay. */
  calendar: WorkingCalendar;
}

/** Builds the worker's activities around their connections. */
export function createActivities(deps: ActivityDeps) {
  return {
    /** The milestones an assignment knows at its start: the plan's dates, or report dates for ongoing work. */
    async planMilestones(input: Pick<AssignmentInput, 'deadline' | 'policy' | 'period'>): Promise<MilestoneRef[]> {
      const every = input.deadline.recurrence?.every;
      const reportEvery =
        every === 'month' || every === 'quarter' || every === 'half-year' || every === 'year'
          ? every
          : input.policy.ongoingReportEvery;
      const reports =
        input.deadline.kind === 'ongoing'
          ? reportMilestones(reportEvery, input.period, input.deadline.start, deps.calendar)
          : [];
      return plannedMilestones(input.deadline, reports);
    },

    /** Reminder, miss and escalation instants of one milestone on the working calendar. */
    async computeTimeline(args: { due: string; policy: Policy }): Promise<MilestoneTimeline> {
      return milestoneTimeline(args.due, args.policy, deps.calendar);
    },

    /** The due date of a relative deadline triggered on `occurredOn` (Civil Code Art. 147: counting starts the next day). */
    async relativeDue(args: {
      occurredOn: string;
      workingDays: number | null;
      calendarDays: number | null;
    }): Promise<{ nominal: string; due: string } | null> {
      if (args.workingDays !== null) {
        const d = deps.calendar.addWorkingDays(args.occurredOn, args.workingDays);
        return { nominal: d, due: d };
      }
      if (args.calendarDays !== null) {
        const [y, m, day] = args.occurredOn.split('-').map(Number);
        const nominal = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (day ?? 1) + args.calendarDays))
          .toISOString()
          .slice(0, 10);
        return { nominal, due: deps.calendar.rollForward(nominal) };
      }
      return null;
    },

    /** Publishes sealed events to JetStream with msgID = eventId; retries are deduplicated. */
    async publishEvents(events: DondocEvent[]): Promise<PublishOutcome[]> {
      return await deps.publish(events);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
