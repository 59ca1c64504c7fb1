import { importPlan } from '../../../domain/plans/import';
import { isHardWrapped, paragraphsOf } from '../../../domain/plans/layouts/paragraphs';
import { subjectUnit, timeLedSubject } from '../../../domain/plans/layouts/unit-phrase';
import type { Plan } from '../../../domain/plans/model';

// Rules of the sections that assign duties in prose ("Tổ chức thực hiện"), on small synthetic documents.

function load(text: string, options: { issued?: string } = {}): Plan {
  const r = importPlan(text, 'test.md', options);
  if (!r.ok) throw new Error(r.error.message);
  return r.plan;
}

const rows = (p: Plan) => p.tasks.map((t) => [t.lead[0]?.text ?? null, t.title.slice(0, 24), t.deadline.text]);

/** A long sentence, as exported one paragraph per line (markdown, docx→text). */
const LONG =
  'bảo đảm thống nhất, đồng bộ với các chương trình, kế hoạch khác đang được triển khai trên địa bàn cả nước.';

describe('paragraphs of text exported one paragraph per line', () => {
  it('a heading of 55–110 characters is not a filled line: the paragraph after it is its own', () => {
    const lines = [
      `Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015, ${LONG}`,
      '',
      '13. Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương',
      '',
      `Chủ trì, xây dựng và tổ chức thực hiện Kế hoạch của từng địa phương; ${LONG}`,
    ];
    expect(isHardWrapped(lines)).toBe(false);
    expect(paragraphsOf(lines).map((p) => p.rest.slice(0, 20))).toEqual([
      'Căn cứ Luật Tổ chức ',
      'Ủy ban nhân dân các ',
      'Chủ trì, xây dựng và',
    ]);
  });

  it('hard-wrapped text (PDF, antiword) still joins a line that filled the page width', () => {
    const lines = [
      '1. Bộ Y tế chủ trì, phối hợp với các bộ, ngành, địa phương theo dõi, đôn đốc',
      'Chương trình hành động, kịp thời báo cáo Thủ tướng Chính phủ.',
    ];
    expect(isHardWrapped(lines)).toBe(true);
    expect(paragraphsOf(lines)).toHaveLength(1);
  });
});

describe('units named in a "Tổ chức thực hiện" section', () => {
  const PLAN = [
    'THỦ TƯỚNG CHÍNH PHỦ',
    '',
    'Số: 12/QĐ-TTg',
    '',
    'Hà Nội, ngày 26 tháng 6 năm 2018',
    '',
    'KẾ HOẠCH',
    '',
    'I. MỤC ĐÍCH, YÊU CẦU',
    '',
    `a) Các cơ quan trung ương, địa phương khẩn trương triển khai thực hiện Kế hoạch, ${LONG}`,
    '',
    'II. TỔ CHỨC THỰC HIỆN',
    '',
    '1. Bộ Y tế',
    '',
    `- Chủ trì xây dựng Đề án chăm sóc sức khỏe, trình Thủ tướng Chính phủ trong quý 1/2019; ${LONG}`,
    '',
    `2. Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam: Chủ trì xây dựng các chuyên mục, ${LONG}`,
    '',
    '3. Các tổ chức chính trị - xã hội, tổ chức xã hội - nghề nghiệp, doanh nghiệp và cộng đồng.',
    '',
    `Khuyến khích các tổ chức phi chính phủ, doanh nghiệp tham gia vào các hoạt động đền ơn đáp nghĩa, ${LONG}`,
    '',
    'Hàng năm, các bộ, ngành và Ủy ban nhân dân các tỉnh báo cáo kết quả thực hiện về Bộ Y tế tổng hợp./.',
  ].join('\n');

  it('reads the duties of the units, not the aims, the encouragement or a list of bodies as a task', () => {
    expect(rows(load(PLAN))).toEqual([
      ['Bộ Y tế', 'Chủ trì xây dựng Đề án c', 'trong quý 1/2019'],
      ['Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam', 'Chủ trì xây dựng các chu', ''],
      ['Các bộ, ngành và Ủy ban nhân dân các tỉnh', 'Hàng năm, các bộ, ngành ', 'Hàng năm'],
    ]);
  });

  it('an aims section whose title also names the tasks ("MỤC TIÊU, NHIỆM VỤ") still assigns', () => {
    const text = PLAN.replace('I. MỤC ĐÍCH, YÊU CẦU', 'I. MỤC TIÊU, NHIỆM VỤ');
    expect(load(text).tasks[0]?.lead[0]?.text).toBe('Các cơ quan trung ương, địa phương');
  });

  it('a sentence opening with when, then its subject', () => {
    expect(timeLedSubject('Định kỳ 6 tháng, hằng năm, Sở Nội vụ tổng hợp, báo cáo Ủy ban nhân dân tỉnh.')).toBe(
      'Sở Nội vụ',
    );
    expect(timeLedSubject('Hằng năm, tổ chức sơ kết việc thực hiện Kế hoạch.')).toBeNull();
    expect(timeLedSubject('Sở Nội vụ tổng hợp, báo cáo hằng năm.')).toBeNull();
  });

  it('"tổ chức xã hội" in a list of bodies is a noun, "tổ chức" before the work is a verb', () => {
    expect(subjectUnit('Các tổ chức chính trị - xã hội, tổ chức xã hội và cộng đồng.')).toBeNull();
    expect(subjectUnit('Sở Nội vụ tổ chức hội nghị sơ kết.')).toBe('Sở Nội vụ');
  });
});

