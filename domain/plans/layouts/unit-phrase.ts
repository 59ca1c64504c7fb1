// Where a sentence names the unit it assigns: "Bộ Tài chính chủ trì, phối hợp với …", "Giao Sở Nội vụ:",
// "giao Công an tỉnh chủ trì …". A unit name runs from a word that opens agency names up to the verb ("Báo" opens a
// newspaper's name, "Báo cáo 6 tháng:" a report's).

const OPENER = String.raw`(?:Sở, ban, ngành|Sở, ngành|Bộ, ngành|Bộ|Sở|Ủy ban|Uỷ ban|UBND|Ban|Văn phòng|Thanh tra|Công an|Thuế|Hải quan|Cục|Tổng cục|Trung tâm|Viện|Ngân hàng|Kho bạc|Bảo hiểm|Đài|Báo(?!\s+cáo)|Hội|Liên đoàn|Liên minh|Mặt trận|Tỉnh đoàn|Thành đoàn|Đoàn|Bộ Chỉ huy|Bộ đội|Chi cục|Phòng|Các|Cơ quan|Hội đồng|Đại học|Trường|Tòa án|Viện kiểm sát|Kiểm toán|Thông tấn|Tập đoàn|Tổng công ty|Công ty|Chủ tịch|Giám đốc|Thủ trưởng|Người đứng đầu|Lãnh đạo|Đảng ủy|Đảng đoàn|Ban cán sự|Tổ công tác|Cục trưởng|Bộ trưởng)`;

/** Verbs that end a unit's name and start what it must do ("giao" but not the end of "Bộ Ngoại giao"). */
const VERB = String.raw`(?:chủ trì|phối hợp|khẩn trương|thực hiện|có trách nhiệm|chịu trách nhiệm|tiếp tục|tham mưu|nghiên cứu|xây dựng|hoàn thiện|hoàn thành|tổ chức(?!\s+(?:xã hội|chính trị|đoàn thể|phi chính phủ|quốc tế|tín dụng)(?![\p{L}]))|rà soát|chỉ đạo|hướng dẫn|theo dõi|làm việc|căn cứ|chủ động|triển khai|báo cáo|cập nhật|đôn đốc|kiểm tra|bố trí|ban hành|(?<!chương\s)trình|thống nhất|tập trung|đẩy mạnh|tăng cường|quán triệt|sửa đổi|bổ sung|đề xuất|xem xét|quyết định|phân công|(?<![Nn]goại\s)giao|đảm bảo|bảo đảm|tuyên truyền|phổ biến|cung cấp|công bố|công khai|lập|thẩm định|tổng hợp|gửi|hỗ trợ|huy động|nâng cao|quản lý|ưu tiên|phát huy|có văn bản|sớm|kịp thời|nghiêm túc|định kỳ|hằng|trong|là cơ quan|làm đầu mối|theo chức năng|quy định cụ thể)`;

const HEAD_UNIT = new RegExp(
  // several units joined by semicolons ("Các sở, ban, ngành …; UBND các huyện …") lead together
  String.raw`^(${OPENER}\s(?:[^:;()]|;\s(?=(?:${OPENER}|các)\s)){1,160}?)(?:\s*\([^)]*\))?\s*,?\s*(?=${VERB}(?![\p{L}]))`,
  'u',
);
const GIAO = new RegExp(
  String.raw`(?:^|[\s,;(])(?<!việc\s)(?:giao|đề nghị|yêu cầu)\s+(?:cho\s+)?(${OPENER}\s[^:;()]{1,110}?)(?:\s*\([^)]*\))?\s*(?:,\s*)?(?:(?=${VERB}(?![\p{L}]))|:|$)`,
  'iu',
);

function tidy(unit: string): string {
  return unit
    .replace(/\s+/g, ' ')
    .replace(/[\s,]+$/, '')
    .trim();
}

const WORDS = (s: string) => s.split(/\s+/).length;
/** Words that never sit inside an agency's name: the sentence has moved on to what is being done. */
const NOT_A_NAME = /(^|\s)(để|nhằm|thông báo|được|đã|sẽ|về việc|theo|tại|khi|nếu|cùng|yêu cầu|đề nghị)(\s|$)/u;
/** "Các cá nhân thuộc đối tượng tham gia …", "Người dân …": people, not a body that can be given a duty. */
const PEOPLE = /^(?:các\s+)?(?:cá nhân|người dân|nhân dân|công dân|tầng lớp)(?:\s|$)/iu;
const plausible = (unit: string, maxWords: number) =>
  WORDS(unit) <= maxWords && !NOT_A_NAME.test(unit) && !PEOPLE.test(unit);

/**
 * The unit a sentence opens with as its subject ("Bộ Tài chính chủ trì …"), or null. `maxWords` bounds the name: a
 * list of classes of units ("Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các tỉnh …") runs
 * longer than one unit's name.
 */
export function subjectUnit(sentence: string, maxWords?: number): string | null {
  const m = HEAD_UNIT.exec(sentence.trim());
  if (!m?.[1]) return null;
  const unit = tidy(m[1]);
  return plausible(unit, maxWords ?? (/;/.test(unit) ? 24 : 16)) ? unit : null;
}

