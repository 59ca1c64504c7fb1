import { cleanCell } from '../raw';

// HTML tables embedded in a text document (a PDF-to-markdown converter writes the annex table as <table> markup,
// cut into one table per page). They are rewritten as the pipe blocks the table layout reads (markdown.ts), so an
// HTML table is read like any other table: a line holding "|" opens a cell, an empty cell ends a row.

const TABLE = /<table\b[^>]*>[\s\S]*?<\/table>/gi;
const ROW = /<tr\b[^>]*>([\s\S]*?)<\/tr>/gi;
const CELL = /<t([hd])\b[^>]*>([\s\S]*?)(?=<t[hd]\b|<\/tr>|$)/gi;
/** "Col1", "Col2": a converter's name for a column whose header it did not find (a table continued on a new page). */
const PLACEHOLDER = /^col\d+$/i;

/** True when the text holds an HTML table. */
export function hasHtmlTable(text: string): boolean {
  return /<table\b[^>]*>[\s\S]*?<tr\b/i.test(text);
}

/** A cell's text: line breaks kept as lines, other markup and entities taken out. */
function cellLines(html: string): string[] {
  return html
    .replace(/<\/t[hd]>/gi, '')
    .split(/<br\s*\/?>/i)
    .map((l) => cleanCell(l))
    .filter(Boolean);
}

/**
 * The rows of one HTML table. A header row made of converter placeholders ("Col1"…) is no header: the table
 * continues the one before it on a new page (what the converter put in its other cells spilled from the row above,
 * and is dropped). A row whose cells all repeat the first cell's text is one cell merged across (a section row).
 */
function rowsOf(table: string): string[][][] {
  const rows: string[][][] = [];
  for (const [, body] of table.matchAll(ROW)) {
    const cells = [...(body ?? '').matchAll(CELL)].map((m) => cellLines(m[2] ?? ''));
    const texts = cells.map((c) => c.join(' '));
    if (texts.filter((t) => PLACEHOLDER.test(t)).length >= Math.max(2, texts.length - 2)) continue;
    const first = texts[0] ?? '';
    const merged = texts.length > 2 && texts.slice(2).every((t) => t === texts[1]) && first !== texts[1];
    rows.push(merged ? [cells[0] ?? [], cells[1] ?? []] : cells);
  }
  return rows;
}

/** The text with every HTML table rewritten as pipe blocks; the lines around the tables are kept as they are. */
export function htmlTablesAsPipeBlocks(text: string): string {
  return text.replace(TABLE, (table) => {
    const out: string[] = [];
    for (const row of rowsOf(table)) {
      for (const cell of row) if (cell.length > 0) out.push('|', ...cell);
      out.push('|');
    }
    return out.join('\n');
  });
}
