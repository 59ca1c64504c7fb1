import { buildPlan } from './build';
import { defaultDeps, type PlanImportDeps } from './deps';
import { readCsv, readJson, readYaml } from './layouts/clean';
import { looksLikeCellBlocks, readCellBlocks } from './layouts/blocks';
import { renderDocument, type PlanDocument } from './document';
import { readHeader } from './header';
import { looksLikePipeTable, readPipeTables } from './layouts/markdown';
import { looksLikePdfText, readPdfText } from './layouts/pdftext';
import { looksLikeProse, readProse } from './layouts/prose';
import { looksLikeFragmentedTable, readFragmentedTable } from './layouts/fragmented-table';
import { looksLikeInlineAssignments, readInlineAssignments } from './layouts/inline-assignments';
import { hasHtmlTable, htmlTablesAsPipeBlocks } from './layouts/html-table';
import { implementationDuties } from './layouts/implementation-duties';
import { looksLikeKeyValue, readKeyValue } from './layouts/key-value';
import { looksLikeRowTable, readRowTables } from './layouts/row-table';
import { looksLikeTsv, readTsv } from './layouts/tsv';
import { PlanSchema, type ImportResult } from './model';
import { LayoutError, type RawPlan } from './raw';

export interface ImportOptions {
  /** Re-anchor the plan to this year (issued date, period and every explicit year in deadlines). */
  year?: number;
  /** The issue date (YYYY-MM-DD) when the document states none, or states it wrongly. */
  issued?: string;
  deps?: PlanImportDeps;
  /** The unit directory to resolve against (null: none), instead of the one named or detected from the issuer. */
  directory?: string | null;
}

interface Layout {
  name: string;
  detect(text: string, lines: string[], fileName: string): boolean;
  read(text: string, lines: string[]): RawPlan;
}

const ext = (fileName: string) => /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';

