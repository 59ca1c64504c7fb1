import { loadDirectory } from '../../../domain/units';
import type { DirectoryId, MentionResolution } from '../../../domain/units';

/** What a test expects of one mention: kind, role, and either the unit ids or the group and its size. */
type Expected =
  | { unit: string; role?: 'unit' | 'head'; warns?: boolean }
  | { group: string; count: number; role?: 'unit' | 'head'; warns?: boolean }
  | { unresolved: true; role?: 'unit' | 'head' };

function summarise(m: MentionResolution): Expected {
  if (m.kind === 'unit') return { unit: m.unitIds[0] as string, role: m.role, warns: m.warning !== null };
  if (m.kind === 'group')
    return { group: m.groupId as string, count: m.unitIds.length, role: m.role, warns: m.warning !== null };
  return { unresolved: true, role: m.role };
}

function normalise(e: Expected): Expected {
  if ('unresolved' in e) return { unresolved: true, role: e.role ?? 'unit' };
  return { ...e, role: e.role ?? 'unit', warns: e.warns ?? false };
}

type Row = [source: string, directory: DirectoryId, asOf: string, cell: string, expected: Expected[]];

const rows: Row[] = [
  // Seed 000: QĐ 4832/QĐ-UBND (31/12/2020), city CCHC plan 2021, OCR'd with wrapped cells.
  [
    '4832/QĐ-UBND 1.1',
    'hcm',
    '2021-01-01',
    '- Giám đốc Sở \nNội vụ \n- Thủ trưởng sở, \nban - ngành; \nChủ tịch UBND \nquận - huyện',
    [
      { unit: 'hcm.so-noi-vu', role: 'head' },
      { group: 'hcm.g.so-ban-nganh', count: 24, role: 'head' },
      { group: 'hcm.g.quan-huyen', count: 22, role: 'head' },
    ],
  ],
  [
    '4832/QĐ-UBND IV.2.10',
    'hcm',
    '2021-01-01',
    'Cục Hải quan Thành phố, Cục Thuế Thành phố, Công an Thành phố, Kho bạc Nhà nước Thành phố, Bảo hiểm xã hội Thành phố, Sở Ngoại vụ Thành phố',
    [
      { unit: 'hcm.cuc-hai-quan' },
      { unit: 'hcm.cuc-thue' },
      { unit: 'hcm.cong-an' },
      { unit: 'hcm.kho-bac' },
      { unit: 'hcm.bhxh' },
      { unit: 'hcm.so-ngoai-vu' },
    ],
  ],
  [
    '4832/QĐ-UBND (OCR)',
    'hcm',
    '2021-01-01',
    'Sở Thông tin và Truyên thông; Sở Văn hóa và Thê thao; Sở Nội vu; Viện trưởng Viện Nghiên cứu phát triên Thành phố',
    [
      { unit: 'hcm.so-thong-tin-truyen-thong' },
      { unit: 'hcm.so-van-hoa-the-thao' },
      { unit: 'hcm.so-noi-vu' },
      { unit: 'hcm.vien-nghien-cuu-phat-trien', role: 'head' },
    ],
  ],
  // Seed 001: QĐ 5334/QĐ-UBND (29/11/2018): before TP Thủ Đức, 24 district-level units.
  [
    '5334/QĐ-UBND',
    'hcm',
    '2018-11-29',
    'Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các quận, huyện',
    [
      { group: 'hcm.g.so-ban-nganh', count: 24, role: 'head' },
      { group: 'hcm.g.quan-huyen', count: 24, role: 'head' },
    ],
  ],
  // Seed 002: SIPAS/PAR plan of 26/9/2025, after the merger: 168 communes, no districts.
  [
    'SIPAS 2025 III.1',
    'hcm',
    '2025-09-26',
    'Các sở, ban, ngành, Ủy ban nhân dân phường, xã, đặc khu',
    [
      { group: 'hcm.g.so-ban-nganh', count: 19 },
      { group: 'hcm.g.phuong-xa', count: 168 },
    ],
  ],
  [
    'SIPAS 2025 III.2',
    'hcm',
    '2025-09-26',
    'Văn phòng Ủy ban nhân dân Thành phố, Sở Nội vụ, Sở Tư pháp, Sở Khoa học và Công nghệ, Sở Tài chính, Trung tâm Chuyển đổi số Thành phố',
    [
      { unit: 'hcm.van-phong-ubnd' },
      { unit: 'hcm.so-noi-vu' },
      { unit: 'hcm.so-tu-phap' },
      { unit: 'hcm.so-khoa-hoc-cong-nghe' },
      { unit: 'hcm.so-tai-chinh' },
      { unit: 'hcm.trung-tam-chuyen-doi-so' },
    ],
  ],
  // Corpus: QĐ 2820/QĐ-UBND (19/11/2025).
  [
    '2820/QĐ-UBND IV.3',
    'hcm',
    '2025-11-19',
    'Công An Thành phố, Bộ Tư lệnh Thành phố',
    [{ unit: 'hcm.cong-an' }, { unit: 'hcm.bo-tu-lenh' }],
  ],
  [
    '2820/QĐ-UBND IV.5',
    'hcm',
    '2025-11-19',
    'Các sở ngành liên quan, Viện Nghiên cứu phát triển Thành phố',
    // "liên quan" does not say which: the city's departments and public service units, with a warning to narrow it
    [{ group: 'hcm.g.vague', count: 26, warns: true }, { unit: 'hcm.vien-nghien-cuu-phat-trien' }],
  ],
  [
    '2820/QĐ-UBND IV.6',
    'hcm',
    '2025-11-19',
    'Ủy ban nhân dân phường, xã, đặc khu',
    [{ group: 'hcm.g.phuong-xa', count: 168 }],
  ],
  [
    '2820/QĐ-UBND IV.1',
    'hcm',
    '2025-11-19',
    'Sở Xây dựng, Sở Quy hoạch - Kiến trúc và Sở Nông nghiệp và Môi trường',
    [{ unit: 'hcm.so-xay-dung' }, { unit: 'hcm.so-quy-hoach-kien-truc' }, { unit: 'hcm.so-nong-nghiep-moi-truong' }],
  ],
  // Corpus: Prime Minister's decisions name ministries, which are not in the city directory.
  ['2530/QĐ-TTg', 'hcm', '2025-11-01', 'Bộ Tài chính; Bộ Công an', [{ unresolved: true }, { unresolved: true }]],
  // Corpus: Đồng Tháp writes abbreviations.
  ['617/KH-UBND Đồng Tháp', 'hcm', '2025-12-01', 'Sở KH&CN', [{ unit: 'hcm.so-khoa-hoc-cong-nghe' }]],
  // Seed 004: KH 17/KH-UBND of UBND Quận 1 (18/01/2022).
  [
    '17/KH-UBND 1.1',
    'hcm-q1',
    '2022-01-18',
    '- Trưởng Phòng Nội vụ quận.',
    [{ unit: 'hcm.q1.phong-noi-vu', role: 'head' }],
  ],
  [
    '17/KH-UBND 1.1 phối hợp',
    'hcm-q1',
    '2022-01-18',
    'Thủ trưởng cơ quan, đơn vị; Chủ tịch Ủy ban nhân dân (UBND) 10 phường.',
    [
      { group: 'hcm-q1.g.co-quan-don-vi', count: 16, role: 'head' },
      { group: 'hcm-q1.g.phuong', count: 10, role: 'head' },
    ],
  ],
  [
    '17/KH-UBND 1.2',
    'hcm-q1',
    '2022-01-18',
    '- Ban Chỉ đạo và Tổ giúp việc Ban Chỉ đạo CCHC Quận 1; - Thủ trưởng cơ quan, đơn vị; Chủ tịch UBND 10 phường.',
    [
      { unit: 'hcm.q1.bcd-cchc' },
      { group: 'hcm-q1.g.co-quan-don-vi', count: 16, role: 'head' },
      { group: 'hcm-q1.g.phuong', count: 10, role: 'head' },
    ],
  ],
  [
    '17/KH-UBND 1.7',
    'hcm-q1',
    '2022-01-18',
    '- Trưởng Ban Tuyên giáo Quận ủy; - Thủ trưởng cơ quan, đơn vị; Chủ tịch UBND 10 phường; - Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội quận cùng tham gia tuyên truyền và giám sát.',
    [
      { unit: 'hcm.q1.ban-tuyen-giao-quan-uy', role: 'head' },
      { group: 'hcm-q1.g.co-quan-don-vi', count: 16, role: 'head' },
      { group: 'hcm-q1.g.phuong', count: 10, role: 'head' },
      { group: 'hcm-q1.g.doan-the', count: 5 },
    ],
  ],
  [
    '17/KH-UBND 1.8',
    'hcm-q1',
    '2022-01-18',
    '- Trung tâm Công nghệ thông tin quận; - Phòng Văn hóa và Thông tin quận; - Trung tâm Văn hóa, Bản tin Quận 1;',
    [
      { unit: 'hcm.q1.trung-tam-cntt' },
      { unit: 'hcm.q1.phong-van-hoa-thong-tin' },
      { unit: 'hcm.q1.trung-tam-van-hoa' },
    ],
  ],
  [
    '17/KH-UBND 1.10',
    'hcm-q1',
    '2022-01-18',
    '- Trưởng Phòng Nội vụ; - Bí thư Quận Đoàn 1; - Chủ tịch Liên đoàn Lao động Quận 1.',
    [
      { unit: 'hcm.q1.phong-noi-vu', role: 'head' },
      { unit: 'hcm.q1.quan-doan', role: 'head' },
      { unit: 'hcm.q1.lien-doan-lao-dong', role: 'head' },
    ],
  ],
  [
    '17/KH-UBND 3.7',
    'hcm-q1',
    '2022-01-18',
    '- Chánh Văn phòng UBND quận; - Trưởng Phòng Tài chính - Kế hoạch quận; - Chánh Thanh tra quận; - Thủ trưởng cơ quan, đơn vị; Chủ tịch UBND 10 phường.',
    [
      { unit: 'hcm.q1.van-phong-ubnd', role: 'head' },
      { unit: 'hcm.q1.phong-tai-chinh-ke-hoach', role: 'head' },
      { unit: 'hcm.q1.thanh-tra', role: 'head' },
      { group: 'hcm-q1.g.co-quan-don-vi', count: 16, role: 'head' },
      { group: 'hcm-q1.g.phuong', count: 10, role: 'head' },
    ],
  ],
  [
    '17/KH-UBND 3.6',
    'hcm-q1',
    '2022-01-18',
    'Giám đốc Chi nhánh Văn phòng đăng ký đất đai Quận 1.',
    [{ unit: 'hcm.q1.chi-nhanh-vpdk-dat-dai', role: 'head' }],
  ],
  [
    '17/KH-UBND 4.8',
    'hcm-q1',
    '2022-01-18',
    '- Thủ trưởng các cơ quan, đơn vị có liên quan, Ủy ban nhân dân 10 phường;',
    [
      { group: 'hcm-q1.g.vague', count: 16, role: 'head', warns: true },
      { group: 'hcm-q1.g.phuong', count: 10 },
    ],
  ],
  [
    'brief examples',
    'hcm-q1',
    '2022-01-18',
    'Các phòng, ban chuyên môn; UBND 10 phường',
    [
      { group: 'hcm-q1.g.phong-ban', count: 12 },
      { group: 'hcm-q1.g.phuong', count: 10 },
    ],
  ],
];

