import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { CsvError, parseCsv } from '../domain/csv';
import { LineCounter, parseDocument, stringify as stringifyYaml } from 'yaml';
import {
  DirectoryDataSchema,
  DirectoryDocumentError,
  describePath,
  validateDirectory,
  type DirectoryData,
  type DirectoryIssue,
} from '../domain/units';

/** The file forms a directory is read from and written to. */
export const DIRECTORY_FILE_FORMATS = ['yaml', 'json', 'csv', 'xlsx'] as const;
export type DirectoryFileFormat = (typeof DIRECTORY_FILE_FORMATS)[number];

export function formatOf(file: string): DirectoryFileFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  throw new DirectoryDocumentError(file, [
    { where: 'file name', message: 'expected .yaml, .yml, .json, .csv or .xlsx' },
  ]);
}

/**
 * The table columns of the CSV and .xlsx forms, one row per unit (or per group, with type "group"). Lists are
 * separated by ";", a webhook is "url secret".
 */
export const UNIT_COLUMNS = [
  'type',
  'id',
  'name',
  'kind',
  'code',
  'parent',
  'supervisor',
  'head_title',
  'head_name',
  'head_phone',
  'head_emails',
  'head_webhooks',
  'emails',
  'webhooks',
  'aliases',
  'valid_from',
  'valid_to',
  'merged_into',
  'merged_from',
  'id_prefix',
  'note',
] as const;
type Column = (typeof UNIT_COLUMNS)[number];
const REQUIRED_COLUMNS: Column[] = ['id', 'name', 'kind'];
/** Directory-level fields of the table forms: "# key: value" lines atop a CSV, the "directory" sheet of a workbook. */
const META_KEYS = [
  'id',
  'name',
  'issuerNames',
  'issuingAuthorityId',
  'monitoringUnitId',
  'source',
  'aliasRules',
] as const;

interface Row {
  /** Where the row is, for messages: "row 7" (CSV line) or "sheet units, row 7". */
  where: string;
  cells: Partial<Record<Column, string>>;
}

/** Reads a directory file in any supported form; refuses it whole, with file, row or line and what was expected. */
export async function readDirectoryFile(file: string): Promise<DirectoryData> {
  const format = formatOf(file);
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (err) {
    throw new DirectoryDocumentError(file, [{ where: 'file', message: (err as Error).message }]);
  }
  return parseDirectoryBuffer(buffer, format, file);
}

/** Parses directory bytes of a known form; `source` names the file in messages. */
export async function parseDirectoryBuffer(
  buffer: Buffer,
  format: DirectoryFileFormat,
  source: string,
): Promise<DirectoryData> {
  if (format === 'xlsx') return fromTable(await readWorkbook(buffer, source), source);
  const text = buffer.toString('utf8');
  if (text.includes('\uFFFD')) {
    throw new DirectoryDocumentError(source, [{ where: 'file', message: 'expected UTF-8 text' }]);
  }
  if (format === 'csv') return fromTable(readCsv(text, source), source);
  return fromStructured(text, source);
}

function fromStructured(text: string, source: string): DirectoryData {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new DirectoryDocumentError(
      source,
      doc.errors.map((e) => ({
        where: `line ${lineCounter.linePos(e.pos[0]).line}`,
        message: e.message.split('\n')[0] ?? e.message,
      })),
    );
  }
  const raw: unknown = doc.toJS();
  const checked = validateDirectory(raw);
  if (checked.ok) return checked.data;
  throw new DirectoryDocumentError(
    source,
    checked.issues.map((i) => ({
      where: `${lineOf(doc, lineCounter, i.path)}${describePath(raw, i.path)}`,
      message: i.message,
    })),
  );
}

