import ExcelJS from 'exceljs';
import { createCalendar } from '../../../domain/calendar';
import { importPlan } from '../../../domain/plans/import';
import { importFile } from '../../../documents/read';
import { writeReview } from '../../../documents/review-file';
import type { Plan } from '../../../domain/plans/model';
import { readingOf, reviewRows } from '../../../domain/plans/review';
import { clonePlan } from '../../../services/plan-clone';
import { importFileOrThrow, rebindPlan, requireReviewed } from '../../../services/planning';
import { makeMergedDocx } from '../../support/documents';
import { corpusFile, loadPlan } from '../plans/shared';

const tasksOf = (p: Plan) =>
  p.tasks.map((t) => [t.ref, t.section, t.title, t.products, t.lead, t.support, t.accountable, t.deadline]);

async function imported(buf: Buffer, name: string): Promise<Plan> {
  const r = await importFile(buf, name);
  if (!r.ok) throw new Error(r.error.message);
  return r.plan;
}

async function editXlsx(buf: Buffer, edit: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  edit(wb.getWorksheet('Nhiệm vụ')!);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('review sheet round trip', () => {
  const plan = loadPlan(corpusFile('hcm-2820-QD-UBND-2025.md'));

  it.each(['xlsx', 'yaml', 'csv'] as const)(
    'an unedited .%s review imports to the same plan, reviewed',
    async (format) => {
      const back = await imported(await writeReview(plan, format), `review.${format}`);
      expect(back.plan.layout).toBe(`${format}/review`);
      expect(back.plan.id).toBe(plan.plan.id);
      expect([back.plan.number, back.plan.issued, back.plan.period]).toEqual([
        plan.plan.number,
        plan.plan.issued,
        plan.plan.period,
      ]);
      const expected = tasksOf(plan);
      const got = tasksOf(back);
      if (format === 'csv') {
        // CSV lists are split on ";": the one product holding ";" (IV.5) comes back as two.
        const i = plan.tasks.findIndex((t) => t.products.some((p) => p.includes(';')));
        expect(i).toBeGreaterThanOrEqual(0);
        expect(got.filter((_, k) => k !== i)).toEqual(expected.filter((_, k) => k !== i));
      } else expect(got).toEqual(expected);
      expect(back.review).toBeUndefined(); // the pure import only reads; the service records the review
      const saved = await importFileOrThrow(await writeReview(plan, format), `review.${format}`, {
        now: new Date('2026-12-05T09:00:00Z'),
        by: 'cli:reviewer',
      });
      expect(saved.review).toEqual({ at: '2026-12-05T09:00:00.000Z', by: 'cli:reviewer', via: 'review-file' });
      const original = await importFileOrThrow(
        Buffer.from(
          JSON.stringify({
            plan: { issuer: 'UBND Quận 1', issued: '2026-01-05', title: 'Kế hoạch' },
            tasks: [{ ref: '1', title: 'Việc', lead: 'Phòng Nội vụ', deadline: 'Quý I năm 2026' }],
          }),
        ),
        'plain.json',
      );
      expect(original.review).toBeUndefined();
      expect(() => requireReviewed(original)).toThrow(/has not been reviewed/);
    },
  );

  it('every row carries its reading, resolved units and flags', () => {
    const rows = reviewRows(plan);
    expect(rows).toHaveLength(29);
    expect(rows[0]).toMatchObject({
      ref: 'I.1',
      lead: 'Sở Tài chính',
      lead_resolved: 'Sở Tài chính → hcm.so-tai-chinh',
      deadline: 'Quý IV/2025',
      due: '2025-12-31',
    });
    expect(rows[0]?.reading).toBe('hạn 31/12/2025');
    expect(rows.filter((r) => r.flags.includes('WARNING')).length).toBeGreaterThan(0);
  });

  it('edited cells win: a new deadline and a new lead are read again from scratch', async () => {
    const sheet = await writeReview(plan, 'xlsx');
    const edited = await editXlsx(sheet, (ws) => {
      const header = (ws.getRow(1).values as string[]).map(String);
      const col = (label: RegExp) => header.findIndex((h) => label.test(h));
      ws.getRow(2).getCell(col(/deadline text/)).value = 'Trước tháng 10 năm 2026';
      ws.getRow(2).getCell(col(/^Chủ trì \/ lead$/)).value = 'Sở Nội vụ';
    });
    const back = await imported(edited, 'edited.xlsx');
    const t = back.tasks[0]!;
    expect(t.deadline.text).toBe('Trước tháng 10 năm 2026');
    expect(t.deadline.milestones.map((m) => [m.nominal, m.due])).toEqual([['2026-09-30', '2026-09-30']]);
    expect(readingOf(t.deadline)).toBe('hạn 30/9/2026');
    expect(t.lead.map((m) => m.unitIds)).toEqual([['hcm.so-noi-vu']]);
    expect(tasksOf(back).slice(1)).toEqual(tasksOf(plan).slice(1));
  });

  it('an invalid edited cell is refused with its sheet, row and column', async () => {
    const sheet = await writeReview(plan, 'xlsx');
    const blank = await editXlsx(sheet, (ws) => (ws.getRow(4).getCell(1).value = ''));
    const r1 = await importFile(blank, 'blank.xlsx');
    expect(r1.ok).toBe(false);
    if (!r1.ok)
      expect(r1.error.message).toBe(
        'blank.xlsx: sheet "Nhiệm vụ", row 4, column A (ref): expected a task ref (e.g. 1.2)',
      );
    const dup = await editXlsx(sheet, (ws) => (ws.getRow(5).getCell(1).value = 'I.1'));
    const r2 = await importFile(dup, 'dup.xlsx');
    expect(r2.ok).toBe(false);
    if (!r2.ok)
      expect(r2.error.message).toMatch(/row 5, column A \(ref\): expected a ref of its own; I.1 is already on row 2/);
  });

  it('a .docx read with merged cells round-trips through its review sheet', async () => {
    const fromDocx = await imported(await makeMergedDocx(), 'merged.docx');
    const back = await imported(await writeReview(fromDocx, 'xlsx'), 'merged-review.xlsx');
    expect(tasksOf(back)).toEqual(tasksOf(fromDocx));
  });
});

describe('review sheet readings, with the working calendar', () => {
  it('explain in Vietnamese how each deadline text became dates', () => {
    const r = importPlan(
      JSON.stringify({
        plan: { number: '1/KH-UBND', issuer: 'UBND tỉnh Đồng Tháp', issued: '2026-01-10', title: 'Kế hoạch thử' },
        tasks: [{ ref: '1', title: 'Báo cáo', lead: ['Sở Nội vụ'], deadline: 'Trước tháng 10 năm 2026' }],
      }),
      'plan.json',
    );
    if (!r.ok) throw new Error(r.error.message);
    const [row] = reviewRows(r.plan, createCalendar());
    expect(row?.reading).toMatch(/30\/9\/2026/);
    expect(row?.reading).toMatch(/thứ Tư/);
  });
});

describe('a task the document reports done stays done when the plan is written back', () => {
  const r = importPlan(
    JSON.stringify({
      plan: { number: '2/KH-UBND', issuer: 'UBND tỉnh Lâm Đồng', issued: '2026-02-02', title: 'Kế hoạch thử' },
      tasks: [
        { ref: '1', title: 'Ban hành quy chế', lead: ['Sở Nội vụ'], deadline: 'Quý I/2026', status: 'Đã hoàn thành' },
        { ref: '2', title: 'Tập huấn', lead: ['Sở Nội vụ'], deadline: 'Quý II/2026', status: 'Đang thực hiện' },
        { ref: '3', title: 'Kiểm tra', lead: ['Sở Nội vụ'], deadline: 'Quý III/2026' },
      ],
    }),
    'status.json',
  );
  if (!r.ok) throw new Error(r.error.message);
  const states = (p: Plan) => p.tasks.map((t) => t.reported?.state ?? null);

  it('reads the status cell of a clean plan', () => {
    expect(states(r.plan)).toEqual(['completed', 'in-progress', null]);
  });

  it.each(['xlsx', 'yaml', 'csv'] as const)('through a .%s review sheet', async (format) => {
    expect(states(await imported(await writeReview(r.plan, format), `review.${format}`))).toEqual(states(r.plan));
  });

  it('through a clone to another year and a change of directory', () => {
    expect(states(clonePlan(r.plan, 2027))).toEqual(states(r.plan));
    expect(states(rebindPlan(r.plan, null))).toEqual(states(r.plan));
  });
});
