import type { DirectoryData, UnitGroup, UnitInput, UnitKind } from '../unit';
import { DirectoryDataSchema } from '../unit';
import { normalizeVietnamese } from '../normalize';
import {
  ADMIN_PROVINCES,
  ADMIN_UNITS_SOURCE,
  findFormerProvince,
  provinceShortName,
  slugifyName,
  type AdminCommune,
  type AdminProvince,
} from './admin-units';
import { TWO_LEVEL_GOVERNMENT } from './province';

/** A commune, ward or special zone of the national list with its province. */
export interface CommuneRef {
  province: AdminProvince;
  commune: AdminCommune;
}

/** The answer of findCommune: the one commune meant, or why there is none (no match, or which ones match). */
export type CommuneLookup =
  | { status: 'found'; ref: CommuneRef }
  | { status: 'none'; query: string }
  | { status: 'ambiguous'; query: string; candidates: CommuneRef[] };

const fold = (s: string) =>
  normalizeVietnamese(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const withoutType = (s: string) => s.replace(/^(xa|phuong|dac khu)\s+/, '');

/** "Xã Lương Minh, tỉnh Quảng Ninh" */
export function communeLabel(ref: CommuneRef): string {
  return `${ref.commune[1]}, ${ref.province.name.replace(/^(Tỉnh|Thành phố)/u, (m) => m.toLowerCase())}`;
}

/**
 * Finds a commune, ward or special zone of the national list by its official code ("06985") or its name, with or
 * without "xã"/"phường"/"đặc khu" and diacritics. Names repeat across provinces (e.g. several "Xã Minh Châu"), so
 * a province (name or code) narrows the search: given, or after a comma ("Lương Minh, Quảng Ninh").
 */
export function findCommune(query: string, province?: string | null): CommuneLookup {
  const q = query.trim();
  if (/^\d{1,5}$/.test(q)) {
    for (const p of ADMIN_PROVINCES) {
      const c = p.communes.find(([code]) => code === Number(q));
      if (c) return { status: 'found', ref: { province: p, commune: c } };
    }
    return { status: 'none', query };
  }
  let name = q;
  let provinceQuery = province ?? null;
  const comma = q.lastIndexOf(',');
  if (!provinceQuery && comma > 0) {
    name = q.slice(0, comma);
    provinceQuery = q.slice(comma + 1);
  }
  const wanted = withoutType(fold(name));
  const provinceKey = provinceQuery
    ? fold(provinceQuery)
        .replace(/^(tinh|thanh pho|tp)\s+/, '')
        .trim()
    : null;
  // A province merged on 1/7/2025 ("Đắk Nông") narrows to the one it became part of.
  const successor = provinceQuery ? findFormerProvince(provinceQuery)?.successor : undefined;
  const provinces = ADMIN_PROVINCES.filter(
    (p) =>
      !provinceKey ||
      p === successor ||
      String(p.code) === provinceKey.replace(/^0+/, '') ||
      fold(provinceShortName(p)) === provinceKey ||
      p.codename.replace(/_/g, ' ') === provinceKey,
  );
  const typed = fold(name) !== wanted ? fold(name) : null;
  const candidates: CommuneRef[] = [];
  for (const p of provinces)
    for (const c of p.communes)
      if (withoutType(fold(c[1])) === wanted && (!typed || fold(c[1]) === typed))
        candidates.push({ province: p, commune: c });
  if (candidates.length === 1) return { status: 'found', ref: candidates[0] as CommuneRef };
  if (candidates.length === 0) return { status: 'none', query };
  return { status: 'ambiguous', query, candidates };
}

/**
 * The bodies of a commune-level government since 1/7/2025 (Nghị định 150/2025/NĐ-CP: Văn phòng HĐND và UBND, Phòng
 * Kinh tế or Kinh tế, Hạ tầng và Đô thị, Phòng Văn hóa - Xã hội, the public administrative service centre), the
 * commune's police, military command, health station, Fatherland Front and mass organisations, the party committee
 * and the people's council; schools, villages and residential groups as phrases a person fills in.
 */
export function communeDirectory(ref: CommuneRef): DirectoryData {
  const { province: p, commune } = ref;
  const [code, fullName, type] = commune;
  const base = fullName.replace(/^(Phường|Xã|Đặc khu)\s+/u, '');
  const provinceShort = provinceShortName(p);
  const provinceSlug = slugifyName(provinceShort);
  const id = `${provinceSlug}-${slugifyName(base)}`;
  const prefix = id;
  const ubnd = `${prefix}.ubnd`;
  const provinceUbnd = `${prefix}.ubnd-tinh`;
  const isCity = p.type === 'thành phố trung ương';
  const local = isCity ? 'thành phố' : 'tỉnh';
  const isWard = type === 'phường';
  /** "xã", "phường" or "đặc khu": what the commune calls itself in its plans. */
  const t = type;
  const T = t.charAt(0).toUpperCase() + t.slice(1);
  const unit = (
    u: Omit<UnitInput, 'parentId' | 'supervisorId'> & Partial<Pick<UnitInput, 'parentId' | 'supervisorId'>>,
  ): UnitInput => ({ parentId: ubnd, supervisorId: ubnd, validFrom: TWO_LEVEL_GOVERNMENT, ...u });

  const economic = isWard
    ? { slug: 'phong-kinh-te-ha-tang-do-thi', name: 'Phòng Kinh tế, Hạ tầng và Đô thị', aliases: ['Phòng KT, HT&ĐT'] }
    : { slug: 'phong-kinh-te', name: 'Phòng Kinh tế', aliases: [] as string[] };

  const units: UnitInput[] = [
    {
      id: provinceUbnd,
      name: `Ủy ban nhân dân ${local} ${provinceShort}`,
      kind: 'ubnd',
      code: String(p.code).padStart(2, '0'),
      headTitle: `Chủ tịch UBND ${local} ${provinceShort}`,
      parentId: null,
      supervisorId: null,
      aliases: [`UBND ${local} ${provinceShort}`, `UBND ${local}`, `Ủy ban nhân dân ${local}`],
      note: `The province the ${t} belongs to: the level above, named in the ${t}'s plans; escalation stops at the ${t}'s chair.`,
    },
    {
      id: ubnd,
      name: `Ủy ban nhân dân ${t} ${base}`,
      kind: 'ubnd',
      code: String(code).padStart(5, '0'),
      headTitle: `Chủ tịch UBND ${t} ${base}`,
      parentId: provinceUbnd,
      supervisorId: null,
      aliases: [`UBND ${t} ${base}`, `UBND ${t}`, `Ủy ban nhân dân ${t}`, `UBND ${T}`, `UBND ${base}`],
      validFrom: TWO_LEVEL_GOVERNMENT,
    },
    unit({
      id: `${prefix}.van-phong`,
      name: `Văn phòng HĐND và UBND ${t}`,
      kind: 'phong',
      headTitle: `Chánh Văn phòng HĐND và UBND ${t}`,
      aliases: [
        `Văn phòng Hội đồng nhân dân và Ủy ban nhân dân ${t}`,
        `Văn phòng HĐND - UBND ${t}`,
        `Văn phòng UBND ${t}`,
        'Văn phòng HĐND và UBND',
        'Văn phòng UBND',
      ],
    }),
    unit({
      id: `${prefix}.${economic.slug}`,
      name: economic.name,
      kind: 'phong',
      headTitle: `Trưởng ${economic.name}`,
      aliases: economic.aliases,
    }),
    unit({
      id: `${prefix}.phong-van-hoa-xa-hoi`,
      name: 'Phòng Văn hóa - Xã hội',
      kind: 'phong',
      headTitle: 'Trưởng Phòng Văn hóa - Xã hội',
      aliases: ['Phòng Văn hóa – Xã hội', 'Phòng Văn hóa và Xã hội', 'Phòng VH-XH', 'Phòng VHXH'],
    }),
    unit({
      id: `${prefix}.trung-tam-phuc-vu-hcc`,
      name: `Trung tâm Phục vụ hành chính công ${t}`,
      kind: 'don-vi-su-nghiep',
      headTitle: `Giám đốc Trung tâm Phục vụ hành chính công ${t}`,
      aliases: ['Trung tâm Phục vụ hành chính công', 'Bộ phận một cửa'],
    }),
    unit({
      id: `${prefix}.cong-an`,
      name: `Công an ${t} ${base}`,
      kind: 'nganh-doc',
      headTitle: `Trưởng Công an ${t}`,
      parentId: null,
      aliases: [`Công an ${t}`, `Công an ${T}`],
    }),
    unit({
      id: `${prefix}.ban-chi-huy-quan-su`,
      name: `Ban Chỉ huy Quân sự ${t} ${base}`,
      kind: 'nganh-doc',
      headTitle: `Chỉ huy trưởng Ban Chỉ huy Quân sự ${t}`,
      aliases: [`Ban Chỉ huy Quân sự ${t}`, `Ban CHQS ${t}`, `BCHQS ${t}`, `Quân sự ${t}`],
    }),
    unit({
      id: `${prefix}.tram-y-te`,
      name: `Trạm Y tế ${t} ${base}`,
      kind: 'don-vi-su-nghiep',
      headTitle: `Trưởng Trạm Y tế ${t}`,
      aliases: [`Trạm Y tế ${t}`, `Trạm Y tế ${T}`, 'Trạm Y tế'],
      note: 'Since 2025 often a branch of the area health centre; rename it to the local one.',
    }),
    unit({
      id: `${prefix}.hdnd`,
      name: `Hội đồng nhân dân ${t} ${base}`,
      kind: 'hdnd',
      headTitle: `Chủ tịch HĐND ${t}`,
      parentId: null,
      supervisorId: null,
      aliases: [`HĐND ${t}`, `Hội đồng nhân dân ${t}`, `Thường trực HĐND ${t}`, `Thường trực Hội đồng nhân dân ${t}`],
    }),
    unit({
      id: `${prefix}.dang-uy`,
      name: `Đảng ủy ${t} ${base}`,
      kind: 'co-quan-dang',
      headTitle: `Bí thư Đảng ủy ${t}`,
      parentId: null,
      supervisorId: null,
      aliases: [`Đảng ủy ${t}`, `Ban Thường vụ Đảng ủy ${t}`],
    }),
    unit({
      id: `${prefix}.mttq`,
      name: `Ủy ban Mặt trận Tổ quốc Việt Nam ${t} ${base}`,
      kind: 'doan-the',
      headTitle: `Chủ tịch Ủy ban MTTQ Việt Nam ${t}`,
      parentId: null,
      aliases: [
        `Ủy ban MTTQ Việt Nam ${t}`,
        `Ủy ban MTTQ ${t}`,
        `UBMTTQ ${t}`,
        `MTTQ ${t}`,
        `Mặt trận Tổ quốc ${t}`,
        `Ủy ban Mặt trận Tổ quốc ${t}`,
        `Ban Thường trực Ủy ban MTTQ Việt Nam ${t}`,
        `Ban Thường trực Ủy ban MTTQ ${t}`,
        `Cơ quan Ủy ban MTTQ Việt Nam ${t}`,
      ],
    }),
    unit({
      // The Front's plans assign work to the members of its standing board; in a commune "Phó Chủ tịch Thường trực"
      // is the Front's title (the people's committee and council have "Phó Chủ tịch UBND/HĐND").
      id: `${prefix}.mttq-pct-thuong-truc`,
      name: `Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam ${t} ${base}`,
      kind: 'other',
      headTitle: `Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam ${t}`,
      parentId: `${prefix}.mttq`,
      supervisorId: `${prefix}.mttq`,
      aliases: [
        `Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam ${t}`,
        `Phó Chủ tịch Thường trực Ủy ban MTTQ ${t}`,
        `Phó Chủ tịch Thường trực MTTQ ${t}`,
        'Phó Chủ tịch Thường trực',
      ],
    }),
    // Since 2025 the socio-political organisations work under the Front (Kết luận 127-KL/TW).
    ...(
      [
        [
          'doan-thanh-nien',
          'Đoàn Thanh niên Cộng sản Hồ Chí Minh',
          'Bí thư Đoàn',
          ['Đoàn Thanh niên', 'Đoàn TNCS Hồ Chí Minh'],
        ],
        ['hoi-phu-nu', 'Hội Liên hiệp Phụ nữ', 'Chủ tịch Hội Liên hiệp Phụ nữ', ['Hội LHPN', 'Hội Phụ nữ']],
        ['hoi-nong-dan', 'Hội Nông dân', 'Chủ tịch Hội Nông dân', []],
        ['hoi-cuu-chien-binh', 'Hội Cựu chiến binh', 'Chủ tịch Hội Cựu chiến binh', ['Hội CCB']],
      ] as const
    ).map(([slug, name, head, aliases]) =>
      unit({
        id: `${prefix}.${slug}`,
        name: `${name} ${t} ${base}`,
        kind: 'doan-the',
        headTitle: `${head} ${t}`,
        parentId: `${prefix}.mttq`,
        supervisorId: `${prefix}.mttq`,
        aliases: [`${name} ${t}`, ...aliases.map((a) => `${a} ${t}`)],
      }),
    ),
    ...(
      [
        ['mam-non', 'Trường Mầm non', 'Hiệu trưởng Trường Mầm non'],
        ['tieu-hoc', 'Trường Tiểu học', 'Hiệu trưởng Trường Tiểu học'],
        ['thcs', 'Trường Trung học cơ sở', 'Hiệu trưởng Trường Trung học cơ sở'],
      ] as const
    ).map(([slug, name, head]) =>
      unit({
        id: `${prefix}.truong.${slug}`,
        name: `${name} ${base}`,
        kind: 'don-vi-su-nghiep',
        headTitle: `${head} ${base}`,
        note: `A ${t} usually has one or more; rename to the local school names, add the others, retire what it lacks.`,
      }),
    ),
  ];

  const groups: UnitGroup[] = [
    {
      id: `${prefix}.g.chuyen-mon`,
      label: `các cơ quan chuyên môn thuộc UBND ${t}`,
      kinds: ['phong'],
      parentId: ubnd,
      aliases: [
        `các cơ quan chuyên môn thuộc UBND ${t}`,
        `cơ quan chuyên môn thuộc UBND ${t}`,
        `các cơ quan chuyên môn thuộc Ủy ban nhân dân ${t}`,
        'các phòng chuyên môn',
        `các phòng chuyên môn thuộc UBND ${t}`,
        'các phòng, ban',
        'các phòng, ban, ngành',
        `các ban, ngành ${t}`,
        'các ban, ngành',
        'ban, ngành',
      ],
    },
    {
      id: `${prefix}.g.doan-the`,
      label: `Mặt trận Tổ quốc và các đoàn thể ${t}`,
      kinds: ['doan-the'],
      idPrefix: `${prefix}.`,
      aliases: [
        `MTTQ và các đoàn thể ${t}`,
        'MTTQ và các đoàn thể',
        'Mặt trận Tổ quốc và các đoàn thể',
        `Mặt trận Tổ quốc và các tổ chức chính trị - xã hội ${t}`,
        'Mặt trận Tổ quốc và các tổ chức chính trị - xã hội',
        'các tổ chức chính trị - xã hội',
        'các đoàn thể',
        `các đoàn thể ${t}`,
        `đoàn thể ${t}`,
        `Trưởng đoàn thể ${t}`,
        `Trưởng các đoàn thể ${t}`,
        'các tổ chức thành viên',
        `các tổ chức thành viên của MTTQ ${t}`,
      ],
    },
    {
      id: `${prefix}.g.truong-hoc`,
      label: `các trường học trên địa bàn ${t}`,
      kinds: ['don-vi-su-nghiep'],
      idPrefix: `${prefix}.truong.`,
      aliases: [
        'các trường học',
        'các trường học trên địa bàn',
        `các trường học trên địa bàn ${t}`,
        'các trường',
        'các nhà trường',
        'các trường mầm non, tiểu học, trung học cơ sở',
        'các trường mầm non, tiểu học, THCS',
        'các cơ sở giáo dục',
      ],
    },
    {
      // The villages and residential groups differ in every commune: a person adds them as units with ids
      // `<directory>.thon.<slug>` (kind "other"), and these phrases fan out to them.
      id: `${prefix}.g.thon-to-dan-pho`,
      label: isWard ? 'các tổ dân phố, khu phố' : 'các thôn, bản, tổ dân phố',
      kinds: ['other'],
      idPrefix: `${prefix}.thon.`,
      aliases: [
        'các thôn',
        'các thôn, bản',
        'các thôn, tổ dân phố',
        'các thôn, khu phố',
        'các tổ dân phố',
        'các khu phố',
        'các khu dân cư',
        'thôn, tổ dân phố',
        'Trưởng thôn, Tổ trưởng tổ dân phố',
        'các Ban công tác Mặt trận ở khu dân cư',
        'Ban công tác Mặt trận ở khu dân cư',
        'Ban công tác Mặt trận các khu dân cư',
      ],
    },
    {
      // The commune committee's own divisions and public service units; a person narrows it where fewer are meant.
      id: `${prefix}.g.vague`,
      label: `các cơ quan, đơn vị thuộc UBND ${t}`,
      kinds: ['phong', 'don-vi-su-nghiep'],
      parentId: ubnd,
      vague: true,
      aliases: [
        'các cơ quan, đơn vị có liên quan',
        'cơ quan, đơn vị có liên quan',
        'các cơ quan, đơn vị liên quan',
        'các cơ quan có liên quan',
        'các cơ quan liên quan',
        'các đơn vị có liên quan',
        'các đơn vị liên quan',
        'các cơ quan, đơn vị',
        'cơ quan, đơn vị',
      ],
    },
  ];

  return DirectoryDataSchema.parse({
    id,
    name: `${T} ${base} (${local} ${provinceShort})`,
    issuerNames: [`${t} ${base}`, fullName],
    issuingAuthorityId: ubnd,
    monitoringUnitId: `${prefix}.van-phong`,
    source: `Template "commune" of dondoc for ${communeLabel(ref)} (code ${String(code).padStart(5, '0')}): bodies of a commune-level government as organised since 1/7/2025; the commune and its province from ${ADMIN_UNITS_SOURCE.package} ${ADMIN_UNITS_SOURCE.version} (${ADMIN_UNITS_SOURCE.upstream}, retrieved ${ADMIN_UNITS_SOURCE.retrieved}).`,
    aliasRules: [
      {
        idPrefix: `${prefix}.`,
        notKinds: ['ubnd', 'hdnd', 'co-quan-dang', 'nganh-doc'] satisfies UnitKind[],
        unlessEndsWith: [t, T, base],
        suffixes: [` ${t}`, ` ${t} ${base}`, ` ${base}`],
      },
    ],
    units,
    groups,
  });
}
