import fs from 'node:fs';
import path from 'node:path';
import { importPlan } from '../../../domain/plans/import';
import {
  ADMIN_PROVINCES,
  communeDirectory,
  createDirectory,
  findCommune,
  registerDirectory,
  type CommuneRef,
} from '../../../domain/units';

const shared = path.join(__dirname, '..', '..', 'fixtures', 'shared');
const found = (q: string, province?: string): CommuneRef => {
  const r = findCommune(q, province);
  if (r.status !== 'found') throw new Error(`${q}: ${r.status}`);
  return r.ref;
};

describe('findCommune: any of the 3,321 communes, wards and special zones', () => {
  it('finds by official code, by name with its province, and says when a name is ambiguous or unknown', () => {
    expect(found('06985').commune[1]).toBe('Xã Lương Minh');
    expect(found('Lương Minh, Quảng Ninh').province.name).toBe('Tỉnh Quảng Ninh');
    expect(found('xa luong minh', 'quang ninh').commune[0]).toBe(6985);
    const twice = findCommune('Lương Minh');
    expect(twice.status).toBe('ambiguous');
    if (twice.status === 'ambiguous') expect(twice.candidates.length).toBeGreaterThan(1);
    expect(findCommune('Không Có Xã Này').status).toBe('none');
    expect(findCommune('99999').status).toBe('none');
  });

  it('narrows by a province merged on 1/7/2025 to the one it became part of', () => {
    expect(found('Nam Gia Nghĩa', 'Đắk Nông').province.name).toBe('Tỉnh Lâm Đồng');
    expect(found('Nam Gia Nghĩa, tỉnh Đắk Nông').commune[0]).toBe(24615);
    expect(findCommune('Nam Gia Nghĩa', 'Quảng Ninh').status).toBe('none');
  });

  it('builds a valid directory for every commune of the national list, with its code and its province above it', () => {
    let n = 0;
    for (const p of ADMIN_PROVINCES)
      for (const c of p.communes) {
        const doc = communeDirectory({ province: p, commune: c });
        const ubnd = doc.units.find((u) => u.id === doc.issuingAuthorityId)!;
        expect(ubnd.code).toBe(String(c[0]).padStart(5, '0'));
        expect(doc.units.find((u) => u.id === ubnd.parentId)?.code).toBe(String(p.code).padStart(2, '0'));
        // Every 25th is fully built (aliases, groups, supervision): the template is the same for all.
        if (n++ % 25 === 0) createDirectory(doc);
      }
    expect(n).toBe(3321);
  });
});

describe('a commune directory', () => {
  const ward = communeDirectory(found('Phường Ba Đình, Hà Nội'));
  const commune = communeDirectory(found('Lương Minh, Quảng Ninh'));

  it("names the commune's bodies and fans group phrases out to them", () => {
    const dir = createDirectory(commune);
    const [m] = dir.resolveMentions('Công an xã');
    expect(m?.unitIds).toEqual(['quang-ninh-luong-minh.cong-an']);
    const groups = dir.resolveMentions('MTTQ và các đoàn thể xã');
    expect(groups[0]?.kind).toBe('group');
    expect(groups[0]?.unitIds).toContain('quang-ninh-luong-minh.hoi-phu-nu');
    expect(dir.resolveMentions('các trường học')[0]?.unitIds).toHaveLength(3);
    expect(dir.monitoringUnit.name).toBe('Văn phòng HĐND và UBND xã');
    // A ward has the urban economic division instead of the rural one.
    expect(ward.units.map((u) => u.name)).toContain('Phòng Kinh tế, Hạ tầng và Đô thị');
    expect(ward.issuerNames).toContain('phường Ba Đình');
  });

  it('resolves every lead of a commune-level plan (the Front of xã Lương Minh) and detects the directory', () => {
    const file = 'corpus2/quangninh-luongminh-16-KH-MTTQ-BTT-2025.md';
    const text = fs.readFileSync(path.join(shared, file), 'utf8');
    registerDirectory(commune);
    const plan = importPlan(text, path.basename(file));
    if (!plan.ok) throw new Error(plan.error.message);
    expect(plan.plan.plan.directory).toBe(commune.id);
    const leads = plan.plan.tasks.flatMap((t) => t.lead);
    expect(leads.length).toBeGreaterThanOrEqual(15);
    expect(leads.filter((m) => m.kind === 'unresolved').map((m) => m.text)).toEqual([]);
  });
});
