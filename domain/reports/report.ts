import type { WorkingCalendar } from '../calendar/types';
import type { DondocEvent } from '../events/schemas';
import { linesInPeriod, statusGrid, type GridNames, type StatusGrid } from './grid';
import { reportLines, type ReportLine } from './lines';
import { parPlanScore, type ParRule, type ParScore } from './par-index';
import { parsePeriod, type Period } from './period';

/** Who issues the report and about which plan(s): the header of the .docx and the title of the .xlsx. */
export interface ReportHeading {
  /** The reporting body, e.g. "Phòng Nội vụ Quận 1"; its superior, e.g. "UBND QUẬN 1", printed above it. */
  reporter: string;
  reporterParent: string | null;
  /** The abbreviation after "BC-" in the number, e.g. "PNV". */
  abbreviation: string;
  /** Where the report is signed ("Quận 1", "Thành phố Hồ Chí Minh"); left as dots when null. */
  place: string | null;
  /** The plans covered: number, title, issuer. */
  plans: { id: string; number: string | null; title: string; issuer: string }[];
}

/** Everything the report files are written from: one set of lines, and the grids and score over them. */
export interface ReportData {
  heading: ReportHeading;
  period: Period;
  asOf: string;
  lines: ReportLine[];
  byUnit: StatusGrid;
  byPlan: StatusGrid;
  byIssuer: StatusGrid;
  /** Months for a quarter or shorter, quarters for a half-year or a year. */
  byPeriod: StatusGrid;
  score: ParScore | null;
  unitName: (unitId: string) => string;
  /** The products (sản phẩm) the plan names for a task; empty when the plan is not at hand. */
  productsOf: (planId: string, taskRef: string) => string[];
}

export interface BuildReportOptions {
  period: string;
  asOf: string;
  heading: ReportHeading;
  calendar?: WorkingCalendar;
  names?: GridNames;
  /** The PAR rule to score the period's year with; no score when omitted. */
  parRule?: ParRule;
  productsOf?: (planId: string, taskRef: string) => string[];
  /** Only the lines this lead unit answers for (a unit's own report; a unit token sees nothing else). */
  unitId?: string;
}

/** Builds a period's report from the plans' events: ledger lines as of `asOf`, the grids, and the PAR score. */
export function buildReport(events: Iterable<DondocEvent>, opts: BuildReportOptions): ReportData {
  const period = parsePeriod(opts.period);
  const everyLine = reportLines(events, { asOf: opts.asOf, calendar: opts.calendar });
  const all = opts.unitId === undefined ? everyLine : everyLine.filter((l) => l.unitId === opts.unitId);
  const lines = linesInPeriod(all, period);
  const names = opts.names ?? {};
  const sub = period.kind === 'quarter' || period.kind === 'month' ? 'month' : 'quarter';
  const year = Number(period.key.slice(0, 4));
  return {
    heading: opts.heading,
    period,
    asOf: opts.asOf,
    lines,
    byUnit: statusGrid(lines, 'unit', names),
    byPlan: statusGrid(lines, 'plan', names),
    byIssuer: statusGrid(lines, 'issuer', names),
    byPeriod: statusGrid(lines, sub, names),
    score: opts.parRule ? parPlanScore(all, year, opts.asOf, opts.parRule) : null,
    unitName: names.unitName ?? ((id) => id),
    productsOf: opts.productsOf ?? (() => []),
  };
}
