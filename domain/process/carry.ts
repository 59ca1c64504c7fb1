import type { AssignmentState } from '../events/assignment';
import type { DondocEvent } from '../events/schemas';
import type { StreamPosition } from '../events/seal';

/**
 * What a run hands to the next one when it continues as new: the state, the stream position (seq and last
 * hash, so the chain goes on), and only the events the stream has not yet confirmed. The events a run published
 * are on the stream, which history queries, `audit verify` and `reconcile` read; carrying them all made the
 * payload grow with every occurrence (a weekly task over five years: thousands of events, near Temporal's 2 MB).
 */
export interface CarriedState {
  state: AssignmentState;
  pos: StreamPosition;
  unconfirmed: DondocEvent[];
}

/** The carried state of a run whose events up to `confirmedSeq` the stream has acknowledged. */
export function carriedState(
  state: AssignmentState,
  pos: StreamPosition,
  log: readonly DondocEvent[],
  confirmedSeq: number,
): CarriedState {
  return { state, pos, unconfirmed: log.filter((e) => e.metadata.seq > confirmedSeq) };
}
