import { readFileSync } from 'node:fs';
import { inlineDeadline, inlineSupport } from '../../../domain/plans/layouts/prose';
import type { Plan } from '../../../domain/plans/model';
import { loadPlan, seedFile, taskOf } from './shared';

// Expectations are read from the documents themselves; the line numbers cite them.

const load = (name: string): Plan => loadPlan(seedFile(name));
const task = taskOf;

describe('seed 001: a row whose year cells are empty (tab + non-breaking space)', () => {
  const p = load('001_9cd168f1a8940621.txt');
  it.each([
    ['3.3', 487, /^Xây dựng kế hoạch giải pháp để giải quyết dứt điểm số biên chế vượt/, 'Quyết định'], // L495
    ['6.3', 599, /^Hướng dẫn giải pháp kỹ thuật, tiêu chuẩn kỹ thuật/, 'Văn bản hướng dẫn'], // L609
    ['6.4', 611, /^Ứng dụng công nghệ thông tin trong điều hành/, 'Phần mềm'], // L619
  ])('%s (from L%i) keeps its product', (ref, line, title, product) => {
    const t = task(p, ref);
    expect(t.sourceLines.from).toBe(line);
    expect(t.title).toMatch(title);
    expect(t.products).toEqual([product]);
  });
  it('still has 29 rows and ignores no block silently', () => {
    expect(p.tasks).toHaveLength(29);
    expect(p.warnings.filter((w) => /ignored/.test(w.message))).toEqual([]);
  });
  it('keeps the year targets of those rows (only 2018 is filled in)', () => {
    expect(task(p, '3.3').deadline.text).toBe('2018: Trong Quý IV năm 2018'); // L492–494
    expect(task(p, '6.3').deadline.text).toBe('2018: Trong Quý IV năm 2018'); // L606–608
  });
});

describe('seed 002: inline deadlines and coordinating units', () => {
  it.each([
    ['gửi về Sở Nội vụ  chậm nhất ngày 10 tháng 10 năm 2025  để theo dõi', 'chậm nhất ngày 10 tháng 10 năm 2025'], // L113
    [
      'báo cáo Ủy ban nhân dân Thành phố định kỳ hằng quý  (riêng năm 2025 báo cáo hằng tháng)  để kịp thời',
      'định kỳ hằng quý (riêng năm 2025 báo cáo hằng tháng)',
    ], // L70
    [
      '(thông qua Sở Nội vụ).  Thời gian thực hiện: định kỳ hằng tháng   (bắt đầu ngay sau khi Bộ Nội vụ ban hành Đề án) .',
      'định kỳ hằng tháng (bắt đầu ngay sau khi Bộ Nội vụ ban hành Đề án)',
    ], // L116
    ['Thời gian hoàn thành: Tháng 9 năm 2025.', 'Tháng 9 năm 2025'], // L81
    ['Thời gian hoàn thành: Quý IV năm 2025 .', 'Quý IV năm 2025'], // L88
    ['được giao. Hằng tháng, báo cáo tiến độ', 'Hằng tháng'], // L67
    ['tại cuộc họp thường kỳ Ủy ban nhân dân Thành phố hằng tháng. Tham mưu', 'hằng tháng'], // L118
    ['Nâng cao chất lượng xây dựng văn bản quy phạm pháp luật', null], // L29
  ])('inlineDeadline(%j) = %j', (text, expected) => {
    expect(inlineDeadline(text)).toBe(expected);
  });
  it.each([
    [
      'Chủ trì, phối hợp Công an Thành phố, Trung tâm Chuyển đổi số Thành phố nghiên cứu, tham mưu giải pháp',
      'Công an Thành phố, Trung tâm Chuyển đổi số Thành phố',
    ], // L98
    [
      'Chủ trì, phối hợp Văn phòng Ủy ban nhân dân Thành phố, các đơn vị có liên quan tham mưu Ủy ban',
      'Văn phòng Ủy ban nhân dân Thành phố, các đơn vị có liên quan',
    ], // L76
    [
      'phối hợp với Đài Phát thanh và Truyền hình Thành phố thực hiện tuyên truyền',
      'Đài Phát thanh và Truyền hình Thành phố',
    ], // L78
    ['Nâng cao chất lượng công tác phối hợp với các cơ quan, đơn vị có liên quan trong quá trình', ''], // L38: a topic
    ['Nâng cao hiệu quả công tác phối hợp giữa các cơ quan; chậm trễ hoặc không phối hợp trong việc', ''], // L26
  ])('inlineSupport(%j) = %j', (text, expected) => {
    expect(inlineSupport(text)).toBe(expected);
  });
});

