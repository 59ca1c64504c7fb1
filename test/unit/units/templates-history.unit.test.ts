import fs from 'node:fs';
import { importPlan } from '../../../domain/plans/import';
import {
  ADMIN_PROVINCES,
  ADMIN_UNITS_SOURCE,
  applyChange,
  createDirectory,
  detectDirectory,
  DirectoryChangeError,
  findFormerProvince,
  findProvince,
  formerProvincesOf,
  governmentDirectory,
  guessKind,
  ministryDirectory,
  proposeUnits,
  provinceDirectory,
  registerDirectory,
  templateForIssuer,
  replayHistory,
  sealChange,
  verifyHistory,
  type DirectoryChange,
  type DirectoryChangeRecord,
  type DirectoryData,
} from '../../../domain/units';
import { unresolvedMentions } from '../../../services/unit-adopt';

const fixture = (p: string) => fs.readFileSync(`test/fixtures/shared/${p}`, 'utf8');

describe('the national list of administrative units', () => {
  it('holds the 34 provinces and 3,321 communes in force since 1/7/2025, with its source', () => {
    expect(ADMIN_PROVINCES).toHaveLength(34);
    expect(ADMIN_PROVINCES.reduce((n, p) => n + p.communes.length, 0)).toBe(3321);
    expect(ADMIN_UNITS_SOURCE).toMatchObject({
      package: expect.stringContaining('vietnam-provinces'),
      effective: '2025-07-01',
    });
    expect(ADMIN_PROVINCES.find((p) => p.name === 'Thành phố Hồ Chí Minh')?.communes).toHaveLength(168);
  });

  it.each([
    ['Đồng Tháp', 'Tỉnh Đồng Tháp'],
    ['dong thap', 'Tỉnh Đồng Tháp'],
    ['tỉnh Nghệ An', 'Tỉnh Nghệ An'],
    ['Thành phố Hà Nội', 'Thành phố Hà Nội'],
    ['1', 'Thành phố Hà Nội'],
    ['Huế', 'Thành phố Huế'],
  ])('given "%s", when looked up, then it is %s', (query, name) => {
    expect(findProvince(query)?.name).toBe(name);
  });

  it('given a name that is no province (a pre-2025 one), then nothing is found', () => {
    expect(findProvince('Bình Dương')).toBeNull();
  });

  it.each([
    ['Đắk Nông', 'Tỉnh Lâm Đồng'],
    ['tỉnh Bình Thuận', 'Tỉnh Lâm Đồng'],
    ['Bà Rịa - Vũng Tàu', 'Thành phố Hồ Chí Minh'],
    ['hoa binh', 'Tỉnh Phú Thọ'],
    ['Kiên Giang', 'Tỉnh An Giang'],
  ])('given the pre-2025 province "%s", then it was merged into %s (Nghị quyết 202/2025/QH15)', (query, name) => {
    expect(findFormerProvince(query)?.successor.name).toBe(name);
  });

  it('the merger list names 29 former provinces, each merged into one of the 34, none of them current', () => {
    const formers = ADMIN_PROVINCES.flatMap((p) => formerProvincesOf(p));
    expect(formers).toHaveLength(29);
    expect(new Set(formers).size).toBe(29);
    expect(formers.filter((f) => findProvince(f) !== null)).toEqual([]);
    expect(findFormerProvince('Lâm Đồng')).toBeNull();
    expect(findFormerProvince('Đắk Lắk')).toBeNull();
  });

  it('a plan issued by a body of a merged province finds the successor template and directory, and says so', () => {
    const issuer = 'Sở Thông tin và Truyền thông tỉnh Đắk Nông';
    const doc = templateForIssuer(issuer);
    expect(doc?.id).toBe('lam-dong');
    expect(doc?.issuerNames).toContain('Đắk Nông');
    registerDirectory(doc!);
    expect(detectDirectory(issuer)).toBe('lam-dong');
    const result = importPlan(fixture('corpus2/daknong-nonum-KH-STTTT-2024.md'), 'daknong.md', {
      issued: '2024-01-01',
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.plan.plan.directory).toBe('lam-dong');
    expect(result.plan.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/Đắk Nông, merged into Tỉnh Lâm Đồng on 1\/7\/2025/),
    );
  });
});

