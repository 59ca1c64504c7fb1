import { importPlan } from '../../../domain/plans/import';
import type { Plan } from '../../../domain/plans/model';

// A Công báo table broken into one fragment per line: where a cell ends when its words give no punctuation.

function load(text: string): Plan {
  const r = importPlan(text, 'test.md', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.plan;
}

const HEADER = 'THỦ TƯỚNG CHÍNH PHỦ\nSố: 55/QĐ-TTg\nHà Nội, ngày 13 tháng 5 năm 2026\nKẾ HOẠCH\n';
const TABLE = 'STT\nTên nhiệm vụ cụ thể\nCơ quan\nchủ trì\nCơ quan\nphối hợp\nKết quả\nThời gian hoàn\nthành\n';

describe('fragmented table cells', () => {
  it('a class of units ("Bộ, cơ quan …", "Cơ quan, đơn vị …") after the lead starts the support cell', () => {
    const p = load(
      `${HEADER}${TABLE}I. Tài chính y tế\n1.\nTừng bước tăng mức thanh toán\ncho phòng bệnh.\nBộ Y tế\nBộ, cơ quan, tổ\nchức\ncó\nliên quan\n` +
        'Các văn bản\nđược sửa đổi\nQuý III/2026\n2.\nTăng cường thanh tra, kiểm tra.\nCác Bộ, Ủy ban\nnhân dân các\ncấp\n' +
        'Cơ quan, đơn vị\nliên quan\nCác kế hoạch\nThường xuyên\n',
    );
    expect(p.tasks.map((t) => [t.lead[0]?.text, t.support.map((s) => s.text).join('; '), t.deadline.text])).toEqual([
      ['Bộ Y tế', expect.stringMatching(/^Bộ, cơ quan, tổ chức có liên quan/), 'Quý III/2026'],
      ['Các Bộ, Ủy ban nhân dân các cấp', expect.stringMatching(/^Cơ quan, đơn vị liên quan/), 'Thường xuyên'],
    ]);
  });

  it('a facility can lead ("Cơ sở khám bệnh, chữa bệnh"); a database is no unit', () => {
    const p = load(
      `${HEADER}${TABLE}I. Khám chữa bệnh\n1.\nNghiên cứu cơ chế cho người bệnh\nra viện vào ngày nghỉ.\nCơ sở khám\nbệnh,\nchữa\nbệnh\n` +
        'Bộ Y tế, Sở Y tế\nĐề án\nTừ quý I/2027\n',
    );
    expect(p.tasks[0]?.lead[0]?.text).toBe('Cơ sở khám bệnh, chữa bệnh');
    expect(p.tasks[0]?.support[0]?.text).toMatch(/^Bộ Y tế/);
  });

  it('the result after the supporting units is a cell of its own; "Đã hoàn thành" is a status, not a deadline', () => {
    const p = load(
      `${HEADER}${TABLE}I. Giá dịch vụ\n1.\nXây dựng Nghị quyết tính chi phí\nquản lý vào giá dịch vụ y tế\nBộ Y tế\n` +
        'Bộ Tài chính, cơ\nquan, đơn vị liên\nquan\nNghị quyết của\nChính phủ\nĐã hoàn thành\n' +
        '2.\nBan hành cơ chế quản lý\nỦy ban nhân dân cấp tỉnh\nSở Y tế, Sở Nội vụ\nQuyết định của\nỦy ban nhân dân cấp tỉnh\nQuý III/2026\n',
    );
    const [first, second] = p.tasks;
    expect(first?.support.map((s) => s.text).join('; ')).toMatch(/^Bộ Tài chính, cơ quan, đơn vị liên quan$/);
    expect(first?.products).toEqual(['Nghị quyết của Chính phủ']);
    expect(first?.reported).toMatchObject({ state: 'completed' });
    expect(second?.products).toEqual(['Quyết định của Ủy ban nhân dân cấp tỉnh']);
    expect(second?.deadline.text).toBe('Quý III/2026');
  });

  it('a lead the text layer ran into the task line, or set after a comma on a narrow line, is the lead', () => {
    const p = load(
      `${HEADER}${TABLE}I. Thể chế\n1.\nXây dựng Nghị định về tăng mức đóng bảo\nhiểm y tế từ năm 2027 theo lộ trình phù hợp Bộ Y tế\n` +
        'Bộ Tài chính, các\nbộ,\nngành\nTháng 3/2027\n2.\nPhối hợp kiểm tra các cơ sở\nkhám bệnh, chữa bệnh cùng với Bộ Y tế\n' +
        'Bộ Tài chính\nCác bộ, ngành\nQuý I/2027\n' +
        '3.\nTừng bước triển khai phân luồng người bệnh\ngiữa các cấp chuyên môn kỹ thuật khám bệnh,\nBộ Y tế, Sở Y tế\n' +
        'Các cơ quan\nliên quan\nTừ quý II/2027\n',
    );
    expect(p.tasks.map((t) => [t.title, t.lead[0]?.text])).toEqual([
      ['Xây dựng Nghị định về tăng mức đóng bảo hiểm y tế từ năm 2027 theo lộ trình phù hợp', 'Bộ Y tế'],
      ['Phối hợp kiểm tra các cơ sở khám bệnh, chữa bệnh cùng với Bộ Y tế', 'Bộ Tài chính'],
      ['Từng bước triển khai phân luồng người bệnh giữa các cấp chuyên môn kỹ thuật khám bệnh,', 'Bộ Y tế, Sở Y tế'],
    ]);
  });

  it('a lead that submits ("… trình Hội đồng nhân dân") leads alone; a time run into the result line is the deadline', () => {
    const p = load(
      `${HEADER}${TABLE}I. Ngân sách\n1.\nBố trí ngân sách địa phương hỗ trợ\nmức đóng bảo hiểm y tế\nỦy ban nhân\ndân cấp tỉnh\ntrình\nHội\nđồng\n` +
        'nhân\ndân cùng cấp\nCác cơ quan, tổ\nchức có liên quan.\nNghị quyết hỗ trợ\nmức đóng\nHằng năm\n' +
        '2.\nPhối hợp chặt chẽ giữa các cơ quan.\nBộ Y tế\nBộ Tài chính, các\ncơ quan có liên\nquan\nCác hoạt động,\n' +
        'văn bản phối hợp Thường xuyên\n',
    );
    expect(p.tasks.map((t) => [t.lead[0]?.text, t.products, t.deadline.text])).toEqual([
      ['Ủy ban nhân dân cấp tỉnh', ['Nghị quyết hỗ trợ mức đóng'], 'Hằng năm'],
      ['Bộ Y tế', ['Các hoạt động, văn bản phối hợp'], 'Thường xuyên'],
    ]);
  });
});
