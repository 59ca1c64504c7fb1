import { z } from 'zod';

/**
 * One plan document as read from any file format (.docx, .pdf, .xlsx, .csv): its paragraphs and tables in reading
 * order, each with where it came from (page for PDFs, a running line or row number otherwise). Readers of binary
 * formats (`documents/`) produce it; `importDocument` (import.ts) hands it to the layout readers.
 */
export const DocCellSchema = z.object({
  text: z.string(),
  /**
   * `null` for a cell of its own; otherwise the cell covers a merged area whose top-left cell is `[row, column]`
   * (vMerge continued rows, gridSpan columns, an .xlsx merge). The text is repeated so a reader can use either.
   */
  mergedFrom: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).nullable(),
});
export type DocCell = z.infer<typeof DocCellSchema>;

export const DocParagraphSchema = z.object({
  kind: z.literal('paragraph'),
  text: z.string(),
  page: z.number().int().positive().nullable(),
  /** 1-based: the paragraph's position in the document (or its line on the page, for PDFs). */
  line: z.number().int().positive(),
});

export const DocTableSchema = z.object({
  kind: z.literal('table'),
  page: z.number().int().positive().nullable(),
  line: z.number().int().positive(),
  /** A grid: every row has the same number of cells, merged areas resolved. */
  rows: z.array(z.array(DocCellSchema)),
});
export type DocTable = z.infer<typeof DocTableSchema>;

export const DocBlockSchema = z.discriminatedUnion('kind', [DocParagraphSchema, DocTableSchema]);
export type DocBlock = z.infer<typeof DocBlockSchema>;

export const PlanDocumentSchema = z.object({
  /** The file format it was read from. */
  format: z.enum(['docx', 'pdf', 'xlsx', 'csv']),
  blocks: z.array(DocBlockSchema),
  /** What the reader noticed and dropped or guessed (repeated page headers, page numbers…). */
  notes: z.array(z.string()),
});
export type PlanDocument = z.infer<typeof PlanDocumentSchema>;

/** Pads a table's rows to one width, so every reader can rely on a grid. */
export function toGrid(rows: DocCell[][]): DocCell[][] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => [
    ...r,
    ...Array.from({ length: width - r.length }, (): DocCell => ({ text: '', mergedFrom: null })),
  ]);
}

/** True when a row is one merged cell across the whole table (a section heading row). */
function spansRow(row: DocCell[], r: number): boolean {
  const first = row[0];
  if (!first || row.length < 2) return false;
  return row.every((c, i) => i === 0 || (c.mergedFrom !== null && c.mergedFrom[0] === r && c.mergedFrom[1] === 0));
}

/**
 * Renders a document as the pipe-block text the table layouts read (domain/plans/layouts/markdown.ts): paragraphs
 * as lines, each table cell opened by a line holding "|", each row closed by an empty cell. A cell merged down from
 * the row above repeats its text; a cell merged across the whole row (a section heading) is written once; empty
 * cells are left out, as in the published web exports, and the layout places the remaining cells by their content.
 */
export function renderDocument(doc: PlanDocument): string {
  const out: string[] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'paragraph') {
      out.push(block.text, '');
      continue;
    }
    block.rows.forEach((row, r) => {
      const cells = spansRow(row, r) ? row.slice(0, 1) : row.filter((c) => !(c.mergedFrom && c.mergedFrom[0] === r));
      for (const cell of cells) {
        const text = cell.text.trim();
        if (!text) continue;
        out.push('|', ...text.split(/\r?\n/).map((l) => l.replace(/^\|+$/, '').trimEnd()));
      }
      out.push('|');
    });
    out.push('');
  }
  return out.join('\n');
}
