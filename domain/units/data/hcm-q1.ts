import type { DirectoryData, Unit, UnitGroup } from '../unit';
import { hcmCityLevelUnits, slugify } from './hcm';

/**
 * District 1 (2021–6/2025): UBND Quận 1, its divisions, public service units, 10 wards, steering committee.
 * Names checked against Kế hoạch 17/KH-UBND (18/01/2022) of UBND Quận 1; the divisions it does not name follow
 * the district structure of Nghị định 37/2014/NĐ-CP as amended by Nghị định 108/2020/NĐ-CP.
 */

const Q1 = 'hcm.q1';
const END = '2025-06-30';

type Input = Omit<Unit, 'parentId' | 'supervisorId' | 'aliases' | 'validTo'> &
  Partial<Pick<Unit, 'parentId' | 'supervisorId' | 'aliases' | 'validTo'>>;

function q1Unit(u: Input): Unit {
  return { parentId: Q1, supervisorId: Q1, aliases: [], validTo: END, ...u };
}

function phong(slug: string, name: string, extra: Partial<Input> = {}): Unit {
  return q1Unit({ id: `hcm.q1.${slug}`, name: `${name} Quận 1`, kind: 'phong', headTitle: `Trưởng ${name} Quận 1`, ...extra });
}

const divisions: Unit[] = [
  phong('van-phong-ubnd', 'Văn phòng UBND', {
    headTitle: 'Chánh Văn phòng UBND Quận 1',
    aliases: ['Văn phòng Ủy ban nhân dân quận', 'Văn phòng HĐND và UBND quận', 'VP UBND quận', 'VP. UBND Quận 1'],
    note: 'Văn phòng HĐND và UBND until the urban-government model (Nghị quyết 131/2020/QH14) removed the district HĐND.',
  }),
  phong('phong-noi-vu', 'Phòng Nội vụ'),
  phong('phong-tu-phap', 'Phòng Tư pháp'),
  phong('phong-tai-chinh-ke-hoach', 'Phòng Tài chính - Kế hoạch'),
  phong('phong-kinh-te', 'Phòng Kinh tế'),
  phong('phong-quan-ly-do-thi', 'Phòng Quản lý đô thị'),
  phong('phong-tai-nguyen-moi-truong', 'Phòng Tài nguyên và Môi trường'),
  phong('phong-lao-dong-thuong-binh-xa-hoi', 'Phòng Lao động - Thương binh và Xã hội', {
    aliases: ['Phòng LĐTBXH', 'Phòng LĐ-TB&XH'],
  }),
  phong('phong-van-hoa-thong-tin', 'Phòng Văn hóa và Thông tin'),
  phong('phong-giao-duc-dao-tao', 'Phòng Giáo dục và Đào tạo', { aliases: ['Phòng GD&ĐT', 'Phòng GDĐT'] }),
  phong('phong-y-te', 'Phòng Y tế'),
  phong('thanh-tra', 'Thanh tra', { headTitle: 'Chánh Thanh tra Quận 1', aliases: ['Thanh tra quận'] }),
];

function serviceUnit(slug: string, name: string, extra: Partial<Input> = {}): Unit {
  return q1Unit({ id: `hcm.q1.${slug}`, name, kind: 'don-vi-su-nghiep', headTitle: `Giám đốc ${name}`, ...extra });
}

const serviceUnits: Unit[] = [
  serviceUnit('trung-tam-cntt', 'Trung tâm Công nghệ thông tin Quận 1', {
    aliases: ['Trung tâm Công nghệ thông tin quận', 'Trung tâm CNTT quận'],
  }),
  serviceUnit('trung-tam-van-hoa', 'Trung tâm Văn hóa Quận 1', {
    aliases: ['Trung tâm Văn hóa', 'Trung tâm Văn hóa, Bản tin Quận 1', 'Bản tin Quận 1'],
    note: 'The plan pairs it with the district newsletter (Bản tin Quận 1), which is resolved here.',
  }),
  serviceUnit('trung-tam-y-te', 'Trung tâm Y tế Quận 1'),
  serviceUnit('benh-vien', 'Bệnh viện Quận 1'),
];

function lineAgency(slug: string, name: string, headTitle: string, extra: Partial<Input> = {}): Unit {
  return q1Unit({ id: `hcm.q1.${slug}`, name, kind: 'nganh-doc', headTitle, parentId: null, ...extra });
}

