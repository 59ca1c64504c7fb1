import type { DirectoryData, UnitGroup, UnitInput } from '../unit';
import { DirectoryDataSchema } from '../unit';
import {
  ADMIN_PROVINCES,
  ADMIN_UNITS_SOURCE,
  formerProvincesNamedIn,
  provinceShortName,
  slugifyName,
} from './admin-units';
import { communeDirectory, type CommuneRef } from './commune';
import { provinceDirectory, TWO_LEVEL_GOVERNMENT } from './province';
import { normalizeVietnamese } from '../normalize';

/**
 * Ministries and ministerial-level agencies since 1/3/2025 (Nghị quyết 176/2025/QH15), then the agencies under the
 * Government plans name beside them: [slug, name, head title, aliases].
 */
export const MINISTRIES: [string, string, string, string[]][] = [
  ['bo-quoc-phong', 'Bộ Quốc phòng', 'Bộ trưởng Bộ Quốc phòng', ['BQP']],
  ['bo-cong-an', 'Bộ Công an', 'Bộ trưởng Bộ Công an', ['BCA']],
  ['bo-ngoai-giao', 'Bộ Ngoại giao', 'Bộ trưởng Bộ Ngoại giao', []],
  ['bo-noi-vu', 'Bộ Nội vụ', 'Bộ trưởng Bộ Nội vụ', []],
  ['bo-tu-phap', 'Bộ Tư pháp', 'Bộ trưởng Bộ Tư pháp', []],
  ['bo-tai-chinh', 'Bộ Tài chính', 'Bộ trưởng Bộ Tài chính', ['BTC']],
  ['bo-cong-thuong', 'Bộ Công Thương', 'Bộ trưởng Bộ Công Thương', ['Bộ Công thương']],
  [
    'bo-nong-nghiep-moi-truong',
    'Bộ Nông nghiệp và Môi trường',
    'Bộ trưởng Bộ Nông nghiệp và Môi trường',
    ['Bộ NN&MT', 'BNNMT'],
  ],
  ['bo-xay-dung', 'Bộ Xây dựng', 'Bộ trưởng Bộ Xây dựng', []],
  [
    'bo-van-hoa-the-thao-du-lich',
    'Bộ Văn hóa, Thể thao và Du lịch',
    'Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch',
    ['Bộ VHTTDL'],
  ],
  ['bo-khoa-hoc-cong-nghe', 'Bộ Khoa học và Công nghệ', 'Bộ trưởng Bộ Khoa học và Công nghệ', ['Bộ KH&CN', 'Bộ KHCN']],
  ['bo-giao-duc-dao-tao', 'Bộ Giáo dục và Đào tạo', 'Bộ trưởng Bộ Giáo dục và Đào tạo', ['Bộ GD&ĐT']],
  ['bo-y-te', 'Bộ Y tế', 'Bộ trưởng Bộ Y tế', []],
  ['bo-dan-toc-ton-giao', 'Bộ Dân tộc và Tôn giáo', 'Bộ trưởng Bộ Dân tộc và Tôn giáo', []],
  [
    'ngan-hang-nha-nuoc',
    'Ngân hàng Nhà nước Việt Nam',
    'Thống đốc Ngân hàng Nhà nước Việt Nam',
    ['Ngân hàng Nhà nước', 'NHNN'],
  ],
  ['thanh-tra-chinh-phu', 'Thanh tra Chính phủ', 'Tổng Thanh tra Chính phủ', []],
  ['van-phong-chinh-phu', 'Văn phòng Chính phủ', 'Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ', ['VPCP']],
];

/**
 * Ministries and agencies merged on 1/3/2025 (Nghị quyết 176/2025/QH15, Nghị định 25/2025/NĐ-CP): [slug, name, the
 * slug of the ministry that took them over, aliases]. They stay on record so that a plan written before the merger
 * resolves them, and a later plan that still names them is followed to the successor.
 */
