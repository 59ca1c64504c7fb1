import { importPlan } from '../../../domain/plans/import';
import { columnRole, mapColumns } from '../../../domain/plans/layouts/columns';
import { inlineDeadline } from '../../../domain/plans/layouts/inline-deadline';
import { readReportedStatus } from '../../../domain/plans/layouts/status';
import { agencyCase, periodOfTitle, readNumber } from '../../../domain/plans/metadata';
import { assignmentsOf, type Plan } from '../../../domain/plans/model';

// Small synthetic documents, one per layout rule: each rule must hold for the language, not for one file.

const HEADER = [
  'ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'TỈNH AN GIANG            Độc lập - Tự do - Hạnh phúc',
  'Số: 12/KH-UBND           An Giang, ngày 15 tháng 3 năm 2026',
  '',
  'KẾ HOẠCH',
  'Thực hiện công tác cải cách hành chính năm 2026',
  '',
].join('\n');

function load(text: string, options: { issued?: string } = {}): Plan {
  const r = importPlan(text, 'test.md', options);
  if (!r.ok) throw new Error(r.error.message);
  return r.plan;
}

describe('column headers by meaning', () => {
  it.each([
    ['Chủ trì', 'lead'],
    ['Cơ quan chủ trì', 'lead'],
    ['Đơn vị thực hiện', 'lead'],
    ['Đơn vị chịu trách nhiệm thực hiện', 'lead'],
    ['Sở, ngành chủ trì tham mưu', 'lead'],
    ['Trách nhiệm thực hiện', 'lead'],
    ['Phối hợp', 'support'],
    ['Cơ quan phối hợp', 'support'],
    ['Đơn vị phối hợp thực hiện', 'support'],
    ['Sản phẩm', 'products'],
    ['Kết quả', 'products'],
    ['Hình thức văn bản', 'products'],
    ['Thời gian', 'deadline'],
    ['Thời hạn', 'deadline'],
    ['Tiến độ', 'deadline'],
    ['Thời gian hoàn thành', 'deadline'],
    ['Thời gian phổ biến, quán triệt', 'deadline'],
    ['Thời gian (Năm 2026)', 'deadline'],
    ['Tình hình thực hiện', 'status'],
    ['Kết quả thực hiện', 'status'],
    ['Ghi chú', 'status'],
    ['Nội dung nhiệm vụ', 'title'],
    ['Tên nhiệm vụ cụ thể', 'title'],
    ['STT', 'ref'],
    ['Đơn vị', 'other'], // a unit of measure in an indicators table
    ['Theo dõi, kiểm tra, đôn đốc', 'other'],
  ])('"%s" is %s', (header, role) => {
    expect(columnRole(header)).toBe(role);
  });

  it('OCR-folded headers read the same ("Chu tri", "Thoi han")', () => {
    expect(columnRole('CO QUAN CHU TRI')).toBe('lead');
    expect(columnRole('Thoi han hoan thanh')).toBe('deadline');
  });

  it('each role goes to one column, in any order', () => {
    expect(mapColumns(['TT', 'Thời hạn', 'Đơn vị phối hợp', 'Đơn vị thực hiện', 'Nội dung'])).toEqual({
      ref: 0,
      deadline: 1,
      support: 2,
      lead: 3,
      title: 4,
    });
  });
});

describe('status cells', () => {
  it.each([
    ['Đã hoàn thành', 'completed'],
    ['Hoàn thành', 'completed'],
    ['Đã ban hành Quyết định số 12/QĐ-UBND', 'completed'],
    ['Đang thực hiện', 'in-progress'],
    ['Chưa hoàn thành', 'in-progress'],
  ])('"%s" reports %s', (cell, state) => {
    expect(readReportedStatus(cell)?.state).toBe(state);
  });

  it.each(['Hoàn thành trước 30/6/2026', '', 'Quý II/2026'])('"%s" reports nothing', (cell) => {
    expect(readReportedStatus(cell)).toBeNull();
  });

  it('a completed row is imported with its status and starts no workflow', () => {
    const p = load(
      `${HEADER}| STT | Nhiệm vụ | Đơn vị thực hiện | Thời hạn | Tình hình thực hiện |\n` +
        '| --- | --- | --- | --- | --- |\n' +
        '| 1 | Ban hành kế hoạch tuyên truyền | Sở Nội vụ | Quý I/2026 | Đã hoàn thành |\n' +
        '| 2 | Kiểm tra công tác CCHC | Sở Nội vụ | Quý III/2026 | Đang thực hiện |\n',
    );
    expect(p.tasks.map((t) => [t.ref, t.reported?.state])).toEqual([
      ['1', 'completed'],
      ['2', 'in-progress'],
    ]);
    expect(assignmentsOf(p).map((a) => a.taskRef)).toEqual([]); // units unresolved here: check the filter below
    const withUnits: Plan = {
      ...p,
      tasks: p.tasks.map((t) => ({ ...t, lead: t.lead.map((m) => ({ ...m, unitIds: ['an-giang.so-noi-vu'] })) })),
    };
    expect(assignmentsOf(withUnits).map((a) => a.taskRef)).toEqual(['2']);
  });
});

