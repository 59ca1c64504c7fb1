import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importPlan } from '../../../domain/plans/import';
import { readPdfText, splitMergedLine } from '../../../domain/plans/layouts/pdftext';
import type { RawTask } from '../../../domain/plans/raw';
import { sharedDir } from './shared';

// Expectations are read off the document (seed 000, Phụ lục of QĐ 4832/QĐ-UBND), line numbers in comments.
const file = path.join(sharedDir, 'seeds', '000_d6a0bee259a3c83a.txt');
const text = readFileSync(file, 'utf8').normalize('NFC');
const raw = readPdfText(text.split(/\r?\n/));
const task = (ref: string): RawTask => {
  const t = raw.tasks.find((x) => x.ref === ref);
  if (!t) throw new Error(`no task ${ref}`);
  return t;
};

describe('seed 000: the whole table', () => {
  const refs = [
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((s) =>
      Array.from({ length: [9, 8, 11, 4, 6, 6, 8, 6, 7][s - 1] ?? 0 }, (_, k) => `${s}.${k + 1}`),
    ),
  ];
  it('has 65 tasks, 1.1–9.7 in order', () => {
    expect(refs).toHaveLength(65);
    expect(raw.tasks.map((t) => t.ref)).toEqual(refs);
  });
  it('gives every task a title, a lead and a deadline text', () => {
    for (const t of raw.tasks) {
      expect([t.ref, t.title.length > 10]).toEqual([t.ref, true]);
      expect([t.ref, t.lead.length > 0]).toEqual([t.ref, true]);
      expect([t.ref, t.deadlineText.length > 0]).toEqual([t.ref, true]);
    }
  });
  it('drops page headers, stamp garbage and footnotes', () => {
    for (const t of raw.tasks) {
      const all = [t.title, ...t.products, t.lead, t.support, t.deadlineText].join(' | ');
      expect([t.ref, all]).not.toEqual([
        t.ref,
        expect.stringMatching(/STT Nhiệm vụ|phối hợp Thời gian|(?:^|\s)(?:dơ|õ»|ƠQ|o>|o 2)(?:\s|$)/u),
      ]);
      expect([t.ref, all]).not.toEqual([t.ref, expect.stringMatching(/Nghị định số 107\/2020/u)]);
    }
  });
  it('imports 65 tasks, each with a non-empty deadline text', () => {
    const r = importPlan(text, file);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.plan.tasks.map((t) => t.ref)).toEqual(refs);
    for (const t of r.plan.tasks) expect([t.ref, t.deadline.text]).not.toEqual([t.ref, '']);
  });
});

