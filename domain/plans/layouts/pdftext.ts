import { cleanCell, LayoutError, splitProducts, type RawPlan, type RawTask, type RawWarning } from '../raw';

// Seed 000: text extracted from a PDF. Each cell breaks over lines, blank lines separate cells (mostly), the
// header repeats on each page and cells continue over page breaks. Columns are guessed from the order of
// the blocks: task, product, lead, support, deadline.

const HEADER_LINE = /^\s*(STT Nhiệm vụ cụ thể|trì\s*$|Cơ quan\s*$|phối hợp Thời gian)/u;
const TASK_REF = /^\s*(\d+\.\d+)\s*(.*)$/;
const SECTION = /^\s*(\d+)\s+(\p{Lu}.*)$/u;
const DEADLINE_BLOCK = /(Trong|Trước|Quý|Tháng|Hằng|Hàng|Thường xuyên|Định kỳ|năm 20\d\d|Theo|Khi|Sau khi|Giai đoạn)/iu;

export function looksLikePdfText(lines: string[]): boolean {
  return lines.filter((l) => /^\s*STT Nhiệm vụ cụ thể/u.test(l)).length >= 2;
}

export function readPdfText(lines: string[]): RawPlan {
  const start = lines.findIndex((l) => /^\s*STT Nhiệm vụ cụ thể/u.test(l));
  if (start < 0) throw new LayoutError('a Phụ lục table with header "STT Nhiệm vụ cụ thể…"', null);
  const warnings: RawWarning[] = [];
  const tasks: RawTask[] = [];
  let section = '';
  let current: { ref: string; line: number; endLine: number; blocks: string[][]; section: string } | null = null;
  let lastBlank = true;
  const finish = () => {
    if (!current) return;
    const blocks = current.blocks.map((b) => b.join('\n')).filter((b) => cleanCell(b));
    const [title = '', ...rest] = blocks;
    let deadline = '';
    const last = rest[rest.length - 1] ?? '';
    if (rest.length > 0 && DEADLINE_BLOCK.test(last) && cleanCell(last).length < 120) {
      deadline = cleanCell(last);
      rest.pop();
    } else {
      const m =
        /(Trong năm 20\d\d|Trước tháng \d+ năm 20\d\d|Thường xuyên|Hằng (?:tháng|quý|năm)|Quý [IV]+ năm 20\d\d)\s*$/u.exec(
          cleanCell(last),
        );
      if (m?.[1]) {
        deadline = m[1];
        rest[rest.length - 1] = last.replace(m[1], '');
      }
    }
    const [products = '', lead = '', ...support] = rest;
    if (rest.length < 2)
      warnings.push({ ref: current.ref, line: current.line, message: 'PDF text: columns could not all be told apart' });
    tasks.push({
      ref: current.ref,
      section: current.section,
      title: cleanCell(title),
      products: splitProducts(products.replace(/\n(?=-)/g, ' ')),
      lead: cleanCell(lead.replace(/\n\s*-\s*/g, '; ')),
      support: cleanCell(support.join('\n').replace(/\n\s*-\s*/g, '; ')),
      accountable: '',
      deadlineText: deadline,
      line: current.line,
      endLine: current.endLine,
    });
    current = null;
  };
  for (let i = start; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const l = raw.trim();
    if (HEADER_LINE.test(raw)) continue;
    if (/^(ỦY BAN NHÂN DÂN|TM\. ỦY BAN|KT\. CHỦ TỊCH)/u.test(l) && current) break;
    const ref = TASK_REF.exec(raw);
    const sec = ref ? null : SECTION.exec(raw);
    if (ref && lastBlank) {
      finish();
      current = { ref: ref[1] ?? '', line: i + 1, endLine: i + 1, blocks: [[]], section };
      if (ref[2]) current.blocks[0]?.push(ref[2]);
      lastBlank = false;
      continue;
    }
    if (sec && lastBlank && (sec[2] ?? '').length < 120 && !/^\d/.test(sec[2] ?? '')) {
      finish();
      section = `${sec[1]}. ${cleanCell(sec[2] ?? '')}`;
      continue;
    }
    if (!l) {
      lastBlank = true;
      if (current && (current.blocks[current.blocks.length - 1]?.length ?? 0) > 0) current.blocks.push([]);
      continue;
    }
    lastBlank = false;
    if (current) {
      current.blocks[current.blocks.length - 1]?.push(l);
      current.endLine = i + 1;
    }
  }
  finish();
  return { layout: 'pdf-text', tasks, warnings };
}
