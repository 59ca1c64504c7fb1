import type { DirectoryData, UnitGroup, UnitInput, UnitKind } from '../unit';
import { DirectoryDataSchema } from '../unit';
import {
  ADMIN_UNITS_SOURCE,
  formerProvincesOf,
  PROVINCE_MERGERS_SOURCE,
  provinceShortName,
  slugifyName,
  type AdminProvince,
} from './admin-units';

/** The day the two-level local government and the 34 provinces took effect (Nghị quyết 202/2025/QH15). */
export const TWO_LEVEL_GOVERNMENT = '2025-07-01';

/**
 * Provincial departments as organised since 1/3/2025 (Nghị định 45/2025/NĐ-CP, amended by Nghị định 150/2025/NĐ-CP):
 * [slug, name, head title word, extra aliases, note].
 */
const DEPARTMENTS: [string, string, string, string[], string?][] = [
  ['so-noi-vu', 'Sở Nội vụ', 'Giám đốc', ['SNV']],
  ['so-tu-phap', 'Sở Tư pháp', 'Giám đốc', []],
  ['so-tai-chinh', 'Sở Tài chính', 'Giám đốc', []],
  ['so-cong-thuong', 'Sở Công Thương', 'Giám đốc', ['Sở Công thương']],
  ['so-nong-nghiep-moi-truong', 'Sở Nông nghiệp và Môi trường', 'Giám đốc', ['Sở NN&MT', 'Sở NNMT']],
  ['so-xay-dung', 'Sở Xây dựng', 'Giám đốc', []],
  ['so-khoa-hoc-cong-nghe', 'Sở Khoa học và Công nghệ', 'Giám đốc', ['Sở KH&CN', 'Sở KHCN', 'Sở Khoa học Công nghệ']],
  [
    'so-van-hoa-the-thao-du-lich',
    'Sở Văn hóa, Thể thao và Du lịch',
    'Giám đốc',
    [
      'Sở VHTTDL',
      'Sở VH,TT&DL',
      'Sở Văn hóa Thể thao Du lịch',
      'Sở Văn hóa, Thể thao, Du lịch',
      // Where tourism has its own department (Hà Nội, …) the name is "Sở Văn hóa và Thể thao"; rename it there.
      'Sở Văn hóa và Thể thao',
      'Sở VH&TT',
    ],
  ],
  ['so-giao-duc-dao-tao', 'Sở Giáo dục và Đào tạo', 'Giám đốc', ['Sở GD&ĐT', 'Sở GDĐT']],
  ['so-y-te', 'Sở Y tế', 'Giám đốc', []],
  [
    'so-dan-toc-ton-giao',
    'Sở Dân tộc và Tôn giáo',
    'Giám đốc',
    [],
    'Not every province has it; retire it where the province has none.',
  ],
  [
    'so-ngoai-vu',
    'Sở Ngoại vụ',
    'Giám đốc',
    [],
    'Border provinces and a few others only; retire it where the province has none.',
  ],
];

/**
 * Departments merged on 1/3/2025 (Nghị định 45/2025/NĐ-CP): [slug, name, the slug of the department that took them
 * over, aliases]. They stay on record so that a plan written before resolves them, and a later plan that still names
 * them is followed to the successor.
 */
