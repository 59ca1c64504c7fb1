import { readFileSync } from 'node:fs';
import { readPipeTables } from '../../../domain/plans/layouts/markdown';
import type { Plan } from '../../../domain/plans/model';
import type { RawTask } from '../../../domain/plans/raw';
import { corpusFile, loadPlan } from './shared';

// Every expectation here was read off the corpus documents (the line numbers point into them), not off the importer.

const file = corpusFile;
const HCM = 'hcm-2820-QD-UBND-2025.md';
const NGHEAN = 'nghean-980-KH-UBND-2025.md';
const TTG2530 = 'ttg-2530-QD-TTg-2025.md';
const TTG2629 = 'ttg-2629-QD-TTg-2025.md';
const DONGTHAP = 'dongthap-617-KH-UBND-2025.md';

const load = (name: string): Plan => loadPlan(file(name));
const rawTasks = (name: string): RawTask[] =>
  readPipeTables(readFileSync(file(name), 'utf8').normalize('NFC').split(/\r?\n/)).tasks;
/** The cells of a row as the reader placed them, before units and deadlines are resolved. */
const row = (name: string, ref: string) => {
  const t = rawTasks(name).find((x) => x.ref === ref);
  if (!t) throw new Error(`${name}: no task ${ref}`);
  return {
    line: t.line,
    lead: t.lead,
    support: t.support,
    deadline: t.deadlineText,
    title: t.title,
    products: t.products,
  };
};
const task = (p: Plan, ref: string) => {
  const t = p.tasks.find((x) => x.ref === ref);
  if (!t) throw new Error(`no task ${ref}`);
  return t;
};
const range = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

const ALL_UNITS = 'Các sở, ngành, UBND xã, phường, đặc khu';

