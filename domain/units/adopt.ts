import { normalizeVietnamese } from './normalize';
import { slugifyName } from './templates/admin-units';
import type { DirectoryData, UnitInput, UnitKind } from './unit';

/** A mention the directory did not resolve, as a plan gives it. */
export interface UnresolvedMention {
  text: string;
  role: 'unit' | 'head';
  /** Task refs that name it, and whether as lead or support. */
  refs: string[];
  column: 'lead' | 'support';
}

/** A unit proposed for an unresolved mention, for a person to accept or correct. */
export interface UnitProposal {
  mention: string;
  refs: string[];
  unit: UnitInput;
}

/** Head-title words that open a mention naming a unit's head ("Giám đốc Sở…"). */
const HEAD_PREFIX =
  /^(thủ trưởng|người đứng đầu|giám đốc|chủ tịch|trưởng|chánh|cục trưởng|vụ trưởng|viện trưởng|bộ trưởng|tổng giám đốc|bí thư|lãnh đạo)\s+/iu;

/** [first words of the name, kind, head title word]; the first match wins. */
const KIND_BY_NAME: [RegExp, UnitKind, string][] = [
  [/^(ubnd|ủy ban nhân dân)\s+(xã|phường|đặc khu)\b/iu, 'phuong-xa', 'Chủ tịch'],
  [/^(ubnd|ủy ban nhân dân)\b/iu, 'ubnd', 'Chủ tịch'],
  [/^ban chỉ (đạo|huy)\b/iu, 'ban-chi-dao', 'Trưởng'],
  [/^văn phòng ban chỉ (đạo|huy)\b/iu, 'ban-chi-dao', 'Chánh'],
  [
    /^(bộ chỉ huy|công an|thuế|cục thuế|kho bạc|bảo hiểm xã hội|bhxh|hải quan|ngân hàng nhà nước|thống kê|viện kiểm sát|tòa án)\b/iu,
    'nganh-doc',
    'Giám đốc',
  ],
  [/^bộ\s/iu, 'bo', 'Bộ trưởng'],
  [/^(vụ|cục|tổng cục)\s/iu, 'vu-cuc', ''],
  [/^sở\s/iu, 'so', 'Giám đốc'],
  [/^(ban quản lý|ban)\s/iu, 'so', 'Trưởng'],
  [/^(thanh tra|văn phòng)\s/iu, 'so', 'Chánh'],
  [/^phòng\s/iu, 'phong', 'Trưởng'],
  [/^(trung tâm|đài|báo|bệnh viện|trường|học viện|đại học)\b/iu, 'don-vi-su-nghiep', 'Giám đốc'],
  [/^viện\s/iu, 'don-vi-su-nghiep', 'Viện trưởng'],
  [/^(mặt trận|ủy ban mặt trận|ubmttq|hội|đoàn|liên đoàn|tỉnh đoàn|thành đoàn)\b/iu, 'doan-the', 'Chủ tịch'],
  [/^(tỉnh ủy|thành ủy|đảng ủy|ban thường vụ)\b/iu, 'co-quan-dang', 'Bí thư'],
  [/^(hđnd|hội đồng nhân dân)\b/iu, 'hdnd', 'Chủ tịch'],
];

/** Mentions that name people or the public, not a body that can be assigned a task. */
const NOT_A_BODY = /\b(chỉ tiêu|người dân|cộng đồng|nhân dân|cá nhân|tổ chức, cá nhân|doanh nghiệp|hộ gia đình)\b/iu;

/** A directory whose issuing authority is a ministry or the Government: a "Bộ …" there is one of its own units. */
function isNational(doc: DirectoryData): boolean {
  const authority = doc.units.find((u) => u.id === doc.issuingAuthorityId);
  return authority?.kind === 'bo' || authority?.kind === 'other';
}

/** Guesses the kind and head title of a body from how its name starts. */
export function guessKind(name: string): { kind: UnitKind; headTitle: string } {
  for (const [re, kind, head] of KIND_BY_NAME) {
    if (re.test(name)) {
      const word = head || (/^vụ/iu.test(name) ? 'Vụ trưởng' : 'Cục trưởng');
      return { kind, headTitle: `${word} ${name}` };
    }
  }
  return { kind: 'other', headTitle: `Thủ trưởng ${name}` };
}

function cleanName(text: string): string {
  let name = text.replace(/\s+/g, ' ').replace(/^[\s,.;:–-]+|[\s,.;:–-]+$/g, '');
  name = name.replace(/\s*\([^)]*\)\s*$/u, '');
  while (HEAD_PREFIX.test(name)) name = name.replace(HEAD_PREFIX, '');
  name = name.replace(/\s+(và|với|cùng|hoặc)$/iu, '').replace(/[\s,;:–-]+$/u, '');
  return name;
}

/** Vietnamese writes the names of bodies with a capital; a lowercase mention is a phrase ("cấp xã"), not a body. */
function looksLikeBodyName(name: string): boolean {
  const first = name.charAt(0);
  return (
    first !== first.toLowerCase() &&
    !name.includes(':') &&
    !/^(phó\s+)?(thủ trưởng|chủ tịch|thường trực|giám đốc|trưởng)$/iu.test(name)
  );
}

/**
 * Proposes one unit per distinct unresolved mention of a plan: its name as written (without the head's title), a
 * kind and head title guessed from how the name starts, and the issuing authority as parent and supervisor. Mentions
 * that name the public or businesses, not a body, are left out (they stay warnings).
 */
export function proposeUnits(doc: DirectoryData, mentions: readonly UnresolvedMention[]): UnitProposal[] {
  const prefix = doc.issuingAuthorityId.split('.')[0] as string;
  const taken = new Set(doc.units.map((u) => u.id));
  const byKey = new Map<string, UnitProposal>();
  for (const m of mentions) {
    const name = cleanName(m.text);
    if (name.length < 3 || NOT_A_BODY.test(name) || /^(các|những)\s/iu.test(name) || !looksLikeBodyName(name)) continue;
    const key = normalizeVietnamese(name);
    const existing = byKey.get(key);
    if (existing) {
      existing.refs = [...new Set([...existing.refs, ...m.refs])];
      continue;
    }
    const { kind, headTitle } = guessKind(name);
    let id = `${prefix}.${slugifyName(name).slice(0, 60).replace(/-$/, '')}`;
    for (let n = 2; taken.has(id); n++) id = `${prefix}.${slugifyName(name).slice(0, 56)}-${n}`;
    taken.add(id);
    // Line agencies, mass organisations, party bodies and (outside national directories) ministries are not part
    // of the issuing authority; escalation still goes to it.
    const outside = ['nganh-doc', 'doan-the', 'co-quan-dang'].includes(kind) || (kind === 'bo' && !isNational(doc));
    const parent = outside ? null : doc.issuingAuthorityId;
    byKey.set(key, {
      mention: m.text,
      refs: [...m.refs],
      unit: {
        id,
        name,
        kind,
        headTitle,
        parentId: parent,
        supervisorId: doc.issuingAuthorityId,
        aliases: [],
        note: `Proposed by "dondoc units adopt" from the mention "${m.text}"; check the kind, head and parent.`,
      },
    });
  }
  return [...byKey.values()];
}
