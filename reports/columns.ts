import { LINE_STATUS_LABELS, officialColumns, type GridRow, type ReportLine } from '../domain/reports';
import type { ReportData } from '../domain/reports';

/** dd/mm/yyyy, as Vietnamese documents write dates. */
export const viDate = (iso: string | null): string =>
  iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';

export const pct = (r: number | null): string =>
  r === null ? '' : `${(Math.round(r * 1000) / 10).toString().replace('.', ',')}%`;

/** The follow-up ledger's fixed columns (sổ theo dõi), in order; every writer uses these. */
export const LEDGER_COLUMNS = [
  'STT',
  'Số hiệu nhiệm vụ',
  'Nhiệm vụ',
  'Đơn vị chủ trì',
  'Đơn vị phối hợp',
  'Sản phẩm',
  'Thời hạn (theo văn bản)',
  'Hạn hoàn thành',
  'Hạn sau gia hạn',
  'Tình trạng',
  'Ngày hoàn thành',
  'Số ngày trễ hạn',
  'Minh chứng',
  'Kế hoạch',
] as const;

/** One ledger row as plain values (dates as ISO strings; writers format them). */
export function ledgerRow(r: ReportData, line: ReportLine, index: number): (string | number | null)[] {
  const plan = r.heading.plans.find((p) => p.id === line.planId);
  return [
    index + 1,
    line.taskRef,
    line.milestoneLabel && line.milestoneLabel !== line.deadlineText
      ? `${line.title} (${line.milestoneLabel})`
      : line.title,
    r.unitName(line.unitId),
    line.supportUnits.map(r.unitName).join('; '),
    r.productsOf(line.planId, line.taskRef).join('; '),
    line.deadlineText,
    line.due,
    line.extendedDue,
    LINE_STATUS_LABELS[line.status],
    line.completedOn,
    line.daysLate,
    [...line.evidence, ...(line.note ? [line.note] : [])].join('; '),
    plan?.number ?? line.planId,
  ];
}

/** The grid's columns: the four official ones, then near due (part of "within"), no deadline, extended, rate. */
export const GRID_COLUMNS = [
  'Tổng số',
  'Hoàn thành đúng hạn',
  'Hoàn thành quá hạn',
  'Chưa hoàn thành, trong hạn',
  'Trong đó: sắp đến hạn',
  'Chưa hoàn thành, quá hạn',
  'Chưa xác định thời hạn',
  'Có gia hạn',
  'Tỷ lệ đúng hạn',
] as const;

export function gridValues(row: GridRow): (number | string)[] {
  const o = officialColumns(row.counts);
  return [
    row.total,
    o.doneOnTime,
    o.doneLate,
    o.openWithin,
    row.counts['near-due'],
    o.openOverdue,
    row.counts['no-deadline'],
    row.extended,
    pct(row.onTimeRate),
  ];
}