describe('every task row of each corpus annex, in document order', () => {
  it.each([
    // STT 1–11 under sections I–IV (numbering runs through the sections).
    [DONGTHAP, 11, 'I.1', 'IV.11'],
    // I 1–4; II 1 (+ its unnumbered row at L575), 2, 3; III 1–6; IV 1, 2 (+ L764), 3, 4 (two tasks stacked, L790–801);
    // V 1 (+ L836), 2, 3; VI 1–5: 28 rows, 29 tasks.
    [HCM, 29, 'I.1', 'VI.5'],
    // I 1; II 1–8; after the "…" at L350: 2–6; VII 1–2; VIII 1–2.
    [NGHEAN, 18, 'I.1', 'VIII.2'],
    // Phụ lục I, A–P: 58 rows (numbered rows, their unnumbered continuation rows and the STT-less rows of D–M and P);
    // Phụ lục II, I–VII: 4 + 5 + 2 + 5 + 3 + 3 + 2 = 24.
    [TTG2530, 82, 'A.1', 'PL2.VII.2'],
    // Phụ lục II (Phụ lục I lists indicators, no deadlines): I 14, II 4, III 32, IV 7, V 4, VI 7, VII 3, VIII 2, IX 2;
    // before it, the dated duties of the body's IV. Tổ chức thực hiện: 2's second dash (by 31/12/2025), 5 (yearly
    // report by 15/12; numbered IV.5 like an annex row, so TCTH-IV.5).
    [TTG2629, 77, 'IV.2.2', 'IX.2'],
  ])('%s: %i tasks, %s … %s', (name, count, first, last) => {
    const p = load(name);
    expect(p.tasks).toHaveLength(count);
    expect(p.tasks[0]?.ref).toBe(first);
    expect(p.tasks[count - 1]?.ref).toBe(last);
    expect(new Set(p.tasks.map((t) => t.ref)).size).toBe(count);
    const lines = p.tasks.map((t) => t.sourceLines.from);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('no warning contradicts itself or drops a row', () => {
    for (const name of [DONGTHAP, HCM, NGHEAN, TTG2530, TTG2629]) {
      const messages = load(name).warnings.map((w) => w.message);
      expect(messages.filter((m) => /ignored/.test(m))).toEqual([]);
      expect(messages.filter((m) => /(\d+) cells \(expected \1\)/.test(m))).toEqual([]);
    }
  });
});

describe('hcm-2820: short rows and rows with merged cells', () => {
  const p = load(HCM);

  it('numbers each row after its own STT', () => {
    expect(p.tasks.map((t) => t.ref)).toEqual([
      ...range('I.', 1, 4),
      'II.1',
      'II.1.2',
      'II.2',
      'II.3',
      ...range('III.', 1, 6),
      'IV.1',
      'IV.2',
      'IV.2.2',
      'IV.3',
      'IV.4',
      'IV.4.2',
      'V.1',
      'V.1.2',
      'V.2',
      'V.3',
      ...range('VI.', 1, 5),
    ]);
  });

  it('a row without STT fills the columns from the left; the merged ones come from the row above', () => {
    // L575–579: task and lead; support and deadline are II.1's (L566, L568).
    expect(row(HCM, 'II.1.2')).toMatchObject({
      line: 575,
      title: expect.stringMatching(/^Xây dựng hạ tầng kỹ thuật dự phòng/),
      lead: 'Trung tâm Chuyển đổi số Thành phố',
      support: 'Sở Khoa học và Công nghệ, các sở, ngành, UBND xã, phường, đặc khu',
      deadline: 'Quý IV/2026',
    });
    // L764–769: task, lead, support; the deadline is IV.2's (L761).
    expect(row(HCM, 'IV.2.2')).toMatchObject({
      line: 764,
      title: expect.stringMatching(/^Thực hiện sao lưu dữ liệu/),
      lead: 'Sở Khoa học và Công nghệ',
      support: 'Sở Tài chính',
      deadline: 'Quý IV/2026',
    });
    // L836–840: task and lead; support and deadline are V.1's (L824, L826).
    expect(row(HCM, 'V.1.2')).toMatchObject({
      line: 836,
      lead: 'Sở Tài chính',
      support: 'Sở Nội vụ, các sở, ngành, UBND xã, phường, đặc khu',
      deadline: 'Năm 2025-2030',
    });
  });

  it('numbered rows with 5 of 7 cells keep their own STT and cells', () => {
    expect(row(HCM, 'IV.2')).toMatchObject({
      line: 751,
      lead: 'Sở Tài chính',
      support: ALL_UNITS,
      deadline: 'Quý IV/2026',
    });
    expect(row(HCM, 'V.2')).toMatchObject({
      line: 843,
      lead: 'Sở Khoa học và Công nghệ, Công an Thành phố',
      support: 'Sở Tài chính, Sở Nội vụ, các sở, ngành, UBND xã, phường, đặc khu',
      deadline: 'Năm 2025-2030',
    });
    expect(row(HCM, 'V.3')).toMatchObject({
      line: 855,
      lead: 'Sở Tài chính',
      support: ALL_UNITS,
      deadline: 'Năm 2025-2030',
    });
  });

  it('VI.1–VI.4 are kept; their blank product cells stay blank', () => {
    const expected: [string, number, string, string][] = [
      ['VI.1', 874, 'Sở Khoa học và Công nghệ, Viện Nghiên cứu phát triển Thành phố', 'Hằng năm.'],
      ['VI.2', 889, 'Sở Tài chính', 'Hằng năm.'],
      ['VI.3', 903, 'Sở Tài chính', 'Hằng năm.'],
      ['VI.4', 917, 'Sở Tài chính', 'Khi có phát sinh.'],
    ];
    for (const [ref, line, lead, deadline] of expected) {
      expect(row(HCM, ref)).toMatchObject({ line, lead, support: ALL_UNITS, deadline, products: [] });
      expect(task(p, ref).deadline.text).toBe(deadline);
    }
  });

  it('IV.4 stacks two tasks, each with its own lead and support (L790–801)', () => {
    expect(row(HCM, 'IV.4')).toMatchObject({
      title: expect.stringMatching(/^Bố trí nhân lực đảm bảo đủ năng lực để thực hiện nhiệm vụ xây dựng/),
      lead: ALL_UNITS,
      support: 'Sở Tài chính',
      deadline: 'Năm 2026',
    });
    expect(row(HCM, 'IV.4.2')).toMatchObject({
      title: expect.stringMatching(/^Bố trí nhân lực đảm bảo đủ năng lực để quản lý, vận hành/),
      lead: 'Sở Tài chính',
      support: ALL_UNITS,
      deadline: 'Năm 2026',
    });
    expect(p.warnings.some((w) => w.ref === 'IV.4' && w.line === 788 && /IV\.4\.2/.test(w.message))).toBe(true);
  });
});

describe('ttg-2629: sub-heading rows', () => {
  const p = load(TTG2629);

  it('become sections, and the tasks around them keep their cells', () => {
    expect(p.tasks.map((t) => t.ref).filter((r) => r.startsWith('III.'))).toEqual(range('III.', 1, 32));
    expect(p.tasks.some((t) => /^Nhóm /.test(t.title) || /Nhóm /.test(t.deadline.text))).toBe(false);
    // L1362–1377 and L1388–1403, on either side of "III.1.2" (L1380).
    expect(row(TTG2629, 'III.4')).toMatchObject({
      lead: 'Bộ Công an',
      support: 'Các bộ, ngành, địa phương',
      deadline: 'Năm 2025-2026',
    });
    expect(row(TTG2629, 'III.5')).toMatchObject({
      line: 1388,
      lead: 'Văn phòng Chính phủ',
      support: 'Các bộ, ngành, địa phương',
      deadline: 'Năm 2025-2026',
    });
    expect(task(p, 'III.5').section).toMatch(/^III\.1\.2 Nhóm các nền tảng phục vụ quản trị/);
    // L1456–1470 and L1479–1493, around "III.1.3" (L1473).
    expect(row(TTG2629, 'III.9')).toMatchObject({ lead: 'Bộ Công an', deadline: 'Năm 2025-2026' });
    expect(row(TTG2629, 'III.10')).toMatchObject({ line: 1479, lead: 'Bộ Công an', deadline: 'Năm 2025-2026' });
    // L1747–1762 and L1770–1784, around "III.2" (L1765).
    expect(row(TTG2629, 'III.26')).toMatchObject({
      lead: 'Các bộ, ngành',
      support: 'Các bộ, ngành, địa phương khác có liên quan',
      deadline: 'Năm 2025-2030',
    });
    expect(row(TTG2629, 'III.27')).toMatchObject({
      line: 1770,
      lead: 'Các bộ, ngành, địa phương',
      support: 'Bộ Công an, Văn phòng Chính phủ, Bộ Khoa học và Công nghệ',
      deadline: 'Tháng 12/2025',
    });
    expect(task(p, 'III.27').section).toBe('III.2 Nhóm ứng dụng, nền tảng số cấp bộ, cấp tỉnh');
  });
});

describe('nghean: the row after the "…" elision', () => {
  const p = load(NGHEAN);

  it('keeps row "2" (L352) instead of swallowing it into II.8', () => {
    expect(task(p, 'II.8').sourceLines.to).toBeLessThan(350);
    expect(row(NGHEAN, '?.2')).toMatchObject({
      line: 352,
      title: expect.stringMatching(/^Thành lập bộ máy quản lý Quỹ/),
      lead: 'Sở Tài chính',
      support: 'Sở Tài chính và cơ quan, địa phương liên quan',
      deadline: '2025',
    });
  });

  it('files rows 2–6 under an unknown section, with a warning naming L350', () => {
    expect(p.tasks.map((t) => t.ref)).toEqual([
      'I.1',
      ...range('II.', 1, 8),
      ...range('?.', 2, 6),
      'VII.1',
      'VII.2',
      'VIII.1',
      'VIII.2',
    ]);
    expect(p.tasks.filter((t) => t.ref.startsWith('?.')).every((t) => /unknown/.test(t.section))).toBe(true);
    expect(p.warnings.some((w) => w.line === 350 && /unknown section/.test(w.message))).toBe(true);
    // L368–378: its product cell is written blank (L379), not merged with row 2's.
    expect(row(NGHEAN, '?.3')).toMatchObject({
      lead: 'Bộ CHQS tỉnh',
      support: 'Bộ Quốc phòng và cơ quan, địa phương liên quan',
      deadline: '2025',
      products: [],
    });
  });
});

describe('ttg-2530: rows next to the annex break and a four-cell row', () => {
  const p = load(TTG2530);

  it('keeps row P (L1836) apart from the Phụ lục II header', () => {
    expect(row(TTG2530, 'P.1')).toMatchObject({
      line: 1836,
      lead: 'Mặt trận Tổ quốc Việt Nam và các tổ chức thành viên',
      support: expect.stringMatching(/^- Bộ Nông nghiệp và Môi trường và các bộ, ngành liên quan;/),
      deadline: 'Giai đoạn 2026 - 2030',
    });
    expect(task(p, 'P.1').section).toMatch(/^P\. MẶT TRẬN TỔ QUỐC/);
    expect(p.tasks.filter((t) => t.ref.startsWith('PL2.'))).toHaveLength(24);
  });

  it("G.1.2 (L1314): its unit cell is the support; the lead is G.1's", () => {
    expect(row(TTG2530, 'G.1.2')).toMatchObject({
      lead: 'Bộ Giáo dục và Đào tạo',
      support: 'Các bộ, ngành liên quan',
      title: expect.stringMatching(/^- Nghiên cứu việc xây dựng chương trình đào tạo/),
      products: ['Chương trình đào tạo được ban hành'],
      deadline: 'Giai đoạn 2026 - 2030',
    });
  });

  it('a three-cell row fills the last columns (task, target, deadline) and takes lead and support from above', () => {
    // L742–750 under A.1 (L717–740).
    expect(row(TTG2530, 'A.1.2')).toMatchObject({
      title: expect.stringMatching(/^- Rà soát, cập nhật các hướng dẫn kỹ thuật/),
      products: [expect.stringMatching(/^Bộ công cụ kiểm kê khí thải/)],
      lead: 'Bộ Nông nghiệp và Môi trường',
      deadline: expect.stringMatching(/^Giai đoạn 2026 - 2027/),
    });
  });
});