describe('seed 002 (prose) against the document', () => {
  const file = '002_ae0e2d343437c0cd.txt';
  const p = load(file);
  const lines = readFileSync(seedFile(file), 'utf8').split(/\r?\n/);
  const texts = (ms: { text: string }[]) => ms.map((m) => m.text);

  it('imports the 71 bullets of part II and the 5 assignments of part III', () => {
    expect(p.tasks.filter((t) => !t.ref.startsWith('III.'))).toHaveLength(71);
    expect(p.tasks.filter((t) => t.ref.startsWith('III.')).map((t) => [t.ref, t.sourceLines.from])).toEqual([
      ['III.1.1', 112],
      ['III.1.2', 113],
      ['III.2.1', 115],
      ['III.2.2', 116],
      ['III.3.1', 118],
    ]);
  });

  it('gives part III the leads its headings name (L111, L114, L117)', () => {
    for (const ref of ['III.1.1', 'III.1.2']) {
      expect(task(p, ref).lead.map((m) => m.kind)).toEqual(['group', 'group']);
      expect(texts(task(p, ref).lead).join('; ')).toMatch(/sở, ban, ngành; Ủy ban nhân dân phường, xã, đặc khu$/);
    }
    const six = [
      'Văn phòng Ủy ban nhân dân Thành phố',
      'Sở Nội vụ',
      'Sở Tư pháp',
      'Sở Khoa học và Công nghệ',
      'Sở Tài chính',
      'Trung tâm Chuyển đổi số Thành phố',
    ];
    for (const ref of ['III.2.1', 'III.2.2']) {
      expect(texts(task(p, ref).lead)).toEqual(six);
      expect(task(p, ref).lead.every((m) => m.kind === 'unit')).toBe(true);
    }
    expect(texts(task(p, 'III.3.1').lead)).toEqual(['Sở Nội vụ']);
  });

  it('reads part III deadlines as written', () => {
    const l113 = task(p, 'III.1.2').deadline;
    expect(l113.text).toBe('chậm nhất ngày 10 tháng 10 năm 2025');
    expect(l113.milestones.map((m) => m.nominal)).toEqual(['2025-10-10']);
    const l116 = task(p, 'III.2.2').deadline;
    expect(l116.text).toMatch(/^định kỳ hằng tháng \(bắt đầu ngay sau khi Bộ Nội vụ ban hành Đề án .*năm 2025\)$/);
    expect(l116.recurrence?.every).toBe('month');
    expect(l116.trigger).toMatch(/Bộ Nội vụ ban hành Đề án/);
    expect(task(p, 'III.1.1').deadline.text).toMatch(/^định kỳ hàng quý .*\(riêng năm 2025 báo cáo hằng tháng\)$/);
    expect(task(p, 'III.3.1').deadline.recurrence?.every).toBe('month'); // "hằng tháng" (L118)
    // L115 gives no time: the default, with its warning.
    expect(p.warnings.some((w) => w.ref === 'III.2.1' && /defaulted/.test(w.message))).toBe(true);
  });

  it('keeps the request to the Fatherland Front (L109) out, with a warning', () => {
    expect(p.tasks.some((t) => t.sourceLines.from === 109)).toBe(false);
    expect(p.warnings.some((w) => w.line === 109 && /Đề nghị/.test(w.message))).toBe(true);
  });

  it('reads the units a bullet coordinates with as support (L76, L98)', () => {
    const l76 = task(p, '2.1.7');
    expect(l76.sourceLines.from).toBe(76);
    expect(texts(l76.lead)).toEqual(['Sở Nội vụ']);
    expect(l76.support[0]).toMatchObject({ text: 'Văn phòng Ủy ban nhân dân Thành phố', kind: 'unit' });
    expect(texts(l76.support)[1]).toMatch(/đơn vị có liên quan$/);
    expect(l76.support).toHaveLength(2);
    const l98 = task(p, '2.6.1');
    expect(l98.sourceLines.from).toBe(98);
    expect(texts(l98.lead)).toEqual(['Sở Khoa học và Công nghệ']);
    expect(texts(l98.support)).toEqual(['Công an Thành phố', 'Trung tâm Chuyển đổi số Thành phố']);
    expect(l98.support.every((m) => m.kind === 'unit')).toBe(true);
  });

  it('carries the coordinating units of the 2.7 introduction (L103) to its bullets', () => {
    expect(texts(task(p, '2.7.1').support)).toEqual([expect.stringMatching(/cơ quan có liên quan$/)]);
  });

  it('reads the heading "2.7. Trung tâm Chuyển đổi số" (L102) as one unit, the one L114 names in full', () => {
    const centre = task(p, 'III.2.1').lead[5];
    expect(centre?.text).toBe('Trung tâm Chuyển đổi số Thành phố');
    const bullets = p.tasks.filter((t) => t.ref.startsWith('2.7.'));
    expect(bullets).toHaveLength(5);
    for (const t of bullets) {
      expect(t.lead).toHaveLength(1);
      expect(t.lead[0]).toMatchObject({ kind: 'unit', unitIds: centre?.unitIds });
    }
  });

  it('reads the inline recurring deadline of 2.1.1 (L70)', () => {
    const t = task(p, '2.1.1');
    expect(t.sourceLines.from).toBe(70);
    expect(t.deadline.text).toBe('định kỳ hằng quý (riêng năm 2025 báo cáo hằng tháng)');
    expect(t.deadline.kind).toBe('recurring');
    expect(t.deadline.recurrence?.every).toBe('quarter');
    expect(p.warnings.some((w) => w.ref === '2.1.1' && /defaulted/.test(w.message))).toBe(false);
  });

  it('drops no paragraph of parts II and III silently', () => {
    const end = lines.findIndex((l) => /^Trên đây là/.test(l.trim()));
    const start = lines.findIndex((l) => /^II\. NHIỆM VỤ/.test(l.trim()));
    const taskLines = new Set(p.tasks.map((t) => t.sourceLines.from));
    const warned = new Set(p.warnings.map((w) => w.line));
    const unaccounted = lines
      .map((l, i) => ({ l: l.trim(), line: i + 1 }))
      .slice(start + 1, end)
      .filter(({ l }) => l && !/^(\d+\.)+\s*\S|^[IVX]+\.\s/.test(l) && !/:$/.test(l)) // headings and introductions
      .filter(({ line }) => !taskLines.has(line) && !warned.has(line));
    expect(unaccounted).toEqual([]);
  });
});
