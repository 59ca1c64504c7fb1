import { DEFAULT_POLICY, mergePolicy, type Policy, type PolicyOverride } from '../policy/policy';
import type { AssignmentInput } from '../events/assignment';
import type { AcceleratedClock } from '../process/clock';
import { assignmentWorkflowId } from '../events/subjects';
import { loadDirectory } from '../units';
import { assignmentsOf, type Plan } from './model';

export interface PlannedAssignment {
  workflowId: string;
  input: AssignmentInput;
}

export interface AssignmentOptions {
  /** Plan-wide policy override, then per-task overrides keyed by task ref. */
  policy?: PolicyOverride;
  taskPolicies?: Record<string, PolicyOverride>;
  clockOffsetMs?: number;
  /** Runs every assignment on this fast clock (a demo plan); see domain/process/clock.ts. */
  clock?: AcceleratedClock;
}

/**
 * The workflows a plan starts: one per (task, lead unit), with the recipients of its reminders
 * (the lead unit), level-1 escalations (the unit's head) and level-2 escalations (the monitoring unit
 * and the issuing authority's head). Tasks whose lead could not be resolved start nothing; the
 * importer has already flagged them.
 */
export function plannedAssignments(plan: Plan, opts: AssignmentOptions = {}): PlannedAssignment[] {
  const directoryId = plan.plan.directory;
  if (!directoryId) return [];
  const directory = loadDirectory(directoryId);
  const monitoring = directory.monitoringUnit;
  const authority = directory.issuingAuthority;
  const authorityHead = directory.headOf(authority.id);
  const base: Policy = mergePolicy(DEFAULT_POLICY, opts.policy);
  const tasks = new Map(plan.tasks.map((t) => [t.ref, t]));
  const nameOf = (id: string) => directory.get(id)?.name ?? id;

  return assignmentsOf(plan).map((a) => {
    const task = tasks.get(a.taskRef)!;
    const head = directory.headOf(a.unitId);
    const input: AssignmentInput = {
      planId: plan.plan.id,
      taskRef: a.taskRef,
      unitId: a.unitId,
      title: task.title,
      planTitle: plan.plan.title,
      supportUnits: task.support.flatMap((m) => m.unitIds),
      monitoringUnit: plan.plan.monitoringUnit ?? monitoring.id,
      deadline: task.deadline,
      policy: mergePolicy(base, opts.taskPolicies?.[a.taskRef]),
      recipients: {
        lead: [{ unitId: a.unitId, title: nameOf(a.unitId) }],
        head: [{ unitId: head.unitId, title: head.title }],
        authority: [
          { unitId: monitoring.id, title: monitoring.name },
          { unitId: authorityHead.unitId, title: authorityHead.title },
        ],
      },
      period: plan.plan.period,
      ...(opts.clockOffsetMs ? { clockOffsetMs: opts.clockOffsetMs } : {}),
      ...(opts.clock ? { clock: opts.clock } : {}),
    };
    return { workflowId: assignmentWorkflowId(plan.plan.id, a.taskRef, a.unitId), input };
  });
}
