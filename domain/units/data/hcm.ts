import type { DirectoryData, Unit, UnitGroup } from '../unit';
import { foldPreservingOffsets } from '../normalize';
import communes from './hcm-communes.json';

/** Ho Chi Minh City: UBND Thành phố, its departments, 22 district-level units (2021–6/2025), 168 communes (7/2025–). */

const CITY = 'hcm.ubnd';
/** Departments merged or dissolved in the 1/3/2025 reorganisation (Nghị quyết HĐND TP, 20/2/2025). */
const MERGED_2025 = '2025-02-28';
const REORGANISED_2025 = '2025-03-01';
const DISTRICT_LEVEL_END = '2025-06-30';
const NEW_CITY = '2025-07-01';

export function slugify(text: string): string {
  return foldPreservingOffsets(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

type UnitInput = Omit<Unit, 'parentId' | 'supervisorId' | 'aliases'> &
  Partial<Pick<Unit, 'parentId' | 'supervisorId' | 'aliases'>>;

function cityUnit(u: UnitInput): Unit {
  return { parentId: CITY, supervisorId: CITY, aliases: [], ...u };
}

function so(slug: string, name: string, extra: Partial<UnitInput> = {}): Unit {
  return cityUnit({ id: `hcm.${slug}`, name, kind: 'so', headTitle: `Giám đốc ${name}`, ...extra });
}

const departments: Unit[] = [
  so('van-phong-ubnd', 'Văn phòng UBND Thành phố', {
    headTitle: 'Chánh Văn phòng UBND Thành phố',
    aliases: ['Văn phòng Ủy ban nhân dân Thành phố', 'VP UBND Thành phố', 'VP.UBND Thành phố'],
  }),
  so('so-noi-vu', 'Sở Nội vụ', { aliases: ['SNV'], note: 'Absorbed Sở Lao động - Thương binh và Xã hội on 1/3/2025.' }),
  so('so-tu-phap', 'Sở Tư pháp'),
  so('so-tai-chinh', 'Sở Tài chính', { note: 'Absorbed Sở Kế hoạch và Đầu tư on 1/3/2025.' }),
  so('so-ke-hoach-dau-tu', 'Sở Kế hoạch và Đầu tư', { validTo: MERGED_2025 }),
  so('so-cong-thuong', 'Sở Công Thương'),
  so('so-nong-nghiep-ptnt', 'Sở Nông nghiệp và Phát triển nông thôn', { validTo: MERGED_2025 }),
  so('so-giao-thong-van-tai', 'Sở Giao thông vận tải', { validTo: MERGED_2025 }),
  so('so-giao-thong-cong-chanh', 'Sở Giao thông Công chánh', {
    validFrom: REORGANISED_2025,
    validTo: DISTRICT_LEVEL_END,
    note: 'Formed from Sở Giao thông vận tải on 1/3/2025, later merged into Sở Xây dựng; the end date 30/6/2025 is not verified.',
  }),
  so('so-xay-dung', 'Sở Xây dựng'),
  so('so-tai-nguyen-moi-truong', 'Sở Tài nguyên và Môi trường', {
    validTo: DISTRICT_LEVEL_END,
    note: 'Absorbed Sở Nông nghiệp và PTNT on 1/3/2025, then renamed Sở Nông nghiệp và Môi trường; rename date not verified.',
  }),
  so('so-nong-nghiep-moi-truong', 'Sở Nông nghiệp và Môi trường', {
    validFrom: NEW_CITY,
    note: 'Named in QĐ 2820/QĐ-UBND (19/11/2025); start date 1/7/2025 not verified.',
  }),
  so('so-thong-tin-truyen-thong', 'Sở Thông tin và Truyền thông', {
    validTo: MERGED_2025,
    aliases: ['Sở TT&TT', 'Sở TTTT'],
    note: 'Merged into Sở Khoa học và Công nghệ on 1/3/2025.',
  }),
  so('so-lao-dong-thuong-binh-xa-hoi', 'Sở Lao động - Thương binh và Xã hội', {
    validTo: MERGED_2025,
    aliases: ['Sở LĐTBXH', 'Sở LĐ-TB&XH'],
  }),
  so('so-van-hoa-the-thao', 'Sở Văn hóa và Thể thao'),
  so('so-du-lich', 'Sở Du lịch'),
  so('so-khoa-hoc-cong-nghe', 'Sở Khoa học và Công nghệ', { aliases: ['Sở KH&CN', 'Sở KHCN'] }),
  so('so-giao-duc-dao-tao', 'Sở Giáo dục và Đào tạo', { aliases: ['Sở GD&ĐT', 'Sở GDĐT'] }),
  so('so-y-te', 'Sở Y tế'),
  so('thanh-tra', 'Thanh tra Thành phố', { headTitle: 'Chánh Thanh tra Thành phố' }),
  so('so-ngoai-vu', 'Sở Ngoại vụ', { note: 'Named in the 2021 plan; status after 2025 not verified.' }),
  so('so-quy-hoach-kien-truc', 'Sở Quy hoạch - Kiến trúc', {
    note: 'Reported merged into Sở Xây dựng on 1/3/2025 but still named in QĐ 2820/QĐ-UBND of 19/11/2025; validity not determined.',
  }),
  so('ban-dan-toc', 'Ban Dân tộc', { headTitle: 'Trưởng Ban Dân tộc', validTo: MERGED_2025 }),
  so('so-dan-toc-ton-giao', 'Sở Dân tộc và Tôn giáo', { validFrom: REORGANISED_2025 }),
  so('ban-quan-ly-attp', 'Ban Quản lý An toàn thực phẩm', {
    headTitle: 'Trưởng Ban Quản lý An toàn thực phẩm',
    aliases: ['Sở An toàn thực phẩm'],
    note: 'Pilot body; reported kept as Sở An toàn thực phẩm in 2025.',
  }),
  so('ban-quan-ly-kcx-cn', 'Ban Quản lý các Khu chế xuất và công nghiệp', {
    headTitle: 'Trưởng Ban Quản lý các Khu chế xuất và công nghiệp',
    aliases: ['HEPZA', 'Ban Quản lý các Khu chế xuất và công nghiệp Thành phố Hồ Chí Minh'],
  }),
  so('ban-quan-ly-khu-cnc', 'Ban Quản lý Khu Công nghệ cao', {
    headTitle: 'Trưởng Ban Quản lý Khu Công nghệ cao',
    aliases: ['SHTP'],
  }),
];

const otherCityUnits: Unit[] = [
  {
    id: CITY,
    name: 'Ủy ban nhân dân Thành phố Hồ Chí Minh',
    kind: 'ubnd',
    headTitle: 'Chủ tịch UBND Thành phố',
    parentId: null,
    supervisorId: null,
    aliases: ['UBND Thành phố', 'Ủy ban nhân dân Thành phố', 'UBND TP.HCM', 'UBND TPHCM'],
  },
  cityUnit({
    id: 'hcm.hdnd',
    name: 'Hội đồng nhân dân Thành phố',
    kind: 'hdnd',
    headTitle: 'Chủ tịch HĐND Thành phố',
    parentId: null,
    supervisorId: null,
  }),
  cityUnit({
    id: 'hcm.bcd-cchc',
    name: 'Ban Chỉ đạo CCHC Thành phố',
    kind: 'ban-chi-dao',
    headTitle: 'Trưởng Ban Chỉ đạo CCHC Thành phố',
    aliases: ['Ban Chỉ đạo CCHC', 'Ban Chỉ đạo và Tổ Công tác Ban Chỉ đạo CCHC Thành phố', 'Ban Chỉ đạo cải cách hành chính'],
  }),
  cityUnit({
    id: 'hcm.ban-thi-dua-khen-thuong',
    name: 'Ban Thi đua - Khen thưởng Thành phố',
    kind: 'other',
    headTitle: 'Trưởng Ban Thi đua - Khen thưởng Thành phố',
    parentId: 'hcm.so-noi-vu',
    supervisorId: 'hcm.so-noi-vu',
  }),
  cityUnit({ id: 'hcm.cong-an', name: 'Công an Thành phố', kind: 'nganh-doc', headTitle: 'Giám đốc Công an Thành phố' }),
  cityUnit({
    id: 'hcm.bo-tu-lenh',
    name: 'Bộ Tư lệnh Thành phố',
    kind: 'nganh-doc',
    headTitle: 'Tư lệnh Bộ Tư lệnh Thành phố',
  }),
  cityUnit({ id: 'hcm.cuc-thue', name: 'Cục Thuế Thành phố', kind: 'nganh-doc', headTitle: 'Cục trưởng Cục Thuế Thành phố' }),
  cityUnit({
    id: 'hcm.cuc-hai-quan',
    name: 'Cục Hải quan Thành phố',
    kind: 'nganh-doc',
    headTitle: 'Cục trưởng Cục Hải quan Thành phố',
  }),
  cityUnit({
    id: 'hcm.kho-bac',
    name: 'Kho bạc Nhà nước Thành phố',
    kind: 'nganh-doc',
    headTitle: 'Giám đốc Kho bạc Nhà nước Thành phố',
  }),
  cityUnit({
    id: 'hcm.bhxh',
    name: 'Bảo hiểm xã hội Thành phố',
    kind: 'nganh-doc',
    headTitle: 'Giám đốc Bảo hiểm xã hội Thành phố',
  }),
  cityUnit({
    id: 'hcm.ngan-hang-nha-nuoc',
    name: 'Ngân hàng Nhà nước chi nhánh Thành phố',
    kind: 'nganh-doc',
    headTitle: 'Giám đốc Ngân hàng Nhà nước chi nhánh Thành phố',
  }),
  cityUnit({
    id: 'hcm.vien-nghien-cuu-phat-trien',
    name: 'Viện Nghiên cứu phát triển Thành phố',
    kind: 'don-vi-su-nghiep',
    aliases: ['Viện Nghiên cứu phát triển'],
    headTitle: 'Viện trưởng Viện Nghiên cứu phát triển Thành phố',
  }),
  cityUnit({
    id: 'hcm.trung-tam-chuyen-doi-so',
    name: 'Trung tâm Chuyển đổi số Thành phố',
    kind: 'don-vi-su-nghiep',
    headTitle: 'Giám đốc Trung tâm Chuyển đổi số Thành phố',
    // Plans also name it without "Thành phố" (seed 002's heading 2.7); no other body has this name.
    aliases: ['Trung tâm Chuyển đổi số'],
    note: 'Named in 2025 plans; founding date not verified.',
  }),
  cityUnit({
    id: 'hcm.trung-tam-phuc-vu-hcc',
    name: 'Trung tâm Phục vụ hành chính công Thành phố',
    kind: 'don-vi-su-nghiep',
    headTitle: 'Giám đốc Trung tâm Phục vụ hành chính công Thành phố',
    note: 'Named in the 2025 SIPAS plan; founding date not verified.',
  }),
  cityUnit({
    id: 'hcm.trung-tam-bao-chi',
    name: 'Trung tâm Báo chí Thành phố',
    kind: 'don-vi-su-nghiep',
    headTitle: 'Giám đốc Trung tâm Báo chí Thành phố',
    parentId: 'hcm.so-thong-tin-truyen-thong',
  }),
  cityUnit({
    id: 'hcm.hoc-vien-can-bo',
    name: 'Học viện Cán bộ Thành phố',
    kind: 'don-vi-su-nghiep',
    headTitle: 'Giám đốc Học viện Cán bộ Thành phố',
  }),
  cityUnit({
    id: 'hcm.dai-truyen-hinh',
    name: 'Đài Truyền hình Thành phố',
    kind: 'don-vi-su-nghiep',
    headTitle: 'Giám đốc Đài Truyền hình Thành phố',
    aliases: ['HTV'],
  }),
  cityUnit({
    id: 'hcm.dai-tieng-noi-nhan-dan',
    name: 'Đài Tiếng nói Nhân dân Thành phố',
    kind: 'don-vi-su-nghiep',
    headTitle: 'Giám đốc Đài Tiếng nói Nhân dân Thành phố',
  }),
  cityUnit({
    id: 'hcm.dai-phat-thanh-truyen-hinh',
    name: 'Đài Phát thanh và Truyền hình Thành phố',
    kind: 'don-vi-su-nghiep',
    headTitle: 'Giám đốc Đài Phát thanh và Truyền hình Thành phố',
    note: 'Named in the 2025 SIPAS plan (merger of HTV and Đài Tiếng nói Nhân dân); dates not verified.',
  }),
  cityUnit({
    id: 'hcm.bao-sai-gon-giai-phong',
    name: 'Báo Sài Gòn Giải phóng',
    kind: 'don-vi-su-nghiep',
    headTitle: 'Tổng Biên tập Báo Sài Gòn Giải phóng',
    parentId: null,
  }),
  cityUnit({
    id: 'hcm.mttq',
    name: 'Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố',
    kind: 'doan-the',
    headTitle: 'Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố',
    parentId: null,
    aliases: ['Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố', 'Mặt trận Tổ quốc Thành phố', 'UBMTTQ'],
  }),
  cityUnit({
    id: 'hcm.thanh-uy',
    name: 'Thành ủy Thành phố Hồ Chí Minh',
    kind: 'co-quan-dang',
    headTitle: 'Bí thư Thành ủy',
    parentId: null,
    supervisorId: null,
    aliases: ['Thành ủy', 'Ban Thường vụ Thành ủy'],
  }),
  ...(
    [
      ['ban-tuyen-giao-thanh-uy', 'Ban Tuyên giáo Thành ủy'],
      ['ban-dan-van-thanh-uy', 'Ban Dân vận Thành ủy'],
      ['ban-to-chuc-thanh-uy', 'Ban Tổ chức Thành ủy'],
    ] as const
  ).map(([slug, name]) =>
    cityUnit({
      id: `hcm.${slug}`,
      name,
      kind: 'co-quan-dang',
      headTitle: `Trưởng ${name}`,
      parentId: 'hcm.thanh-uy',
      supervisorId: 'hcm.thanh-uy',
      note: 'Party body: invited to coordinate, not assigned by the People’s Committee.',
    }),
  ),
];

function district(slug: string, name: string, extra: Partial<UnitInput> = {}): Unit {
  const short = name.replace(/^Thành phố /, 'TP ');
  return cityUnit({
    id: `hcm.${slug}`,
    name: `UBND ${name}`,
    kind: 'quan-huyen',
    headTitle: `Chủ tịch UBND ${name}`,
    aliases: [name, `Ủy ban nhân dân ${name}`, `UBND ${short}`],
    validTo: DISTRICT_LEVEL_END,
    ...extra,
  });
}

/** 1 city + 16 urban districts + 5 rural districts from 1/1/2021 (Nghị quyết 1111/NQ-UBTVQH14) until 30/6/2025. */
const districts: Unit[] = [
  district('tp-thu-duc', 'Thành phố Thủ Đức', { validFrom: '2021-01-01' }),
  ...[1, 3, 4, 5, 6, 7, 8, 10, 11, 12].map((n) => district(`q${n}`, `Quận ${n}`)),
  ...['Bình Tân', 'Bình Thạnh', 'Gò Vấp', 'Phú Nhuận', 'Tân Bình', 'Tân Phú'].map((n) =>
    district(`q-${slugify(n)}`, `Quận ${n}`),
  ),
  ...['Bình Chánh', 'Cần Giờ', 'Củ Chi', 'Hóc Môn', 'Nhà Bè'].map((n) => district(`h-${slugify(n)}`, `Huyện ${n}`)),
  // Merged into TP Thủ Đức on 1/1/2021; kept so that 2018–2020 plans still fan out correctly.
  district('q2', 'Quận 2', { validTo: '2020-12-31' }),
  district('q9', 'Quận 9', { validTo: '2020-12-31' }),
  district('q-thu-duc', 'Quận Thủ Đức', { validTo: '2020-12-31' }),
];

/** Ids whose folded name collides with another commune's ("Thạnh An" and "Thanh An"). */
const COMMUNE_ID_OVERRIDES: Record<string, string> = {
  'Xã Thạnh An': 'hcm.px.thanh-an-can-gio',
  'Xã Thanh An': 'hcm.px.thanh-an-dau-tieng',
};

function commune(prefix: 'Phường' | 'Xã' | 'Đặc khu', base: string): Unit {
  const name = `${prefix} ${base}`;
  return cityUnit({
    id: COMMUNE_ID_OVERRIDES[name] ?? `hcm.px.${slugify(base)}`,
    name,
    kind: 'phuong-xa',
    headTitle: `Chủ tịch UBND ${prefix.toLowerCase()} ${base}`,
    aliases: [`UBND ${name}`, `Ủy ban nhân dân ${name}`],
    validFrom: NEW_CITY,
  });
}

const communeUnits: Unit[] = [
  ...communes.phuong.map((n) => commune('Phường', n)),
  ...communes.xa.map((n) => commune('Xã', n)),
  ...communes.dacKhu.map((n) => commune('Đặc khu', n)),
];

export const HCM_VAGUE_ALIASES = [
  'các cơ quan, đơn vị có liên quan',
  'cơ quan, đơn vị có liên quan',
  'các cơ quan, đơn vị liên quan',
  'các cơ quan có liên quan',
  'các cơ quan liên quan',
  'các đơn vị có liên quan',
  'các đơn vị liên quan',
  'các sở ngành liên quan',
  'các sở, ngành liên quan',
  'các cơ quan, đơn vị',
  'cơ quan, đơn vị',
  'các cơ quan, đơn vị, địa phương',
  'UBND các cấp',
];

const groups: UnitGroup[] = [
  {
    id: 'hcm.g.so-ban-nganh',
    label: 'các sở, ban, ngành',
    kinds: ['so'],
    aliases: [
      'sở, ban, ngành',
      'các sở, ban, ngành',
      'sở, ban - ngành',
      'sở, ngành',
      'các sở, ngành',
      'các sở ngành',
      'sở ban ngành thành phố',
      'các sở',
      'cơ quan chuyên môn thuộc UBND Thành phố',
      'các cơ quan chuyên môn thuộc UBND Thành phố',
    ],
  },
  {
    id: 'hcm.g.quan-huyen',
    label: 'UBND quận - huyện',
    kinds: ['quan-huyen'],
    aliases: [
      'UBND quận - huyện',
      'UBND quận, huyện',
      'UBND các quận - huyện',
      'UBND các quận, huyện',
      'Ủy ban nhân dân quận, huyện',
      'Ủy ban nhân dân các quận, huyện',
      'quận - huyện',
      'các quận, huyện',
      'UBND quận, huyện và thành phố Thủ Đức',
      'UBND thành phố Thủ Đức và các quận, huyện',
      'UBND cấp huyện',
    ],
  },
  {
    id: 'hcm.g.phuong-xa',
    label: 'UBND phường, xã, đặc khu',
    kinds: ['phuong-xa'],
    aliases: [
      'UBND phường, xã, đặc khu',
      'Ủy ban nhân dân phường, xã, đặc khu',
      'UBND các phường, xã, đặc khu',
      'phường, xã, đặc khu',
      'UBND phường, xã',
      'UBND các phường, xã',
      'UBND các xã, phường',
      'UBND phường - xã, thị trấn',
      'UBND phường, xã, thị trấn',
      'phường - xã, thị trấn',
      'phường, xã, thị trấn',
      'UBND cấp xã',
      'Ủy ban nhân dân cấp xã',
    ],
  },
  { id: 'hcm.g.vague', label: 'cơ quan, đơn vị có liên quan', kinds: [], vague: true, aliases: HCM_VAGUE_ALIASES },
];

export const hcmCityLevelUnits: Unit[] = [...otherCityUnits, ...departments];

export const hcmDirectoryData: DirectoryData = {
  id: 'hcm',
  name: 'Thành phố Hồ Chí Minh',
  issuingAuthorityId: CITY,
  monitoringUnitId: 'hcm.so-noi-vu',
  units: [...hcmCityLevelUnits, ...districts, ...communeUnits],
  groups,
};
