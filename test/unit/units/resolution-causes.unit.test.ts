import { causeOf } from '../../../scripts/lib/unit-resolution';
import {
  bodyClassOf,
  createDirectory,
  detectDirectory,
  findProvince,
  governmentDirectory,
  guessKind,
  isVaguePhrase,
  mentionClass,
  proposeUnits,
  provinceDirectory,
  registerDirectory,
  templateForIssuer,
} from '../../../domain/units';

describe('the cause of an unresolved lead', () => {
  it.each([
    ['các cơ quan, đơn vị có liên quan', 'vague'],
    ['cơ quan, đơn vị, địa phương', 'vague'],
    ['bộ', 'vague'],
    ['Tập đoàn', 'vague'],
    ['ngành khác', 'vague'],
    ['Trường Đại học có liên quan', 'vague'],
    ['người dân', 'not-a-body'],
    ['doanh nghiệp công nghệ số', 'not-a-body'],
    ['cơ sở khám bệnh', 'not-a-body'],
    ['Các doanh nghiệp viễn thông', 'not-a-body'],
    ['DNVT và', 'not-a-body'],
    ['Theo phân công tại Quyết định số 1441', 'fragment'],
    ['QĐ-UBND ngày 25', 'fragment'],
    ['đơn b) Thời gian thực hiện: Hoàn thành', 'fragment'],
    ['Báo cáo 6 tháng', 'fragment'],
    ['huyện', 'fragment'],
    ['Cục Biến đổi khí hậu', 'named-body'],
    ['Sở Y tế', 'named-body'],
    ['Thanh tra tỉnh', 'named-body'],
    ['Giám đốc Trung tâm Chuyển đổi số Thành phố', 'named-body'],
    ['Đồng chí Phó chủ tịch Thường trực', 'named-body'],
    ['Ban Tuyên giáo Trung ương', 'named-body'],
  ])('"%s" is %s', (text, cause) => {
    expect(mentionClass(text)).toBe(cause);
  });

  it('a vague group of the directory, an ambiguous name and a document without directory have their own causes', () => {
    // A vague group without kinds: the directory's keeper has not said whom the phrase means.
    const doc = provinceDirectory(findProvince('Đồng Tháp')!);
    const dir = createDirectory({ ...doc, groups: doc.groups.map((g) => (g.vague ? { ...g, kinds: [] } : g)) });
    const [vague] = dir.resolveMentions('Các cơ quan, đơn vị có liên quan');
    expect(vague?.kind).toBe('unresolved');
    expect(causeOf(vague!, true)).toBe('vague');
    expect(causeOf({ ...vague!, groupId: null, unitIds: ['a', 'b'] }, true)).toBe('ambiguous');
    expect(causeOf(vague!, false)).toBe('no-directory');
  });

  it('"các cơ quan liên quan" is a phrase, "Sở VHTTDL" and a department merged in 2025 are bodies a template knows', () => {
    expect(isVaguePhrase('các cơ quan liên quan')).toBe(true);
    const dir = createDirectory(provinceDirectory(findProvince('Sơn La')!));
    expect(dir.resolveMentions('Sở VHTTDL')[0]?.unitIds).toEqual(['son-la.so-van-hoa-the-thao-du-lich']);
    const [merged] = dir.resolveMentions('Sở Thông tin và Truyền thông', { asOf: '2026-01-10' });
    expect(merged?.unitIds).toEqual(['son-la.so-khoa-hoc-cong-nghe']);
    expect(merged?.warning).toMatch(/merged into/);
  });
});

describe('kinds of bodies recognised in any document', () => {
  it.each([
    ['Ủy ban MTTQ Việt Nam xã Lương Minh', 'doan-the'],
    ['Hội Cựu chiến binh tỉnh', 'doan-the'],
    ['Tỉnh ủy Sơn La', 'co-quan-dang'],
    ['Tổng cục Thống kê', 'vu-cuc'],
    ['Kiểm toán Nhà nước', 'other'],
    ['UBND xã Mỹ Hiệp', 'phuong-xa'],
    ['Tổng công ty Điện lực miền Nam', 'other'],
  ])('%s is a %s', (name, kind) => {
    expect(guessKind(name).kind).toBe(kind);
  });

  it('a common noun is a body only when a name follows it', () => {
    expect(bodyClassOf('Sở quản lý chuyên ngành')).toBeNull();
    expect(bodyClassOf('Sở Xây dựng')?.kind).toBe('so');
  });

  it('the Fatherland Front is a mass organisation, not a ministry', () => {
    const gov = governmentDirectory();
    expect(gov.units.find((u) => u.id === 'cp.mttq-viet-nam')?.kind).toBe('doan-the');
  });

  it('a commune-level issuer gets its commune template, told apart from a commune whose name differs in diacritics', () => {
    expect(templateForIssuer('Ban Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh')?.id).toBe('quang-ninh-luong-minh');
  });

  it('after init of that province, a plan of the commune detects its directory by the commune it names', () => {
    registerDirectory(provinceDirectory(findProvince('Quảng Ninh')!));
    registerDirectory(provinceDirectory(findProvince('Nghệ An')!)); // has "Xã Lượng Minh"
    expect(detectDirectory('Ban Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh')).toBe('quang-ninh');
    expect(detectDirectory('Ủy ban nhân dân xã Lượng Minh')).toBe('nghe-an');
  });

  it('adopt proposes a position of the issuing body with its head, and the mention as written as an alias', () => {
    const doc = provinceDirectory(findProvince('Quảng Ninh')!);
    const [p] = proposeUnits(doc, [
      { text: 'Đồng chí Phó chủ tịch Thường trực', role: 'unit', refs: ['1'], column: 'lead' },
      { text: 'phụ trách lĩnh vực Giám sát', role: 'unit', refs: ['1'], column: 'lead' },
    ]);
    expect(p?.unit).toMatchObject({
      name: 'Phó chủ tịch Thường trực',
      headTitle: 'Phó chủ tịch Thường trực',
      aliases: ['Đồng chí Phó chủ tịch Thường trực'],
    });
  });

  it('"UBND các huyện, thành phố" of a plan before 1/7/2025 is the district group, never one adopted unit', () => {
    const doc = provinceDirectory(findProvince('Lâm Đồng')!);
    const [m] = createDirectory(doc).resolveMentions('UBND các huyện, thành phố', { asOf: '2024-01-01' });
    expect(m).toMatchObject({ kind: 'group', groupId: 'lam-dong.g.quan-huyen', unitIds: [] });
    expect(m?.warning).toMatch(/no UBND cấp huyện exist on 2024-01-01/);
    const plural = { text: 'UBND các huyện', role: 'unit' as const, refs: ['1'], column: 'lead' as const };
    expect(proposeUnits(doc, [plural])).toEqual([]);
  });
});