describe.each(rows)('given %s (%s, issued %s)', (_source, directory, asOf, cell, expected) => {
  it(`when resolving ${JSON.stringify(cell)}, then every mention is accounted for`, () => {
    const got = loadDirectory(directory).resolveMentions(cell, { asOf }).map(summarise);
    expect(got).toEqual(expected.map(normalise));
  });
});

describe('diacritic-free, OCR and abbreviated spellings', () => {
  const hcm = loadDirectory('hcm');
  const q1 = loadDirectory('hcm-q1');

  it.each([
    [hcm, 'Giam doc So Noi vu', 'hcm.so-noi-vu', 'head'],
    [hcm, 'GIÁM ĐỐC SỞ NỘI VỤ', 'hcm.so-noi-vu', 'head'],
    [hcm, 'Sờ Nôi vụ', 'hcm.so-noi-vu', 'unit'],
    [hcm, 'So Tu phap', 'hcm.so-tu-phap', 'unit'],
    [hcm, 'Chủ tịch UBND TP.HCM', 'hcm.ubnd', 'head'],
    [hcm, 'VP UBND TP', 'hcm.van-phong-ubnd', 'unit'],
    [hcm, 'Ban Chỉ đạo CCHC Thành phố', 'hcm.bcd-cchc', 'unit'],
    [hcm, 'UBND phuong Sai Gon', 'hcm.px.sai-gon', 'unit'],
    [hcm, 'Chủ tịch UBND Q.1', 'hcm.q1', 'head'],
    [hcm, 'Đặc khu Côn Đảo', 'hcm.px.con-dao', 'unit'],
    [q1, 'P. Bến Nghé', 'hcm.q1.p-ben-nghe', 'unit'],
    [q1, 'BCĐ CCHC Quận 1', 'hcm.q1.bcd-cchc', 'unit'],
    [q1, 'Truong phong Noi vu quan', 'hcm.q1.phong-noi-vu', 'head'],
    [q1, 'Phòng GD&ĐT quận', 'hcm.q1.phong-giao-duc-dao-tao', 'unit'],
    [q1, 'Sở Nội vụ', 'hcm.so-noi-vu', 'unit'],
  ])('given %#: %s resolves to %s (%s)', (dir, cell, unitId, role) => {
    const [m, ...rest] = dir.resolveMentions(cell);
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ kind: 'unit', unitIds: [unitId], role });
  });

  it('tells Xã Thạnh An from Xã Thanh An by diacritics and warns when they are missing', () => {
    const [exactA, exactB, bare] = hcm.resolveMentions('Xã Thạnh An; Xã Thanh An; xa Thanh An', { asOf: '2025-08-01' });
    expect(exactA?.unitIds).toEqual(['hcm.px.thanh-an-can-gio']);
    expect(exactB?.unitIds).toEqual(['hcm.px.thanh-an-dau-tieng']);
    expect(bare).toMatchObject({
      kind: 'unresolved',
      unitIds: ['hcm.px.thanh-an-can-gio', 'hcm.px.thanh-an-dau-tieng'],
    });
    expect(bare?.warning).toMatch(/ambiguous/);
  });
});

