/** A CSV that cannot be read: the line its record starts on, and what was expected there. */
export class CsvError extends Error {
  constructor(
    readonly line: number,
    readonly expected: string,
  ) {
    super(`line ${line}: expected ${expected}`);
    this.name = 'CsvError';
  }
}

/**
 * RFC 4180 CSV, as offices export it: a quote opens a cell only at its start (elsewhere it is text), quoted cells
 * may hold commas, doubled quotes and line breaks, lines end in LF or CRLF, and a UTF-8 byte-order mark is
 * dropped. Each record keeps the line it starts on, for errors that name it.
 */
export function parseCsv(text: string): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  const body = text.replace(/^\uFEFF/, '');
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      lines.push(rowLine);
      row = [];
      field = '';
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (quoted) throw new CsvError(rowLine, 'a closing quote');
  if (field || row.length) {
    row.push(field);
    rows.push(row);
    lines.push(rowLine);
  }
  return { rows, lines };
}
