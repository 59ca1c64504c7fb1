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
  { re: /(?<![a-z])(?:hoan thanh|xong|ban hanh|trinh|bao cao)(?![a-z])/g, what: 'a completion verb' },
  { re: /(?<![a-z])(?:truoc|cham nhat(?: la)?(?: vao)?|han chot|den het|trong)(?![a-z])/g, what: 'a limit word' },
  { re: /(?<![a-z])(?:ngay|thang|quy|nam|tuan)(?![a-z])/g, what: 'a period word' },
  { re: /(?<![a-z])(?:dinh ky|hang|moi|thuong xuyen|lien tuc)(?![a-z])/g, what: 'a recurrence word' },
  { re: /(?<![a-z])(?:sau khi|khi co|ke tu|tu khi)(?![a-z])/g, what: 'an event word' },
];

/** One note: understood "…" (what); not understood "…": expected a date, a period, a recurrence or an event. */
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
    'expected a date (ngày 15/3/2026), a period (tháng 9/2026, Quý IV/2026, năm 2026), a recurrence (hằng tháng, 6 tháng/lần), an event (sau khi …, trong vòng 5 ngày làm việc kể từ …) or a reference (theo …)';
  if (understood.length === 0)
    return `not a deadline phrase: nothing understood in "${leftover || clean.slice(0, 120)}"; ${expected}`;
  return `understood ${understood.slice(0, 6).join(', ')}; not understood ${leftover ? `"${leftover}"` : 'anything after it'}: ${expected}`;
}

/** A date-like number that is no date: "35/13/2026", "Năm 2". */
function badDate(folded: string): string | null {
  const dmy = /(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2,4}))?(?!\d)/.exec(folded);
  if (dmy) {
    const [d, m] = [Number(dmy[1]), Number(dmy[2])];
    if (m < 1 || m > 12 || d < 1 || d > 31)
      return `"${dmy[0]}" is no day of the year: expected day/month/year with a month 1–12 and a day 1–31`;
  }
  const shortYear = /(?<![a-z])nam\s*(\d{1,3})(?!\d)\s*$/.exec(folded);
  if (shortYear) return `"${shortYear[1]}" is no year: expected a four-digit year (năm 2026); the text may be cut off`;
  if (/(?<![a-z])(?:hoan thanh|trong|truoc)\s*[a-z]{0,3}\s*$/.test(folded))
    return 'the text stops before its date: it may be cut off';
  return null;
}