describe('issue date decides the fan-out', () => {
  const hcm = loadDirectory('hcm');

  it('means 22 districts before 7/2025 and none after, with a warning', () => {
    const [before] = hcm.resolveMentions('Chủ tịch UBND quận - huyện', { asOf: '2024-03-01' });
    const [after] = hcm.resolveMentions('Chủ tịch UBND quận - huyện', { asOf: '2025-09-26' });
    expect(before?.unitIds).toHaveLength(22);
    expect(after).toMatchObject({ kind: 'group', unitIds: [] });
    expect(after?.warning).toMatch(/no UBND quận - huyện exist on 2025-09-26/);
  });

  it('means 168 communes after 7/2025 and warns before (pre-2025 wards are not shipped)', () => {
    const [after] = hcm.resolveMentions('UBND phường, xã, đặc khu', { asOf: '2025-07-01' });
    const [before] = hcm.resolveMentions('UBND phường, xã, thị trấn', { asOf: '2022-01-01' });
    expect(after?.unitIds).toHaveLength(168);
    expect(before?.unitIds).toEqual([]);
    expect(before?.warning).not.toBeNull();
  });

  it('warns when a named unit did not exist on the issue date', () => {
    const [m] = hcm.resolveMentions('Sở Thông tin và Truyền thông', { asOf: '2025-09-26' });
    expect(m).toMatchObject({ kind: 'unit', unitIds: ['hcm.so-thong-tin-truyen-thong'] });
    expect(m?.warning).toMatch(/did not exist on 2025-09-26/);
  });

  it('warns when no asOf is given for a time-bounded group', () => {
    const [m] = hcm.resolveMentions('UBND quận - huyện');
    expect(m?.unitIds).toHaveLength(25);
    expect(m?.warning).toMatch(/no asOf/);
  });
});

describe('unresolved mentions are never dropped', () => {
  it.each([
    ['Bộ Nội vụ', 1],
    ['Bộ Tài chính, Bộ Công an và Bộ Khoa học và Công nghệ', 3],
    ['UBND tỉnh Nghệ An', 1],
  ])('given %s, then %i warnings', (cell, n) => {
    const got = loadDirectory('hcm').resolveMentions(cell, { asOf: '2025-11-01' });
    expect(got.filter((m) => m.kind === 'unresolved' && m.warning)).toHaveLength(n);
  });
});
