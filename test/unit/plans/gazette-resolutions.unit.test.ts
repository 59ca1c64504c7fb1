import { importPlan } from '../../../domain/plans/import';
import { inlineDeadline } from '../../../domain/plans/layouts/inline-deadline';
import type { Plan } from '../../../domain/plans/model';

// Government resolutions as the Công báo prints them: every line hard-wrapped, page headers and digital-signature
// stamps inside the text. Small synthetic documents, one per rule.

function load(text: string): Plan {
  const r = importPlan(text, 'gazette.txt');
  if (!r.ok) throw new Error(r.error.message);
  return r.plan;
}

const HEAD = [
  'CÔNG BÁO/Số 281/Ngày 21-05-2026 ',
  '78',
  'CHÍNH PHỦ ',
  'Số: 50/NQ-CP ',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ',
  'Độc lập - Tự do - Hạnh phúc ',
  'Hà Nội, ngày 06 tháng 5 năm 2026 ',
  'NGHỊ QUYẾT ',
  'Phiên họp Chính phủ thường kỳ tháng 4 năm 2026 ',
  'QUYẾT NGHỊ: ',
];

const leads = (p: Plan) => p.tasks.map((t) => [t.ref, t.lead.map((m) => m.text).join('; '), t.deadline.text]);

describe('resolutions in Công báo text: prose "N. Bộ X chủ trì …: a) b)"', () => {
  const text = [
    ...HEAD,
    'I. Nhiệm vụ trọng tâm ',
    '1. Chính phủ yêu cầu các Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh tập trung ',
    'những nội dung sau: ',
    'a) Theo dõi chặt chẽ diễn biến tình hình thế giới, tuyệt đối không chủ quan. ',
    'Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Cơ quan: VĂN PHÒNG CHÍNH PHỦ',
    'Ngày ký: 2026-05-21 08:05:34 +07:00',
    '',
    'CÔNG BÁO/Số 281/Ngày 21-05-2026 ',
    '79',
    'Chuẩn bị kịch bản điều hành, báo cáo trước ngày 15 tháng 5 năm 2026. ',
    'b) Thực hiện đồng bộ các chính sách an sinh xã hội. ',
    'II. Về việc báo cáo Chính phủ ',
    'Thực hiện Quy chế làm việc, tại Phiên họp, các Bộ đã có báo cáo Chính phủ như sau: ',
    '1. Bộ Tài chính báo cáo về tiếp thu, chỉnh lý các dự thảo: ',
    'Nghị quyết về kế hoạch tài chính 5 năm. ',
    '2. Bộ Tư pháp báo cáo về dự thảo Luật Hộ tịch (sửa đổi). ',
    'Văn phòng Chính phủ theo dõi, đôn đốc, báo cáo kết quả thực hiện Nghị quyết này./. ',
    'TM. CHÍNH PHỦ ',
    'THỦ TƯỚNG ',
    'Phụ lục ',
    'NHIỆM VỤ CỤ THỂ GIAO CÁC BỘ, CƠ QUAN, ĐỊA PHƯƠNG ',
    '1. Ủy ban nhân dân các tỉnh, thành phố theo chức năng, nhiệm vụ, quyền hạn ',
    'được giao, tập trung thực hiện các nhiệm vụ trọng tâm sau: ',
    'a) Hoàn thành việc sắp xếp tài sản công dôi dư trong quý II năm 2026. ',
    '2. Bộ Xây dựng chủ trì, phối hợp với các cơ quan, địa phương: ',
    'a) Khẩn trương trình Chính phủ Nghị định để tạo cơ sở pháp lý trong việc ',
    'giao cơ quan chủ quản các dự án đường bộ cao tốc; hoàn thành trong tháng 5 năm 2026. ',
    '3. Về các Chương trình mục tiêu quốc gia: ',
    'a) Các Bộ chủ chương trình và các bộ, cơ quan trung ương có liên quan nghiêm ',
    'túc thực hiện các nhiệm vụ đã được giao. ',
  ].join('\n');

  it('reads each duty once, with the body as its lead', () => {
    expect(leads(load(text))).toEqual([
      ['I.1.a', 'các Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh', 'trước ngày 15 tháng 5 năm 2026'],
      ['I.1.b', 'các Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh', ''],
      ['II.1', 'Văn phòng Chính phủ', ''],
      ['1.a', 'Ủy ban nhân dân các tỉnh, thành phố', 'trong quý II năm 2026'],
      ['2.a', 'Bộ Xây dựng', 'hoàn thành trong tháng 5 năm 2026'],
      ['3.a', 'Các Bộ chủ chương trình và các bộ, cơ quan trung ương có liên quan', ''],
    ]);
  });
});

