import type { WorkingCalendar } from '../domain/calendar/types';
import { explainDeadline, parseDeadline, viDate, type DeadlineExplanation } from '../domain/deadlines';
import type { ResolvedDeadline } from '../domain/deadlines/types';
import type { MilestoneRef } from '../domain/events/schemas';

/** What a task view knows of its deadline: the text, the kind, and the milestones the workflow works toward. */
export interface TaskDeadline {
  deadlineText: string;
  deadlineKind: string;
  milestones: MilestoneRef[];
}

const KINDS = ['fixed', 'recurring', 'relative', 'ongoing', 'external', 'unparsed'] as const;

/**
 * The task view's explanation: the task's own milestones (with any extension or re-projection) explained on the
 * current calendar, the rule and review flags re-read from the deadline text.
 */
export function explainTaskDeadline(task: TaskDeadline, calendar: WorkingCalendar): DeadlineExplanation {
  const schedule = parseDeadline(task.deadlineText);
  const kind = KINDS.find((k) => k === task.deadlineKind) ?? schedule.kind;
  const resolved: ResolvedDeadline = {
    text: task.deadlineText,
    kind,
    milestones: task.milestones.map((m) => ({ label: m.label, nominal: m.nominal, due: m.due })),
    recurrence: schedule.kind === 'recurring' || schedule.kind === 'ongoing' ? schedule.recurrence : null,
    trigger: schedule.kind === 'relative' || schedule.kind === 'recurring' ? schedule.trigger : null,
    workingDays: schedule.kind === 'relative' ? schedule.workingDays : null,
    calendarDays: schedule.kind === 'relative' ? schedule.calendarDays : null,
    months: schedule.kind === 'relative' ? (schedule.months ?? null) : null,
    start: null,
    notes: schedule.notes,
    certain: (schedule.review ?? []).length === 0 && kind !== 'unparsed',
    review: schedule.review ?? null,
  };
  const explanation = explainDeadline(resolved, calendar, schedule);
  const extended = task.milestones.filter((m) => m.extendedDue !== null);
  return {
    ...explanation,
    lines: [
      ...explanation.lines,
      ...extended.map(
        (m) =>
          `${m.label}: gia hạn đến ${viDate(m.extendedDue ?? '')}; hạn gốc ${viDate(m.due)} vẫn giữ để tính tỷ lệ đúng hạn`,
      ),
    ],
  };
}