/** "line 12, " for the deepest node of `path` that exists in the YAML/JSON document. */
function lineOf(doc: ReturnType<typeof parseDocument>, lc: LineCounter, p: (string | number)[]): string {
  for (let n = p.length; n >= 0; n--) {
    const node = doc.getIn(p.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return `line ${lc.linePos(node.range[0]).line}, `;
  }
  return '';
}

/** The CSV's records with the line each starts on (domain/csv.ts); an unclosed quote is refused with its line. */
function parseCsvRecords(text: string, source: string): { line: number; cells: string[] }[] {
  try {
    const { rows, lines } = parseCsv(text);
    return rows.map((cells, i) => ({ line: lines[i] ?? 0, cells }));
  } catch (err) {
    if (err instanceof CsvError)
      throw new DirectoryDocumentError(source, [{ where: `line ${err.line}`, message: `expected ${err.expected}` }]);
    throw err;
  }
}

interface Table {
  meta: Record<string, string>;
  rows: Row[];
}

function readCsv(text: string, source: string): Table {
  const meta: Record<string, string> = {};
  const records = parseCsvRecords(text, source).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const body: typeof records = [];
  for (const r of records) {
    const first = r.cells.join(',');
    const m = /^#\s*([A-Za-z]+)\s*:\s*(.*)$/.exec(first);
    if (body.length === 0 && first.trimStart().startsWith('#')) {
      if (m) meta[m[1] as string] = (m[2] as string).trim();
      continue;
    }
    body.push(r);
  }
  const [header, ...rest] = body;
  if (!header)
    throw new DirectoryDocumentError(source, [
      { where: 'file', message: `expected a header row with columns ${REQUIRED_COLUMNS.join(', ')}` },
    ]);
  const columns = headerColumns(header.cells, `row ${header.line}`, source);
  return {
    meta,
    rows: rest.map((r) => {
      if (r.cells.length < columns.length) {
        throw new DirectoryDocumentError(source, [
          {
            where: `row ${r.line}`,
            message: `expected ${columns.length} columns (${columns.join(', ')}), found ${r.cells.length}`,
          },
        ]);
      }
      return {
        where: `row ${r.line}`,
        cells: Object.fromEntries(columns.map((c, k) => [c, (r.cells[k] ?? '').trim()])),
      };
    }),
  };
}

function headerColumns(cells: string[], where: string, source: string): Column[] {
  const names = cells.map((c) => c.trim().toLowerCase().replace(/\s+/g, '_'));
  const unknown = names.filter((n) => n !== '' && !(UNIT_COLUMNS as readonly string[]).includes(n));
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  const issues = [
    ...(missing.length
      ? [{ where, message: `missing columns ${missing.join(', ')}; expected columns ${UNIT_COLUMNS.join(', ')}` }]
      : []),
    ...(unknown.length
      ? [{ where, message: `unknown columns ${unknown.join(', ')}; expected columns ${UNIT_COLUMNS.join(', ')}` }]
      : []),
  ];
  if (issues.length) throw new DirectoryDocumentError(source, issues);
  return names as Column[];
}

async function readWorkbook(buffer: Buffer, source: string): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (err) {
    throw new DirectoryDocumentError(source, [
      { where: 'file', message: `expected an .xlsx workbook (${(err as Error).message})` },
    ]);
  }
  const text = (v: ExcelJS.CellValue): string => {
    if (v === null || v === undefined) return '';
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v === 'object') {
      if ('richText' in v) return v.richText.map((r) => r.text).join('');
      if ('text' in v) return String(v.text);
      if ('result' in v) return String(v.result ?? '');
      return '';
    }
    return String(v);
  };
  const meta: Record<string, string> = {};
  wb.getWorksheet('directory')?.eachRow((row) => {
    const key = text(row.getCell(1).value).trim();
    if (key) meta[key] = text(row.getCell(2).value).trim();
  });
  const sheet = wb.getWorksheet('units') ?? wb.worksheets.find((w) => w.name !== 'directory');
  if (!sheet)
    throw new DirectoryDocumentError(source, [{ where: 'workbook', message: 'expected a sheet named "units"' }]);
  const headerRow = sheet.getRow(1);
  const headerCells: string[] = [];
  for (let c = 1; c <= headerRow.cellCount; c++) headerCells.push(text(headerRow.getCell(c).value));
  const columns = headerColumns(headerCells, `sheet ${sheet.name}, row 1`, source);
  const rows: Row[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const cells = Object.fromEntries(columns.map((c, k) => [c, text(row.getCell(k + 1).value).trim()]));
    if (Object.values(cells).some((v) => v !== '')) rows.push({ where: `sheet ${sheet.name}, row ${n}`, cells });
  });
  return { meta, rows };
}

