import type { ReportData } from '../domain/reports';
import { LEDGER_COLUMNS, ledgerRow } from './columns';

/** Extra machine columns after the ledger's: stable ids and the status code, for integrators. */
export const CSV_EXTRA_COLUMNS = ['line_id', 'workflow_id', 'plan_id', 'unit_id', 'status'] as const;

const cell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v);
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The ledger as RFC 4180 CSV (UTF-8 with BOM, so Excel reads the Vietnamese right), ISO dates. */
export function writeCsv(r: ReportData): Buffer {
  const rows = [[...LEDGER_COLUMNS, ...CSV_EXTRA_COLUMNS].map(cell).join(',')];
  r.lines.forEach((line, i) => {
    rows.push(
      [...ledgerRow(r, line, i), line.id, line.workflowId, line.planId, line.unitId, line.status].map(cell).join(','),
    );
  });
  return Buffer.from('\uFEFF' + rows.join('\r\n') + '\r\n', 'utf8');
}