export const FORMER_MINISTRIES: [string, string, string, string[]][] = [
  ['bo-ke-hoach-dau-tu', 'Bộ Kế hoạch và Đầu tư', 'bo-tai-chinh', ['Bộ KH&ĐT', 'Bộ KHĐT', 'BKHĐT']],
  [
    'bo-tai-nguyen-moi-truong',
    'Bộ Tài nguyên và Môi trường',
    'bo-nong-nghiep-moi-truong',
    ['Bộ TN&MT', 'Bộ TNMT', 'BTNMT'],
  ],
  [
    'bo-nong-nghiep-ptnt',
    'Bộ Nông nghiệp và Phát triển nông thôn',
    'bo-nong-nghiep-moi-truong',
    ['Bộ NN&PTNT', 'Bộ NNPTNT'],
  ],
  ['bo-giao-thong-van-tai', 'Bộ Giao thông vận tải', 'bo-xay-dung', ['Bộ GTVT', 'Bộ Giao thông - Vận tải']],
  [
    'bo-thong-tin-truyen-thong',
    'Bộ Thông tin và Truyền thông',
    'bo-khoa-hoc-cong-nghe',
    ['Bộ TT&TT', 'Bộ TTTT', 'BTTTT'],
  ],
  [
    'bo-lao-dong-tbxh',
    'Bộ Lao động - Thương binh và Xã hội',
    'bo-noi-vu',
    ['Bộ Lao động, Thương binh và Xã hội', 'Bộ Lao động Thương binh và Xã hội', 'Bộ LĐTBXH', 'Bộ LĐ-TB&XH'],
  ],
  ['uy-ban-dan-toc', 'Ủy ban Dân tộc', 'bo-dan-toc-ton-giao', ['UBDT']],
];

/** The day the merged ministries were last in office (the new ones took over on 1/3/2025). */
const MINISTRIES_MERGED_AFTER = '2025-02-28';

/** Units for the former ministries, each pointing at its successor `${prefix}${slug}`; parent and supervisor as given. */
export function formerMinistryUnits(prefix: string, parentId: string | null): UnitInput[] {
  return FORMER_MINISTRIES.map(([slug, name, successor, aliases]) => ({
    id: `${prefix}${slug}`,
    name,
    kind: 'bo',
    headTitle: `Bộ trưởng ${name}`.replace(/^Bộ trưởng Ủy ban/u, 'Bộ trưởng, Chủ nhiệm Ủy ban'),
    parentId,
    supervisorId: parentId,
    aliases,
    validTo: MINISTRIES_MERGED_AFTER,
    mergedInto: `${prefix}${successor}`,
    note: 'Merged on 1/3/2025 (Nghị quyết 176/2025/QH15); kept on record for plans written before.',
  }));
}

/** Agencies under the Government (cơ quan thuộc Chính phủ) and others national plans assign. */
const GOVERNMENT_AGENCIES: [string, string, string, string[]][] = [
  ['dai-truyen-hinh-viet-nam', 'Đài Truyền hình Việt Nam', 'Tổng Giám đốc Đài Truyền hình Việt Nam', ['VTV']],
  ['dai-tieng-noi-viet-nam', 'Đài Tiếng nói Việt Nam', 'Tổng Giám đốc Đài Tiếng nói Việt Nam', ['VOV']],
  ['thong-tan-xa-viet-nam', 'Thông tấn xã Việt Nam', 'Tổng Giám đốc Thông tấn xã Việt Nam', ['TTXVN']],
  [
    'vien-han-lam-khcn',
    'Viện Hàn lâm Khoa học và Công nghệ Việt Nam',
    'Chủ tịch Viện Hàn lâm Khoa học và Công nghệ Việt Nam',
    [],
  ],
  ['vien-han-lam-khxh', 'Viện Hàn lâm Khoa học xã hội Việt Nam', 'Chủ tịch Viện Hàn lâm Khoa học xã hội Việt Nam', []],
  ['ban-quan-ly-lang', 'Ban Quản lý Lăng Chủ tịch Hồ Chí Minh', 'Trưởng Ban Quản lý Lăng Chủ tịch Hồ Chí Minh', []],
  ['dai-hoc-quoc-gia-ha-noi', 'Đại học Quốc gia Hà Nội', 'Giám đốc Đại học Quốc gia Hà Nội', []],
  [
    'dai-hoc-quoc-gia-tphcm',
    'Đại học Quốc gia Thành phố Hồ Chí Minh',
    'Giám đốc Đại học Quốc gia Thành phố Hồ Chí Minh',
    ['Đại học Quốc gia TP.HCM'],
  ],
  ['ban-co-yeu-chinh-phu', 'Ban Cơ yếu Chính phủ', 'Trưởng Ban Cơ yếu Chính phủ', []],
  ['bao-hiem-xa-hoi-viet-nam', 'Bảo hiểm xã hội Việt Nam', 'Giám đốc Bảo hiểm xã hội Việt Nam', ['BHXH Việt Nam']],
];

