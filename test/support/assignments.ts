import { DateTime } from 'luxon';
import { ZONE } from '../../domain/calendar/types';
import type { ResolvedDeadline } from '../../domain/deadlines/types';
import type { AssignmentInput } from '../../domain/events/assignment';
import { DEFAULT_POLICY } from '../../domain/policy/policy';
import { calendar } from './servers';

/** The civil date in Asia/Ho_Chi_Minh `days` days after the instant `ms`, rolled onto a working day. */
export function workingDateAfter(ms: number, days: number): string {
  return calendar.rollForward(DateTime.fromMillis(ms, { zone: ZONE }).plus({ days }).toISODate() as string);
}

export function fixedDeadline(...dues: string[]): ResolvedDeadline {
  return {
    text: dues.map((d) => `Trước ngày ${d}`).join('; '),
    kind: 'fixed',
    milestones: dues.map((d, i) => ({ label: `Mốc ${i + 1}`, nominal: d, due: d })),
    recurrence: null,
    trigger: null,
    workingDays: null,
    calendarDays: null,
    start: null,
    notes: null,
  };
}

export function assignmentInput(
  planId: string,
  deadline: ResolvedDeadline,
  overrides: Partial<AssignmentInput> = {},
): AssignmentInput {
  const year = deadline.milestones[0]?.due.slice(0, 4);
  const period = overrides.period ?? (year ? { from: `${year}-01-01`, to: `${year}-12-31` } : undefined);
  if (!period) throw new Error('assignmentInput: a deadline without milestones needs an explicit period');
  return {
    planId,
    taskRef: '1.1',
    unitId: 'hcm.q1.phong-noi-vu',
    title: 'Ban hành Kế hoạch kiểm tra công tác cải cách hành chính',
    planTitle: 'Kế hoạch cải cách hành chính (thử nghiệm)',
    supportUnits: [],
    monitoringUnit: 'hcm.q1.phong-noi-vu',
    deadline,
    policy: DEFAULT_POLICY,
    recipients: {
      lead: [{ unitId: 'hcm.q1.phong-noi-vu', title: 'Phòng Nội vụ' }],
      head: [{ unitId: 'hcm.q1.phong-noi-vu', title: 'Trưởng Phòng Nội vụ' }],
      authority: [{ unitId: 'hcm.q1', title: 'Chủ tịch UBND Quận 1' }],
    },
    ...overrides,
    period,
  };
}
