import { importPlan } from '../../../domain/plans/import';
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
