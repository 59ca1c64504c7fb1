import { parseCsv } from '../domain/plans/layouts/clean';
import { importDocument, importPlan, type ImportOptions } from '../domain/plans/import';
import { LayoutError } from '../domain/plans/raw';
import type { ImportResult } from '../domain/plans/model';
import type { DocCell } from '../domain/plans/document';
import { readDocx } from './docx';
import { DEFAULT_LIMITS, DocumentError, type DocumentLimits } from './limits';
import { readPdf } from './pdf';
import { isReviewWorkbook, reviewWorkbookPlan } from './review-file';
import { readWorkbook, workbookDocument } from './xlsx';

export { DocumentError, DEFAULT_LIMITS, type DocumentLimits } from './limits';

/** What a file turned out to be, by its bytes (never by its name alone). */
export type FileKind = 'docx' | 'xlsx' | 'zip' | 'pdf' | 'ole' | 'text';

export function sniff(buf: Buffer): FileKind {
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) {
    const head = buf.subarray(0, Math.min(buf.length, 64 * 1024)).toString('latin1');
    if (head.includes('word/')) return 'docx';
    if (head.includes('xl/')) return 'xlsx';
    return 'zip';
  }
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1) return 'ole';
  return 'text';
}

/** The first line of a review sheet written as .csv or .yaml. */
const REVIEW_TEXT = /^# (dondoc-review|review: dondoc-review)\b/;

const EXT = (file: string) => /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';

/** A CSV is a clean plan when its header names the clean columns (ref, title…); otherwise it is an annex table. */
function isCleanCsv(text: string): boolean {
  const header = text.split(/\r?\n/).find((l) => l.trim() && !l.startsWith('#')) ?? '';
  const cols = header
    .toLowerCase()
    .split(',')
    .map((c) => c.trim());
  return cols.includes('ref') && cols.includes('title');
}

function csvDocument(text: string) {
  const { rows } = parseCsv(text.replace(/^\uFEFF/, ''));
  const grid = rows.map((r) => r.map((t): DocCell => ({ text: t.trim(), mergedFrom: null })));
  return workbookDocument([{ name: 'csv', rows: grid }], 'csv');
}

export interface ImportFileOptions extends ImportOptions {
  limits?: Partial<DocumentLimits>;
}

/** The result of importing a file, with the HTTP status a refusal maps to (413, 415 or 422). */
export type FileImportResult = ImportResult | (Extract<ImportResult, { ok: false }> & { status: 413 | 415 | 422 });

/**
 * Imports a plan from a file's bytes, whatever its format: .docx, .pdf (text layer), .xlsx, .csv, a review sheet
 * (written by `dondoc import --review`), or any text layout. Never throws; refusals name the file and what was
 * expected, within bounded size, memory and time; nothing is partly imported.
 */
export async function importFile(
  buf: Buffer,
  fileName: string,
  options: ImportFileOptions = {},
): Promise<FileImportResult> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const { limits: _limits, ...opts } = options;
  try {
    if (buf.length > limits.maxBytes)
      throw new DocumentError(
        fileName,
        `a plan document of at most ${limits.maxBytes} bytes`,
        `${fileName}: the file is ${buf.length} bytes, more than the ${limits.maxBytes} accepted (DONDOC_DOCUMENT_MAX_BYTES); refused`,
        413,
      );
    const kind = sniff(buf);
    switch (kind) {
      case 'docx':
        return importDocument(readDocx(buf, fileName, limits), fileName, opts);
      case 'xlsx': {
        const sheets = await readWorkbook(buf, fileName, limits);
        if (isReviewWorkbook(sheets)) {
          const r = importPlan(JSON.stringify(reviewWorkbookPlan(sheets, fileName)), fileName, opts);
          return r.ok ? { ok: true, plan: { ...r.plan, plan: { ...r.plan.plan, layout: 'xlsx/review' } } } : r;
        }
        return importDocument(workbookDocument(sheets, 'xlsx'), fileName, opts);
      }
      case 'pdf':
        return importDocument(await readPdf(buf, fileName, limits), fileName, opts);
      case 'ole':
        throw new DocumentError(
          fileName,
          'a .docx or .xlsx without a password',
          `${fileName}: this is a password-protected (encrypted) Office file or an old .doc/.xls, not a .docx/.xlsx; ` +
            'expected a .docx or .xlsx without a password: remove the password (or save as .docx/.xlsx) and import again',
          415,
        );
      case 'zip':
        throw new DocumentError(
          fileName,
          'a .docx or .xlsx',
          `${fileName}: a zip archive that is neither a Word (.docx) nor an Excel (.xlsx) file; expected a plan document`,
          415,
        );
      case 'text': {
        const text0 = buf.toString('utf8');
        if (REVIEW_TEXT.test(text0.slice(0, 400))) {
          const r = importPlan(text0, fileName, opts);
          return r.ok
            ? { ok: true, plan: { ...r.plan, plan: { ...r.plan.plan, layout: `${r.plan.plan.layout}/review` } } }
            : r;
        }
        if (['docx', 'xlsx', 'pdf'].includes(EXT(fileName)))
          throw new DocumentError(
            fileName,
            `a .${EXT(fileName)} file`,
            `${fileName}: the name says .${EXT(fileName)} but the content is not one (damaged or renamed); expected a real .${EXT(fileName)} file`,
            422,
          );
        const text = buf.toString('utf8');
        if (EXT(fileName) === 'csv' && !isCleanCsv(text)) return importDocument(csvDocument(text), fileName, opts);
        return importPlan(text, fileName, opts);
      }
      default: {
        const _exhaustive: never = kind;
        throw new Error(String(_exhaustive));
      }
    }
  } catch (err) {
    if (err instanceof DocumentError)
      return {
        ok: false,
        status: err.status,
        error: { file: fileName, line: null, expected: err.expected, message: err.message },
      };
    if (err instanceof LayoutError)
      return {
        ok: false,
        status: 422,
        error: {
          file: fileName,
          line: err.line,
          expected: err.expected,
          message: `${fileName}${err.line !== null ? `:${err.line}` : ''}: expected ${err.expected}`,
        },
      };
    return {
      ok: false,
      status: 422,
      error: {
        file: fileName,
        line: null,
        expected: 'a readable plan document',
        message: `${fileName}: could not be read (${err instanceof Error ? err.message : String(err)})`,
      },
    };
  }
}