describe.each(ADMIN_PROVINCES.map((p) => [p.name, p] as const))('province template %s', (_name, p) => {
  it('builds a valid directory with every commune and its official code', () => {
    const doc = provinceDirectory(p);
    const dir = createDirectory(doc);
    expect(dir.list({ kind: 'phuong-xa', asOf: '2025-07-01' })).toHaveLength(p.communes.length);
    expect(new Set(doc.units.map((u) => u.code).filter(Boolean)).size).toBe(p.communes.length + 1);
    expect(dir.list({ kind: 'so' }).length).toBeGreaterThanOrEqual(14);
  });
});

describe('resolution on a loaded province directory', () => {
  const dt = createDirectory(provinceDirectory(findProvince('Đồng Tháp')!));
  const one = (cell: string) =>
    dt
      .resolveMentions(cell, { asOf: '2025-12-01' })
      .map((m) => [m.kind, m.unitIds.length === 1 ? m.unitIds[0] : m.unitIds.length]);

  it.each([
    ['Sở KH&CN', [['unit', 'dong-thap.so-khoa-hoc-cong-nghe']]],
    ['Giám đốc Sở Nội vụ tỉnh Đồng Tháp', [['unit', 'dong-thap.so-noi-vu']]],
    ['Bộ CHQS tỉnh', [['unit', 'dong-thap.bo-chi-huy-quan-su']]],
    ['Công an tỉnh', [['unit', 'dong-thap.cong-an']]],
    ['Các sở, ban, ngành tỉnh', [['group', 15]]],
    ['UBND các xã, phường', [['group', 102]]],
    ['UBND cấp xã', [['group', 102]]],
    ['các cơ quan, đơn vị liên quan', [['group', 18]]],
    ['Các cơ quan, đơn vị, địa phương', [['group', 120]]],
    ['các sở, ngành liên quan', [['group', 15]]],
    ['các địa phương', [['group', 102]]],
    ['Sở', [['unresolved', 0]]],
  ])('given "%s", then %j', (cell, expected) => {
    expect(one(cell)).toEqual(expected);
  });

  it("given a phrase that does not say which units, then it fans out to the committee's own bodies and says so", () => {
    const [m] = dt.resolveMentions('Các cơ quan, đơn vị có liên quan', { asOf: '2025-12-01' });
    expect(m?.unitIds).toContain('dong-thap.so-noi-vu');
    expect(m?.unitIds).toContain('dong-thap.trung-tam-phuc-vu-hcc');
    expect(m?.unitIds).not.toContain('dong-thap.cong-an'); // a line agency is not the committee's own
    expect(m?.unitIds).not.toContain('dong-thap.so-ke-hoach-dau-tu'); // merged before the plan
    expect(m?.warning).toMatch(/does not say which units: it fans out to .* \(18\); narrow it/);
  });

  it('given a vague group a person emptied of kinds, then the phrase stays for a person to assign', () => {
    const doc = provinceDirectory(findProvince('Đồng Tháp')!);
    const emptied = createDirectory({ ...doc, groups: doc.groups.map((g) => (g.vague ? { ...g, kinds: [] } : g)) });
    const [m] = emptied.resolveMentions('các cơ quan, đơn vị liên quan');
    expect(m).toMatchObject({ kind: 'unresolved', unitIds: [], groupId: 'dong-thap.g.lien-quan' });
    expect(m?.warning).toMatch(/assign them explicitly/);
  });

  it('given a date before the communes existed, then "UBND cấp xã" fans out to none and says so', () => {
    const [m] = dt.resolveMentions('UBND cấp xã', { asOf: '2025-03-01' });
    expect(m?.unitIds).toEqual([]);
    expect(m?.warning).toMatch(/no UBND cấp xã exist on 2025-03-01/);
  });
});