/**
 * The Fatherland Front and the socio-political organisations that work under it since 2025 (Kết luận 127-KL/TW):
 * mass organisations, not ministries, so "các bộ, ngành" does not fan out to them.
 */
const SOCIO_POLITICAL: [string, string, string, string[]][] = [
  [
    'mttq-viet-nam',
    'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam',
    'Chủ tịch Ủy ban Trung ương MTTQ Việt Nam',
    ['Mặt trận Tổ quốc Việt Nam', 'Ủy ban Trung ương MTTQ Việt Nam', 'UBTW MTTQ Việt Nam', 'MTTQ Việt Nam'],
  ],
  ['tong-lien-doan-lao-dong', 'Tổng Liên đoàn Lao động Việt Nam', 'Chủ tịch Tổng Liên đoàn Lao động Việt Nam', []],
  [
    'trung-uong-doan',
    'Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh',
    'Bí thư thứ nhất Trung ương Đoàn TNCS Hồ Chí Minh',
    ['Trung ương Đoàn TNCS Hồ Chí Minh', 'Trung ương Đoàn'],
  ],
  ['hoi-lien-hiep-phu-nu', 'Hội Liên hiệp Phụ nữ Việt Nam', 'Chủ tịch Hội Liên hiệp Phụ nữ Việt Nam', []],
  ['hoi-nong-dan', 'Hội Nông dân Việt Nam', 'Chủ tịch Hội Nông dân Việt Nam', []],
  ['hoi-cuu-chien-binh', 'Hội Cựu chiến binh Việt Nam', 'Chủ tịch Hội Cựu chiến binh Việt Nam', []],
];

/** The group of the Front and its member organisations, for a directory whose ids start with `idPrefix`. */
function socioPoliticalGroup(prefix: string, idPrefix?: string): UnitGroup {
  return {
    id: `${prefix}doan-the`,
    label: 'Mặt trận Tổ quốc và các tổ chức chính trị - xã hội',
    kinds: ['doan-the'],
    ...(idPrefix ? { idPrefix } : {}),
    aliases: [
      'các tổ chức chính trị - xã hội',
      'tổ chức chính trị - xã hội',
      'các tổ chức chính trị-xã hội',
      'các tổ chức thành viên',
      'các đoàn thể',
      'Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội',
      'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội',
      'các cơ quan Trung ương của các tổ chức chính trị - xã hội',
    ],
  };
}

/**
 * Phrases that name some of the issuer's own bodies without saying which: in the Government's directory the ministries
 * and agencies under it, in a ministry's its own units. They fan out to all of them with a warning to narrow it.
 */
const NATIONAL_VAGUE = [
  'các cơ quan liên quan',
  'các cơ quan có liên quan',
  'các đơn vị liên quan',
  'các đơn vị có liên quan',
  'đơn vị có liên quan',
  'đơn vị liên quan',
  'cơ quan liên quan',
  'cơ quan có liên quan',
  'các cơ quan, đơn vị liên quan',
  'các cơ quan, đơn vị có liên quan',
  'cơ quan, đơn vị liên quan',
  'cơ quan, đơn vị có liên quan',
];

/**
 * The Government's directory: the Government (its head the Prime Minister), the ministries and ministerial-level
 * agencies, the agencies under the Government, and the people's committees of the 34 provinces.
 */
