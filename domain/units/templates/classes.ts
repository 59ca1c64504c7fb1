import type { UnitKind } from '../unit';

/**
 * Kinds of public bodies recognised by how their name starts, whoever the issuer: what `adopt` guesses for a body a
 * directory lacks, and what tells the name of a body from a prose fragment or a vague phrase.
 */
export interface BodyClass {
  /** Matches the start of the name (after a head's title is taken off). */
  opens: RegExp;
  kind: UnitKind;
  /** The head's title word; '' when it depends on the name (vụ/cục). */
  head: string;
  /** What the class is, for people reading a report. */
  label: string;
  /** The opening is a common noun ("sở", "cục"): a name follows only if the next word is capitalised. */
  named?: boolean;
}

/** The first class whose `opens` matches wins, so more specific openings come first. */
export const BODY_CLASSES: readonly BodyClass[] = [
  {
    opens: /^(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+(xã|phường|đặc khu)(?![\p{L}\d])/iu,
    kind: 'phuong-xa',
    head: 'Chủ tịch',
    label: 'UBND cấp xã',
  },
  { opens: /^(ubnd|ủy ban nhân dân|uỷ ban nhân dân)(?![\p{L}\d])/iu, kind: 'ubnd', head: 'Chủ tịch', label: 'UBND' },
  {
    opens: /^(văn phòng\s+)?ban chỉ (đạo|huy)(?![\p{L}\d])/iu,
    kind: 'ban-chi-dao',
    head: 'Trưởng',
    label: 'ban chỉ đạo',
  },
  {
    // Mặt trận Tổ quốc and the socio-political organisations (Kết luận 127-KL/TW): mass organisations, not ministries.
    opens:
      /^(ban thường trực\s+)?(ủy ban|uỷ ban|ubmttq|mttq|mặt trận)(?![\p{L}\d]).*(mặt trận|mttq)|^(ubmttq|mttq|mặt trận tổ quốc)|^(hội|liên hiệp hội|liên đoàn|đoàn thanh niên|đoàn tncs|tỉnh đoàn|thành đoàn|trung ương đoàn|hội liên hiệp|công đoàn|cựu chiến binh)(?![\p{L}\d])/iu,
    kind: 'doan-the',
    head: 'Chủ tịch',
    label: 'Mặt trận Tổ quốc, đoàn thể, hội',
  },
  {
    opens:
      /^(tỉnh ủy|tỉnh uỷ|thành ủy|thành uỷ|đảng ủy|đảng uỷ|đảng đoàn|ban cán sự đảng|ban thường vụ|ban tuyên giáo|ban tổ chức|ban dân vận|ban nội chính|ban kinh tế|ban chấp hành|bộ chính trị|ban bí thư|ủy ban kiểm tra|ban tuyên giáo và dân vận)(?![\p{L}\d])/iu,
    kind: 'co-quan-dang',
    head: 'Bí thư',
    label: 'cơ quan Đảng',
  },
  { opens: /^(hđnd|hội đồng nhân dân)(?![\p{L}\d])/iu, kind: 'hdnd', head: 'Chủ tịch', label: 'HĐND' },
  {
    opens:
      /^(quốc hội|ủy ban thường vụ quốc hội|văn phòng quốc hội|văn phòng chủ tịch nước|kiểm toán nhà nước|tòa án|toà án|viện kiểm sát)(?![\p{L}\d])/iu,
    kind: 'other',
    head: 'Thủ trưởng',
    label: 'cơ quan nhà nước ngoài Chính phủ',
  },
  {
    opens:
      /^(bộ chỉ huy|bộ đội biên phòng|công an|thuế|cục thuế|chi cục|kho bạc|bảo hiểm xã hội|bhxh|hải quan|ngân hàng nhà nước|ngân hàng chính sách|thống kê)(?![\p{L}\d])/iu,
    kind: 'nganh-doc',
    head: 'Giám đốc',
    label: 'ngành dọc',
  },
  { opens: /^bộ/iu, named: true, kind: 'bo', head: 'Bộ trưởng', label: 'bộ' },
  { opens: /^(vụ|cục|tổng cục)/iu, named: true, kind: 'vu-cuc', head: '', label: 'vụ, cục' },
  { opens: /^sở/iu, named: true, kind: 'so', head: 'Giám đốc', label: 'sở' },
  { opens: /^ban/iu, named: true, kind: 'so', head: 'Trưởng', label: 'ban' },
  { opens: /^(thanh tra|văn phòng)/iu, named: true, kind: 'so', head: 'Chánh', label: 'thanh tra, văn phòng' },
  { opens: /^phòng/iu, named: true, kind: 'phong', head: 'Trưởng', label: 'phòng' },
  {
    opens: /^(trung tâm|đài|báo|tạp chí|nhà xuất bản|bệnh viện|trường|học viện|đại học|thông tấn)/iu,
    named: true,
    kind: 'don-vi-su-nghiep',
    head: 'Giám đốc',
    label: 'đơn vị sự nghiệp',
  },
  { opens: /^viện/iu, named: true, kind: 'don-vi-su-nghiep', head: 'Viện trưởng', label: 'viện' },
  {
    opens: /^(tập đoàn|tổng công ty|công ty)/iu,
    named: true,
    kind: 'other',
    head: 'Tổng Giám đốc',
    label: 'doanh nghiệp nhà nước',
  },
  {
    opens: /^(tổ công tác|hội đồng)/iu,
    named: true,
    kind: 'ban-chi-dao',
    head: 'Trưởng',
    label: 'tổ công tác, hội đồng',
  },
];

/** After a common noun, what makes it a name: a capitalised word or number, or the level it serves ("Thanh tra tỉnh"). */
const NAME_FOLLOWS = /^\s+([\p{Lu}\d]|(tỉnh|thành phố|xã|phường|đặc khu|huyện|quận|thị xã|trung ương|quốc gia)(\s|$))/u;

/**
 * A position of the issuing body named as the one who answers ("Đồng chí Phó Chủ tịch Thường trực"), as commune
 * bodies and mass organisations assign tasks: adopted as a unit whose head is the position itself.
 */
export const POSITION: BodyClass = {
  opens: /^(phó\s+)?(chủ tịch|bí thư|trưởng ban|phó ban|chủ nhiệm|ủy viên thường trực)/iu,
  named: true,
  kind: 'other',
  head: '',
  label: 'chức danh',
};

/** The class of a body's name, or null when it does not open like one. */
export function bodyClassOf(name: string): BodyClass | null {
  const text = name.trim();
  for (const c of [...BODY_CLASSES, POSITION]) {
    const m = c.opens.exec(text);
    if (!m) continue;
    if (c.named && !NAME_FOLLOWS.test(text.slice(m[0].length))) continue;
    return c;
  }
  return null;
}

/** Head-title words that open a mention naming a unit's head ("Giám đốc Sở…"). */
export const HEAD_PREFIX =
  /^(thủ trưởng|người đứng đầu|giám đốc|chủ tịch|trưởng|chánh|cục trưởng|vụ trưởng|viện trưởng|bộ trưởng|tổng giám đốc|bí thư|lãnh đạo)\s+/iu;

/** Mentions that name people or the public, not a body that can be assigned a task. */
export const NOT_A_BODY =
  /(^|\s)(chỉ tiêu|người dân|cộng đồng|nhân dân|cá nhân|tổ chức, cá nhân|doanh nghiệp|DN(?:VT|NN)?|hộ gia đình|cơ sở khám bệnh|cơ sở giáo dục|người lao động|người sử dụng lao động)(\s|$|,)/iu;

/**
 * Phrases that do not say which bodies: "các cơ quan, đơn vị có liên quan", "cơ quan, đơn vị, địa phương", "ngành
 * khác", or a generic noun on its own ("bộ", "sở", "cơ quan") left where a list was cut. A plan that leads with one
 * must be assigned by a person; no directory can resolve it.
 */
export function isVaguePhrase(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (/(^|\s)(có\s+)?liên quan$/u.test(t)) return true;
  // "Bộ quản lý chuyên ngành", "các sở quản lý chuyên ngành": whichever body manages the sector, not a name.
  if (/^(các\s+)?(bộ|sở|cơ quan)\s+quản lý(\s+nhà nước)?\s+(chuyên\s+)?ngành/u.test(t)) return true;
  const generic =
    /^(các|những|mọi|và|cơ quan|đơn vị|địa phương|ngành|bộ|sở|ban|phòng|cấp|tổ chức|khác|trực thuộc|cục|vụ|chủ quản|thành viên|tập đoàn|tổng công ty|,|\s)+$/u;
  return generic.test(t.replace(/\s*[,/]\s*/g, ' , '));
}

/**
 * What an unresolved mention is: `vague` (says no body), `not-a-body` (the public, businesses at large), `named-body`
 * (opens like the name of a body of a known class, written with its capital) or `fragment` (prose the importer took
 * for a lead).
 */
export type MentionClass = 'vague' | 'not-a-body' | 'fragment' | 'named-body';

/** The name a mention gives once the head's title, list punctuation and a trailing note are taken off. */
export function bodyNameOf(text: string): string {
  let name = text
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.;:–-]+|[\s,.;:–-]+$/g, '')
    .replace(/^(đồng chí|đ\/c)\s+/iu, '');
  name = name.replace(/\s*\([^)]*\)\s*$/u, '');
  while (HEAD_PREFIX.test(name)) name = name.replace(HEAD_PREFIX, '');
  name = name.replace(/\s+(và|với|cùng|hoặc)$/iu, '').replace(/[\s,;:–-]+$/u, '');
  return name;
}

export function mentionClass(text: string): MentionClass {
  if (isVaguePhrase(text)) return 'vague';
  const name = bodyNameOf(text);
  if (isVaguePhrase(name)) return 'vague';
  if (NOT_A_BODY.test(name)) return 'not-a-body';
  const first = name.charAt(0);
  const prose = name.includes(':') || /\d+\s*[)/]|(ngày|số)\s+\d/iu.test(name) || name.split(' ').length > 16;
  if (first === first.toLowerCase() || prose) {
    return 'fragment';
  }
  return bodyClassOf(name) ? 'named-body' : 'fragment';
}