describe('ministry and Government templates', () => {
  it('given "Bộ Tài chính", then the ministry, its office and inspectorate and "các đơn vị thuộc Bộ" resolve', () => {
    const dir = createDirectory(ministryDirectory('Bộ Tài chính')!);
    expect(dir.resolveMentions('Chánh Văn phòng Bộ')[0]).toMatchObject({
      kind: 'unit',
      role: 'head',
      unitIds: ['bo-tai-chinh.van-phong'],
    });
    expect(dir.resolveMentions('Vụ Pháp chế')[0]?.unitIds).toEqual(['bo-tai-chinh.vu-phap-che']);
    expect(dir.resolveMentions('các đơn vị thuộc Bộ')[0]?.unitIds).toHaveLength(8);
  });

  it('given a phrase that is no ministry, then no template', () => {
    expect(ministryDirectory('Hà Nội')).toBeNull();
  });

  it('given the Government, then ministries and "các bộ, ngành, địa phương" resolve', () => {
    const dir = createDirectory(governmentDirectory());
    expect(dir.resolveMentions('Bộ Công an, Văn phòng Chính phủ').map((m) => m.unitIds[0])).toEqual([
      'cp.bo-cong-an',
      'cp.van-phong-chinh-phu',
    ]);
    // 17 ministries and ministerial-level agencies, 10 agencies beside them, 34 provinces; the Fatherland Front and
    // the socio-political organisations are mass organisations, reached by their own group.
    expect(dir.resolveMentions('Các bộ, ngành, địa phương', { asOf: '2025-10-01' })[0]?.unitIds.length).toBe(27 + 34);
    const front = dir.resolveMentions('Ủy ban Trung ương MTTQ Việt Nam và các tổ chức thành viên');
    expect(front.map((m) => m.kind)).toEqual(['unit', 'group']);
    expect(front[1]?.unitIds).toContain('cp.hoi-nong-dan');
  });
});

describe('a plan detects a loaded directory from its issuer', () => {
  it('given Đồng Tháp loaded, when its plan is imported, then every lead resolves', () => {
    const before = importPlan(fixture('corpus/dongthap-617-KH-UBND-2025.md'), 'dt.md');
    expect(before.ok && before.plan.plan.directory).toBe(null);
    registerDirectory(provinceDirectory(findProvince('Đồng Tháp')!));
    expect(detectDirectory('UBND tỉnh Đồng Tháp')).toBe('dong-thap');
    const after = importPlan(fixture('corpus/dongthap-617-KH-UBND-2025.md'), 'dt.md');
    if (!after.ok) throw new Error(after.error.message);
    expect(after.plan.plan.directory).toBe('dong-thap');
    expect(after.plan.plan.id).toBe(before.ok ? before.plan.plan.id : '');
    expect(after.plan.tasks.flatMap((t) => t.lead).every((m) => m.kind === 'unit')).toBe(true);
  });

  it('given --directory none, then nothing resolves', () => {
    const r = importPlan(fixture('corpus/dongthap-617-KH-UBND-2025.md'), 'dt.md', { directory: null });
    expect(r.ok && r.plan.plan.directory).toBe(null);
  });
});

describe('directory history', () => {
  const base = provinceDirectory(findProvince('Cà Mau')!);
  const changes: DirectoryChange[] = [
    { type: 'DirectoryImported', document: base },
    { type: 'UnitRenamed', unitId: 'ca-mau.so-y-te', name: 'Sở Y tế và Dân số' },
    { type: 'UnitsMerged', from: ['ca-mau.so-ngoai-vu'], into: 'ca-mau.van-phong-ubnd', lastDay: '2025-12-31' },
    { type: 'UnitRetired', unitId: 'ca-mau.so-dan-toc-ton-giao', lastDay: '2025-09-30' },
    {
      type: 'HeadChanged',
      unitId: 'ca-mau.so-noi-vu',
      headName: 'Nguyễn Văn B',
      headChannels: { emails: ['snv@camau.gov.vn'], webhooks: [] },
    },
  ];
  const records: DirectoryChangeRecord[] = [];
  for (const [i, c] of changes.entries())
    records.push(sealChange('ca-mau', records[i - 1] ?? null, c, `2026-01-0${i + 1}T09:00:00+07:00`, 'cli:test'));
  const doc = replayHistory(records) as DirectoryData;
  const dir = createDirectory(doc);

  it('keeps a renamed unit under its id, and its old name still resolves to it', () => {
    expect(dir.get('ca-mau.so-y-te')?.name).toBe('Sở Y tế và Dân số');
    expect(dir.resolveMentions('Sở Y tế')[0]?.unitIds).toEqual(['ca-mau.so-y-te']);
  });

  it('keeps merged and retired units on record; after the merge their name resolves to the successor', () => {
    expect(dir.get('ca-mau.so-ngoai-vu')).toMatchObject({ validTo: '2025-12-31', mergedInto: 'ca-mau.van-phong-ubnd' });
    expect(dir.get('ca-mau.van-phong-ubnd')?.mergedFrom).toEqual(['ca-mau.so-ngoai-vu']);
    expect(dir.resolveMentions('Sở Ngoại vụ', { asOf: '2025-06-01' })[0]?.unitIds).toEqual(['ca-mau.so-ngoai-vu']);
    const after = dir.resolveMentions('Sở Ngoại vụ', { asOf: '2026-02-01' })[0];
    expect(after).toMatchObject({ kind: 'unit', unitIds: ['ca-mau.van-phong-ubnd'] });
    expect(after?.warning).toMatch(/merged into/);
    expect(dir.list({ kind: 'so', asOf: '2025-10-01' }).map((u) => u.id)).not.toContain('ca-mau.so-dan-toc-ton-giao');
  });

  it('records who and when, hash-chained; an altered record breaks the chain', () => {
    expect(verifyHistory(records)).toBeNull();
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    const altered = records.map((r, i) => (i === 1 ? { ...r, actor: 'someone else' } : r));
    expect(verifyHistory(altered)).toEqual({ seq: 2, problem: 'content altered after it was sealed' });
  });

  it.each<[string, DirectoryChange]>([
    ['an unknown unit', { type: 'UnitRetired', unitId: 'ca-mau.khong-co', lastDay: '2026-01-01' }],
    [
      'a merge into itself',
      { type: 'UnitsMerged', from: ['ca-mau.so-y-te'], into: 'ca-mau.so-y-te', lastDay: '2026-01-01' },
    ],
  ])('refuses %s', (_what, change) => {
    expect(() => applyChange(doc, change)).toThrow(DirectoryChangeError);
  });

  it('refuses a unit whose parent would make a cycle', () => {
    const unit = { ...doc.units.find((u) => u.id === 'ca-mau.ubnd')!, id: 'ca-mau.x', parentId: 'ca-mau.x' };
    expect(() => applyChange(doc, { type: 'UnitAdded', unit })).toThrow(/parent cycle/);
  });
});