describe('row tables (markdown or tab-separated), with section rows', () => {
  it('reads rows under a header whose words differ from the seeds', () => {
    const p = load(
      `${HEADER}TT\tNội dung\tTrách nhiệm thực hiện\tTiến độ\n` +
        'I\tCải cách thể chế\t\t\n' +
        '1\tRà soát văn bản quy phạm pháp luật\tSở Tư pháp\tQuý II/2026\n' +
        '2\tCông bố danh mục văn bản hết hiệu lực\tSở Tư pháp\tTháng 12/2026\n',
    );
    expect(p.plan.layout).toBe('row-table');
    expect(p.tasks.map((t) => [t.ref, t.section, t.deadline.milestones[0]?.nominal])).toEqual([
      ['I.1', 'I. Cải cách thể chế', '2026-06-30'],
      ['I.2', 'I. Cải cách thể chế', '2026-12-31'],
    ]);
  });

  it('skips a table that names no task column (indicators)', () => {
    const r = importPlan(
      `${HEADER}| TT | Chỉ tiêu | Đơn vị | Kết quả |\n| --- | --- | --- | --- |\n| 1 | Tỷ lệ hồ sơ trực tuyến | % | 80 |\n`,
      'x.md',
    );
    expect(r.ok).toBe(false);
  });
});

describe('key-value blocks', () => {
  it('reads "- Đơn vị chủ trì: …" / "- Thời gian hoàn thành: …" in any order, numbered fields too', () => {
    const p = load(
      `${HEADER}1. Hạ tầng số\n` +
        '(1) Nâng cấp mạng truyền số liệu chuyên dùng.\n' +
        '- Thời gian hoàn thành: Trong tháng 8/2026.\n' +
        '- Đơn vị thực hiện: Sở Khoa học và Công nghệ chủ trì, phối hợp với Công an tỉnh.\n' +
        '(2) Sao lưu cơ sở dữ liệu.\n' +
        '2. Cơ quan chủ trì: Văn phòng UBND tỉnh.\n' +
        '5. Thời gian hoàn thành: Quý IV/2026.\n',
    );
    expect(p.plan.layout).toBe('key-value');
    expect(p.tasks.map((t) => [t.ref, t.title, t.lead[0]?.text, t.support[0]?.text, t.deadline.text])).toEqual([
      [
        '1.1',
        'Nâng cấp mạng truyền số liệu chuyên dùng.',
        'Sở Khoa học và Công nghệ',
        'Công an tỉnh',
        'Trong tháng 8/2026',
      ],
      ['1.2', 'Sao lưu cơ sở dữ liệu.', 'Văn phòng UBND tỉnh', undefined, 'Quý IV/2026'],
    ]);
  });

  it('reads fields that a scan ran on in one line, OCR-garbled markers included', () => {
    const p = load(
      `${HEADER}1. Rà soát văn bản của các địa phương sau sắp xếp.\n\n` +
        'a) Cơ quan chủ trì: Sở Nội vụ; b) Cơ quan phối hợp: Sở Tư pháp c) Thời gian thực hiện: Quý IV/2026\n\n' +
        '2. Tổng kết công tác thi đua.\n\n' +
        'a) Cơ quan chủ trì: Sở Tài chính 6 b) Cơ quan phối hợp: Sở Y tế chạc) Thời gian thực hiện: Tháng 12/2026\n',
    );
    expect(p.plan.layout).toBe('key-value');
    expect(p.tasks.map((t) => [t.ref, t.lead[0]?.text, t.support[0]?.text, t.deadline.text])).toEqual([
      ['1', 'Sở Nội vụ', 'Sở Tư pháp', 'Quý IV/2026'],
      ['2', 'Sở Tài chính', 'Sở Y tế', 'Tháng 12/2026'],
    ]);
  });
});