describe('seed 000: rows cut by a page break, stamp or footnote (deadline kept)', () => {
  const SB = 'Thủ trưởng sở, ban - ngành; Chủ tịch UBND quận - huyện';
  it.each<[string, string, string | RegExp]>([
    // [ref, deadline (Thời gian cell), lead (Cơ quan chủ trì)]
    ['1.2', 'Trước tháng 10 năm 2021', `Ban Chỉ đạo và Tổ Công tác Ban Chỉ đạo CCHC Thành phố; ${SB}`], // L600, L623
    [
      '1.4',
      'Trong năm 2021',
      `Ban Chỉ đạo và Tổ Công tác Ban Chỉ đạo CCHC Thành phố; Ban Thi đua - Khen thưởng Thành phố; ${SB}`,
    ],
    [
      '1.8',
      'Sau khi các Chương trình tổng thể ban hành',
      'Ban Chỉ đạo và Tổ Công tác Ban Chỉ đạo CCHC Thành phố; Giám đốc Sở Nội vụ',
    ],
    ['2.2', 'Trong năm 2021', 'Giám đốc Sở Tư pháp'],
    ['2.5', 'Trong năm 2021', 'Chánh Văn phòng UBND TP; Thủ trưởng sở, ban, ngành, Chủ tịch UBND quận-huyện'], // L1006, L1040
    ['2.6', 'Trong năm 2021', 'Thủ trưởng sở, ban - ngành'],
    ['3.5', 'Trong năm 2021', `Chánh Văn phòng UBND Thành phố; Thủ trưởng sở, ban, ngành; Chủ tịch UBND quận - huyện`],
    [
      '3.10',
      'Trong năm 2021 (Theo các Kế hoạch cụ thê)',
      'Chánh Văn phòng UBND Thành phố; Giám đốc Sở Thông tin và Truyền thông',
    ],
    ['4.2', 'Trong năm 2021', `Giám đốc Sở Nội vụ; ${SB}`],
    ['5.5', 'Trong năm 2021', 'Giám đốc Sở Nội vụ; Giám đốc Sở Khoa học và Công nghệ; Giám đốc Sở Văn hóa và Thê thao'],
    ['7.4', 'Trong năm 2021', 'Giám đốc Sở Thông tin và Truyền thông'], // L2120–2121 + L2145
    ['7.8', 'Trong năm 2021', SB], // L2229–2231 + L2257
    [
      '8.3',
      'Trong năm 2021',
      /^Viện trưởng Viện Nghiên cứu Phát triên Thành phố; .*Chủ tịch UBND phường - xã, thị trấn$/u,
    ],
    ['8.5', 'Trong năm 2021', 'Viện trưởng Viện Nghiên cứu phát triển'],
    [
      '8.6',
      'Trong năm 2021',
      /^Chỉ tiêu a: kết quả do Viện trưởng Viện Nghiên cứu phát triển khảo sát; Chỉ tiêu b: .*; Chỉ tiêu c: /u,
    ],
    [
      '9.4',
      'Trong năm 2021',
      /^Giám đốc Sở Nội vụ; Đài Truyên hình, .*Trung tâm Báo chí Thành phố \(Sở Thông tin và Truyên thông\)$/u,
    ],
    ['9.5', 'Hàng quý', SB], // L2653 + L2665–2667
  ])('%s: deadline "%s", lead', (ref, deadline, lead) => {
    expect(task(ref).deadlineText).toBe(deadline);
    if (typeof lead === 'string') expect(task(ref).lead).toBe(lead);
    else expect(task(ref).lead).toMatch(lead);
  });

  it('rejoins the title, products and support cells after the page break', () => {
    expect(task('1.2').title).toMatch(/chỉ tiêu CCHC Tỷ lệ kiểm tra CCHC; .* tối thiểu 05 đơn vị\/quý\.$/u);
    expect(task('1.2').support).toBe('Thủ trưởng sở, ban - ngành; Chủ tịch UBND quận - huyện');
    expect(task('1.4').title).toMatch(/tham gia sáng tạo, đổi mới, cải tiến trong công việc b\) .*cải tiến hiệu quả$/u);
    expect(task('1.4').support).toBe('Thủ trưởng sở, ban - ngành; Chủ tịch UBND quận - huyện');
    expect(task('2.2').products).toEqual([
      'Kế hoạch triển khai',
      'Báo cáo kết quả thực hiện',
      'VBQPPL của Thành phố bãi bỏ, thay thế, sửa đổi, bổ sung qua kỳ hệ thống hóa',
    ]);
    expect(task('2.2').support).toBe('Thủ trưởng sở, ban - ngành; Chủ tịch UBND quận - huyện');
    expect(task('2.5').support).toBe('Giám đốc Sở Tư pháp');
    expect(task('2.6').support).toMatch(/; Giám đốc Sở Tư pháp; Viện trưởng Viện Nghiên cứu phát triển Thành phố$/u);
    expect(task('3.5').products[1]).toMatch(/không có phản ánh, kiến nghị kéo dài$/u);
    expect(task('3.10').title).toMatch(/chế độ họp, chế độ báo cáo\.$/u);
    expect(task('3.10').support).toBe('Thủ trưởng sở, ban - ngành; Chủ tịch UBND quận - huyện, xã, phường, thị trấn');
    expect(task('4.2').title).toMatch(/quy định mới, giảm các tổ chức/u);
    expect(task('4.2').support).toBe('Giám đốc Sở Nội vụ');
    expect(task('5.5').support).toBe('Thủ trưởng các cơ quan có liên quan');
    expect(task('7.4').title).toMatch(/chỉ đạo điêu hành của Thành phố; .*hành chính nhà nước$/u);
    expect(task('7.4').products).toEqual(['Hạn chế văn bản giấy', 'Ứng dụng, phần mềm cải tiến']);
    expect(task('7.4').support).toBe(
      'Thủ trưởng Sở, ban - ngành; Chủ tịch UBND quận - huyện; Chủ tịch UBND phường - xã, thị trấn',
    );
    expect(task('7.8').products).toEqual(['Báo cáo kết quả thực hiện', 'Báo cáo kết quả kiểm tra']);
    expect(task('7.8').support).toMatch(
      /^Chỉ tiêu a, b: Giám đốc Sở Thông tin và Truyền thông; Chỉ tiêu c: Giám đốc Sở Thông tin/u,
    );
    expect(task('8.5').support).toMatch(/quận - huyện có liên quan; Giám đốc Sở Nội vụ$/u);
    expect(task('8.6').products[2]).toMatch(/và Chỉ số SIPAS của Bộ Nội vụ$/u);
    expect(task('9.4').support).toMatch(
      /^Giám đốc Sở Thông tin và Truyên thông, Giám đốc Sở Nội vụ, Chánh Văn phòng UBND Thành phố; /u,
    );
    expect(task('9.5').title).toBe(
      'Hàng quý gửi ít nhất 01 bài viết/mô hình/sản phâm tuyên truyên hiệu quả vê công tác CCHC, cải cách TTHC vê BCĐ CCHC Thành phố (cchc. snv@tphcm .gov.vn)',
    );
    expect(task('9.5').products).toEqual(['Bài viết, mô hình, sản phâm']);
    expect(task('9.5').support).toBe('Giám đốc Sở Nội vụ, Giám đốc Sở Thông tin và truyên thông');
  });

  it('flags the readings a reviewer should check, by ref and line', () => {
    expect(raw.warnings).toContainEqual(expect.objectContaining({ ref: '9.4', line: 2596 }));
    expect(raw.warnings).toContainEqual(expect.objectContaining({ ref: '8.5', line: 2435 }));
  });
});