describe('a plan typed in a word processor and saved as text (antiword): first-line indents, "+" under "-"', () => {
  const PLAN = [
    '|SỞ VĂN HÓA VÀ THỂ THAO               |Độc lập – Tự do – Hạnh phúc                     |',
    '|Số:           /KH-SVHTT              |Hà Nội, ngày        tháng 9 năm 2020            |',
    '',
    '                                  KẾ HOẠCH',
    '',
    '      II. NỘI DUNG',
    '',
    '      - Các cá nhân thuộc đối tượng tham gia đăng nhập vào webside diễn đàn.',
    'Tham gia ý kiến tại các nội dung đã được định hướng, thường xuyên cập nhật.',
    '',
    '      III. TỔ CHỨC THỰC HIỆN',
    '',
    '      1. Phòng Nếp sống văn hóa',
    '',
    '      - Là đơn vị chủ trì, chịu trách nhiệm triển khai các nội dung  theo',
    'kế hoạch, cụ thể:',
    '',
    '      + Tham mưu xây dựng hệ thống văn bản',
    '',
    '      + Tổng hợp, xây dựng báo cáo tổng hợp',
    '',
    '      - Lập dự toán kinh phí và thanh quyết toán theo quy định',
    '',
    '      2. Sở, ban, ngành Thành phố',
    '',
    '      - Triển khai các hoạt động tuyên truyền tới cán bộ, công chức, viên',
    'chức, người lao động trong đơn vị.',
    '',
    '      3. UBND quận, huyện, thị xã',
    '',
    '      - Triển khai kế hoạch đến các phòng, ban, UBND các xã,  phường.  Giao',
    'phòng Văn hoá và Thông tin xây dựng kế hoạch thực hiện cụ thể.',
    '',
    '      - Đề nghị các quận, huyện đảm bảo số lượng bài như sau: 02 bài  của',
    'các phòng, ban, đơn vị thuộc UBND cấp huyện;',
    '02 bài của đại diện các xã, phường, thị trấn.',
    '',
    '      Trên đây là Kế hoạch tổ chức diễn đàn. Đề nghị các đơn vị nghiêm túc triển khai thực hiện.',
  ].join('\n');

  it('reads the duties of each unit heading, the "+" items for the dash that opens them', () => {
    const p = load(PLAN, { issued: '2020-09-15' });
    expect(p.tasks.map((t) => [t.lead[0]?.text, t.title.slice(0, 28)])).toEqual([
      ['Phòng Nếp sống văn hóa', 'Tham mưu xây dựng hệ thống v'],
      ['Phòng Nếp sống văn hóa', 'Tổng hợp, xây dựng báo cáo t'],
      ['Phòng Nếp sống văn hóa', 'Lập dự toán kinh phí và than'],
      ['Sở, ban, ngành Thành phố', 'Triển khai các hoạt động tuy'],
      ['UBND quận, huyện, thị xã', 'Triển khai kế hoạch đến các '],
      ['các quận, huyện', 'Đề nghị các quận, huyện đảm '],
    ]);
    // the flush-left line after "…;" that starts with a number goes on with its item
    expect(p.tasks[5]?.title).toMatch(/02 bài của đại diện các xã/);
  });

  it('a flush-left capital after a finished clause is the next step, not a wrapped line', () => {
    const lines = [
      '      - Báo cáo 6 tháng: Các cơ quan, đơn vị gửi Sở Tài chính trước ngày 05/7;',
      'Sở Tài chính tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 10/7.',
      '      - Báo cáo năm: Các cơ quan, đơn vị gửi Sở Tài chính trước ngày 15/12;',
      'Sở Tài chính tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 20/12.',
    ];
    expect(paragraphsOf(lines)).toHaveLength(4);
  });
});