describe('a lead cell that points to another document', () => {
  it('is no lead: the task warns to assign the units that document names', () => {
    const p = load(
      `${HEADER}| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n| --- | --- | --- | --- | --- |\n` +
        '| 1 | Thực hiện Quyết định số 1441/QĐ-UBND | Theo phân công tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh | Văn phòng UBND tỉnh | Năm 2026 |\n' +
        '| 2 | Rà soát thủ tục hành chính | Sở Tư pháp | | Quý II/2026 |\n',
    );
    expect(p.tasks.map((t) => [t.ref, t.lead.map((m) => m.text)])).toEqual([
      ['1', []],
      ['2', ['Sở Tư pháp']],
    ]);
    expect(p.warnings.filter((w) => w.ref === '1').map((w) => w.message)).toEqual([
      expect.stringMatching(/^the lead is given by reference \("Theo phân công tại Quyết định số 1441/),
    ]);
  });
});

describe('prose that assigns inline', () => {
  const NOTICE = [
    'VĂN PHÒNG CHÍNH PHỦ        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Số: 99/TB-VPCP             Hà Nội, ngày 02 tháng 3 năm 2026',
    'THÔNG BÁO',
    'Kết luận cuộc họp về đề án chuyển đổi số',
    'Sau khi nghe báo cáo, Phó Thủ tướng kết luận như sau:',
    '1. Bộ Tài chính chủ trì, phối hợp với Bộ Tư pháp hoàn thiện dự thảo Nghị định, trình Chính phủ trước ngày 30 tháng 4 năm 2026.',
    '2. Giao Bộ Công an:',
    'a) Rà soát cơ sở dữ liệu dân cư, hoàn thành trong tháng 5/2026.',
    'b) Hướng dẫn các địa phương kết nối dữ liệu.',
    '3. Về nguồn lực',
    '- Bảo đảm kinh phí thực hiện trước ngày 15/6/2026.',
    'Văn phòng Chính phủ thông báo để các cơ quan liên quan biết, thực hiện./.',
    'Nơi nhận:',
    '- Bộ Tài chính;',
    '- Lưu: VT.',
  ].join('\n');

  it('a sentence with a unit as subject, a "Giao X:" heading over a), b)', () => {
    const p = load(NOTICE);
    expect(p.plan.layout).toBe('inline-assignments');
    expect(p.tasks.map((t) => [t.ref, t.lead[0]?.text, t.deadline.milestones[0]?.nominal ?? null])).toEqual([
      ['1', 'Bộ Tài chính', '2026-04-29'],
      ['2.a', 'Bộ Công an', '2026-05-31'],
      ['2.b', 'Bộ Công an', null],
    ]);
    expect(p.tasks[0]?.support[0]?.text).toBe('Bộ Tư pháp');
  });

  it('a duty with a deadline but no lead is a warning with its line, not a silent skip', () => {
    const p = load(NOTICE);
    expect(p.warnings).toContainEqual(
      expect.objectContaining({ line: 11, message: expect.stringMatching(/no lead unit; skipped/) }),
    );
  });

  it('the closing formula, "Nơi nhận" and its list never become tasks', () => {
    const p = load(NOTICE);
    expect(p.tasks.some((t) => /thông báo để|Lưu|Nơi nhận/.test(t.title))).toBe(false);
  });

  it.each([
    ['… trình Thủ tướng Chính phủ trước ngày 20 tháng 10 năm 2024. Trong đó', 'trước ngày 20 tháng 10 năm 2024'],
    ['công khai kết quả chậm nhất vào ngày 05 hằng tháng.', 'chậm nhất vào ngày 05 hằng tháng'],
    ['gửi Bộ trước ngày 30 tháng 6 hằng năm', 'trước ngày 30 tháng 6 hằng năm'],
    [
      'trong thời hạn 06 tháng kể từ ngày Nghị định có hiệu lực,',
      'trong thời hạn 06 tháng kể từ ngày Nghị định có hiệu lực',
    ],
    ['Chiến lược phát triển đến năm 2030', ''],
  ])('inline deadline of "%s" is "%s"', (sentence, phrase) => {
    expect(inlineDeadline(sentence)).toBe(phrase);
  });
});

describe('fragmented tables (one cell per line, header repeated per page)', () => {
  it('puts rows back together and reads columns by the header order', () => {
    const p = load(
      `${HEADER}STT\nTên nhiệm vụ\nCơ quan\nchủ trì\nCơ quan\nphối hợp\nThời gian\nhoàn thành\n` +
        'I. Thể chế\n1.\nXây dựng quy chế phối hợp\ntrong quản lý dữ liệu.\nSở Tư pháp\nCác sở, ngành\nQuý II/2026\n' +
        'CÔNG BÁO/Số 12/Ngày 01-04-2026\n17\nSTT\nTên nhiệm vụ\nCơ quan\nchủ trì\nCơ quan\nphối hợp\nThời gian\nhoàn thành\n' +
        '2.\nTập huấn cán bộ\nSở Nội vụ\nThường xuyên\n',
    );
    expect(p.plan.layout).toBe('fragmented-table');
    expect(p.tasks.map((t) => [t.ref, t.title, t.lead[0]?.text, t.deadline.text])).toEqual([
      ['I.1', 'Xây dựng quy chế phối hợp trong quản lý dữ liệu.', 'Sở Tư pháp', 'Quý II/2026'],
      ['I.2', 'Tập huấn cán bộ', 'Sở Nội vụ', 'Thường xuyên'],
    ]);
  });

  it('a row that goes on after a page break: its text and a name cut short are finished', () => {
    const p = load(
      `${HEADER}STT\nTên nhiệm vụ\nCơ quan\nchủ trì\nCơ quan\nphối hợp\nThời gian\nhoàn thành\n` +
        'I. Thể chế\n1.\nXây dựng tiêu chuẩn, hướng dẫn đo đạc, thẩm định\nViện Khoa học lâm nghiệp, Cục\nSở Tư pháp\nQuý IV/2026\n' +
        'kết quả giảm phát thải.\nLâm nghiệp và Kiểm lâm\n2.\nTập huấn cán bộ\nSở Nội vụ\nThường xuyên\n',
    );
    expect(p.tasks.map((t) => [t.ref, t.title, t.lead.map((m) => m.text).join('; '), t.deadline.text])).toEqual([
      [
        'I.1',
        'Xây dựng tiêu chuẩn, hướng dẫn đo đạc, thẩm định kết quả giảm phát thải.',
        'Viện Khoa học lâm nghiệp, Cục Lâm nghiệp và Kiểm lâm',
        'Quý IV/2026',
      ],
      ['I.2', 'Tập huấn cán bộ', 'Sở Nội vụ', 'Thường xuyên'],
    ]);
  });
});

describe('metadata a person can trust', () => {
  it.each([
    ['Số: 17/KH-UBND', '17/KH-UBND'],
    ['Số: 9389 /BNNMT-BĐKH', '9389/BNNMT-BĐKH'],
    ['Số 70/KH-UBND', '70/KH-UBND'],
    ['Số: 2Ø5/QĐ-UBND', '205/QĐ-UBND'],
    ['Số:           /KH-UBND', null],
    ['Số: Z32Ø/BTC-QLCS', null],
    ['CÔNG BÁO/Số 281/Ngày 21-05-2026', null],
  ])('"%s" gives number %s', (line, number) => {
    expect(readNumber(line).number).toBe(number);
  });

  it('names agencies in their usual case', () => {
    expect(agencyCase('BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG')).toBe('Bộ Tài nguyên và Môi trường');
    expect(agencyCase('SỞ VĂN HÓA VÀ THỂ THAO')).toBe('Sở Văn hóa và Thể thao');
  });

  it.each([
    ['Kế hoạch cải cách hành chính giai đoạn 2026 – 2030', '2026-03-15', { from: '2026-01-01', to: '2030-12-31' }],
    ['Chương trình chuyển đổi số đến năm 2030', '2026-03-15', { from: '2026-03-15', to: '2030-12-31' }],
    ['Kế hoạch năm 2026', '2026-03-15', null],
  ])('"%s" states the period %j', (title, issued, period) => {
    expect(periodOfTitle(title, issued)).toEqual(period);
  });

  it('reads the issuer block, number, date and title of a provincial plan', () => {
    const p = load(`${HEADER}1. Sở Nội vụ chủ trì kiểm tra công tác cải cách hành chính trong quý II/2026.\n`);
    expect(p.plan).toMatchObject({
      number: '12/KH-UBND',
      issuer: 'UBND tỉnh An Giang',
      issued: '2026-03-15',
      title: 'Kế hoạch Thực hiện công tác cải cách hành chính năm 2026',
      period: { from: '2026-01-01', to: '2026-12-31' },
    });
  });

  it('takes the date from a digital-signature stamp or an annex caption when the date line has none', () => {
    const stamped = load(
      'Ký bởi: BỘ TÀI CHÍNH\nThời gian ký: 19/06/2026 14:18:57 +07:00\nBỘ TÀI CHÍNH\nSố: 12/BTC-QLCS\n' +
        '1. Cục Quản lý công sản chủ trì rà soát tài sản, hoàn thành trong quý IV/2026.\n',
    );
    expect(stamped.plan.issued).toBe('2026-06-19');
    const annex = load(
      'PHỤ LỤC\n(Kèm theo Quyết định số 844/QĐ-TTg ngày 13 tháng 5 năm 2026 của Thủ tướng Chính phủ)\n' +
        '1. Bộ Y tế chủ trì sửa đổi Luật Bảo hiểm y tế, trình Chính phủ trong quý IV/2026.\n',
    );
    expect(annex.plan).toMatchObject({ issued: '2026-05-13', number: '844/QĐ-TTg', issuer: 'Thủ tướng Chính phủ' });
  });

  it('a draft with a blank day is refused, naming the date line and asking for --issued; accepted with it', () => {
    const text =
      HEADER.replace('ngày 15 tháng 3', 'ngày      tháng 3') +
      '1. Sở Nội vụ chủ trì kiểm tra, hoàn thành trong quý II/2026.\n';
    const line = text.split('\n').findIndex((l) => /ngày\s+tháng 3/.test(l)) + 1;
    const r = importPlan(text, 'draft.md');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.line).toBe(line);
      expect(r.error.message).toMatch(new RegExp(`^draft\\.md:${line}: .*day blank.*tháng 3 năm 2026.*--issued`));
    }
    const given = load(text, { issued: '2026-03-12' });
    expect(given.plan.issued).toBe('2026-03-12');
    expect(given.warnings.map((w) => w.message)).not.toContainEqual(expect.stringMatching(/gives no day/));
  });

  it('no issue date anywhere: refused, asking for --issued; accepted with it', () => {
    const text = 'KẾ HOẠCH\nTuyên truyền năm 2026\n1. Sở Nội vụ chủ trì tuyên truyền, hoàn thành trong quý II/2026.\n';
    const r = importPlan(text, 'undated.md');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^undated\.md: expected an issue date.*--issued/);
    expect(load(text, { issued: '2026-02-01' }).plan.issued).toBe('2026-02-01');
    expect(importPlan(text, 'undated.md', { issued: '1/2/2026' }).ok).toBe(false);
  });

  it('warns when a deadline falls before the issue date', () => {
    const p = load(`${HEADER}1. Sở Nội vụ chủ trì tổng kết, hoàn thành trong tháng 01/2026.\n`);
    expect(p.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/falls before the issue date 2026-03-15/),
    );
  });
});