const FORMER_DEPARTMENTS: [string, string, string, string[]][] = [
  ['so-ke-hoach-dau-tu', 'Sở Kế hoạch và Đầu tư', 'so-tai-chinh', ['Sở KH&ĐT', 'Sở KHĐT']],
  ['so-tai-nguyen-moi-truong', 'Sở Tài nguyên và Môi trường', 'so-nong-nghiep-moi-truong', ['Sở TN&MT', 'Sở TNMT']],
  [
    'so-nong-nghiep-ptnt',
    'Sở Nông nghiệp và Phát triển nông thôn',
    'so-nong-nghiep-moi-truong',
    ['Sở NN&PTNT', 'Sở NNPTNT'],
  ],
  ['so-giao-thong-van-tai', 'Sở Giao thông vận tải', 'so-xay-dung', ['Sở GTVT', 'Sở Giao thông - Vận tải']],
  ['so-thong-tin-truyen-thong', 'Sở Thông tin và Truyền thông', 'so-khoa-hoc-cong-nghe', ['Sở TT&TT', 'Sở TTTT']],
  [
    'so-lao-dong-tbxh',
    'Sở Lao động - Thương binh và Xã hội',
    'so-noi-vu',
    ['Sở Lao động, Thương binh và Xã hội', 'Sở Lao động Thương binh và Xã hội', 'Sở LĐTBXH', 'Sở LĐ-TB&XH'],
  ],
  ['ban-dan-toc', 'Ban Dân tộc', 'so-dan-toc-ton-giao', ['Ban Dân tộc tỉnh']],
];

/** The day the merged departments were last in office. */
const DEPARTMENTS_MERGED_AFTER = '2025-02-28';

/** Province-level sectoral and vertically managed agencies plans usually name: [slug, name, head title, aliases]. */
const SECTORAL: [string, string, string, string[]][] = [
  ['cong-an', 'Công an tỉnh', 'Giám đốc Công an tỉnh', []],
  [
    'bo-chi-huy-quan-su',
    'Bộ Chỉ huy Quân sự tỉnh',
    'Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh',
    ['Bộ CHQS tỉnh', 'BCHQS tỉnh'],
  ],
  ['thue', 'Thuế tỉnh', 'Trưởng Thuế tỉnh', ['Cục Thuế tỉnh', 'Cục Thuế']],
  [
    'kho-bac',
    'Kho bạc Nhà nước tỉnh',
    'Giám đốc Kho bạc Nhà nước',
    ['Kho bạc Nhà nước', 'Kho bạc Nhà nước khu vực', 'KBNN tỉnh'],
  ],
  ['bhxh', 'Bảo hiểm xã hội tỉnh', 'Giám đốc Bảo hiểm xã hội tỉnh', ['BHXH tỉnh']],
  ['hai-quan', 'Hải quan tỉnh', 'Trưởng Hải quan', ['Chi cục Hải quan khu vực', 'Cục Hải quan tỉnh']],
  ['thong-ke', 'Thống kê tỉnh', 'Trưởng Thống kê tỉnh', ['Cục Thống kê tỉnh', 'Chi cục Thống kê tỉnh']],
  [
    'ngan-hang-nha-nuoc',
    'Ngân hàng Nhà nước chi nhánh tỉnh',
    'Giám đốc Ngân hàng Nhà nước chi nhánh',
    ['Ngân hàng Nhà nước khu vực'],
  ],
  ['vien-kiem-sat', 'Viện Kiểm sát nhân dân tỉnh', 'Viện trưởng Viện Kiểm sát nhân dân tỉnh', ['VKSND tỉnh']],
  ['toa-an', 'Tòa án nhân dân tỉnh', 'Chánh án Tòa án nhân dân tỉnh', ['TAND tỉnh']],
];

/**
 * Phrases that name some of the issuer's own bodies without saying which (the departments, public service units and
 * communes under the provincial committee): [slug, label, kinds, phrases]. Each fans out to every body of its kinds
 * with a warning to narrow it; a person keeping the directory can edit the kinds or empty them to assign by hand.
 */
