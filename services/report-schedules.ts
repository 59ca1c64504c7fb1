import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type Month,
  type ScheduleDescription,
} from '@temporalio/client';
import { ZONE } from '../domain/calendar/types';
import {
  FIRE_AT,
  FIRING_MONTHS,
  ReportScheduleSpecSchema,
  reportScheduleId,
  type ReportScheduleSpec,
  type ScheduledReportInput,
} from '../domain/reports/schedule';
import { scheduledReportWorkflow } from '../workflows/period-report';
import { notFound, ServiceError } from './errors';
import type { PlanRegistry } from './plans';

const MONTH_NAMES: Month[] = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
];

/** Every report schedule's id starts with this; `list` shows only these. */
export const REPORT_SCHEDULE_PREFIX = 'report-';

/**
 * A missed firing (Temporal down at 00:05 on the 1st) is still taken when it comes back within this window; the
 * report is of a past period as of its last day, so it is the same report a few days late.
 */
export const REPORT_CATCHUP_WINDOW = '7 days';

/** A report schedule as `list` shows it. */
export interface ReportScheduleView {
  scheduleId: string;
  spec: ReportScheduleSpec | null;
  paused: boolean;
  nextActionTimes: string[];
  recentActions: { scheduledAt: string; takenAt: string; workflowId: string }[];
}

/** Report Schedules on Temporal: one per frequency and scope, firing at 00:05 after each period's end. */
export class ReportScheduleService {
  constructor(private readonly deps: { client: Client; plans: PlanRegistry; taskQueue: string }) {}

  /** Creates the schedule (409 if one with the same frequency and scope exists; 404 for an unknown plan). */
  async create(raw: unknown): Promise<ReportScheduleView> {
    const parsed = ReportScheduleSpecSchema.safeParse(raw);
    if (!parsed.success)
      throw new ServiceError(
        'invalid',
        parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
      );
    const spec = parsed.data;
    if ('plans' in spec.scope)
      for (const id of spec.scope.plans) if (!(await this.deps.plans.get(id))) throw notFound(`plan ${id}`);
    const scheduleId = reportScheduleId(spec.every, spec.scope);
    const input: ScheduledReportInput = { ...spec, scheduleId };
    try {
      await this.deps.client.schedule.create({
        scheduleId,
        spec: {
          calendars: [
            {
              month: FIRING_MONTHS[spec.every].map((m) => MONTH_NAMES[m - 1]!),
              dayOfMonth: FIRE_AT.dayOfMonth,
              hour: FIRE_AT.hour,
              minute: FIRE_AT.minute,
              comment: `period-end report, every ${spec.every}`,
            },
          ],
          timezone: ZONE,
        },
        action: {
          type: 'startWorkflow',
          workflowType: scheduledReportWorkflow,
          workflowId: `${scheduleId}-run`,
          taskQueue: this.deps.taskQueue,
          args: [input],
        },
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: REPORT_CATCHUP_WINDOW },
        memo: { dondocReportSchedule: spec },
      });
    } catch (err) {
      if (err instanceof ScheduleAlreadyRunning)
        throw new ServiceError('conflict', `report schedule ${scheduleId} already exists`);
      throw err;
    }
    return await this.describe(scheduleId);
  }

  /** One report schedule; 404 if there is none. */
  async describe(scheduleId: string): Promise<ReportScheduleView> {
    if (!scheduleId.startsWith(REPORT_SCHEDULE_PREFIX)) throw notFound(`report schedule ${scheduleId}`);
    let d: ScheduleDescription;
    try {
      d = await this.deps.client.schedule.getHandle(scheduleId).describe();
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) throw notFound(`report schedule ${scheduleId}`);
      throw err;
    }
    const spec = ReportScheduleSpecSchema.safeParse(d.memo?.dondocReportSchedule);
    return {
      scheduleId,
      spec: spec.success ? spec.data : null,
      paused: d.state.paused,
      nextActionTimes: d.info.nextActionTimes.map((t) => t.toISOString()),
      recentActions: d.info.recentActions.map((a) => ({
        scheduledAt: a.scheduledAt.toISOString(),
        takenAt: a.takenAt.toISOString(),
        workflowId: a.action.workflow.workflowId,
      })),
    };
  }

  /** Every report schedule (the namespace's schedules whose id starts with `report-`). */
  async list(): Promise<ReportScheduleView[]> {
    const out: ReportScheduleView[] = [];
    for await (const s of this.deps.client.schedule.list()) {
      if (!s.scheduleId.startsWith(REPORT_SCHEDULE_PREFIX)) continue;
      const spec = ReportScheduleSpecSchema.safeParse(s.memo?.dondocReportSchedule);
      out.push({
        scheduleId: s.scheduleId,
        spec: spec.success ? spec.data : null,
        paused: s.state.paused,
        nextActionTimes: s.info.nextActionTimes.map((t) => t.toISOString()),
        recentActions: s.info.recentActions.map((a) => ({
          scheduledAt: a.scheduledAt.toISOString(),
          takenAt: a.takenAt.toISOString(),
          workflowId: a.action.workflow.workflowId,
        })),
      });
    }
    return out.sort((a, b) => a.scheduleId.localeCompare(b.scheduleId));
  }

  /** Deletes a report schedule (404 if there is none); reports already generated stay. */
  async delete(scheduleId: string): Promise<void> {
    if (!scheduleId.startsWith(REPORT_SCHEDULE_PREFIX)) throw notFound(`report schedule ${scheduleId}`);
    try {
      await this.deps.client.schedule.getHandle(scheduleId).delete();
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) throw notFound(`report schedule ${scheduleId}`);
      throw err;
    }
  }
}
