/** What a layout reader extracts before units and deadlines are resolved. */
export interface RawTask {
  ref: string;
  section: string;
  title: string;
  products: string[];
  lead: string;
  support: string;
  accountable: string;
  deadlineText: string;
  /** Plan 001: one target per year column. */
  yearTargets?: { year: number; text: string }[];
  /** What the document reports about the task's progress ("Đã hoàn thành"): a completed task starts no workflow. */
  status?: { state: 'completed' | 'in-progress'; text: string };
  /** Plan 002: the deadline was not in the text and defaults to the end of the period. */
  defaultDeadline?: boolean;
  line: number;
  endLine: number;
}

export interface RawWarning {
  ref: string | null;
  line: number | null;
  message: string;
}

export interface RawPlan {
  layout: string;
  tasks: RawTask[];
  warnings: RawWarning[];
  /** Lines (0-based) where the header text lives, when the layout knows better than the whole document. */
  headerText?: string;
  /** Metadata given explicitly (clean formats). */
  meta?: Partial<{
    number: string | null;
    issuer: string;
    issued: string;
    title: string;
    from: string;
    to: string;
    directory: string | null;
  }>;
}

/** A layout reader failed: what it expected and where. */
export class LayoutError extends Error {
  constructor(
    readonly expected: string,
    readonly line: number | null,
  ) {
    super(expected);
  }
}

/** Text that has nothing to clean: no markup, entities, emphasis, and single spaces only inside. */
const CLEAN = /^(?:[^\s<&*\u00a0]+(?: [^\s<&*\u00a0]+)*)?$/;

/** Normalises a cell: HTML stripped, whitespace collapsed. */
export function cleanCell(text: string): string {
  // Every layout detector cleans the same lines: most are clean already, and the check is cheaper than the edits.
  if (CLEAN.test(text)) return text;
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\*\*/g, '')
    .replace(/[\u00a0\s]+/g, ' ')
    .trim();
}

/** Splits a products cell ("- Kế hoạch; - Báo cáo.") into items. */
export function splitProducts(text: string): string[] {
  const t = cleanCell(text);
  if (!t) return [];
  const parts = /(^|\s)-\s/.test(t) ? t.split(/(?:^|\s)-\s+/) : [t];
  return parts.map((p) => p.replace(/^[\s;]+|[\s;.]+$/g, '').trim()).filter((p) => p.length > 0);
}