describe('resolutions in Công báo text: numbered fields in an article, then the annex table one cell per line', () => {
  const header = [
    'TT ',
    'Tên nhiệm vụ ',
    'Cơ quan  ',
    'chủ trì  ',
    'Cơ quan  ',
    'phối hợp  ',
    'Kết quả ',
    'Thời gian ',
    'hoàn thành ',
    'Căn cứ  ',
    'bổ sung ',
  ];
  const page = (n: number) => ['', 'CÔNG BÁO/Số 238/Ngày 21-04-2026 ', String(n), ' ', ...header];
  const text = [
    ...HEAD,
    'Điều 1. Ban hành kèm theo Nghị quyết này Phụ lục danh mục các nhiệm vụ bổ sung. ',
    'Điều 2. Điều chỉnh nhiệm vụ tại số thứ tự thứ 5 mục IV của Phụ lục như sau: ',
    '1. Tên nhiệm vụ: Xây dựng Đề án mạng lưới chuyên gia pháp lý. ',
    '2. Cơ quan chủ trì: Bộ Tư pháp. ',
    '3. Cơ quan phối hợp: Các bộ, ngành. ',
    '5. Thời gian hoàn thành: Quý IV/2026. ',
    'Điều 3. Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành. ',
    ...page(94).slice(1),
    '1  ',
    'Thực hiện nghiêm quy định về cơ cấu lãnh ',
    'đạo có chuyên môn pháp luật ',
    'Các bộ,          ',
    'cơ quan ngang bộ  Bộ Nội vụ ',
    'Báo cáo  ',
    'hằng năm ',
    '2026 và ',
    'hằng năm ',
    'Nghị quyết ',
    'số 66-NQ/TW1 ',
    '2  Tiếp tục rà soát, cắt giảm thủ tục hành ',
    'chính, điều kiện kinh doanh ',
    'Bộ Tư pháp (đối ',
    'với thủ tục hành chính) ',
    'Các bộ,  ',
    'cơ quan ngang bộ ',
    'Báo cáo tình hình ',
    'rà soát các quy định ',
    'Tháng ',
    '5/2026 ',
    '1 Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị về đổi mới công tác xây dựng và thi hành pháp luật. ',
    ...page(95),
    'Bộ Tài chính (đối ',
    'với điều kiện kinh doanh) ',
    'được trình Ban Chỉ đạo ',
    '3  ',
    'Thể chế hóa các chủ trương phát triển ',
    'kinh tế tư nhân ',
    'Bộ Tài chính ',
    'Các bộ, ',
    'ngang bộ ',
    'Báo cáo chuyên ',
    'đề về cơ chế, chính sách ',
    'Tháng ',
    '5/2026 ',
    'Chương ',
    'trình số 12-CTr/BCĐ ',
    ...page(96),
    'tư nhân được trình ',
    'Ban ',
    'Chỉ đạo Trung ương ',
    'Bộ Tài chính ',
    'Các bộ, ',
    'cơ quan ngang bộ ',
    'Báo cáo kết quả ',
    'thể chế hóa ',
    'Tháng ',
    '11/2026 ',
    'Chương ',
    'trình số 12-CTr/BCĐ ',
  ].join('\n');

  it("reads the article's task, each row, and a row's sub-rows by their own deadlines", () => {
    const p = load(text);
    expect(p.plan.layout).toBe('fragmented-table');
    expect(leads(p)).toEqual([
      ['Điều 2.1', 'Bộ Tư pháp', 'Quý IV/2026'],
      ['1', 'Các bộ, cơ quan ngang bộ', '2026 và hằng năm'],
      ['2', 'Bộ Tư pháp (đối với thủ tục hành chính); Bộ Tài chính (đối với điều kiện kinh doanh)', 'Tháng 5/2026'],
      ['3.1', 'Bộ Tài chính', 'Tháng 5/2026'],
      ['3.2', 'Bộ Tài chính', 'Tháng 11/2026'],
    ]);
    expect(p.tasks[1]?.support.map((m) => m.text)).toEqual(['Bộ Nội vụ']);
    expect(p.tasks.some((t) => /Nghị quyết số 66-NQ\/TW ngày/.test(JSON.stringify(t)))).toBe(false);
  });
});