describe('HTML tables in a text document', () => {
  it('are read as tables: a section row merged across, a page’s "Col1…" header continuing the table', () => {
    const row = (cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
    const text = [
      'ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP',
      'Số: 12/KH-UBND',
      'Đồng Tháp, ngày 15 tháng 01 năm 2026',
      'KẾ HOẠCH',
      '<table><thead><tr><th>TT</th><th>Nhiệm vụ</th><th>Đơn vịchủ trì</th><th>Đơn vịphốihợp</th>' +
        '<th>Thờigian<br>thựchiện</th></tr></thead><tbody>',
      row(['**I**', '**Nhiệm vụ chung**', '**Nhiệm vụ chung**', '**Nhiệm vụ chung**', '**Nhiệm vụ chung**']),
      row(['1', 'Ban hành quy chế<br>phối hợp', 'Sở Nội vụ', 'Các sở, ngành', 'Quý III năm 2026']),
      '</tbody></table>',
      '<table><thead><tr><th>Col1</th><th>Col2</th><th>Col3</th><th>Col4</th><th>tràn từ hàng trên</th></tr></thead>',
      row(['2', 'Rà soát thủ tục hành chính', 'Văn phòng UBND tỉnh', 'Các sở, ngành', 'Tháng 12 năm 2026']),
      '</table>',
    ].join('\n');
    const r = importPlan(text, 'html-table.md');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.plan.plan.layout).toBe('pipe-table');
    expect(r.plan.tasks.map((t) => [t.ref, t.title, t.lead.map((m) => m.text).join('; '), t.deadline.text])).toEqual([
      ['I.1', 'Ban hành quy chế phối hợp', 'Sở Nội vụ', 'Quý III năm 2026'],
      ['I.2', 'Rà soát thủ tục hành chính', 'Văn phòng UBND tỉnh', 'Tháng 12 năm 2026'],
    ]);
  });
});

