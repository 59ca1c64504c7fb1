import { readFileSync } from 'node:fs';
import { importFile } from '../../../documents/read';
import type { Plan } from '../../../domain/plans/model';
import { blocksOfTabText, makeDocx, makePdf, makeXlsx, type Block } from '../../support/documents';
import { loadPlan, seedFile } from '../plans/shared';

// The seeds as the files an office holds: each seed's text turned back into paragraphs and its table (one table, as
// the original has it; the text export cut it per page) and written by docx, exceljs and pdfkit. The .pdf is printed
// as a word processor prints it: justified paragraphs, a ruled table whose header row repeats on each page and whose
// cells wrap, a running header and "Trang n/N" footers. Each must import to the same tasks as the text version: ref,
// task, lead and support as written, deadline and due dates, and the same number, date, issuer and period.
// Seeds 000 and 001 are not here: their text does not give back their table (000 is a PDF's text with the cells run
// together, 001 a header over several rows), so no file made from it can be compared with them.
const signature = (plan: Plan) =>
  plan.tasks.map((t) => ({
    ref: t.ref,
    title: t.title,
    lead: t.lead.map((m) => m.text),
    support: t.support.map((m) => m.text),
    deadline: t.deadline.text,
    due: t.deadline.milestones.map((m) => m.due),
  }));

async function imported(buf: Buffer, name: string): Promise<Plan> {
  const r = await importFile(buf, name);
  if (!r.ok) throw new Error(r.error.message);
  return r.plan;
}

const printedPdf = (blocks: Block[]) => makePdf(blocks, { running: true, justify: true });

describe('seeds as .docx, .xlsx and .pdf import to the same tasks as their text', () => {
  // 004: a six-column annex table (STT / Nhiệm vụ / Sản phẩm / Chủ trì / Phối hợp / Thời gian), group rows 1–7
  // above their numbered tasks 1.1…; 002: prose, units as headings and tasks as bullets (no table).
  const seeds = [
    ['004_59a7d8b938235585.txt', 69, 'pipe-table'],
    ['002_ae0e2d343437c0cd.txt', 76, 'prose'],
  ] as const;

  it.each(seeds)(
    '%s (%i tasks)',
    async (name, count, layout) => {
      const base = loadPlan(seedFile(name));
      expect(base.tasks).toHaveLength(count);
      const blocks = blocksOfTabText(readFileSync(seedFile(name), 'utf8'));
      for (const [ext, make] of [
        ['docx', makeDocx],
        ['xlsx', makeXlsx],
        ['pdf', printedPdf],
      ] as const) {
        const plan = await imported(await make(blocks), `${name}.${ext}`);
        expect(plan.plan.layout).toBe(`${ext}/${layout}`);
        expect(signature(plan)).toEqual(signature(base));
        expect([plan.plan.number, plan.plan.issued, plan.plan.issuer, plan.plan.period]).toEqual([
          base.plan.number,
          base.plan.issued,
          base.plan.issuer,
          base.plan.period,
        ]);
        expect(plan.tasks.filter((t) => /CỔNG THÔNG TIN|Trang \d+\/\d+/.test(t.title))).toEqual([]);
      }
    },
    120_000,
  );
});