describe('a task table, then the dated duties of the body\'s "Tổ chức thực hiện" section', () => {
  const PLAN = [
    'THỦ TƯỚNG CHÍNH PHỦ',
    'Số: 55/QĐ-TTg',
    'Hà Nội, ngày 13 tháng 5 năm 2026',
    'KẾ HOẠCH HÀNH ĐỘNG',
    'III. TỔ CHỨC THỰC HIỆN',
    '1. Trên cơ sở nội dung Chỉ thị số 52-CT/TW, Kế hoạch hành động, các Bộ, cơ quan ngang bộ, cơ quan thuộc',
    'Chính phủ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương theo nhiệm vụ được giao trong Quyết',
    'định này tổ chức xây dựng và triển khai kế hoạch thực hiện trong quý II năm 2026.',
    '2. Các bộ, ngành, địa phương có trách nhiệm:',
    '- Tổ chức triển khai thực hiện Kế hoạch trong phạm vi chức năng, nhiệm vụ được giao.',
    '- Ban hành kế hoạch của bộ, ngành, địa phương trước ngày 31 tháng 12 năm 2026.',
    '- Giao ban định kỳ 6 tháng/lần.',
    '3. Bộ Y tế chủ trì, phối hợp với các bộ, ngành, địa phương theo dõi, đôn đốc việc triển khai thực hiện.',
    '4. Bộ Tài chính chủ trì bảo đảm kinh phí thực hiện Kế hoạch theo khả năng cân đối ngân sách hằng năm.',
    '5. Các bộ, ngành định kỳ hằng năm báo cáo kết quả thực hiện về Bộ Y tế trước ngày 15 tháng 12.',
    'PHỤ LỤC',
    'STT',
    'Tên nhiệm vụ',
    'Cơ quan',
    'chủ trì',
    'Thời gian hoàn',
    'thành',
    'I. Hoàn thiện thể chế',
    '1.',
    'Xây dựng Luật Bảo hiểm y tế sửa đổi.',
    'Bộ Y tế',
    'Quý I/2029',
    '5.',
    'Tổ chức thu bảo hiểm y tế trực tuyến.',
    'Bộ Tài chính',
    'Thường xuyên',
  ].join('\n');

  it('adds the duties that name a lead and a date, in document order; the table keeps its refs', () => {
    const p = load(PLAN);
    expect(p.plan.layout).toBe('fragmented-table');
    expect(p.tasks.map((t) => [t.ref, t.lead[0]?.text, t.deadline.text])).toEqual([
      [
        'III.1',
        'Các Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương',
        'thực hiện trong quý II năm 2026',
      ],
      ['III.2.2', 'Các bộ, ngành, địa phương', 'trước ngày 31 tháng 12 năm 2026'],
      // "định kỳ hằng năm … trước ngày 15 tháng 12": every year
      ['III.5', 'Các bộ, ngành', 'trước ngày 15 tháng 12 hằng năm'],
      ['I.1', 'Bộ Y tế', 'Quý I/2029'],
      ['I.5', 'Bộ Tài chính', 'Thường xuyên'],
    ]);
  });

  it('a body numbered like a table row gets its own ref', () => {
    const text = PLAN.replace('III. TỔ CHỨC THỰC HIỆN', 'I. TỔ CHỨC THỰC HIỆN');
    expect(load(text).tasks.map((t) => t.ref)).toEqual(['TCTH-I.1', 'I.2.2', 'TCTH-I.5', 'I.1', 'I.5']);
  });
});