const RELATED: [string, string, UnitKind[], string[]][] = [
  [
    'lien-quan',
    'các cơ quan, đơn vị thuộc UBND tỉnh',
    ['so', 'don-vi-su-nghiep'],
    [
      'các cơ quan, đơn vị có liên quan',
      'cơ quan, đơn vị có liên quan',
      'các cơ quan, đơn vị liên quan',
      'cơ quan, đơn vị liên quan',
      'các cơ quan có liên quan',
      'cơ quan có liên quan',
      'các cơ quan liên quan',
      'cơ quan liên quan',
      'các đơn vị có liên quan',
      'đơn vị có liên quan',
      'các đơn vị liên quan',
      'đơn vị liên quan',
      'các cơ quan, đơn vị',
      'cơ quan, đơn vị',
      'các cơ quan',
      'các cơ quan, tổ chức, đơn vị',
      'cơ quan, tổ chức, đơn vị',
      'các cơ quan, tổ chức, đơn vị có liên quan',
    ],
  ],
  [
    'so-nganh-lien-quan',
    'các sở, ngành',
    ['so'],
    [
      'các sở, ngành liên quan',
      'các sở ngành liên quan',
      'các sở, ngành có liên quan',
      'sở, ngành liên quan',
      'sở, ngành có liên quan',
      'các sở, ban, ngành liên quan',
      'các sở, ban, ngành có liên quan',
      'sở, ban, ngành liên quan',
      // whichever departments manage the sector in question
      'các sở quản lý chuyên ngành',
      'sở quản lý chuyên ngành',
      'các sở quản lý nhà nước chuyên ngành',
      'sở quản lý nhà nước chuyên ngành',
    ],
  ],
  [
    'dia-phuong-lien-quan',
    'các xã, phường, đặc khu',
    ['phuong-xa'],
    ['các địa phương liên quan', 'các địa phương có liên quan', 'địa phương liên quan', 'địa phương có liên quan'],
  ],
  [
    'co-quan-dia-phuong',
    'các cơ quan, đơn vị thuộc UBND tỉnh và các xã, phường, đặc khu',
    ['so', 'don-vi-su-nghiep', 'phuong-xa'],
    [
      'cơ quan, địa phương liên quan',
      'các cơ quan, địa phương liên quan',
      'cơ quan, địa phương có liên quan',
      'các cơ quan, địa phương có liên quan',
      'các cơ quan, đơn vị, địa phương',
      'cơ quan, đơn vị, địa phương',
      'các cơ quan, đơn vị, địa phương liên quan',
      'cơ quan, đơn vị, địa phương liên quan',
      'các cơ quan, đơn vị, địa phương có liên quan',
      'cơ quan, đơn vị, địa phương có liên quan',
      'các cơ quan, đơn vị và địa phương',
      'các cơ quan, đơn vị và các địa phương',
    ],
  ],
];

/**
 * The directory of one province after 1/7/2025: UBND and its Văn phòng, the standard departments, Thanh tra, the
 * province-level sectoral agencies, HĐND, the Fatherland Front, the public administrative service centre, and every
 * commune, ward and special zone with its official code. A template: a person then renames, adds and retires units.
 */