export function governmentDirectory(): DirectoryData {
  const gov = 'cp.chinh-phu';
  const under = (u: Omit<UnitInput, 'parentId' | 'supervisorId'>): UnitInput => ({
    parentId: gov,
    supervisorId: gov,
    ...u,
  });
  const units: UnitInput[] = [
    {
      id: gov,
      name: 'Chính phủ',
      kind: 'other',
      headTitle: 'Thủ tướng Chính phủ',
      parentId: null,
      supervisorId: null,
      aliases: ['Thủ tướng Chính phủ', 'Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam'],
    },
    ...MINISTRIES.map(([slug, name, head, aliases]) =>
      under({ id: `cp.${slug}`, name, kind: 'bo', headTitle: head, aliases }),
    ),
    ...GOVERNMENT_AGENCIES.map(([slug, name, head, aliases]) =>
      under({
        id: `cp.${slug}`,
        name,
        kind: 'bo',
        headTitle: head,
        aliases,
        note: 'Agency under the Government or national body named beside the ministries.',
      }),
    ),
    ...SOCIO_POLITICAL.map(
      ([slug, name, head, aliases]) =>
        ({
          id: `cp.${slug}`,
          name,
          kind: 'doan-the',
          headTitle: head,
          aliases,
          parentId: null,
          supervisorId: gov,
        }) satisfies UnitInput,
    ),
    ...formerMinistryUnits('cp.', gov),
    ...provincialCommittees('cp.tinh.', gov),
  ];
  const groups: UnitGroup[] = [
    ...nationalGroups('cp.g.'),
    socioPoliticalGroup('cp.g.'),
    {
      id: 'cp.g.vague',
      label: 'các bộ, cơ quan thuộc Chính phủ',
      kinds: ['bo'],
      parentId: gov,
      vague: true,
      aliases: NATIONAL_VAGUE,
    },
  ];
  return DirectoryDataSchema.parse({
    id: 'chinh-phu',
    name: 'Chính phủ',
    issuerNames: ['Thủ tướng Chính phủ', 'Chính phủ', 'Văn phòng Chính phủ'],
    issuingAuthorityId: gov,
    monitoringUnitId: 'cp.van-phong-chinh-phu',
    source: `Template "government" of dondoc: ministries since 1/3/2025 (Nghị quyết 176/2025/QH15); provinces from ${ADMIN_UNITS_SOURCE.package} ${ADMIN_UNITS_SOURCE.version}.`,
    units,
    groups,
  });
}

/** The people's committees of the 34 provinces and centrally-run cities since 1/7/2025. */
function provincialCommittees(prefix: string, parentId: string | null): UnitInput[] {
  return ADMIN_PROVINCES.map((p) => {
    const short = provinceShortName(p);
    const local = p.type === 'thành phố trung ương' ? 'thành phố' : 'tỉnh';
    return {
      id: `${prefix}${slugifyName(short)}`,
      name: `Ủy ban nhân dân ${local} ${short}`,
      kind: 'ubnd',
      code: String(p.code).padStart(2, '0'),
      headTitle: `Chủ tịch UBND ${local} ${short}`,
      parentId,
      supervisorId: parentId,
      aliases: [`UBND ${local} ${short}`, `UBND ${short}`, `${local} ${short}`],
      validFrom: TWO_LEVEL_GOVERNMENT,
    } satisfies UnitInput;
  });
}

/** The phrases national documents use for every ministry, every province, or both. */
function nationalGroups(prefix: string, idPrefix?: string): UnitGroup[] {
  const only = idPrefix ? { idPrefix } : {};
  return [
    {
      id: `${prefix}bo-nganh`,
      label: 'các bộ, ngành',
      kinds: ['bo'],
      ...only,
      aliases: [
        'các bộ, ngành',
        'bộ, ngành',
        'các bộ ngành',
        'các Bộ, cơ quan ngang Bộ',
        'các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ',
        'các bộ, ngành Trung ương',
        // The heads of every ministry and ministerial-level agency ("Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ …").
        'Bộ trưởng, Thủ trưởng cơ quan ngang bộ',
        'các Bộ trưởng, Thủ trưởng cơ quan ngang bộ',
        'Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ',
        'Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ',
        'các bộ, cơ quan',
        'bộ, cơ quan',
        'các bộ, cơ quan trung ương',
        'các bộ, cơ quan Trung ương',
        'cơ quan trung ương',
        'các cơ quan trung ương',
        'các bộ',
        'bộ ở Trung ương',
        'các bộ ở Trung ương',
        // "Đối với các Bộ quản lý chuyên ngành": the ministries, each for the sector it manages
        'các bộ quản lý chuyên ngành',
        'bộ quản lý chuyên ngành',
      ],
    },
    {
      id: `${prefix}dia-phuong`,
      label: 'UBND các tỉnh, thành phố',
      kinds: ['ubnd'],
      ...only,
      aliases: [
        'UBND các tỉnh, thành phố',
        'UBND các tỉnh/thành phố',
        'UBND các tỉnh, thành phố trực thuộc trung ương',
        'Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương',
        'UBND tỉnh, thành phố',
        'các tỉnh, thành phố',
        'các địa phương',
        'địa phương',
        'Ủy ban nhân dân cấp tỉnh',
        'UBND cấp tỉnh',
        'Chủ tịch UBND cấp tỉnh',
        'Chủ tịch Ủy ban nhân dân cấp tỉnh',
        'Ủy ban nhân dân các tỉnh',
        'UBND các tỉnh',
        'Ủy ban nhân dân các tỉnh, thành phố',
        'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương',
        'UBND các tỉnh, thành phố trực thuộc Trung ương',
        'Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương',
        'Ủy ban nhân dân các cấp',
        'UBND các cấp',
      ],
    },
    {
      id: `${prefix}bo-nganh-dia-phuong`,
      label: 'các bộ, ngành, địa phương',
      kinds: ['bo', 'ubnd'],
      ...only,
      aliases: [
        'các bộ, ngành, địa phương',
        'bộ, ngành, địa phương',
        'các bộ, ngành và địa phương',
        'các bộ, ngành và các địa phương',
        'các bộ ngành và các địa phương',
        'các bộ, cơ quan, địa phương',
        'bộ, cơ quan, địa phương',
        'các bộ, cơ quan và địa phương',
        'các bộ, cơ quan trung ương và địa phương',
      ],
    },
  ];
}