describe('inline assignments: a request to addressees, duties listed with their unit, scanned markers', () => {
  it('reads the duties of the addressees, splits a listed item by unit, skips notes and sub-points', () => {
    const text = [
      'BỘ TÀI CHÍNH',
      'Số: 12/BTC-QLCS',
      'Hà Nội, ngày 19 tháng 6 năm 2026',
      'Bộ Tài chính đề nghị các Bộ, cơ quan ngang bộ (sau đây gọi là Bộ) và Ủy ban nhân dân các tỉnh tập trung chỉ đạo các nhiệm vụ sau:',
      'I. Tổ chức tuyên truyền, phổ biến nội dung của Nghị định.',
      '2. Rà soát các văn bản quy phạm pháp luật đã ban hành.',
      '3. Đối với các Bộ quản lý chuyên ngành (theo quy định tại khoản 5 Điều 3 Nghị định)',
      'a) Trong thời hạn 06 tháng, các bộ quản lý chuyên ngành công bố danh mục tài sản; cụ thể như sau:',
      '- Tài sản kết cấu hạ tầng thương mại - Bộ Công Thương.',
      '- Tài sản kết cấu hạ tầng đô thị - Bộ Xây dựng.',
      'b) Hướng dẫn về loại tài sản giao cho doanh nghiệp.',
      'c) Lưu ý: Danh mục tài sản nêu tại điểm a gồm các loại tài sản.',
      '8) Thực hiện các nhiệm vụ khác theo quy định.',
      '(ii) Giao tài sản cho doanh nghiệp theo hình thức khác.',
    ].join('\n');
    const r = importPlan(text, 'request.txt');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.plan.tasks.map((t) => [t.ref, t.lead.map((m) => m.text).join('; ')])).toEqual([
      ['1', 'Các Bộ, cơ quan ngang bộ và Ủy ban nhân dân các tỉnh'],
      ['2', 'Các Bộ, cơ quan ngang bộ và Ủy ban nhân dân các tỉnh'],
      ['3.1', 'Bộ Công Thương'],
      ['3.2', 'Bộ Xây dựng'],
      ['3.b', 'Các Bộ quản lý chuyên ngành'],
      ['3.d', 'Các Bộ quản lý chuyên ngành'],
    ]);
  });
});

