import {
  ApplicationFailure,
  executeChild,
  ParentClosePolicy,
  proxyActivities,
  WorkflowIdReusePolicy,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { PeriodReportActivities } from '../activities/period-report';
import type { ReportDelivery, ReportScope, ScheduledReportInput } from '../domain/reports/schedule';

type Domain = typeof import('../domain/reports/schedule') &
  Pick<typeof import('../domain/reports/period'), 'parsePeriod'>;
let domain: Domain | undefined;

/**
 * The pure period rules, loaded when a report workflow first needs them: every workflow of the bundle evaluates
 * what workflows/index.ts imports, and these modules define zod schemas that assignment workflows do not need
 * (see workflows/validation.ts).
 */
function rules(): Domain {
  if (!domain) {
    /* eslint-disable @typescript-eslint/no-require-imports -- deliberately lazy, see above */
    const schedule = require('../domain/reports/schedule') as typeof import('../domain/reports/schedule');
    const period = require('../domain/reports/period') as typeof import('../domain/reports/period');
    /* eslint-enable @typescript-eslint/no-require-imports */
    domain = { ...schedule, parsePeriod: period.parsePeriod };
  }
  return domain;
}

const acts = proxyActivities<PeriodReportActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** The instant the schedule meant to fire: Temporal's TemporalScheduledStartTime search attribute. */
function scheduledStart(): Date | null {
  const raw = workflowInfo().searchAttributes?.TemporalScheduledStartTime?.[0] as unknown;
  if (raw instanceof Date && !Number.isNaN(raw.getTime())) return raw;
  if (typeof raw === 'string' && !Number.isNaN(Date.parse(raw))) return new Date(raw);
  return null;
}

export interface PeriodReportInput {
  scheduleId: string;
  scope: ReportScope;
  recipients: string[];
  /** The period key, e.g. `2026-11`. */
  period: string;
  /** The firing instant the period was derived from (ISO-8601). */
  scheduledAt: string;
}

export interface PeriodReportResult {
  status: 'generated' | 'already-generated';
  period: string;
  seq: number;
  deliveries: ReportDelivery[];
}

/**
 * The action of a report Schedule: takes the instant the schedule fired for (never the clock), derives the period
 * that just ended with the pure domain/reports/schedule.ts, and runs that period's report as a child workflow
 * `report-<scope>-<period>` whose id reuse policy refuses a second run: a second firing for the same period (a
 * manual trigger, a catch-up after a restart) ends here as `duplicate`.
 */
export async function scheduledReportWorkflow(
  input: ScheduledReportInput,
): Promise<{ workflowId: string; period: string; outcome: 'ran' | 'duplicate'; result: PeriodReportResult | null }> {
  const at = scheduledStart() ?? (input.at ? new Date(input.at) : workflowInfo().startTime);
  const { periodEndedBefore, periodReportWorkflowId } = rules();
  const period = periodEndedBefore(input.every, at);
  const workflowId = periodReportWorkflowId(input.scope, period.key);
  try {
    const result = await executeChild(periodReportWorkflow, {
      workflowId,
      args: [
        {
          scheduleId: input.scheduleId,
          scope: input.scope,
          recipients: input.recipients,
          period: period.key,
          scheduledAt: at.toISOString(),
        },
      ],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
    return { workflowId, period: period.key, outcome: 'ran', result };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError)
      return { workflowId, period: period.key, outcome: 'duplicate', result: null };
    throw err;
  }
}

/**
 * One period's report, once: unless DONDOC_REPORTS already holds its ReportGenerated, builds the report as of the
 * period's last day, writes the .xlsx and .docx, delivers them to the monitoring unit (and the schedule's other
 * recipients) and publishes ReportGenerated with msgID `<scheduleId>:<period>`.
 */
export async function periodReportWorkflow(input: PeriodReportInput): Promise<PeriodReportResult> {
  const { parsePeriod, reportGeneratedMsgId } = rules();
  const period = parsePeriod(input.period);
  const existing = await acts.findReportGenerated({ scope: input.scope, period: period.key });
  if (existing) return { status: 'already-generated', period: period.key, seq: existing.seq, deliveries: [] };
  const built = await acts.buildPeriodReport({ scope: input.scope, period: period.key });
  const recipients = [...new Set([...built.monitoringUnits, ...input.recipients])];
  const reportId = reportGeneratedMsgId(input.scheduleId, period.key);
  const deliveries =
    recipients.length === 0
      ? []
      : await acts.deliverPeriodReport({
          reportId,
          recipients,
          title: built.title,
          period: period.key,
          plans: built.plans,
          files: built.files,
        });
  const published = await acts.publishReportGenerated({
    msgId: reportId,
    event: {
      type: 'ReportGenerated',
      scheduleId: input.scheduleId,
      workflowId: workflowInfo().workflowId,
      scope: input.scope,
      period,
      asOf: built.asOf,
      scheduledAt: input.scheduledAt,
      plans: built.plans,
      lines: built.lines,
      files: built.files,
      deliveries,
    },
  });
  if (!Number.isInteger(published.seq)) throw ApplicationFailure.nonRetryable('ReportGenerated was not stored');
  return {
    status: published.duplicate ? 'already-generated' : 'generated',
    period: period.key,
    seq: published.seq,
    deliveries,
  };
}