describe('seed 000: two cells on one line', () => {
  it.each<[string, string[], string, string, string]>([
    // [ref, products, lead, support, deadline]
    [
      '2.1',
      ['Quyết định'],
      'Giám đốc Sở Tư pháp',
      'Thủ trưởng sở, ban - ngành; Chủ tịch UBND quận - huyện',
      'Sau khi có Thông báo của Bộ Tư pháp',
    ], // L898
    [
      '7.2',
      ['Cơ sở dữ liệu'],
      'Giám đốc Sở Thông tin và Truyên thông',
      'Thủ trưởng Sở, ban - ngành; Chủ tịch UBND quận - huyện',
      'Trong năm 2021',
    ], // L2069
    [
      '1.5',
      ['Văn bản tham mưu'],
      'Ban Chỉ đạo và Tổ Công tác Ban Chỉ đạo CCHC Thành phố; Thủ trưởng sở, ban - ngành; Chủ tịch UBND quận - huyện',
      'Người dân, báo chí',
      'Trong năm 2021',
    ], // L736
    [
      '3.7',
      ['Cải tiến hệ thống', 'Tăng tỷ lệ sử dụng của người dân, doanh nghiệp'],
      'Chánh Văn phòng UBND Thành phố; Thủ trưởng sở, ban - ngành; Chủ tịch UBND quận - huyện',
      'Giám đốc Sở Tư pháp',
      'Trong năm 2021',
    ], // L1378
  ])('%s', (ref, products, lead, support, deadline) => {
    expect(task(ref)).toMatchObject({ products, lead, support, deadlineText: deadline });
  });

  it.each<[string, string[]]>([
    ['- Quyết định Giám đốc Sở', ['- Quyết định', 'Giám đốc Sở']],
    ['báo chí Trong năm 2021', ['báo chí', 'Trong năm 2021']],
    ['Truyền thông ngành; Chủ', ['Truyền thông', 'ngành; Chủ']],
    ['hình, sản phâm ban - ngành;', ['hình, sản phâm', 'ban - ngành;']],
    ['quả kiểm tra quận - huyện và Truyền', ['quả kiểm tra', 'quận - huyện', 'và Truyền']],
    [
      'trang về CCHC để tuyên truyền và phản - Chuyên mục, - Giám đốc Sở',
      ['trang về CCHC để tuyên truyền và phản', '- Chuyên mục,', '- Giám đốc Sở'],
    ],
    [
      'Hàng quý gửi ít nhất 01 bài viết/mô - Bài viết, mô Thủ trưởng sở, Giám đốc Sở Hàng quý',
      ['Hàng quý gửi ít nhất 01 bài viết/mô', '- Bài viết, mô', 'Thủ trưởng sở,', 'Giám đốc Sở', 'Hàng quý'],
    ],
    // One cell each: these stay whole.
    ['theo ngành, lĩnh vực', ['theo ngành, lĩnh vực']],
    ['- ngành, UBND quận - huyện theo quy', ['- ngành, UBND quận - huyện theo quy']],
    ['đã được Chủ tịch UBND Thành phố phê', ['đã được Chủ tịch UBND Thành phố phê']],
    ['lý các sở, ban - ngành, các đơn vị hành', ['lý các sở, ban - ngành, các đơn vị hành']],
    ['hoạch - Kiến', ['hoạch - Kiến']],
    ['Nội vụ, - Đài', ['Nội vụ, - Đài']],
  ])('splits "%s"', (line, cells) => {
    expect(splitMergedLine(line)).toEqual(cells);
  });
});

describe('seed 000: wrapped units and lead cells', () => {
  it('rejoins "quận\\n- huyện" instead of starting a new item (2.8, 4.4)', () => {
    expect(task('2.8').lead).toBe('Giám đốc Sở Nội vụ');
    expect(task('2.8').support).toBe(
      'Giám đốc Sở Tư pháp; Giám đốc Sở Quy hoạch - Kiến trúc; Sở Xây dựng; Chủ tịch UBND quận - huyện',
    );
    expect(task('4.4').lead).toBe('Giám đốc Sở Nội vụ');
    expect(task('4.4').support).toBe('Giám đốc Sở Tư pháp; Thủ trưởng sở, ban - ngành, quận - huyện');
  });
  it('keeps 3.11 lead as one cell with its "/" alternatives', () => {
    expect(task('3.11').lead).toBe('Thủ trưởng/cấp phó các sở, ban - ngành; Chủ tịch/Phó Chủ tịch UBND quận - huyện');
    expect(task('3.11').deadlineText).toBe(
      'Định kỳ 03 tháng/lần - vẫn đảm bảo thực hiện các quy định về tiếp công dân',
    );
  });
});
