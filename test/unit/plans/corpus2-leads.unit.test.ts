import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importPlan } from '../../../domain/plans/import';
import type { Plan } from '../../../domain/plans/model';
import { sharedDir } from './shared';

// The leads and deadlines of three corpus2 plans whose counts are hand-made (corpus2.unit.test.ts), as read from the
// documents: a wrong lead or a lost deadline fails here even when the count holds.

const load = (name: string, issued?: string): Plan => {
  const r = importPlan(readFileSync(path.join(sharedDir, 'corpus2', name), 'utf8'), name, issued ? { issued } : {});
  if (!r.ok) throw new Error(r.error.message);
  return r.plan;
};
const leadOf = (p: Plan, ref: string) =>
  p.tasks
    .find((t) => t.ref === ref)
    ?.lead.map((m) => m.text)
    .join('; ');
const deadlineOf = (p: Plan, ref: string) => p.tasks.find((t) => t.ref === ref)?.deadline.text;

describe('thutuong-844: annex rows and the dated duties of III', () => {
  const p = load('thutuong-844-QD-TTg-2026.md');
  it.each([
    ['III.1', /^Các Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các tỉnh/, /quý II năm 2026/],
    ['III.3', /^Bộ trưởng, Thủ trưởng cơ quan ngang bộ/, /^trước ngày 31 tháng 12 hằng năm$/],
    ['I.3', /^Ủy ban nhân dân cấp tỉnh$/, /^Hằng năm/],
    ['II.8', /^Bộ Y tế$/, /^Tháng 3\/2027$/],
    ['III.11', /^Bộ Y tế, Sở Y tế/, /^Từ quý II\/2027$/],
    ['III.12', /^Cơ sở khám bệnh, chữa bệnh$/, /^Từ quý I\/2027$/],
    ['IV.15', /^Bộ Y tế, Ủy ban nhân dân cấp tỉnh$/, /^Thường xuyên$/],
    ['IV.20', /^Các Bộ, Ủy ban nhân dân các cấp$/, /^Thường xuyên$/],
    ['V.23', /^Bộ Y tế$/, /^Từ quý III\/2026 đến quý III\/2030$/],
    ['VI.27', /^Bộ Tài chính$/, /^Thường xuyên$/],
  ])('%s', (ref, lead, deadline) => {
    expect(leadOf(p, ref)).toMatch(lead);
    expect(deadlineOf(p, ref)).toMatch(deadline);
  });
  it('III.3 reports every year', () => {
    expect(p.tasks.find((t) => t.ref === 'III.3')?.deadline.recurrence).toMatchObject({ every: 'year', month: 12 });
  });
  it('III.13 is reported done ("Đã hoàn thành")', () => {
    expect(p.tasks.find((t) => t.ref === 'III.13')?.reported).toMatchObject({ state: 'completed' });
  });
});

describe('thutuong-773: duties by ministry', () => {
  const p = load('thutuong-773-QD-TTg-2018.md');
  it('leads and the deadlines the text states', () => {
    expect(p.tasks.filter((t) => leadOf(p, t.ref) === 'Bộ Lao động - Thương binh và Xã hội')).toHaveLength(18);
    expect(p.tasks.find((t) => /trình Thủ tướng Chính phủ trong quý 1\/2019/.test(t.title))?.deadline.text).toBe(
      'trong quý 1/2019',
    );
    expect(leadOf(p, 'III.12')).toBe('Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam');
    expect(leadOf(p, 'III.13.1')).toBe('Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương');
    const report = p.tasks[p.tasks.length - 1];
    expect(report?.title).toMatch(/^Hàng năm, các bộ, ngành/);
    expect(report?.deadline.text).toBe('Hàng năm');
  });
});

describe('hanoi-2020: duties of the Sở’s divisions, the city’s bodies and the districts', () => {
  const p = load('hanoi-nonum-KH-SVHTT-2020.md', '2020-09-01');
  it('leads', () => {
    const count = (lead: string) => p.tasks.filter((t) => t.lead.map((m) => m.text).join('; ') === lead).length;
    expect(count('Phòng Xây dựng nếp sống văn hóa và gia đình')).toBe(6);
    expect(count('Phòng Kế hoạch Tài chính, Văn phòng Sở')).toBe(1);
    expect(count('Các phòng, ban, đơn vị trực thuộc')).toBe(1);
    expect(count('Sở, ban, ngành Thành phố')).toBe(2);
    expect(count('UBND quận, huyện, thị xã') + count('các quận, huyện, thị xã')).toBe(2);
  });
});
