/** NATS subject tokens may not contain '.', '*', '>' or spaces; task refs ("1.1") and unit ids ("hcm.q1") do. */
export function subjectToken(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
}

export const EVENTS_SUBJECT_PREFIX = 'dondoc.events';

/** `dondoc.events.<planId>.<taskRef>.<unitId>.<EventType>`, each token made subject-safe. */
export function eventSubject(e: {
  type: string;
  metadata: { planId: string; taskRef: string; unitId: string };
}): string {
  return [
    EVENTS_SUBJECT_PREFIX,
    subjectToken(e.metadata.planId),
    subjectToken(e.metadata.taskRef),
    subjectToken(e.metadata.unitId),
    e.type,
  ].join('.');
}

/** Deterministic workflow id of an assignment: plan id + task ref + unit id. */
export function assignmentWorkflowId(planId: string, taskRef: string, unitId: string): string {
  return `assignment:${planId}:${taskRef}:${unitId}`;
}
