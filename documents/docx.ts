import { XMLParser } from 'fast-xml-parser';
import { toGrid, type DocBlock, type DocCell, type PlanDocument } from '../domain/plans/document';
import { DocumentError, type DocumentLimits } from './limits';
import { readZipEntry, zipDirectory } from './zip';

// WordprocessingML read directly (no converter in between), so merged cells keep their geometry: w:gridSpan
// (columns) and w:vMerge (rows) become a grid whose covered cells repeat the text and point at their origin.

type XNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  processEntities: true,
});

const tagOf = (n: XNode): string => Object.keys(n).find((k) => k !== ':@') ?? '';
const kids = (n: XNode): XNode[] => {
  const v = n[tagOf(n)];
  return Array.isArray(v) ? (v as XNode[]) : [];
};
const attr = (n: XNode, name: string): string | undefined => (n[':@'] as Record<string, string> | undefined)?.[name];
const child = (n: XNode, tag: string): XNode | undefined => kids(n).find((c) => tagOf(c) === tag);
const val = (n: XNode | undefined): string | undefined => (n ? attr(n, 'w:val') : undefined);

/** Text of a run container: w:t, tabs and breaks; deleted text and field codes left out. */
function textOf(node: XNode): string {
  let out = '';
  for (const c of kids(node)) {
    const tag = tagOf(c);
    if (tag === '#text') out += String(c['#text'] ?? '');
    else if (tag === 'w:t')
      out += kids(c)
        .map((t) => String(t['#text'] ?? ''))
        .join('');
    else if (tag === 'w:tab') out += '\t';
    else if (tag === 'w:br' || tag === 'w:cr') out += '\n';
    else if (['w:del', 'w:delText', 'w:instrText', 'w:pPr', 'w:rPr', 'w:fldChar', 'w:drawing'].includes(tag)) continue;
    else out += textOf(c);
  }
  return out;
}

interface Level {
  fmt: string;
  text: string;
  start: number;
}

/** Numbering definitions: numId → its abstract list's levels. */
function readNumbering(xml: string | null): Map<string, { abstractId: string; levels: Map<number, Level> }> {
  const out = new Map<string, { abstractId: string; levels: Map<number, Level> }>();
  if (!xml) return out;
  const root = (parser.parse(xml) as XNode[]).find((n) => tagOf(n) === 'w:numbering');
  if (!root) return out;
  const abstracts = new Map<string, Map<number, Level>>();
  for (const a of kids(root).filter((n) => tagOf(n) === 'w:abstractNum')) {
    const levels = new Map<number, Level>();
    for (const l of kids(a).filter((n) => tagOf(n) === 'w:lvl')) {
      levels.set(Number(attr(l, 'w:ilvl') ?? 0), {
        fmt: val(child(l, 'w:numFmt')) ?? 'decimal',
        text: val(child(l, 'w:lvlText')) ?? '',
        start: Number(val(child(l, 'w:start')) ?? 1),
      });
    }
    abstracts.set(attr(a, 'w:abstractNumId') ?? '', levels);
  }
  for (const n of kids(root).filter((x) => tagOf(x) === 'w:num')) {
    const abstractId = val(child(n, 'w:abstractNumId')) ?? '';
    out.set(attr(n, 'w:numId') ?? '', { abstractId, levels: abstracts.get(abstractId) ?? new Map() });
  }
  return out;
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'lowerLetter':
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    case 'upperLetter':
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'bullet':
      return '-';
    default:
      return String(n);
  }
}

/** Keeps list numbering ("1.", "a)", "II.") as text, since plans refer to tasks by it. */
class Numberer {
  private counters = new Map<string, number[]>();
  constructor(private readonly defs: ReturnType<typeof readNumbering>) {}

  label(p: XNode): string {
    const numPr = child(child(p, 'w:pPr') ?? {}, 'w:numPr');
    if (!numPr) return '';
    const numId = val(child(numPr, 'w:numId')) ?? '';
    const ilvl = Number(val(child(numPr, 'w:ilvl')) ?? 0);
    const def = this.defs.get(numId);
    if (!def || numId === '0') return '';
    const counts = this.counters.get(def.abstractId) ?? [];
    for (let i = 0; i <= ilvl; i++) counts[i] ??= (def.levels.get(i)?.start ?? 1) - 1;
    counts[ilvl] = (counts[ilvl] ?? 0) + 1;
    counts.length = ilvl + 1;
    this.counters.set(def.abstractId, counts);
    const level = def.levels.get(ilvl);
    if (!level) return '';
    if (level.fmt === 'bullet') return '- ';
    const label = level.text.replace(/%(\d)/g, (_m, d: string) => {
      const i = Number(d) - 1;
      return formatNumber(counts[i] ?? 1, def.levels.get(i)?.fmt ?? 'decimal');
    });
    return label ? `${label} ` : '';
  }
}