export function provinceDirectory(p: AdminProvince): DirectoryData {
  const short = provinceShortName(p);
  const isCity = p.type === 'thành phố trung ương';
  const local = isCity ? 'thành phố' : 'tỉnh';
  const Local = isCity ? 'Thành phố' : 'Tỉnh';
  const id = slugifyName(short);
  const prefix = id;
  const ubnd = `${prefix}.ubnd`;
  const localize = (text: string) => text.replace(/\btỉnh\b/gu, local);
  const unit = (
    u: Omit<UnitInput, 'parentId' | 'supervisorId'> & Partial<Pick<UnitInput, 'parentId' | 'supervisorId'>>,
  ): UnitInput => ({
    parentId: ubnd,
    supervisorId: ubnd,
    ...u,
  });

  const units: UnitInput[] = [
    {
      id: ubnd,
      name: `Ủy ban nhân dân ${local} ${short}`,
      kind: 'ubnd',
      code: String(p.code).padStart(2, '0'),
      headTitle: `Chủ tịch UBND ${local} ${short}`,
      parentId: null,
      supervisorId: null,
      aliases: [
        `UBND ${local} ${short}`,
        `UBND ${local}`,
        `Ủy ban nhân dân ${local}`,
        `UBND ${Local}`,
        `UBND ${short}`,
      ],
    },
    unit({
      id: `${prefix}.van-phong-ubnd`,
      name: `Văn phòng UBND ${local}`,
      kind: 'so',
      headTitle: `Chánh Văn phòng UBND ${local}`,
      aliases: [`Văn phòng Ủy ban nhân dân ${local}`, `VP UBND ${local}`, 'Văn phòng UBND'],
    }),
    ...DEPARTMENTS.map(([slug, name, head, aliases, note]) =>
      unit({
        id: `${prefix}.${slug}`,
        name,
        kind: 'so',
        headTitle: `${head} ${name}`,
        aliases,
        ...(note ? { note } : {}),
      }),
    ),
    ...FORMER_DEPARTMENTS.map(([slug, name, successor, aliases]) =>
      unit({
        id: `${prefix}.${slug}`,
        name,
        kind: 'so',
        headTitle: `${name.startsWith('Ban') ? 'Trưởng' : 'Giám đốc'} ${name}`,
        aliases,
        validTo: DEPARTMENTS_MERGED_AFTER,
        mergedInto: `${prefix}.${successor}`,
        note: 'Merged on 1/3/2025 (Nghị định 45/2025/NĐ-CP); kept on record for plans written before.',
      }),
    ),
    unit({ id: `${prefix}.thanh-tra`, name: `Thanh tra ${local}`, kind: 'so', headTitle: `Chánh Thanh tra ${local}` }),
    unit({
      id: `${prefix}.ban-quan-ly-kkt-kcn`,
      name: 'Ban Quản lý các khu công nghiệp',
      kind: 'so',
      headTitle: 'Trưởng Ban Quản lý các khu công nghiệp',
      aliases: [
        'Ban Quản lý Khu kinh tế',
        'Ban Quản lý các Khu kinh tế',
        'Ban Quản lý các khu công nghiệp và khu kinh tế',
      ],
      note: 'Name varies by province (khu kinh tế, khu công nghiệp, khu công nghệ cao); rename to the local one.',
    }),
    unit({
      id: `${prefix}.trung-tam-phuc-vu-hcc`,
      name: `Trung tâm Phục vụ hành chính công ${local}`,
      kind: 'don-vi-su-nghiep',
      headTitle: `Giám đốc Trung tâm Phục vụ hành chính công ${local}`,
      aliases: ['Trung tâm Phục vụ hành chính công'],
    }),
    unit({
      id: `${prefix}.trung-tam-xuc-tien`,
      name: `Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch ${local}`,
      kind: 'don-vi-su-nghiep',
      headTitle: `Giám đốc Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch ${local}`,
      aliases: ['Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch', 'Trung tâm Xúc tiến đầu tư'],
      note: 'Name varies by province; rename to the local one or retire it.',
    }),
    unit({
      id: `${prefix}.bao-phat-thanh-truyen-hinh`,
      name: `Báo và Phát thanh, Truyền hình ${local}`,
      kind: 'don-vi-su-nghiep',
      headTitle: `Tổng Biên tập Báo và Phát thanh, Truyền hình ${local}`,
      aliases: [`Đài Phát thanh và Truyền hình ${local}`, `Báo ${short}`, `Đài Phát thanh - Truyền hình ${local}`],
      note: 'Provincial newspaper and radio-television merged in 2025.',
    }),
    unit({
      // Luật Phòng thủ dân sự 2023: every province has one; its standing body is the provincial military command.
      id: `${prefix}.ban-chi-huy-phong-thu-dan-su`,
      name: `Ban Chỉ huy Phòng thủ dân sự ${local}`,
      kind: 'other',
      headTitle: `Trưởng Ban Chỉ huy Phòng thủ dân sự ${local}`,
      aliases: ['Ban Chỉ huy Phòng thủ dân sự cấp tỉnh', `Ban Chỉ huy PTDS ${local}`],
    }),
    ...SECTORAL.map(([slug, name, head, aliases]) =>
      unit({
        id: `${prefix}.${slug}`,
        name: localize(name),
        kind: 'nganh-doc',
        headTitle: localize(head),
        parentId: null,
        aliases: [...aliases.map(localize), `${localize(name)} ${short}`],
      }),
    ),
    unit({
      id: `${prefix}.hdnd`,
      name: `Hội đồng nhân dân ${local}`,
      kind: 'hdnd',
      headTitle: `Chủ tịch HĐND ${local}`,
      parentId: null,
      supervisorId: null,
      aliases: [`HĐND ${local}`],
    }),
    unit({
      id: `${prefix}.mttq`,
      name: `Ủy ban Mặt trận Tổ quốc Việt Nam ${local}`,
      kind: 'doan-the',
      headTitle: `Chủ tịch Ủy ban MTTQ Việt Nam ${local}`,
      parentId: null,
      aliases: [
        `Ủy ban MTTQ Việt Nam ${local}`,
        `UBMTTQ ${local}`,
        `Mặt trận Tổ quốc ${local}`,
        `Ủy ban Mặt trận Tổ quốc ${local}`,
      ],
    }),
    ...communeUnits(p, prefix, ubnd),
  ];

  const groups: UnitGroup[] = [
    {
      id: `${prefix}.g.so-ban-nganh`,
      label: 'các sở, ban, ngành',
      kinds: ['so'],
      aliases: [
        'sở, ban, ngành',
        'các sở, ban, ngành',
        'sở, ban - ngành',
        'sở, ngành',
        'các sở, ngành',
        'các sở ngành',
        'các sở',
        `cơ quan chuyên môn thuộc UBND ${local}`,
        `các cơ quan chuyên môn thuộc UBND ${local}`,
        `các cơ quan chuyên môn thuộc Ủy ban nhân dân ${local}`,
      ],
    },
    {
      id: `${prefix}.g.xa-phuong`,
      label: 'UBND cấp xã',
      kinds: ['phuong-xa'],
      aliases: [
        'UBND cấp xã',
        'Ủy ban nhân dân cấp xã',
        'UBND các xã, phường',
        'UBND các xã, phường, đặc khu',
        'UBND các phường, xã',
        'UBND phường, xã',
        'UBND xã, phường',
        'UBND các xã',
        'UBND các phường, xã, đặc khu',
        'Ủy ban nhân dân các xã, phường',
        'Ủy ban nhân dân các xã, phường, đặc khu',
        'các xã, phường',
        'xã, phường',
        'phường, xã, đặc khu',
        'xã, phường, đặc khu',
        'Chủ tịch UBND cấp xã',
        'Chủ tịch Ủy ban nhân dân cấp xã',
        'Chủ tịch UBND các xã, phường',
        'Chủ tịch Ủy ban nhân dân các xã, phường',
        'Ủy ban nhân dân các xã, phường, đặc khu',
        'cấp xã',
        'các xã, phường, đặc khu',
        'các phường, xã',
        // In a provincial plan the localities are its communes, wards and special zones (since 1/7/2025).
        'các địa phương',
        'địa phương',
        'các địa phương trên địa bàn tỉnh',
        'UBND các cấp',
        'Ủy ban nhân dân các cấp',
      ],
    },
    {
      // Since 2025 the socio-political organisations work under the Fatherland Front (Kết luận 127-KL/TW); a plan that
      // names them is answered by the Front unless the directory lists them one by one.
      id: `${prefix}.g.doan-the`,
      label: 'Mặt trận Tổ quốc và các tổ chức chính trị - xã hội',
      kinds: ['doan-the'],
      aliases: [
        'tổ chức chính trị - xã hội',
        'các tổ chức chính trị - xã hội',
        'các tổ chức chính trị-xã hội',
        'Mặt trận Tổ quốc và các tổ chức chính trị - xã hội',
        'Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội',
        'các đoàn thể',
        'các đoàn thể chính trị - xã hội',
      ],
    },
    {
      // District-level committees until 30/6/2025 (Nghị quyết 202/2025/QH15 ended the district level): a plan written
      // before names them; they fan out to the district units a person adds (kind quan-huyen, validTo 2025-06-30).
      id: `${prefix}.g.quan-huyen`,
      label: 'UBND cấp huyện',
      kinds: ['quan-huyen'],
      aliases: [
        'UBND cấp huyện',
        'Ủy ban nhân dân cấp huyện',
        'UBND các huyện',
        'UBND các huyện, thành phố',
        'UBND các huyện, thị xã, thành phố',
        'UBND các huyện, thị xã',
        'UBND các quận, huyện',
        'UBND các quận, huyện, thị xã',
        'Ủy ban nhân dân các huyện, thành phố',
        'Ủy ban nhân dân các huyện, thị xã, thành phố',
        'Ủy ban nhân dân các quận, huyện',
        'Chủ tịch UBND các huyện, thành phố',
        'Chủ tịch UBND cấp huyện',
      ],
    },
    {
      id: `${prefix}.g.so-nganh-dia-phuong`,
      label: 'các sở, ban, ngành và UBND cấp xã',
      kinds: ['so', 'phuong-xa'],
      parentId: ubnd,
      aliases: [
        'các sở, ban, ngành, địa phương',
        'sở, ban, ngành, địa phương',
        'các sở, ngành, địa phương',
        'sở, ngành, địa phương',
        'các sở, ban, ngành và địa phương',
        'các sở, ngành và địa phương',
        'các sở, ban, ngành và các địa phương',
        'các sở, ngành và các địa phương',
      ],
    },
    ...RELATED.map(([slug, label, kinds, aliases]) => ({
      id: `${prefix}.g.${slug}`,
      label: localize(label),
      kinds,
      parentId: ubnd,
      vague: true,
      aliases,
    })),
  ];

  return DirectoryDataSchema.parse({
    id,
    name: `${Local} ${short}`,
    // A plan written before 1/7/2025 by a province since merged into this one ("tỉnh Đắk Nông") is found here too.
    issuerNames: [short, `${local} ${short}`, p.name, ...formerProvincesOf(p).flatMap((f) => [f, `tỉnh ${f}`])],
    issuingAuthorityId: ubnd,
    monitoringUnitId: `${prefix}.so-noi-vu`,
    source: `Template "province" of dondoc for ${p.name} (code ${p.code}): departments as organised since 1/3/2025; communes from ${ADMIN_UNITS_SOURCE.package} ${ADMIN_UNITS_SOURCE.version} (${ADMIN_UNITS_SOURCE.upstream}, retrieved ${ADMIN_UNITS_SOURCE.retrieved}).${formerProvincesOf(p).length ? ` Took in ${formerProvincesOf(p).join(', ')} on 1/7/2025 (${PROVINCE_MERGERS_SOURCE}).` : ''}`,
    aliasRules: [
      {
        notKinds: ['ubnd', 'phuong-xa', 'hdnd'] satisfies UnitKind[],
        unlessEndsWith: [local, Local, short],
        suffixes: [` ${local}`, ` ${local} ${short}`, ` ${short}`],
      },
    ],
    units,
    groups,
  });
}

function communeUnits(p: AdminProvince, prefix: string, ubnd: string): UnitInput[] {
  const seen = new Set<string>();
  return p.communes.map(([code, name, type]) => {
    const base = name.replace(/^(Phường|Xã|Đặc khu)\s+/u, '');
    let slug = slugifyName(base);
    if (seen.has(slug)) slug = `${slug}-${code}`;
    seen.add(slug);
    const lower = `${type} ${base}`;
    return {
      id: `${prefix}.px.${slug}`,
      name,
      kind: 'phuong-xa',
      code: String(code).padStart(5, '0'),
      headTitle: `Chủ tịch UBND ${lower}`,
      parentId: ubnd,
      supervisorId: ubnd,
      aliases: [`UBND ${name}`, `Ủy ban nhân dân ${name}`],
      validFrom: TWO_LEVEL_GOVERNMENT,
    } satisfies UnitInput;
  });
}