const lineAgencies: Unit[] = [
  lineAgency(
    'chi-nhanh-vpdk-dat-dai',
    'Chi nhánh Văn phòng đăng ký đất đai Quận 1',
    'Giám đốc Chi nhánh Văn phòng đăng ký đất đai Quận 1',
    { parentId: 'hcm.so-tai-nguyen-moi-truong' },
  ),
  lineAgency('chi-cuc-thue', 'Chi cục Thuế Quận 1', 'Chi cục trưởng Chi cục Thuế Quận 1', { aliases: ['Cục Thuế Quận 1'] }),
  lineAgency('kho-bac', 'Kho bạc Nhà nước Quận 1', 'Giám đốc Kho bạc Nhà nước Quận 1'),
  lineAgency('bhxh', 'Bảo hiểm xã hội Quận 1', 'Giám đốc Bảo hiểm xã hội Quận 1'),
  lineAgency('cong-an', 'Công an Quận 1', 'Trưởng Công an Quận 1'),
];

function massOrganisation(slug: string, name: string, headTitle: string, aliases: string[] = []): Unit {
  return q1Unit({ id: `hcm.q1.${slug}`, name, kind: 'doan-the', headTitle, parentId: null, aliases });
}

const massOrganisations: Unit[] = [
  massOrganisation('mttq', 'Ủy ban Mặt trận Tổ quốc Việt Nam Quận 1', 'Chủ tịch Ủy ban MTTQ Việt Nam Quận 1', [
    'UBMTTQ Việt Nam Quận 1',
    'Mặt trận Tổ quốc Việt Nam Quận 1',
    'Mặt trận Tổ quốc quận',
  ]),
  massOrganisation('lien-doan-lao-dong', 'Liên đoàn Lao động Quận 1', 'Chủ tịch Liên đoàn Lao động Quận 1'),
  massOrganisation('quan-doan', 'Quận Đoàn 1', 'Bí thư Quận Đoàn 1'),
  massOrganisation('hoi-lien-hiep-phu-nu', 'Hội Liên hiệp Phụ nữ Quận 1', 'Chủ tịch Hội Liên hiệp Phụ nữ Quận 1'),
  massOrganisation('hoi-cuu-chien-binh', 'Hội Cựu chiến binh Quận 1', 'Chủ tịch Hội Cựu chiến binh Quận 1'),
];

const partyBodies: Unit[] = [
  q1Unit({
    id: 'hcm.q1.quan-uy',
    name: 'Quận ủy Quận 1',
    kind: 'co-quan-dang',
    headTitle: 'Bí thư Quận ủy Quận 1',
    parentId: 'hcm.thanh-uy',
    supervisorId: 'hcm.thanh-uy',
    aliases: ['Quận ủy', 'Thường trực Quận ủy Quận 1', 'TT.QU Quận 1'],
  }),
  ...(
    [
      ['ban-tuyen-giao-quan-uy', 'Ban Tuyên giáo Quận ủy'],
      ['ban-dan-van-quan-uy', 'Ban Dân vận Quận ủy'],
      ['ban-to-chuc-quan-uy', 'Ban Tổ chức Quận ủy'],
    ] as const
  ).map(([slug, name]) =>
    q1Unit({
      id: `hcm.q1.${slug}`,
      name: `${name} Quận 1`,
      kind: 'co-quan-dang',
      headTitle: `Trưởng ${name} Quận 1`,
      parentId: 'hcm.q1.quan-uy',
      supervisorId: 'hcm.q1.quan-uy',
    }),
  ),
];

const WARDS = [
  'Bến Nghé',
  'Bến Thành',
  'Cầu Kho',
  'Cầu Ông Lãnh',
  'Cô Giang',
  'Đa Kao',
  'Nguyễn Cư Trinh',
  'Nguyễn Thái Bình',
  'Phạm Ngũ Lão',
  'Tân Định',
];

const wards: Unit[] = WARDS.map((w) =>
  q1Unit({
    id: `hcm.q1.p-${slugify(w)}`,
    name: `Phường ${w}`,
    kind: 'phuong-xa',
    headTitle: `Chủ tịch UBND phường ${w}`,
    aliases: [`UBND phường ${w}`, `Ủy ban nhân dân phường ${w}`],
  }),
);