/** Units every ministry has (Nghị định 123/2016/NĐ-CP as amended by Nghị định 25/2025/NĐ-CP): [slug, name, head title word]. */
const MINISTRY_UNITS: [string, string, string, 'so' | 'vu-cuc'][] = [
  ['van-phong', 'Văn phòng Bộ', 'Chánh Văn phòng', 'vu-cuc'],
  ['thanh-tra', 'Thanh tra Bộ', 'Chánh Thanh tra', 'vu-cuc'],
  ['vu-to-chuc-can-bo', 'Vụ Tổ chức cán bộ', 'Vụ trưởng', 'vu-cuc'],
  ['vu-phap-che', 'Vụ Pháp chế', 'Vụ trưởng', 'vu-cuc'],
  ['vu-ke-hoach-tai-chinh', 'Vụ Kế hoạch - Tài chính', 'Vụ trưởng', 'vu-cuc'],
  ['vu-hop-tac-quoc-te', 'Vụ Hợp tác quốc tế', 'Vụ trưởng', 'vu-cuc'],
  ['vu-khoa-hoc-cong-nghe', 'Vụ Khoa học và Công nghệ', 'Vụ trưởng', 'vu-cuc'],
  ['cuc-chuyen-doi-so', 'Cục Chuyển đổi số', 'Cục trưởng', 'vu-cuc'],
];

/**
 * A ministry's directory: the ministry, its office, inspectorate and the departments every ministry has, with group
 * phrases ("các Vụ, Cục", "các đơn vị thuộc Bộ"). The ministry's own cục and vụ are added by a person or by `adopt`.
 */
