/**
 * The error for a phrase that cannot be read: which words were understood (a deadline cue, a period word, a
 * number) and which part was not, with what was expected there. Works on the folded text; quotes the clean text.
 */

interface Known {
  re: RegExp;
  what: string;
}

/** Words of the deadline language, and what each one would need after it. */
const KNOWN: Known[] = [
  { re: /(?<![a-z])(?:hoan thanh|xong|ban hanh|trinh|bao cao)(?![a-z])/g, what: 'từ chỉ việc hoàn thành' },
  { re: /(?<![a-z])(?:truoc|cham nhat(?: la)?(?: vao)?|han chot|den het|trong)(?![a-z])/g, what: 'từ chỉ hạn' },
  { re: /(?<![a-z])(?:ngay|thang|quy|nam|tuan)(?![a-z])/g, what: 'từ chỉ kỳ' },
  { re: /(?<![a-z])(?:dinh ky|hang|moi|thuong xuyen|lien tuc)(?![a-z])/g, what: 'từ chỉ định kỳ' },
  { re: /(?<![a-z])(?:sau khi|khi co|ke tu|tu khi)(?![a-z])/g, what: 'từ chỉ sự kiện' },
];

/** One note, in Vietnamese: đã hiểu "…" (what it is); chưa hiểu "…": what was expected there. */
export function unreadable(clean: string, folded: string): string {
  const marks = new Array<boolean>(folded.length).fill(false);
  const understood: string[] = [];
  for (const { re, what } of KNOWN) {
    for (const m of folded.matchAll(re)) {
      for (let i = m.index; i < m.index + m[0].length; i++) marks[i] = true;
      understood.push(`"${clean.slice(m.index, m.index + m[0].length)}" (${what})`);
    }
  }
  // The rest, as runs of unmarked characters that hold a letter or a digit.
  const rest: string[] = [];
  let run = '';
  for (let i = 0; i <= folded.length; i++) {
    if (i < folded.length && !marks[i]) run += clean[i] ?? '';
    else {
      if (/[\p{L}\d]/u.test(run)) rest.push(run.trim());
      run = '';
    }
  }
  const leftover = rest.join(' … ').slice(0, 120);
  const bad = badDate(folded);
  const expected =
    bad ??
    'cần một ngày (ngày 15/3/2026), một kỳ (tháng 9/2026, Quý IV/2026, năm 2026), một định kỳ (hằng tháng, 6 tháng/lần), một sự kiện (sau khi …, trong vòng 5 ngày làm việc kể từ …) hoặc một văn bản (theo …)';
  if (understood.length === 0)
    return `không phải câu chỉ thời hạn: không hiểu được "${leftover || clean.slice(0, 120)}"; ${expected}`;
  return `đã hiểu ${understood.slice(0, 6).join(', ')}; chưa hiểu ${leftover ? `"${leftover}"` : 'phần sau đó'}: ${expected}`;
}

/** A date-like number that is no date: "35/13/2026", "Năm 2". */
function badDate(folded: string): string | null {
  const dmy = /(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2,4}))?(?!\d)/.exec(folded);
  if (dmy) {
    const [d, m] = [Number(dmy[1]), Number(dmy[2])];
    if (m < 1 || m > 12 || d < 1 || d > 31)
      return `"${dmy[0]}" không phải ngày có thật: cần ngày/tháng/năm, tháng từ 1 đến 12, ngày từ 1 đến 31`;
  }
  const shortYear = /(?<![a-z])nam\s*(\d{1,3})(?!\d)\s*$/.exec(folded);
  if (shortYear) return `"${shortYear[1]}" không phải năm: cần năm bốn chữ số (năm 2026); văn bản có thể bị cắt`;
  if (/(?<![a-z])(?:hoan thanh|trong|truoc)\s*[a-z]{0,3}\s*$/.test(folded))
    return 'văn bản dừng trước khi có ngày: có thể bị cắt';
  return null;
}