const district: Unit = {
  id: Q1,
  name: 'UBND Quận 1',
  kind: 'quan-huyen',
  headTitle: 'Chủ tịch UBND Quận 1',
  parentId: 'hcm.ubnd',
  supervisorId: 'hcm.ubnd',
  aliases: ['Quận 1', 'Ủy ban nhân dân Quận 1', 'UBND quận', 'Ủy ban nhân dân quận'],
  validTo: END,
};

const steeringCommittee = q1Unit({
  id: 'hcm.q1.bcd-cchc',
  name: 'Ban Chỉ đạo CCHC Quận 1',
  kind: 'ban-chi-dao',
  headTitle: 'Trưởng Ban Chỉ đạo CCHC Quận 1',
  aliases: [
    'Ban Chỉ đạo CCHC quận',
    'Ban Chỉ đạo CCHC',
    'Ban Chỉ đạo cải cách hành chính',
    'Ban Chỉ đạo và Tổ giúp việc Ban Chỉ đạo CCHC Quận 1',
    'Ban Chỉ đạo và Tổ giúp việc Ban Chỉ đạo CCHC',
    'Thành viên BCĐ CCHC Quận 1',
  ],
});

const groups: UnitGroup[] = [
  {
    id: 'hcm-q1.g.phuong',
    label: 'UBND 10 phường',
    kinds: ['phuong-xa'],
    parentId: Q1,
    aliases: [
      'UBND 10 phường',
      'Ủy ban nhân dân 10 phường',
      '10 phường',
      'UBND các phường',
      'UBND phường',
      'các phường',
      'UBND phường, xã',
    ],
  },
  {
    id: 'hcm-q1.g.phong-ban',
    label: 'các phòng, ban chuyên môn',
    kinds: ['phong'],
    parentId: Q1,
    aliases: [
      'các phòng, ban chuyên môn',
      'phòng, ban chuyên môn',
      'các phòng ban chuyên môn thuộc quận',
      'các phòng, ban',
      'phòng, ban',
      'cơ quan chuyên môn thuộc UBND quận',
      'các cơ quan chuyên môn thuộc UBND Quận 1',
    ],
  },
  {
    id: 'hcm-q1.g.co-quan-don-vi',
    label: 'cơ quan, đơn vị',
    kinds: ['phong', 'don-vi-su-nghiep'],
    parentId: Q1,
    aliases: [
      'cơ quan, đơn vị',
      'các cơ quan, đơn vị',
      'các phòng, ban, trung tâm thuộc quận',
      'các phòng, ban, đơn vị',
      'cơ quan, đơn vị trực thuộc UBND Quận 1',
    ],
  },
  {
    id: 'hcm-q1.g.doan-the',
    label: 'Mặt trận Tổ quốc và các tổ chức chính trị - xã hội quận',
    kinds: ['doan-the'],
    idPrefix: 'hcm.q1.',
    aliases: [
      'Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội quận',
      'Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - xã hội quận',
      'Mặt trận Tổ quốc và các đoàn thể',
      'các tổ chức chính trị - xã hội quận',
      'các đoàn thể chính trị - xã hội quận',
    ],
  },
  {
    id: 'hcm-q1.g.vague',
    label: 'cơ quan, đơn vị có liên quan',
    kinds: [],
    vague: true,
    aliases: [
      'các cơ quan, đơn vị có liên quan',
      'cơ quan, đơn vị có liên quan',
      'các cơ quan có liên quan',
      'các cơ quan liên quan',
      'các đơn vị có liên quan',
      'các cơ quan, đơn vị, địa phương',
    ],
  },
];

export const hcmQ1DirectoryData: DirectoryData = {
  id: 'hcm-q1',
  name: 'Quận 1, Thành phố Hồ Chí Minh',
  issuingAuthorityId: Q1,
  monitoringUnitId: 'hcm.q1.phong-noi-vu',
  // District units first: where a bare alias ("Văn phòng UBND", "Thanh tra") could mean both, the district wins.
  units: [
    district,
    ...divisions,
    steeringCommittee,
    ...serviceUnits,
    ...lineAgencies,
    ...massOrganisations,
    ...partyBodies,
    ...wards,
    ...hcmCityLevelUnits,
  ],
  groups,
};
