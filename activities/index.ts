import type { WorkingCalendar } from '../domain/calendar/types';
import type { AssignmentInput } from '../domain/events/assignment';
import type { DondocEvent, MilestoneRef } from '../domain/events/schemas';
import { milestoneTimeline, type MilestoneTimeline, type Policy } from '../domain/policy/policy';
import { planMilestonesOf, relativeDueOf } from '../domain/process/effects';
import type { PublishOutcome } from '../nats/publisher';
import { hashMatches, rechain } from '../domain/events/seal';

export interface ActivityDeps {
  /** Publishes sealed events in order (JetStream with msgID in production; an in-memory sink in `dondoc simulate`). */
  publish(events: DondocEvent[]): Promise<PublishOutcome[]>;
  /**
   * The event stored at a stream sequence, to read back what a duplicate publish was deduplicated against; null if
   * the message is gone or is not a valid event of a known version.
   */
  stored?(seq: number): Promise<DondocEvent | null>;
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

    /**
     * Appends a task's events to the stream, in order, after the event whose hash is `prevHash`, and returns
     * every event the stream ends up holding in another version than the one given (`adopted`).
     *
     * Since the LOCAL_PUBLISH patch the workflow publishes through this local activity. A local activity runs
     * before its workflow task is recorded; if the worker dies in between, the retried task seals the same event
     * again at a later time, and JetStream drops that version as a duplicate msgID. Here the stored version is
     * read back and handed to the workflow, which records it (the activity's result is in history) and keeps it,
     * so history and stream agree; the events after it are re-chained to its hash. Without a crash, `adopted` is
     * empty.
     */
    async appendEvents(args: { events: DondocEvent[]; prevHash: string }): Promise<{ adopted: DondocEvent[] }> {
      const adopted: DondocEvent[] = [];
      let prev = args.prevHash;
      for (const given of args.events) {
        let event = rechain(given, prev);
        const [outcome] = await deps.publish([event]);
        // A message deleted from the stream keeps its msgID in the duplicate window: nothing to adopt, and
        // `dondoc reconcile` republishes this version from the workflow's log under a repair id.
        const stored = outcome?.duplicate && deps.stored ? await deps.stored(outcome.seq) : null;
        if (stored) {
          if (stored.metadata.eventId !== event.metadata.eventId) {
            throw new Error(
              `duplicate publish of ${event.metadata.eventId} acknowledged with stream sequence ${outcome!.seq}, which holds ${stored.metadata.eventId}`,
            );
          }
          // A stored version altered since it was sealed (or unreadable: `stored` gave null) is never taken into
          // history; the workflow keeps its own, and `dondoc audit verify` / `reconcile` report the stream's.
          if (hashMatches(stored)) event = stored;
        }
        if (event.metadata.hash !== given.metadata.hash) adopted.push(event);
        prev = event.metadata.hash;
      }
      return { adopted };
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