describe('resolutions that approve a scheme: the implementation article, then annexes of duties', () => {
  const text = [
    ...HEAD,
    'Điều 1. Phê duyệt Đề án với các nội dung chính như sau: ',
    'I. NHIỆM VỤ ',
    'a) Rà soát văn bản pháp luật ',
    'Rà soát, đề xuất sửa đổi các luật có liên quan. ',
    '- Đơn vị chủ trì: Bộ Công an. ',
    '- Thời gian thực hiện: Trong năm 2024. ',
    'Điều 2. Tổ chức thực hiện ',
    '1. Trách nhiệm Tổ công tác triển khai Đề án 06: ',
    'a) Chỉ đạo tổ chức triển khai thực hiện Đề án. ',
    '2. Trách nhiệm của các bộ, cơ quan ngang bộ, cơ quan trực thuộc Chính phủ; ',
    'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương ',
    'a) Kết nối Nền tảng tích hợp, chia sẻ dữ liệu. ',
    '3. Trách nhiệm của Bộ Tài chính ',
    'Bố trí kinh phí thực hiện Nghị quyết. ',
    'Điều 3. Bộ trưởng, Thủ trưởng cơ quan ngang bộ chịu trách nhiệm thi hành Nghị quyết này./. ',
    'TM. CHÍNH PHỦ ',
    'Phụ lục I ',
    'NHIỆM VỤ CỦA CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG ',
    'TRONG TRIỂN KHAI ĐỀ ÁN ',
    'I. NHIỆM VỤ CHUNG ',
    '1. Rà soát, thống kê các trường thông tin (hoàn thành trong Quý IV/2023). ',
    '2. Đối với các đơn vị chưa xây dựng cơ sở dữ liệu quốc gia: Khẩn trương đề xuất nhu cầu. ',
    '3. Kết nối Nền tảng tích hợp, chia sẻ dữ liệu (Quý III/2025). ',
    'II. NHIỆM VỤ CỤ THỂ ',
    'STT ',
    'Nhiệm vụ ',
    'Cơ quan chủ trì ',
    'Thời gian hoàn thành ',
    '1. ',
    'Thẩm định dự án xây dựng ',
    'Bộ Xây dựng ',
    'Quý IV/2024 ',
    'Phụ lục II ',
    'MỘT SỐ NỘI DUNG TRỌNG TÂM ',
    'a) Trung tâm dữ liệu quốc gia số 01: ',
    'Vị trí khu đất: Khu công nghệ cao Hòa Lạc. ',
  ].join('\n');

  it('reads the fields, the article by body, the annex list by the units its title names, and stops at annex II', () => {
    const owners =
      'Các bộ, cơ quan ngang bộ, cơ quan trực thuộc Chính phủ; Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương';
    expect(leads(load(text))).toEqual([
      ['I.1', 'Bộ Công an', 'Trong năm 2024'],
      ['Điều 2.1.a', 'Tổ công tác triển khai Đề án 06', ''],
      ['Điều 2.2.a', owners, ''],
      ['Điều 2.3.1', 'Bộ Tài chính', ''],
      ['PLI.I.1', 'Các bộ, ngành, địa phương', 'hoàn thành trong Quý IV/2023'],
      ['PLI.I.2', 'Các đơn vị chưa xây dựng cơ sở dữ liệu quốc gia', ''],
      ['PLI.I.3', 'Các bộ, ngành, địa phương', 'Quý III/2025'],
      ['1', 'Bộ Xây dựng', 'Quý IV/2024'],
    ]);
  });
});

describe('deadlines resolutions state inline', () => {
  it.each([
    ['Kết nối Nền tảng tích hợp, chia sẻ dữ liệu (Quý III/2025).', 'Quý III/2025'],
    ['Rà soát các điều kiện bảo đảm an toàn thông tin (từ Quý IV/2024).', 'từ Quý IV/2024'],
    ['định kỳ hằng tháng báo cáo tiến độ, gửi Bộ Tài chính trước ngày 25 để tổng hợp.', 'trước ngày 25 hằng tháng'],
    [
      'trình Chính phủ trước ngày 10 tháng 5 năm 2026 (đối với các nội dung cấp bách).',
      'trước ngày 10 tháng 5 năm 2026',
    ],
  ])('"%s" states "%s"', (sentence, phrase) => {
    expect(inlineDeadline(sentence)).toBe(phrase);
  });
});