describe('inline assignments: a numbered heading naming the units over its lettered duties', () => {
  it('reads "4. Các cơ quan … được giao quản lý tài sản" as the lead of a), b)', () => {
    const text = [
      'ỦY BAN NHÂN DÂN TỈNH LÀO CAI',
      'Số: 7/UBND-TH',
      'Lào Cai, ngày 10 tháng 7 năm 2026',
      'Kính gửi:',
      '- Các sở, ban, ngành thuộc UBND tỉnh;',
      '- Ủy ban nhân dân các xã, phường.',
      'Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành, địa phương nghiêm túc triển khai thực hiện các nội dung sau:',
      '1. Công tác tuyên truyền, phổ biến',
      'Tổ chức quán triệt, phổ biến đầy đủ nội dung Nghị định số 178/2026/NĐ-CP.',
      '2. Các cơ quan, tổ chức, đơn vị, doanh nghiệp được giao quản lý, sử dụng hoặc khai thác tài sản kết cấu hạ tầng',
      'a) Thực hiện quản lý, sử dụng, khai thác tài sản đúng mục đích.',
      'b) Thực hiện đầy đủ việc lập, quản lý hồ sơ tài sản.',
    ].join('\n');
    const r = importPlan(text, 'heading.txt');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.plan.tasks.map((t) => [t.ref, t.lead.map((m) => m.text).join('; ')])).toEqual([
      ['1.1', 'các sở, ban, ngành, địa phương'],
      [
        '2.a',
        'Các cơ quan, tổ chức, đơn vị, doanh nghiệp được giao quản lý, sử dụng hoặc khai thác tài sản kết cấu hạ tầng',
      ],
      [
        '2.b',
        'Các cơ quan, tổ chức, đơn vị, doanh nghiệp được giao quản lý, sử dụng hoặc khai thác tài sản kết cấu hạ tầng',
      ],
    ]);
  });
});