describe('adopting units from a plan', () => {
  it.each([
    ['Sở Văn hóa và Thể thao', 'so', 'Giám đốc Sở Văn hóa và Thể thao'],
    ['Ban Chỉ huy Phòng thủ dân sự tỉnh', 'ban-chi-dao', 'Trưởng Ban Chỉ huy Phòng thủ dân sự tỉnh'],
    ['Trung tâm Phát triển quỹ đất', 'don-vi-su-nghiep', 'Giám đốc Trung tâm Phát triển quỹ đất'],
    ['Cục Quản lý công sản', 'vu-cuc', 'Cục trưởng Cục Quản lý công sản'],
    ['Phòng Kinh tế', 'phong', 'Trưởng Phòng Kinh tế'],
    ['Hội Nông dân tỉnh', 'doan-the', 'Chủ tịch Hội Nông dân tỉnh'],
  ])('guesses that "%s" is a %s headed by "%s"', (name, kind, head) => {
    expect(guessKind(name)).toEqual({ kind, headTitle: head });
  });

  it('given Nghệ An after init, when its unresolved mentions are adopted, then every remaining lead resolves', () => {
    const na = provinceDirectory(findProvince('Nghệ An')!);
    registerDirectory(na);
    const text = fixture('corpus/nghean-980-KH-UBND-2025.md');
    const first = importPlan(text, 'na.md', { directory: 'nghe-an' });
    if (!first.ok) throw new Error(first.error.message);
    const proposals = proposeUnits(na, unresolvedMentions(first.plan));
    // The province template lists the civil-defence command (Luật Phòng thủ dân sự 2023), so it is not proposed.
    expect(proposals.map((p) => p.unit.name)).not.toContain('Ban Chỉ huy Phòng thủ dân sự tỉnh');
    expect(proposals.length).toBeGreaterThan(0);
    expect(proposals.every((p) => !/\s(và|với)$/.test(p.unit.name))).toBe(true);
    registerDirectory({ ...na, units: [...na.units, ...proposals.map((p) => p.unit)] });
    const second = importPlan(text, 'na.md', { directory: 'nghe-an' });
    if (!second.ok) throw new Error(second.error.message);
    const leads = second.plan.tasks.flatMap((t) => t.lead);
    const unresolved = leads.filter((m) => m.kind === 'unresolved');
    // What is left are vague phrases ("Cơ quan có liên quan"), which must never be assigned automatically.
    expect(unresolved.every((m) => m.groupId !== null)).toBe(true);
    expect(leads.length - unresolved.length).toBeGreaterThan(unresolved.length * 10);
  });
});