/**
 * "Hàng năm, các bộ, ngành và Ủy ban nhân dân các tỉnh … báo cáo kết quả …", "Định kỳ 6 tháng, Sở X tổng hợp …": a
 * sentence that opens with when and then names its subject. Returns the unit, or null.
 */
export function timeLedSubject(sentence: string): string | null {
  const m =
    /^(?:định kỳ\s+)?(?:(?:\d{1,2}|sáu)\s+tháng\s*(?:,|và)\s*)?(?:hằng|hàng)\s+(?:tuần|tháng|quý|năm)\s*,\s*(\S.*)$/iu.exec(
      sentence.trim(),
    );
  const rest = m?.[1];
  return rest ? subjectUnit(rest.charAt(0).toUpperCase() + rest.slice(1)) : null;
}

/** The unit a sentence assigns with "giao"/"đề nghị"/"yêu cầu" within its first `within` characters, or null. */
export function assignedUnit(sentence: string, within = 160): string | null {
  const m = GIAO.exec(sentence);
  if (!m?.[1] || m.index > within) return null;
  const unit = tidy(m[1]);
  return plausible(unit, 14) ? unit : null;
}

/**
 * The units a request addresses at the end of a paragraph that opens a list: "Bộ Tài chính đề nghị các Bộ, cơ quan
 * ngang bộ (sau đây gọi là …) và Ủy ban nhân dân các tỉnh … tập trung chỉ đạo …; trong đó lưu ý các nhiệm vụ … sau:".
 */
export function requestedUnits(paragraph: string): string | null {
  if (!/:$/.test(paragraph.trim())) return null;
  const bare = paragraph.replace(/\s*\([^)]*\)/g, '');
  const m = new RegExp(
    String.raw`(?:^|[\s,;])(?:đề nghị|yêu cầu)\s+(${OPENER}\s[^:;]{1,200}?)\s*,?\s*(?=${VERB}(?![\p{L}]))`,
    'iu',
  ).exec(bare);
  if (!m?.[1]) return null;
  const unit = tidy(m[1]);
  return plausible(unit, 30) ? unit.charAt(0).toUpperCase() + unit.slice(1) : null;
}

/** "Tài sản kết cấu hạ tầng đô thị - Bộ Xây dựng.": a listed duty followed by its unit after a dash. */
export function trailingUnit(text: string): { duty: string; unit: string } | null {
  const m = new RegExp(String.raw`^(.{10,}?)\s+[-–—]\s+(${OPENER}\s[^;:()]{2,80}?)[.;]?$`, 'u').exec(text.trim());
  if (!m?.[1] || !m[2] || !plausible(m[2], 10)) return null;
  return { duty: m[1].trim(), unit: tidy(m[2]) };
}

/** A line that is only a unit's name ("3. Sở Tư pháp", "Giao Sở Nội vụ:"), heading the duties below it. */
export function headingUnit(text: string): string | null {
  const t = text
    .trim()
    .replace(/[:.]$/, '')
    .replace(/\s*\([^)]*\)/g, '')
    .trim();
  // "Trách nhiệm của các sở, ban, ngành, UBND các xã": the duties below belong to those units.
  // "Đối với các Bộ quản lý chuyên ngành": the duties listed below are theirs.
  // "Trách nhiệm Tổ công tác triển khai Đề án 06" leaves out the "của".
  const giao =
    /^(?:giao|đề nghị|yêu cầu|trách nhiệm(?: chung)?(?: của)?|nhiệm vụ của|đối với)\s+(?:cho\s+)?(.+)$/iu.exec(t);
  const named = (giao?.[1] ?? t).replace(/\s+(chủ trì|thực hiện)(,.*)?$/u, '').trim();
  const core = named.charAt(0).toUpperCase() + named.slice(1);
  if (!new RegExp(`^${OPENER}\\s`, 'u').test(core)) return null;
  // "Trách nhiệm của các bộ, cơ quan ngang bộ; Ủy ban nhân dân các tỉnh …": the units it names, together
  const owners = giao && /^trách nhiệm/iu.test(t) && /;/.test(core);
  if (!plausible(core, owners ? 24 : 14) || (/[;]/.test(core) && !owners)) return null;
  if (new RegExp(`\\s${VERB}\\s`, 'u').test(` ${core} `.replace(/^ \S+ /, ' ')) && !giao) return null;
  return core.replace(/\s*\([^)]*\)\s*$/, '').trim() || null;
}

/** Splits "Sở X chủ trì, phối hợp với Sở Y, Sở Z" into the lead and the support. */
export function splitLeadSupport(text: string): { lead: string; support: string } {
  const t = text.replace(/\s+/g, ' ').trim().replace(/[.;]$/, '');
  const m =
    /^(.*?)\s*(?:chủ trì|là cơ quan chủ trì)\s*,?\s*(?:(?:và\s+)?phối hợp(?:\s+(?:chặt chẽ\s+)?với)?\s+(.*))?$/iu.exec(
      t,
    );
  if (m && m[1]) return { lead: m[1].replace(/,$/, '').trim(), support: (m[2] ?? '').trim() };
  return { lead: t, support: '' };
}
