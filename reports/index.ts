export { writeXlsx, SHEETS } from './xlsx';
export { writeDocx } from './docx';
export { writeCsv, CSV_EXTRA_COLUMNS } from './csv';
export { LEDGER_COLUMNS, GRID_COLUMNS, gridValues } from './columns';

/** The report files dondoc writes, with their content types and file extensions. */
export const REPORT_FORMATS = {
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' },
  csv: { contentType: 'text/csv; charset=utf-8', ext: 'csv' },
} as const;
export type ReportFormat = keyof typeof REPORT_FORMATS;
