import {
  DirectoryDataSchema,
  SHIPPED_DIRECTORIES,
  UnknownUnitError,
  issuingAuthorityFor,
  loadDirectory,
  monitoringUnitFor,
} from './index';
import type { DirectoryData, UnitKind } from './index';

const datasets: [string, DirectoryData][] = SHIPPED_DIRECTORIES.map((d) => [d.id, DirectoryDataSchema.parse(d)]);

describe.each(datasets)('directory %s integrity', (_id, data) => {
  const ids = data.units.map((u) => u.id);

  it('has unique ids', () => {
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has every parent and supervisor in the directory', () => {
    const known = new Set(ids);
    const dangling = data.units.flatMap((u) =>
      [u.parentId, u.supervisorId]
        .filter((ref): ref is string => ref !== null && !known.has(ref))
        .map((ref) => `${u.id} -> ${ref}`),
    );
    expect(dangling).toEqual([]);
  });

  it('has supervisor chains that end at the issuing authority or a top body, without cycles', () => {
    const byId = new Map(data.units.map((u) => [u.id, u]));
    for (const u of data.units) {
      const seen = new Set<string>();
      let cur: string | null = u.id;
      while (cur) {
        expect(seen.has(cur)).toBe(false);
        seen.add(cur);
        cur = byId.get(cur)?.supervisorId ?? null;
      }
    }
  });

  it('builds without alias errors', () => {
    expect(() => loadDirectory(data.id)).not.toThrow();
  });
});

describe('hcm directory counts', () => {
  const hcm = loadDirectory('hcm');
  const count = (kind: UnitKind, asOf: string) => hcm.list({ kind, asOf }).length;

  it.each([
    ['quan-huyen', '2022-01-01', 22],
    ['quan-huyen', '2020-06-01', 24],
    ['quan-huyen', '2025-07-01', 0],
    ['phuong-xa', '2025-07-01', 168],
    ['phuong-xa', '2025-06-30', 0],
    ['so', '2022-01-01', 24],
    ['so', '2025-11-19', 19],
  ] as const)('given kind %s on %s, when listed, then %i units', (kind, asOf, expected) => {
    expect(count(kind, asOf)).toBe(expected);
  });

  it('splits the 168 communes into 113 phường, 54 xã and 1 đặc khu', () => {
    const communes = hcm.list({ kind: 'phuong-xa', asOf: '2025-07-01' });
    const prefix = (p: string) => communes.filter((u) => u.name.startsWith(p)).length;
    expect([prefix('Phường '), prefix('Xã '), prefix('Đặc khu ')]).toEqual([113, 54, 1]);
    expect(hcm.get('hcm.px.con-dao')?.name).toBe('Đặc khu Côn Đảo');
  });

  it('dates the district-level units of 2021–2025', () => {
    expect(hcm.get('hcm.tp-thu-duc')).toMatchObject({ validFrom: '2021-01-01', validTo: '2025-06-30' });
    expect(hcm.get('hcm.q2')).toMatchObject({ validTo: '2020-12-31' });
  });
});

describe('hcm-q1 directory counts', () => {
  const q1 = loadDirectory('hcm-q1');

  it('has 10 wards and 12 divisions in 2022', () => {
    expect(q1.list({ kind: 'phuong-xa', parentId: 'hcm.q1', asOf: '2022-01-18' })).toHaveLength(10);
    expect(q1.list({ kind: 'phong', parentId: 'hcm.q1', asOf: '2022-01-18' })).toHaveLength(12);
  });
});

describe('heads, supervisors and escalation ends', () => {
  const hcm = loadDirectory('hcm');
  const q1 = loadDirectory('hcm-q1');

  it.each([
    [hcm, 'hcm.so-noi-vu', 'Giám đốc Sở Nội vụ', 'hcm.ubnd'],
    [hcm, 'hcm.q1', 'Chủ tịch UBND Quận 1', 'hcm.ubnd'],
    [hcm, 'hcm.px.sai-gon', 'Chủ tịch UBND phường Sài Gòn', 'hcm.ubnd'],
    [q1, 'hcm.q1.phong-noi-vu', 'Trưởng Phòng Nội vụ Quận 1', 'hcm.q1'],
    [q1, 'hcm.q1.p-ben-nghe', 'Chủ tịch UBND phường Bến Nghé', 'hcm.q1'],
    [q1, 'hcm.q1.bcd-cchc', 'Trưởng Ban Chỉ đạo CCHC Quận 1', 'hcm.q1'],
  ])('given %#, when asked, then head title and supervisor are known', (dir, id, title, supervisor) => {
    expect(dir.headOf(id)).toEqual({ unitId: id, title });
    expect(dir.supervisorOf(id)?.id).toBe(supervisor);
  });

  it('stops at the city committee', () => {
    expect(hcm.supervisorOf('hcm.ubnd')).toBeNull();
  });

  it('throws UnknownUnitError for an unknown id', () => {
    expect(() => hcm.headOf('hcm.nope')).toThrow(UnknownUnitError);
  });

  it('names the monitoring unit and issuing authority per directory', () => {
    expect(monitoringUnitFor('hcm').id).toBe('hcm.so-noi-vu');
    expect(issuingAuthorityFor('hcm').id).toBe('hcm.ubnd');
    expect(monitoringUnitFor('hcm-q1').id).toBe('hcm.q1.phong-noi-vu');
    expect(issuingAuthorityFor('hcm-q1').id).toBe('hcm.q1');
  });
});

describe('diacritics: missing ones are tolerated, different ones are not', () => {
  const hcm = loadDirectory('hcm');
  const ids = (text: string) => hcm.resolveMentions(text, { asOf: '2025-06-01' }).flatMap((m) => m.unitIds);

  it('does not read "số" (number) as "sở" (department)', () => {
    expect(ids('Trung tâm Chuyển đổi số')).toEqual(['hcm.trung-tam-chuyen-doi-so']);
    expect(ids('Trung tâm Chuyển đổi số Thành phố')).toEqual(['hcm.trung-tam-chuyen-doi-so']);
  });

  it('still reads a word typed without diacritics', () => {
    expect(ids('So Noi vu')).toEqual(['hcm.so-noi-vu']);
    expect(ids('Giam doc So Tu phap')).toEqual(['hcm.so-tu-phap']);
  });
});
