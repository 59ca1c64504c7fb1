import { z } from 'zod';
import { LINE_STATUSES, type LineStatus, type ReportLine } from './lines';
import { parsePeriod, periodKeyOf, PeriodKindSchema, type Period } from './period';

/** What a grid's rows are: plans, lead units, issuing bodies, or periods of the original due date. */
export const GridDimensionSchema = z.enum(['plan', 'unit', 'issuer', 'month', 'quarter', 'half', 'year']);
export type GridDimension = z.infer<typeof GridDimensionSchema>;

export type StatusCounts = Record<LineStatus, number>;

/** One row of the status grid: counts per status and, for every count, the lines behind it. */
export interface GridRow {
  key: string;
  label: string;
  total: number;
  counts: StatusCounts;
  /** Line ids (`<workflowId>#<index>`) behind each count. */
  lines: Record<LineStatus, string[]>;
  /** Lines whose milestone was extended (of any status). */
  extended: number;
  /** Done on time / lines already due (done, or open and overdue), or null when none is due yet. */
  onTimeRate: number | null;
  /** Done (on time or late) / lines with a deadline, or null. */
  completionRate: number | null;
}

export interface StatusGrid {
  dimension: GridDimension;
  rows: GridRow[];
  total: GridRow;
}

/** What the grid needs to name rows: a plan's issuer, and human names of units and plans. */
export interface GridNames {
  issuerOf?: (planId: string) => string;
  unitName?: (unitId: string) => string;
  planName?: (planId: string) => string;
}

const emptyCounts = (): StatusCounts => Object.fromEntries(LINE_STATUSES.map((s) => [s, 0])) as StatusCounts;
const emptyLists = (): Record<LineStatus, string[]> =>
  Object.fromEntries(LINE_STATUSES.map((s) => [s, [] as string[]])) as unknown as Record<LineStatus, string[]>;

function emptyRow(key: string, label: string): GridRow {
  return {
    key,
    label,
    total: 0,
    counts: emptyCounts(),
    lines: emptyLists(),
    extended: 0,
    onTimeRate: null,
    completionRate: null,
  };
}

function add(row: GridRow, line: ReportLine): void {
  row.total += 1;
  row.counts[line.status] += 1;
  row.lines[line.status].push(line.id);
  if (line.extendedDue) row.extended += 1;
}

function finish(row: GridRow): GridRow {
  const dated = row.total - row.counts['no-deadline'];
  const due = row.counts['done-on-time'] + row.counts['done-late'] + row.counts.overdue;
  row.onTimeRate = due === 0 ? null : row.counts['done-on-time'] / due;
  row.completionRate = dated === 0 ? null : (row.counts['done-on-time'] + row.counts['done-late']) / dated;
  return row;
}

/** The four official columns: done on time, done late, not done within the deadline (near due included), not done overdue. */
export function officialColumns(c: StatusCounts): {
  doneOnTime: number;
  doneLate: number;
  openWithin: number;
  openOverdue: number;
} {
  return {
    doneOnTime: c['done-on-time'],
    doneLate: c['done-late'],
    openWithin: c['within-deadline'] + c['near-due'],
    openOverdue: c.overdue,
  };
}

function rowKey(line: ReportLine, dim: GridDimension, names: GridNames): { key: string; label: string } {
  switch (dim) {
    case 'plan':
      return { key: line.planId, label: names.planName?.(line.planId) ?? line.planId };
    case 'unit':
      return { key: line.unitId, label: names.unitName?.(line.unitId) ?? line.unitId };
    case 'issuer': {
      const issuer = names.issuerOf?.(line.planId) ?? line.planId;
      return { key: issuer, label: issuer };
    }
    case 'month':
    case 'quarter':
    case 'half':
    case 'year': {
      if (!line.nominal) return { key: '-', label: 'Chưa xác định thời hạn' };
      const key = periodKeyOf(PeriodKindSchema.parse(dim), line.nominal);
      return { key, label: parsePeriod(key).label };
    }
    default: {
      const _exhaustive: never = dim;
      return _exhaustive;
    }
  }
}

/** The status grid of a set of lines along one dimension, rows sorted by key (units by name). */
export function statusGrid(lines: readonly ReportLine[], dimension: GridDimension, names: GridNames = {}): StatusGrid {
  const rows = new Map<string, GridRow>();
  const total = emptyRow('total', 'Tổng cộng');
  for (const line of lines) {
    const { key, label } = rowKey(line, dimension, names);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = emptyRow(key, label)));
    add(row, line);
    add(total, line);
  }
  const sorted = [...rows.values()].sort((a, b) =>
    dimension === 'unit'
      ? a.label.localeCompare(b.label, 'vi') || a.key.localeCompare(b.key)
      : a.key.localeCompare(b.key),
  );
  return { dimension, rows: sorted.map(finish), total: finish(total) };
}

/**
 * The lines of a period: those whose deadline (its nominal last day, before the roll-forward past a holiday)
 * falls in it, plus those with no deadline fixed yet.
 */
export function linesInPeriod(lines: readonly ReportLine[], period: Pick<Period, 'from' | 'to'>): ReportLine[] {
  return lines.filter((l) => l.nominal === null || (l.nominal >= period.from && l.nominal <= period.to));
}