/** The known layouts, tried in order. */
export const LAYOUTS: Layout[] = [
  { name: 'json', detect: (t, _l, f) => ext(f) === 'json' || /^\s*\{/.test(t), read: (t) => readJson(t) },
  {
    name: 'yaml',
    detect: (t, _l, f) => ext(f) === 'yaml' || ext(f) === 'yml' || /^plan:\s*$/m.test(t.slice(0, 200)),
    read: (t) => readYaml(t),
  },
  { name: 'csv', detect: (t, _l, f) => ext(f) === 'csv' || /^ref,/im.test(t.slice(0, 2000)), read: (t) => readCsv(t) },
  { name: 'tsv', detect: (_t, l) => looksLikeTsv(l), read: (_t, l) => readTsv(l) },
  { name: 'pdf-text', detect: (_t, l) => looksLikePdfText(l), read: (_t, l) => readPdfText(l) },
  {
    name: 'cell-blocks',
    detect: (_t, l) => looksLikeCellBlocks(l),
    read: (t, l) => readCellBlocks(l, readHeader(t).years),
  },
  { name: 'prose', detect: (_t, l) => looksLikeProse(l), read: (_t, l) => readProse(l) },
  { name: 'pipe-table', detect: (_t, l) => looksLikePipeTable(l), read: (_t, l) => readPipeTables(l) },
  { name: 'row-table', detect: (_t, l) => looksLikeRowTable(l), read: (_t, l) => readRowTables(l) },
  {
    name: 'fragmented-table',
    detect: (_t, l) => looksLikeFragmentedTable(l),
    read: (_t, l) => readFragmentedTable(l),
  },
  { name: 'key-value', detect: (_t, l) => looksLikeKeyValue(l), read: (_t, l) => readKeyValue(l) },
  {
    name: 'inline-assignments',
    detect: (_t, l) => looksLikeInlineAssignments(l),
    read: (_t, l) => readInlineAssignments(l),
  },
];

const EXPECTED =
  'a plan in a known layout: JSON/YAML/CSV plan file, a tab-separated table (STT<TAB>Nhiệm vụ…), a PDF-text table, ' +
  'tab-indented cell blocks, headings with bullets (2.1. Sở …) or a markdown table with a Thời gian/Thời hạn column';

/** Imports a plan from its text; never throws, and either the whole plan is imported or nothing. */
export function importPlan(text: string, fileName: string, options: ImportOptions = {}): ImportResult {
  return importText(text, fileName, fileName, options);
}

/**
 * Imports a plan read from a binary format (.docx, .pdf, .xlsx, table .csv): the one seam between the document
 * model and the layouts. The document is rendered to the pipe-block text the table layouts read (tables) and to
 * lines (paragraphs), so every layout and header rule applies to every format; the plan's layout says both,
 * e.g. "docx/pipe-table".
 */
export function importDocument(doc: PlanDocument, fileName: string, options: ImportOptions = {}): ImportResult {
  const result = importText(renderDocument(doc), fileName, '', options);
  if (!result.ok) return result;
  return {
    ok: true,
    plan: { ...result.plan, plan: { ...result.plan.plan, layout: `${doc.format}/${result.plan.plan.layout}` } },
  };
}

/** Layouts that read a table of tasks: the body's prose is not theirs to read. */
const TABLE_LAYOUTS = new Set(['tsv', 'pdf-text', 'cell-blocks', 'pipe-table', 'row-table', 'fragmented-table']);

/**
 * A table's tasks, and after them the dated duties of the body's "Tổ chức thực hiện" section that name a lead
 * (layouts/implementation-duties.ts), which no table reader sees.
 */
function withImplementationDuties(layout: Layout, raw: RawPlan, lines: string[]): RawPlan {
  if (!TABLE_LAYOUTS.has(layout.name) || raw.tasks.length === 0) return raw;
  const taken = new Set(raw.tasks.map((t) => t.ref));
  // the body's numbering may repeat a table's ("IV.5" in both): the table keeps its refs
  const duties = implementationDuties(lines).map((d) => (taken.has(d.ref) ? { ...d, ref: `TCTH-${d.ref}` } : d));
  if (duties.length === 0) return raw;
  // in document order: the body's section comes before an annex, after a table in the body
  return { ...raw, tasks: [...raw.tasks, ...duties].sort((a, b) => a.line - b.line) };
}

/** `detectName` is the name layouts see when they look at the extension ('' for a rendered document). */
function importText(text: string, fileName: string, detectName: string, options: ImportOptions): ImportResult {
  const fail = (expected: string, line: number | null, message?: string): ImportResult => ({
    ok: false,
    error: {
      file: fileName,
      line,
      expected,
      message: message ?? `${fileName}${line !== null ? `:${line}` : ''}: expected ${expected}`,
    },
  });
  try {
    if (typeof text !== 'string' || text.trim() === '')
      return fail('a non-empty plan document', null, `${fileName}: the file is empty; expected a plan document`);
    if (text.includes('\u0000') || (text.match(/\uFFFD/g)?.length ?? 0) > text.length / 50)
      return fail('a UTF-8 text document', null, `${fileName}: looks binary, not UTF-8 text; expected a plan document`);
    const nfc = text.normalize('NFC').replace(/^\uFEFF/, '');
    const normalized = hasHtmlTable(nfc) ? htmlTablesAsPipeBlocks(nfc) : nfc;
    const lines = normalized.split(/\r?\n/);
    const layout = LAYOUTS.find((l) => l.detect(normalized, lines, detectName));
    if (!layout) return fail(EXPECTED, null, `${fileName}: no known plan layout; expected ${EXPECTED}`);
    const raw = withImplementationDuties(layout, layout.read(normalized, lines), lines);
    if (raw.tasks.length === 0) return fail(`at least one task row in the ${layout.name} table`, null);
    if (options.issued !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.issued))
      return fail('an issue date as YYYY-MM-DD', null, `${fileName}: --issued expects a date as YYYY-MM-DD`);
    const plan = buildPlan(normalized, raw, {
      fileName,
      year: options.year,
      ...(options.issued ? { issued: options.issued } : {}),
      deps: options.deps ?? defaultDeps(),
      ...(options.directory !== undefined ? { directory: options.directory } : {}),
    });
    const checked = PlanSchema.safeParse(plan);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return fail(`a valid plan (${issue?.path.join('.')}: ${issue?.message})`, null);
    }
    return { ok: true, plan: checked.data };
  } catch (err) {
    if (err instanceof LayoutError) return fail(err.expected, err.line);
    return fail(
      'a readable plan document',
      null,
      `${fileName}: could not be read (${err instanceof Error ? err.message : String(err)})`,
    );
  }
}