const list = (v: string | undefined): string[] =>
  (v ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
const webhooks = (v: string | undefined) =>
  list(v).map((w) => {
    const [url = '', secret = ''] = w.split(/\s+/);
    return { url, secret };
  });
const opt = (v: string | undefined) => (v ? v : undefined);

function fromTable(table: Table, source: string): DirectoryData {
  const issues: { where: string; message: string }[] = [];
  const missingMeta = ['id', 'name', 'issuingAuthorityId', 'monitoringUnitId'].filter((k) => !table.meta[k]);
  if (missingMeta.length) {
    issues.push({
      where: 'directory fields',
      message: `missing ${missingMeta.join(', ')}; expected "# key: value" lines atop a CSV or key/value rows in a "directory" sheet`,
    });
  }
  let aliasRules: unknown = [];
  if (table.meta.aliasRules) {
    try {
      aliasRules = JSON.parse(table.meta.aliasRules);
    } catch {
      issues.push({ where: 'directory field aliasRules', message: 'expected JSON' });
    }
  }
  const unitRows: Row[] = [];
  const groupRows: Row[] = [];
  for (const r of table.rows) {
    const type = (r.cells.type ?? '').toLowerCase() || 'unit';
    if (type === 'group') groupRows.push(r);
    else if (type === 'unit') unitRows.push(r);
    else issues.push({ where: r.where, message: `type "${r.cells.type}": expected unit or group` });
    for (const c of REQUIRED_COLUMNS) if (!r.cells[c]) issues.push({ where: r.where, message: `missing ${c}` });
    if (type === 'unit' && !r.cells.head_title) issues.push({ where: r.where, message: 'missing head_title' });
  }
  if (issues.length) throw new DirectoryDocumentError(source, issues);
  const raw = {
    id: table.meta.id,
    name: table.meta.name,
    issuerNames: list(table.meta.issuerNames),
    issuingAuthorityId: table.meta.issuingAuthorityId,
    monitoringUnitId: table.meta.monitoringUnitId,
    ...(table.meta.source ? { source: table.meta.source } : {}),
    aliasRules,
    units: unitRows.map(({ cells: c }) => {
      const headChannels =
        c.head_emails || c.head_webhooks
          ? { emails: list(c.head_emails), webhooks: webhooks(c.head_webhooks) }
          : undefined;
      const channels = c.emails || c.webhooks ? { emails: list(c.emails), webhooks: webhooks(c.webhooks) } : undefined;
      return {
        id: c.id,
        name: c.name,
        kind: c.kind,
        code: opt(c.code),
        headTitle: c.head_title,
        headName: opt(c.head_name),
        headPhone: opt(c.head_phone),
        headChannels,
        parentId: c.parent || null,
        supervisorId: c.supervisor || null,
        aliases: list(c.aliases),
        channels,
        validFrom: opt(c.valid_from),
        validTo: opt(c.valid_to),
        mergedInto: opt(c.merged_into),
        mergedFrom: c.merged_from ? list(c.merged_from) : undefined,
        note: opt(c.note),
      };
    }),
    groups: groupRows.map(({ cells: c }) => ({
      id: c.id,
      label: c.name,
      kinds: list(c.kind).filter((k) => k !== 'vague'),
      vague: list(c.kind).includes('vague') || undefined,
      aliases: list(c.aliases),
      parentId: opt(c.parent),
      idPrefix: opt(c.id_prefix),
    })),
  };
  const checked = validateDirectory(raw);
  if (checked.ok) return checked.data;
  const whereOf = (i: DirectoryIssue): string => {
    const [head, index, ...rest] = i.path;
    const rows = head === 'units' ? unitRows : head === 'groups' ? groupRows : null;
    if (rows && typeof index === 'number') {
      const row = rows[index];
      const field = rest.length ? ` (${columnOf(rest)})` : '';
      return `${row?.where ?? `${head} ${index + 1}`}${field}`;
    }
    return `directory field ${i.path.join('.')}`;
  };
  throw new DirectoryDocumentError(
    source,
    checked.issues.map((i) => ({ where: whereOf(i), message: i.message })),
  );
}

const FIELD_COLUMNS: Record<string, Column> = {
  headTitle: 'head_title',
  headName: 'head_name',
  headPhone: 'head_phone',
  parentId: 'parent',
  supervisorId: 'supervisor',
  validFrom: 'valid_from',
  validTo: 'valid_to',
  mergedInto: 'merged_into',
  mergedFrom: 'merged_from',
  idPrefix: 'id_prefix',
  label: 'name',
  kinds: 'kind',
};

function columnOf(rest: (string | number)[]): string {
  const [field, sub, ...more] = rest;
  if (field === 'headChannels') return `column head_${String(sub)}${more.length ? ` item ${Number(more[0]) + 1}` : ''}`;
  if (field === 'channels') return `column ${String(sub)}${more.length ? ` item ${Number(more[0]) + 1}` : ''}`;
  return `column ${FIELD_COLUMNS[String(field)] ?? String(field)}`;
}

/** The table rows of a directory (units, then groups), as the CSV and .xlsx forms hold them. */
export function directoryRows(data: DirectoryData): Record<Column, string>[] {
  const join = (xs: string[] | undefined) => (xs ?? []).join('; ');
  const hooks = (xs: { url: string; secret: string }[] | undefined) =>
    (xs ?? []).map((w) => `${w.url} ${w.secret}`).join('; ');
  const empty = Object.fromEntries(UNIT_COLUMNS.map((c) => [c, ''])) as Record<Column, string>;
  return [
    ...data.units.map((u) => ({
      ...empty,
      type: 'unit',
      id: u.id,
      name: u.name,
      kind: u.kind,
      code: u.code ?? '',
      parent: u.parentId ?? '',
      supervisor: u.supervisorId ?? '',
      head_title: u.headTitle,
      head_name: u.headName ?? '',
      head_phone: u.headPhone ?? '',
      head_emails: join(u.headChannels?.emails),
      head_webhooks: hooks(u.headChannels?.webhooks),
      emails: join(u.channels?.emails),
      webhooks: hooks(u.channels?.webhooks),
      aliases: join(u.aliases),
      valid_from: u.validFrom ?? '',
      valid_to: u.validTo ?? '',
      merged_into: u.mergedInto ?? '',
      merged_from: join(u.mergedFrom),
      note: u.note ?? '',
    })),
    ...data.groups.map((g) => ({
      ...empty,
      type: 'group',
      id: g.id,
      name: g.label,
      kind: join([...g.kinds, ...(g.vague ? ['vague'] : [])]),
      parent: g.parentId ?? '',
      aliases: join(g.aliases),
      id_prefix: g.idPrefix ?? '',
    })),
  ];
}

function metaEntries(data: DirectoryData): [string, string][] {
  return [
    ['id', data.id],
    ['name', data.name],
    ['issuerNames', data.issuerNames.join('; ')],
    ['issuingAuthorityId', data.issuingAuthorityId],
    ['monitoringUnitId', data.monitoringUnitId],
    ['source', data.source ?? ''],
    ['aliasRules', data.aliasRules.length ? JSON.stringify(data.aliasRules) : ''],
  ].filter((e): e is [string, string] => e[1] !== '' && (META_KEYS as readonly string[]).includes(e[0] as string));
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A directory in one of the file forms; round-trips through readDirectoryFile. */
export async function serializeDirectory(data: DirectoryData, format: DirectoryFileFormat): Promise<Buffer> {
  const doc = DirectoryDataSchema.parse(data);
  if (format === 'json') return Buffer.from(JSON.stringify(doc, null, 2) + '\n');
  if (format === 'yaml') return Buffer.from(stringifyYaml(doc, { lineWidth: 0 }));
  const rows = directoryRows(doc);
  if (format === 'csv') {
    const lines = [
      ...metaEntries(doc).map(([k, v]) => csvCell(`# ${k}: ${v}`)),
      UNIT_COLUMNS.join(','),
      ...rows.map((r) => UNIT_COLUMNS.map((c) => csvCell(r[c])).join(',')),
    ];
    return Buffer.from(lines.join('\n') + '\n');
  }
  const wb = new ExcelJS.Workbook();
  const units = wb.addWorksheet('units');
  units.addRow([...UNIT_COLUMNS]);
  units.getRow(1).font = { bold: true };
  for (const r of rows) units.addRow(UNIT_COLUMNS.map((c) => r[c]));
  const meta = wb.addWorksheet('directory');
  for (const [k, v] of metaEntries(doc)) meta.addRow([k, v]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Writes a directory to `file` in the form its extension names. */
export async function writeDirectoryFile(data: DirectoryData, file: string): Promise<void> {
  fs.writeFileSync(file, await serializeDirectory(data, formatOf(file)));
}
