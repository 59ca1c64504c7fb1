import type { JetStreamClient } from '@nats-io/jetstream';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { isIsoDate } from '../domain/calendar';
import { ZONE, type WorkingCalendar } from '../domain/calendar/types';
import type { DondocEvent } from '../domain/events/schemas';
import { EVENTS_SUBJECT_PREFIX, subjectToken } from '../domain/events/subjects';
import type { Plan } from '../domain/plans/model';
import {
  buildReport,
  GridDimensionSchema,
  headingFor,
  namesFor,
  PAR_RULES,
  PeriodKeySchema,
  statusGrid,
  type ReportData,
  type StatusGrid,
} from '../domain/reports';
import { readEvents } from '../nats/read';
import { REPORT_FORMATS, writeCsv, writeDocx, writeXlsx, type ReportFormat } from '../reports';
import { notFound, ServiceError } from './errors';
import type { PlanRegistry } from './plans';
import type { Principal } from './tokens';

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isIsoDate, 'expected a real calendar date YYYY-MM-DD');

/** What a report is about: which plans, which period, as of which day, and which PAR rule scores it. */
export const ReportQuerySchema = z.object({
  period: PeriodKeySchema,
  /** The report's date (default today in Asia/Ho_Chi_Minh); events after its 24:00 are not counted. */
  asOf: Day.optional(),
  /** Only this lead unit's lines. */
  unit: z.string().min(1).max(200).optional(),
  rule: z.enum(PAR_RULES.map((r) => r.id) as [string, ...string[]]).optional(),
  by: GridDimensionSchema.optional(),
});
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

/** Today as a civil date in Asia/Ho_Chi_Minh. */
export const todayIn = (now: Date): string => DateTime.fromJSDate(now, { zone: ZONE }).toISODate() as string;

/** A report built from given plans and their events: the pure part every host shares (API, CLI, schedule, tests). */
export function reportFrom(
  plans: Plan[],
  events: Iterable<DondocEvent>,
  q: ReportQuery,
  calendar: WorkingCalendar,
  now: Date,
): ReportData {
  const names = namesFor(plans);
  const rule = PAR_RULES.find((r) => r.id === (q.rule ?? PAR_RULES[0]!.id))!;
  return buildReport(events, {
    period: q.period,
    asOf: q.asOf ?? todayIn(now),
    heading: headingFor(plans),
    calendar,
    names,
    productsOf: names.productsOf,
    parRule: rule,
    ...(q.unit ? { unitId: q.unit } : {}),
  });
}

/** The grid along the dimension asked for (default by unit), from a built report. */
export function gridOf(r: ReportData, by: ReportQuery['by'], plans: Plan[]): StatusGrid {
  switch (by ?? 'unit') {
    case 'unit':
      return r.byUnit;
    case 'plan':
      return r.byPlan;
    case 'issuer':
      return r.byIssuer;
    default:
      return statusGrid(r.lines, by!, namesFor(plans));
  }
}

/** A report file: its bytes, content type and a file name a person can keep. */
export async function reportFile(
  r: ReportData,
  format: ReportFormat,
): Promise<{ body: Buffer; contentType: string; filename: string }> {
  const body = format === 'xlsx' ? await writeXlsx(r) : format === 'docx' ? await writeDocx(r) : writeCsv(r);
  const plans = r.heading.plans.map((p) => p.id).join('+');
  const kind = format === 'docx' ? 'bao-cao' : 'so-theo-doi';
  return {
    body,
    contentType: REPORT_FORMATS[format].contentType,
    filename: `${kind}-${plans}-${r.period.key}-${r.asOf}.${REPORT_FORMATS[format].ext}`,
  };
}

/** Reports over the audit stream: the plans from the registry, their events from DONDOC_EVENTS. */
export class ReportService {
  constructor(private readonly deps: { js: JetStreamClient; plans: PlanRegistry; calendar: WorkingCalendar }) {}

  /** The plans by id; 404 for an unknown one. */
  async plansOf(ids: string[]): Promise<Plan[]> {
    const plans: Plan[] = [];
    for (const id of ids) {
      const plan = await this.deps.plans.get(id);
      if (!plan) throw notFound(`plan ${id}`);
      plans.push(plan);
    }
    if (plans.length === 0) throw new ServiceError('invalid', 'a report needs at least one plan');
    return plans;
  }

  /** Every event of the plans on the audit stream. */
  async eventsOf(planIds: string[]): Promise<DondocEvent[]> {
    const out: DondocEvent[] = [];
    for (const id of planIds) {
      const stored = await readEvents(this.deps.js, `${EVENTS_SUBJECT_PREFIX}.${subjectToken(id)}.>`, { batch: 5000 });
      for (const s of stored) if (s.event && s.event.metadata.planId === id) out.push(s.event);
    }
    return out;
  }

  /** A report as the principal may see it: a unit token gets only its own lines. */
  async build(
    p: Principal,
    planIds: string[],
    q: ReportQuery,
    now = new Date(),
  ): Promise<{ report: ReportData; plans: Plan[] }> {
    if (p.role === 'unit') {
      if (q.unit !== undefined && q.unit !== p.unitId)
        throw new ServiceError('forbidden', `a unit token sees only unit ${p.unitId}`);
      q = { ...q, unit: p.unitId ?? '\u0000' };
    }
    const plans = await this.plansOf(planIds);
    return { report: reportFrom(plans, await this.eventsOf(planIds), q, this.deps.calendar, now), plans };
  }
}
