import type { WorkingCalendar } from '../domain/calendar/types';
import type { AssignmentInput } from '../domain/events/assignment';
import type { DondocEvent, MilestoneRef } from '../domain/events/schemas';
import { milestoneTimeline, type MilestoneTimeline, type Policy } from '../domain/policy/policy';
import { planMilestonesOf, relativeDueOf } from '../domain/process/effects';
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
      return planMilestonesOf(input, deps.calendar);
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
      return relativeDueOf(args, deps.calendar);
    },

    /** Publishes sealed events to JetStream with msgID = eventId; retries are deduplicated. */
    async publishEvents(events: DondocEvent[]): Promise<PublishOutcome[]> {
      return await deps.publish(events);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
