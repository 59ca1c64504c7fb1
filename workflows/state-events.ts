import type { DraftEvent } from '../domain/events/schemas';

/**
 * Since this patch every change of an assignment's state is an event on the stream: MilestonesPlanned,
 * TriggerConsumed, AssignmentClosed, and the recipients on TaskAssigned and TaskReassigned. Runs started
 * before it keep the events they published then: the workflow applies these facts to its state through
 * `evolve` as before, but does not record them (`recordedBeforeStateEvents`), so their histories replay and
 * their streams keep one chain.
 */
export const STATE_EVENTS = 'state-events-v1';

/** The draft as a run from before STATE_EVENTS recorded it: null when it recorded nothing. */
export function recordedBeforeStateEvents(draft: DraftEvent): DraftEvent | null {
  switch (draft.type) {
    case 'MilestonesPlanned':
    case 'TriggerConsumed':
    case 'AssignmentClosed':
      return null;
    case 'TaskAssigned': {
      const { recipients: _recipients, ...data } = draft.data;
      return { type: draft.type, data };
    }
    case 'TaskReassigned': {
      const { recipients: _recipients, ...data } = draft.data;
      return { type: draft.type, data };
    }
    default:
      return draft;
  }
}
