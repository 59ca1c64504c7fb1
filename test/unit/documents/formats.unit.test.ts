import { readFileSync } from 'node:fs';
import { importFile } from '../../../documents/read';
import { readDocx } from '../../../documents/docx';
import { DEFAULT_LIMITS } from '../../../documents/limits';
import type { Plan } from '../../../domain/plans/model';
import { blocksOfPipeText, makeDocx, makeMergedDocx, makePdf, makeXlsx, type Block } from '../../support/documents';
import { corpusFile, loadPlan } from '../plans/shared';

// Each plan's text version and the .docx/.xlsx/.pdf made from it by the tools offices use must import to the same
// tasks: ref, task text, lead and support as written, deadline text and due dates.
const signature = (plan: Plan) =>
  plan.tasks.map((t) => ({
    ref: t.ref,
    title: t.title.replace(/\*/g, ''),
    lead: t.lead.map((m) => m.text.replace(/\*/g, '')),
    support: t.support.map((m) => m.text.replace(/\*/g, '')),
    deadline: t.deadline.text.replace(/\*/g, ''),
    due: t.deadline.milestones.map((m) => m.due),
  }));

async function imported(buf: Buffer, name: string): Promise<Plan> {
  const r = await importFile(buf, name);
  if (!r.ok) throw new Error(r.error.message);
  return r.plan;
}

/** A CSV export of the same document: paragraphs as one-cell rows, then the table rows. */
function makeCsv(blocks: Block[]): Buffer {
  const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph') lines.push(q(b.text));
    else if (Math.max(...b.rows.map((r) => r.length)) >= 3) for (const r of b.rows) lines.push(r.map(q).join(','));
    else lines.push(q(b.rows.map((r) => r.join(' ')).join('\n')));
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}

describe('real file formats import to the same tasks as the text version', () => {
  // Corpus plans with their task counts as the text importer reads them (test/unit/plans/corpus.unit.test.ts).
  const plans = [
    ['dongthap-617-KH-UBND-2025.md', 11],
    ['hcm-2820-QD-UBND-2025.md', 29],
    ['nghean-980-KH-UBND-2025.md', 18],
    ['ttg-2629-QD-TTg-2025.md', 77],
  ] as const;

  it.each(plans)(
    '%s as .docx and .xlsx (%i tasks)',
    async (name, count) => {
      const text = readFileSync(corpusFile(name), 'utf8');
      const base = loadPlan(corpusFile(name));
      expect(base.tasks).toHaveLength(count);
      const blocks = blocksOfPipeText(text);
      for (const [ext, make] of [
        ['docx', makeDocx],
        ['xlsx', makeXlsx],
      ] as const) {
        const plan = await imported(await make(blocks), `${name}.${ext}`);
        expect(plan.plan.layout).toBe(`${ext}/pipe-table`);
        expect(signature(plan)).toEqual(signature(base));
        expect([plan.plan.number, plan.plan.issued, plan.plan.issuer]).toEqual([
          base.plan.number,
          base.plan.issued,
          base.plan.issuer,
        ]);
      }
    },
    60_000,
  );

  it('dongthap-617 as a table .csv', async () => {
    const base = loadPlan(corpusFile('dongthap-617-KH-UBND-2025.md'));
    const plan = await imported(
      makeCsv(blocksOfPipeText(readFileSync(corpusFile('dongthap-617-KH-UBND-2025.md'), 'utf8'))),
      'dongthap.csv',
    );
    expect(plan.plan.layout).toBe('csv/pipe-table');
    expect(signature(plan)).toEqual(signature(base));
  });

  it('dongthap-617 as a multi-page .pdf with a running header, page numbers and a header repeated per page', async () => {
    const name = 'dongthap-617-KH-UBND-2025.md';
    const base = loadPlan(corpusFile(name));
    const buf = await makePdf(blocksOfPipeText(readFileSync(corpusFile(name), 'utf8')), {
      running: true,
      justify: true,
    });
    const plan = await imported(buf, 'dongthap.pdf');
    expect(plan.plan.layout).toBe('pdf/pipe-table');
    expect(signature(plan)).toEqual(signature(base));
    expect([plan.plan.number, plan.plan.issued]).toEqual(['617/KH-UBND', '2025-12-01']);
    expect(plan.tasks.some((t) => /CỔNG THÔNG TIN/.test(t.title))).toBe(false);
  }, 60_000);
});

describe('.docx merged cells', () => {
  it('a lead merged down over three rows (vMerge) is every row’s lead; a section row merged across is one cell', async () => {
    const buf = await makeMergedDocx();
    const doc = readDocx(buf, 'merged.docx', DEFAULT_LIMITS);
    const table = doc.blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no table');
    expect(table.rows.map((r) => r.length)).toEqual([5, 5, 5, 5, 5]);
    expect(table.rows[1]?.[4]).toEqual({ text: 'I. NHIỆM VỤ TRỌNG TÂM', mergedFrom: [1, 0] });
    expect(table.rows.slice(2).map((r) => r[2])).toEqual([
      { text: 'Sở Nội vụ', mergedFrom: null },
      { text: 'Sở Nội vụ', mergedFrom: [2, 2] },
      { text: 'Sở Nội vụ', mergedFrom: [2, 2] },
    ]);
    const plan = await imported(buf, 'merged.docx');
    expect(plan.plan).toMatchObject({ number: '12/KH-UBND', issued: '2026-01-15' });
    expect(plan.tasks.map((t) => [t.ref, t.lead.map((m) => m.text).join('; '), t.deadline.milestones[0]?.due])).toEqual(
      [
        ['I.1', 'Sở Nội vụ', '2026-09-30'],
        ['I.2', 'Sở Nội vụ', '2026-09-30'],
        ['I.3', 'Sở Nội vụ', '2026-12-31'],
      ],
    );
  });
});