export function ministryDirectory(query: string): DirectoryData | null {
  const folded = normalizeVietnamese(query).replace(/^bo\s+/, '');
  const found = MINISTRIES.find(([, name, , aliases]) =>
    [name, ...aliases].some((n) => normalizeVietnamese(n).replace(/^bo\s+/, '') === folded),
  );
  const name =
    found?.[1] ?? (/^(bộ|ủy ban|ngân hàng|thanh tra|văn phòng)\s/iu.test(query.trim()) ? query.trim() : null);
  if (!name) return null;
  const id = slugifyName(name);
  const ministry = `${id}.bo`;
  const peers = `${id}.ngoai.`;
  const units: UnitInput[] = [
    {
      id: ministry,
      name,
      kind: 'bo',
      headTitle: found?.[2] ?? `Bộ trưởng ${name}`,
      parentId: null,
      supervisorId: null,
      aliases: found?.[3] ?? [],
    },
    ...MINISTRY_UNITS.map(([slug, unitName, head, kind]) => ({
      id: `${id}.${slug}`,
      name: unitName,
      kind,
      headTitle: `${head} ${unitName}`,
      parentId: ministry,
      supervisorId: ministry,
      aliases: [],
    })),

    // The ministries, agencies and provinces a ministry's plan assigns beside its own units ("giao việc cấp tỉnh").
    // They are outside the ministry: no parent, no supervisor inside this directory.
    ...[...MINISTRIES, ...GOVERNMENT_AGENCIES]
      .filter(([, other]) => other !== name)
      .map(([slug, other, head, aliases]) => ({
        id: `${peers}${slug}`,
        name: other,
        kind: 'bo' as const,
        headTitle: head,
        parentId: null,
        supervisorId: null,
        aliases,
      })),
    ...SOCIO_POLITICAL.map(([slug, other, head, aliases]) => ({
      id: `${peers}${slug}`,
      name: other,
      kind: 'doan-the' as const,
      headTitle: head,
      parentId: null,
      supervisorId: null,
      aliases,
    })),
    ...formerMinistryUnits(peers, null)
      .filter((u) => u.name !== name)
      .map((u) => (u.mergedInto === `${peers}${found?.[0]}` ? { ...u, mergedInto: ministry } : u)),
    ...provincialCommittees(`${peers}tinh.`, null),
  ];
  return DirectoryDataSchema.parse({
    id,
    name,
    issuerNames: [name],
    issuingAuthorityId: ministry,
    monitoringUnitId: `${id}.van-phong`,
    source: `Template "ministry" of dondoc for ${name}: units every ministry has; add its own vụ, cục and đơn vị sự nghiệp.`,
    aliasRules: [{ kinds: ['vu-cuc'], unlessEndsWith: ['Bộ'], suffixes: [' Bộ', ` ${name}`, ` thuộc ${name}`] }],
    units,
    groups: [
      {
        id: `${id}.g.vu-cuc`,
        label: 'các đơn vị thuộc Bộ',
        kinds: ['vu-cuc'],
        aliases: [
          'các Vụ, Cục',
          'các vụ, cục',
          'các đơn vị thuộc Bộ',
          'các đơn vị trực thuộc Bộ',
          'các cơ quan, đơn vị thuộc Bộ',
          'các Cục, Vụ',
          'Thủ trưởng các đơn vị thuộc Bộ',
        ],
      },
      ...nationalGroups(`${id}.g.`, peers),
      socioPoliticalGroup(`${id}.g.`, peers),
      {
        id: `${id}.g.vague`,
        label: 'các đơn vị thuộc Bộ',
        kinds: ['vu-cuc'],
        parentId: ministry,
        vague: true,
        aliases: NATIONAL_VAGUE,
      },
    ],
  });
}

/**
 * The template a plan's issuer calls for: the Government for the Prime Minister, the Government or its Office; a
 * ministry for "Bộ …"; otherwise the province the issuer names (or the one a province it names was merged into on
 * 1/7/2025), or the commune it names (when only one commune in the
 * country has that name). Null when the issuer names none of them.
 */
export function templateForIssuer(issuer: string): DirectoryData | null {
  const folded = ` ${normalizeVietnamese(issuer).replace(/[^a-z0-9]+/g, ' ')} `;
  if (/ (thu tuong|chinh phu) /.test(folded)) return governmentDirectory();
  const ministry = /(?:^|\s)(Bộ\s.+)$/u.exec(issuer.trim());
  if (ministry) {
    const doc = ministryDirectory(ministry[1] as string);
    if (doc) return doc;
  }
  for (const p of ADMIN_PROVINCES) {
    const short = normalizeVietnamese(provinceShortName(p));
    if (folded.includes(` ${short} `)) return provinceDirectory(p);
  }
  // A plan written before 1/7/2025 names a province since merged ("tỉnh Đắk Nông"): its successor's template.
  const [former] = formerProvincesNamedIn(issuer);
  if (former) return provinceDirectory(former.successor);
  // A commune-level issuer ("Ban Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh") names its commune, not its
  // province: the commune template of the only commune in the national list with that name, written with its
  // diacritics first ("Lương Minh", not "Lượng Minh"), then without.
  const commune = /(?:^|\s)((?:xã|phường|đặc khu)\s.+)$/iu.exec(issuer.trim());
  if (commune) {
    for (const fold of [(t: string) => t.normalize('NFC').toLowerCase(), normalizeVietnamese]) {
      const key = fold(commune[1] as string);
      const refs = ADMIN_PROVINCES.flatMap((province) =>
        province.communes.filter(([, name]) => fold(name) === key).map((c) => ({ province, commune: c })),
      );
      if (refs.length === 1) return communeDirectory(refs[0] as CommuneRef);
      if (refs.length > 1) break;
    }
  }
  return null;
}
