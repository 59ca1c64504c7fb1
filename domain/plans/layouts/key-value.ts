import type { RawPlan, RawTask, RawWarning } from '../raw';
import { splitProducts } from '../raw';
import { columnScores, type ColumnRole } from './columns';
import { paragraphsOf, type Paragraph } from './paragraphs';
import { readReportedStatus } from './status';
import { splitLeadSupport } from './unit-phrase';

// Key–value blocks: a task's text, then its fields one per line, each labelled the way a table header would be
// ("- Đơn vị chủ trì: Sở X", "- Thời gian hoàn thành: Quý IV/2025", "2. Cơ quan chủ trì: …",
// "5. Thời gian hoàn thành: …"). Labels are read by meaning (columns.ts), in any order.

type FieldRole = Exclude<ColumnRole, 'other' | 'ref'>;
const LABEL = /^([^:]{3,70}?)\s*:\s*(.*)$/u;

/** The role and value of a field line, or null for running text. */
export function fieldOf(p: Paragraph): { role: FieldRole; value: string } | null {
  const m = LABEL.exec(p.rest);
  if (!m?.[1]) return null;
  const label = m[1].trim();
  if (label.split(/\s+/).length > 9) return null;
  let best: FieldRole | null = null;
  let score = 0;
  for (const [role, s] of columnScores(label)) {
    if (role === 'ref' || role === 'other') continue;
    if (s > score) {
      best = role;
      score = s;
    }
  }
  if (!best || score < 3) return null;
  return { role: best, value: (m[2] ?? '').trim() };
}

/** An inline list marker before a label ("b) Thời gian thực hiện:"), as OCR garbles it too ("6 b)", "chạc)"). */
const INLINE_FIELD = /\s+(?=\S{0,3}[a-zđ]\)\s+[^:]{3,70}:)/iu;

/**
 * "Cơ quan chủ trì: Sở X; b) Cơ quan phối hợp: … c) Thời gian thực hiện: …": fields that run on in one paragraph
 * (a scan that lost its line breaks) are read one by one; text after a marker that opens no field stays in the value.
 */
function inlineFields(p: Paragraph): Paragraph[] {
  const parts = p.rest.split(INLINE_FIELD);
  if (parts.length < 2 || !fieldOf(p)) return [p];
  // OCR noise before the first marker ("16 b) Cơ quan phối hợp:", "Xã a) …") belongs to its label
  if (!fieldOf({ ...p, rest: parts[0] as string })) parts.splice(0, 2, `${parts[0]} ${parts[1]}`);
  const out: Paragraph[] = [];
  for (const part of parts) {
    const q = { ...p, rest: part.replace(/^\S{0,3}[a-zđ]\)\s+/iu, '') };
    const last = out[out.length - 1];
    if (last && !fieldOf(q)) out[out.length - 1] = { ...last, rest: `${last.rest} ${part}` };
    else out.push(q);
  }
  // a stray page number or marker digit left before the next field ("Sở Dân tộc 6 b) …")
  return out.map((q) => ({ ...q, rest: q.rest.replace(/[\s;,]+\d{0,2}$/u, '') }));
}

/** Whether the document assigns its tasks in key–value blocks (at least two with a lead or a deadline). */
export function looksLikeKeyValue(lines: string[]): boolean {
  return readKeyValue(lines).tasks.length >= 2;
}

/** Reads every key–value block: the text before the fields is the task, the fields its lead, deadline, … */
export function readKeyValue(lines: string[]): RawPlan {
  const paras = paragraphsOf(lines);
  const tasks: RawTask[] = [];
  const warnings: RawWarning[] = [];
  let section = '';
  let heading = '';
  let pending: Paragraph | null = null;
  let fields: Partial<Record<FieldRole, string>> = {};
  let firstFieldLine = 0;
  let lastFieldLine = 0;
  const flush = () => {
    if (Object.keys(fields).length === 0) return;
    const hasTask = fields.lead !== undefined || fields.deadline !== undefined;
    const title = (fields.title ?? pending?.rest ?? '').trim();
    if (hasTask && title) {
      const { lead, support } = splitLeadSupport(fields.lead ?? '');
      const status = readReportedStatus(fields.status ?? '');
      const own = pending?.marker && pending.marker !== '-' ? pending.marker : String(tasks.length + 1);
      // "(3)" under "2. Hoàn thiện cơ cấu tổ chức" is 2.3; under "II." too.
      const under = pending && pending.level > 2 ? [section, heading] : [section];
      const ref = [...under.filter(Boolean), own].join('.');
      tasks.push({
        ref,
        section,
        title,
        products: splitProducts(fields.products ?? ''),
        lead,
        support: [support, fields.support ?? ''].filter(Boolean).join('; '),
        accountable: '',
        deadlineText: (fields.deadline ?? '').replace(/[.;]$/, ''),
        ...(status ? { status } : {}),
        line: pending?.line ?? firstFieldLine,
        endLine: lastFieldLine,
      });
    } else if (hasTask) {
      warnings.push({ ref: null, line: firstFieldLine, message: 'fields of a task without its text; skipped' });
    }
    fields = {};
    pending = null;
  };
  for (const p of paras.flatMap(inlineFields)) {
    const f = fieldOf(p);
    if (f) {
      if (Object.keys(fields).length === 0) firstFieldLine = p.line;
      if (fields[f.role] !== undefined) {
        // The same field twice: a new task whose text is missing, or a continuation ("Thời gian: …; …").
        fields[f.role] = `${fields[f.role]}; ${f.value}`;
      } else fields[f.role] = f.value;
      lastFieldLine = p.endLine;
      continue;
    }
    flush();
    if (p.level === 0) {
      section = p.marker;
      heading = '';
    } else if (p.level <= 2 && !/[.;]$/.test(p.rest)) heading = p.marker;
    pending = p;
  }
  flush();
  return { layout: 'key-value', tasks, warnings };
}
