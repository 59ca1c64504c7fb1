// The deadline a sentence states inline ("… trình Thủ tướng Chính phủ trước ngày 20 tháng 10 năm 2024",
// "hoàn thành trong tháng 02/2026", "chậm nhất vào ngày 05 hằng tháng", "trong thời hạn 06 tháng kể từ …").
// The phrase is handed to the deadline reader as written; this only finds where it is.

const D = String.raw`(?:\d{1,2}(?:\s*[/.-]\s*\d{1,2})?(?:\s*[/.-]\s*\d{4})?)`;
const MONTH = String.raw`tháng\s*\d{1,2}(?:\s*(?:[/.-]|năm)\s*\d{4})?`;
const QUARTER = String.raw`(?:quý|quí)\s*(?:[IV]{1,3}|[1-4])(?:\s*(?:[/.-]|năm)\s*\d{4})?`;
const YEAR = String.raw`năm\s*\d{4}`;
const DAY = String.raw`ngày\s*${D}(?:\s*tháng\s*\d{1,2})?(?:\s*năm\s*\d{4})?(?:\s*(?:hằng|hàng)\s*(?:tuần|tháng|quý|năm))?`;
const WHEN = String.raw`(?:${DAY}|${MONTH}|${QUARTER}|${YEAR})`;

/** Phrases, strongest first: a dated limit, a recurring one, one relative to an event, ongoing work. */
const PATTERNS: RegExp[] = [
  new RegExp(String.raw`(?:trước|chậm nhất(?:\s+(?:là|vào|trước))?|không (?:muộn|chậm) hơn|hạn chót)\s+${WHEN}`, 'iu'),
  new RegExp(
    String.raw`(?:hoàn thành|xong|ban hành|trình|báo cáo|tổ chức|thực hiện)\s+(?:trong|vào|trước|từ)\s+${WHEN}(?:\s*(?:và|,)\s*${WHEN})?`,
    'iu',
  ),
  // "… các trường thông tin cần khai thác (Quý III/2025).": the item's time in brackets at its end
  new RegExp(String.raw`\((?:(?:từ|trong|trước)\s+)?(?:${MONTH}|${QUARTER}|${YEAR})\)(?=\s*[.;]?\s*$)`, 'iu'),
  // "đến năm 2030" alone is usually part of a programme's name ("Chiến lược … đến năm 2030"), not a limit.
  new RegExp(
    String.raw`(?:trong|đến hết|vào)\s+(?:${MONTH}|${QUARTER}|${YEAR}|${DAY})|đến\s+(?:${MONTH}|${QUARTER}|${DAY})`,
    'iu',
  ),
  new RegExp(
    String.raw`(?:định kỳ\s+)?(?:trước\s+\d{1,2}\s*giờ\s+)?(?:ngày\s+thứ\s+\S+\s+)?(?:hằng|hàng)\s+(?:tuần|tháng|quý|năm)`,
    'iu',
  ),
  /định kỳ\s+(?:\d+\s+tháng|6 tháng|06 tháng)/iu,
  /(?:trong (?:thời hạn|vòng)|chậm nhất(?: là)?)\s+\d+\s+(?:ngày(?: làm việc)?|tháng)(?:\s+(?:kể từ|sau khi|từ khi)\s+[^,;.]{3,80})?/iu,
  /thường xuyên|liên tục/iu,
];

/** The deadline phrase a sentence states, or '' when it states none. */
export function inlineDeadline(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  for (const re of PATTERNS) {
    const m = re.exec(flat);
    if (!m) continue;
    const phrase = m[0]
      .trim()
      .replace(/^\(|\)$/g, '')
      .replace(/[,;:.]+$/, '');
    // "định kỳ hằng tháng báo cáo …, gửi Bộ Tài chính trước ngày 25": a day of the period the sentence names
    const period = /ngày\s*\d{1,2}$/u.test(phrase) ? /(?:hằng|hàng)\s+(tháng|quý)/iu.exec(flat) : null;
    return period ? `${phrase} hằng ${period[1]}` : phrase;
  }
  return '';
}
