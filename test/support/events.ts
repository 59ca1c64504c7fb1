import { GENESIS_HASH } from '../../domain/events/hash';
import { SYSTEM_ACTOR, type DondocEvent, type DraftEvent, type MilestoneRef } from '../../domain/events/schemas';
import { sealEvent, type StreamPosition } from '../../domain/events/seal';
import { assignmentWorkflowId } from '../../domain/events/subjects';

/** A milestone reference as workflows put it in events. */
export function milestone(due: string, index = 0, extendedDue: string | null = null): MilestoneRef {
  return { index, label: `Mốc ${index + 1}`, kind: 'deliverable', nominal: due, due, extendedDue };
}

export function assigned(leadUnit: string, title = 'Báo cáo kết quả'): DraftEvent {
  return {
    type: 'TaskAssigned',
    data: {
      planTitle: 'Kế hoạch thử nghiệm',
      title,
      leadUnit,
      supportUnits: [],
      deadlineText: 'Trước ngày 30/6',
      deadlineKind: 'fixed',
      monitoringUnit: 'hcm.q1',
    },
  };
}

export function scheduled(m: MilestoneRef): DraftEvent {
  return {
    type: 'DeadlineScheduled',
    data: { milestone: m, reminders: [], missedAt: `${m.due}T17:00:00+07:00`, escalations: [] },
  };
}

export function completed(m: MilestoneRef, onTime: boolean, onTimeOriginal = onTime): DraftEvent {
  return {
    type: 'TaskCompleted',
    data: { milestone: m, onTime, onTimeOriginal, submittedAt: `${m.due}T10:00:00+07:00` },
  };
}

/** The assignment's end, which the workflow records once every milestone is closed. */
export function closed(reason: 'milestones-closed' | 'period-ended' = 'milestones-closed'): DraftEvent {
  return { type: 'AssignmentClosed', data: { reason } };
}

/**
 * Seals drafts into one task's hash chain, as the workflow does. `leadAt(i)` lets a test change the lead
 * unit stamped on later events (reassignment).
 */
export function chain(
  planId: string,
  taskRef: string,
  unitId: string,
  drafts: DraftEvent[],
  at = '2025-03-01T09:00:00+07:00',
): DondocEvent[] {
  let pos: StreamPosition = {
    workflowId: assignmentWorkflowId(planId, taskRef, unitId),
    planId,
    taskRef,
    unitId,
    seq: 0,
    lastHash: GENESIS_HASH,
  };
  let lead = unitId;
  return drafts.map((d) => {
    const e = sealEvent(d, { ...pos, unitId: lead }, at, SYSTEM_ACTOR);
    pos = { ...pos, seq: e.metadata.seq, lastHash: e.metadata.hash };
    if (e.type === 'TaskReassigned') lead = e.data.toUnit;
    return e;
  });
}