describe('inline assignments: a report or topic label before a sentence whose subject leads', () => {
  it('"- Báo cáo 6 tháng: Các cơ quan, đơn vị gửi Sở Tài chính trước ngày 05/7" is led by the agencies', () => {
    const text = [
      'ỦY BAN NHÂN DÂN TỈNH LÀO CAI',
      'Số: 7/UBND-TH',
      'Lào Cai, ngày 10 tháng 7 năm 2026',
      '1. Chế độ báo cáo',
      '- Báo cáo 6 tháng: Các cơ quan, đơn vị gửi Sở Tài chính trước ngày 05/7;',
      '- Báo cáo năm: Sở Tài chính tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 20/12.',
    ].join('\n');
    const r = importPlan(text, 'labels.txt');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.plan.tasks.map((t) => [t.lead.map((m) => m.text).join('; '), t.deadline.text])).toEqual([
      ['Các cơ quan, đơn vị', 'trước ngày 05/7'],
      ['Sở Tài chính', 'trước ngày 20/12'],
    ]);
  });
});

describe('inline assignments: a heading naming a class of units, then the list of its members', () => {
  it('gives the duties under "Có trách nhiệm:" to the listed units, without their bracketed scope', () => {
    const text = [
      'ỦY BAN NHÂN DÂN TỈNH NGHỆ AN',
      'Số: 12/UBND-KT',
      'Nghệ An, ngày 3 tháng 3 năm 2026',
      'Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị triển khai thực hiện các nội dung sau:',
      '1. Các sở quản lý chuyên ngành về đất đai',
      'Giao các sở quản lý chuyên ngành về đất đai theo lĩnh vực, bao gồm:',
      '- Sở Nông nghiệp và Môi trường (đối với đất nông nghiệp,',
      'đất rừng);',
      '- Sở Văn hóa, Thể thao và Du lịch (đối với đất di tích);',
      '- Ban Quản lý Khu kinh tế Đông Nam, Ban Quản lý các khu công nghiệp (đối với đất được giao).',
      'Có trách nhiệm:',
      'a) Rà soát, thống kê toàn bộ diện tích đất thuộc phạm vi quản lý.',
      'b) Gửi kết quả rà soát về Sở Tài chính trước ngày 30/6/2026.',
      '2. Sở Tài chính',
      'a) Tổng hợp kết quả rà soát.',
    ].join('\n');
    const r = importPlan(text, 'members.txt');
    if (!r.ok) throw new Error(r.error.message);
    const members =
      'Sở Nông nghiệp và Môi trường; Sở Văn hóa, Thể thao và Du lịch; Ban Quản lý Khu kinh tế Đông Nam; Ban Quản lý các khu công nghiệp';
    expect(r.plan.tasks.map((t) => [t.ref, t.lead.map((m) => m.text).join('; ')])).toEqual([
      ['1.a', members],
      ['1.b', members],
      ['2.a', 'Sở Tài chính'],
    ]);
  });
});