/** Reads a w:tbl into a grid: gridSpan repeats a cell to the right, vMerge continues the cell above. */
function readTable(tbl: XNode, paragraphText: (p: XNode) => string): DocCell[][] {
  const rows: DocCell[][] = [];
  for (const tr of kids(tbl).filter((n) => tagOf(n) === 'w:tr')) {
    const r = rows.length;
    const row: DocCell[] = [];
    const cellsOf = (n: XNode): XNode[] =>
      kids(n).flatMap((c) =>
        tagOf(c) === 'w:tc' ? [c] : tagOf(c) === 'w:sdt' ? cellsOf(child(c, 'w:sdtContent') ?? {}) : [],
      );
    for (const tc of cellsOf(tr)) {
      const pr = child(tc, 'w:tcPr');
      const span = Math.max(1, Math.min(64, Number(val(child(pr ?? {}, 'w:gridSpan')) ?? 1) || 1));
      const vMerge = child(pr ?? {}, 'w:vMerge');
      const c = row.length;
      const above = rows[r - 1]?.[c];
      let cell: DocCell;
      if (vMerge && val(vMerge) !== 'restart' && above) {
        const origin = above.mergedFrom ?? [r - 1, c];
        cell = { text: rows[origin[0]]?.[origin[1]]?.text ?? above.text, mergedFrom: [origin[0], origin[1]] };
      } else {
        const text = cellText(tc, paragraphText);
        cell = { text, mergedFrom: null };
      }
      row.push(cell);
      for (let k = 1; k < span; k++) row.push({ text: cell.text, mergedFrom: cell.mergedFrom ?? [r, c] });
    }
    rows.push(row);
  }
  return toGrid(rows);
}

function cellText(tc: XNode, paragraphText: (p: XNode) => string): string {
  const parts: string[] = [];
  const walk = (n: XNode) => {
    for (const c of kids(n)) {
      const tag = tagOf(c);
      if (tag === 'w:p') parts.push(paragraphText(c));
      else if (tag === 'w:tbl')
        for (const row of readTable(c, paragraphText)) parts.push(row.map((x) => x.text).join(' '));
      else if (tag === 'w:sdt' || tag === 'w:sdtContent' || tag === 'w:customXml') walk(c);
    }
  };
  walk(tc);
  return parts.join('\n').trim();
}

const WHAT = 'a Word document (.docx)';

/** Reads a .docx into the document model: body paragraphs (with their list numbers) and tables as grids. */
export function readDocx(buf: Buffer, file: string, limits: DocumentLimits): PlanDocument {
  const entries = zipDirectory(buf, file, WHAT, limits);
  const main = entries.get('word/document.xml');
  if (!main) throw new DocumentError(file, WHAT, `${file}: a zip without word/document.xml; expected ${WHAT}`, 415);
  const read = (name: string) => {
    const e = entries.get(name);
    return e ? readZipEntry(buf, e, file, WHAT).toString('utf8') : null;
  };
  let tree: XNode[];
  try {
    tree = parser.parse(read('word/document.xml') ?? '') as XNode[];
  } catch (err) {
    throw new DocumentError(
      file,
      WHAT,
      `${file}: word/document.xml is not well-formed XML (${err instanceof Error ? err.message : String(err)})`,
      422,
    );
  }
  const body = child(tree.find((n) => tagOf(n) === 'w:document') ?? {}, 'w:body');
  if (!body) throw new DocumentError(file, WHAT, `${file}: word/document.xml has no w:body; expected ${WHAT}`, 422);
  const numberer = new Numberer(readNumbering(read('word/numbering.xml')));
  const paragraphText = (p: XNode) => (numberer.label(p) + textOf(p)).replace(/[ \t]+$/gm, '');
  const blocks: DocBlock[] = [];
  let line = 0;
  const walk = (n: XNode) => {
    for (const c of kids(n)) {
      const tag = tagOf(c);
      if (tag === 'w:p') {
        const text = paragraphText(c);
        line++;
        if (text.trim()) blocks.push({ kind: 'paragraph', text, page: null, line });
      } else if (tag === 'w:tbl') {
        line++;
        blocks.push({ kind: 'table', page: null, line, rows: readTable(c, paragraphText) });
      } else if (tag === 'w:sdt' || tag === 'w:sdtContent' || tag === 'w:customXml') walk(c);
    }
  };
  walk(body);
  return { format: 'docx', blocks, notes: [] };
}
