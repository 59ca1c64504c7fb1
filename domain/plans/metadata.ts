// Where a Vietnamese administrative document states who issued it, under which number and when: the "Số:" line
// (OCR-tolerant), the place-and-date line, a digital-signature stamp, an annex caption ("kèm theo Quyết định số …
// ngày …"), the agency block in the top-left corner, and the title ("giai đoạn 2026–2030", "đến năm 2030").

/** A date as the document gives it: complete, or with only the month and year (a draft's blank day). */
export interface StatedDate {
  iso: string | null;
  year: number;
  month: number | null;
  day: number | null;
  /** Where it was read: 'place-date' line, 'signature' stamp, 'annex' caption. */
  source: 'place-date' | 'signature' | 'annex';
  line: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const validDate = (y: number, m: number, d: number) => {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
};
const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** OCR confusions inside a number: Ø/O → 0, l/I → 1. */
function ocrDigits(s: string): string {
  return s.replace(/[ØOo]/g, '0').replace(/[lI|]/g, '1');
}

/** The document number from its "Số:" line: "17/KH-UBND", "9389 /BNNMT-BĐKH"; blank or unreadable → null. */
export function readNumber(head: string): { number: string | null; code: string | null; note: string | null } {
  const re =
    /(?:^|[\s|*>(])S[ốôoóồỐO6]\s*(?:hiệu)?\s*(?:[:;.]|(?=\d))\s*([0-9A-Za-zØ]{0,8})\s*\/\s*((?:[A-ZĐ]{1,8})(?:\s*[-–]\s*[A-ZĐ][A-ZĐa-zđ0-9&]*)*)/u;
  const m = re.exec(head);
  if (!m) return { number: null, code: null, note: null };
  const code = (m[2] ?? '').replace(/\s*[-–]\s*/g, '-');
  const digits = ocrDigits(m[1] ?? '');
  if (!digits) return { number: null, code, note: `the "Số:" line has no number (…/${code}): a draft?` };
  if (!/^\d+[a-z]?$/.test(digits)) {
    // A scan's text names the scanned file, whose name carries the number with the same code ("CV-8388-BTC-QLCS-…").
    const named = fileNamedNumber(head, code);
    if (named) return { number: named, code, note: null };
    return { number: null, code, note: `the number on the "Số:" line is unreadable ("${m[1]}/${code}")` };
  }
  return { number: `${digits}/${code}`, code, note: null };
}

/** "8388" from a file name such as "CV-8388-BTC-QLCS-19-6-2026.pdf" stated in the text, for the code "BTC-QLCS". */
function fileNamedNumber(head: string, code: string): string | null {
  const fold = (t: string) =>
    t
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'D');
  const parts = fold(code)
    .split('-')
    .map((p) => p.replace(/[^A-Za-z0-9&]/g, ''));
  if (parts.some((p) => !p)) return null;
  const re = new RegExp(
    `(?:^|[\\s/_(-])(?:[A-Z]{1,4}[-_])?(\\d{1,6})[-_]${parts.join('[-_]')}[-_][^\\s]*\\.(?:pdf|docx?|txt)`,
    'i',
  );
  const m = re.exec(fold(head));
  return m?.[1] ? `${m[1]}/${code}` : null;
}

/** Every date the header states, best first: place-and-date line, signature stamp, annex caption. */
export function readStatedDates(head: string): StatedDate[] {
  const out: StatedDate[] = [];
  // The place-and-date line sits in the header, before the preamble ("Căn cứ …") quotes other documents' dates.
  const preamble = head.search(/\n\s*(?:[-*#|]\s*)*(Căn cứ|Kính gửi)/u);
  const flat = (preamble > 0 ? head.slice(0, preamble) : head.slice(0, 4000)).replace(/\*+/g, ' ');
  const placeDate =
    /([\p{L}][\p{L}\d .]{1,40}?),\s*ngày\s*(\d{1,2}|[\s/_.…]*)\s*tháng\s*(\d\s?\d?|[\s/_.…]*)\s*năm\s*(\d{4})/gu;
  for (const m of flat.matchAll(placeDate)) {
    if (/^\s*(căn cứ|theo|tại|số)\b/iu.test(m[1] ?? '')) continue;
    const y = Number(m[4]);
    const mo = Number((m[3] ?? '').replace(/\s/g, '')) || null;
    const d = Number((m[2] ?? '').trim()) || null;
    const complete = mo !== null && d !== null && validDate(y, mo, d);
    out.push({
      iso: complete && mo && d ? `${y}-${pad(mo)}-${pad(d)}` : null,
      year: y,
      month: mo,
      day: complete ? d : null,
      source: 'place-date',
      line: lineAt(flat, m.index ?? 0),
    });
    break;
  }
  const stamp = /Thời gian ký\s*:\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/u.exec(head);
  if (stamp) {
    const [d, mo, y] = [Number(stamp[1]), Number(stamp[2]), Number(stamp[3])];
    if (validDate(y, mo, d))
      out.push({
        iso: `${y}-${pad(mo)}-${pad(d)}`,
        year: y,
        month: mo,
        day: d,
        source: 'signature',
        line: lineAt(flat, stamp.index),
      });
  }
  const annex =
    /(?:^|\n)\W*(?:Ban hành\s+)?kèm theo\s+(?:Quyết định|Kế hoạch|Nghị quyết|Chỉ thị|Công văn|Thông báo)\s+số\s*([0-9]+\s*\/\s*[A-ZĐ][A-ZĐa-zđ0-9\-–]*)\s*ngày\s*(\d{1,2})\s*(?:tháng|\/)\s*(\d{1,2})\s*(?:năm|\/)\s*(\d{4})/iu.exec(
      head.replace(/[ \t]+/g, ' '),
    );
  if (annex) {
    const [d, mo, y] = [Number(annex[2]), Number(annex[3]), Number(annex[4])];
    if (validDate(y, mo, d))
      out.push({ iso: `${y}-${pad(mo)}-${pad(d)}`, year: y, month: mo, day: d, source: 'annex', line: 0 });
  }
  return out;
}

/**
 * The issuer an annex caption names, "(Kèm theo Kế hoạch số …/KH-STTTT ngày … của Sở Thông tin và Truyền thông tỉnh
 * Đắk Nông)": for a document whose header block is lost. The signer's title (Chủ tịch…) is not the issuer.
 */
export function annexIssuer(text: string): string | null {
  const m =
    /kèm theo\s+(?:Quyết định|Kế hoạch|Nghị quyết|Chỉ thị|Công văn|Thông báo)\s+số[^()\n]{0,80}?\bcủa\s+([^()\n]{3,120}?)\s*\)/iu.exec(
      text,
    );
  if (!m?.[1]) return null;
  const name = m[1]
    .replace(/[*_]/g, '')
    .replace(/^(?:Chủ tịch|Bộ trưởng|Giám đốc|Trưởng ban)\s+/iu, '')
    .replace(/^(?:Ủy ban nhân dân|Uỷ ban nhân dân)\s+/iu, 'UBND ')
    .replace(/\s+/g, ' ')
    .trim();
  return name || null;
}

/** The number of the decision an annex belongs to ("kèm theo Quyết định số 844/QĐ-TTg ngày …"), or null. */
export function annexNumber(text: string): string | null {
  const m =
    /(?:^|\n)\W*(?:Ban hành\s+)?kèm theo\s+(?:Quyết định|Kế hoạch|Nghị quyết|Chỉ thị|Công văn|Thông báo)\s+số\s*([0-9]+)\s*\/\s*([A-ZĐ][A-ZĐa-zđ0-9\-–]*)/iu.exec(
      text.replace(/[ \t]+/g, ' '),
    );
  return m ? `${m[1]}/${(m[2] ?? '').replace(/–/g, '-')}` : null;
}

/**
 * The issue date: the first complete stated date, else null. A draft's blank day ("ngày   tháng 6 năm 2026") is
 * not guessed: `blank` says where it is, so the import can ask for the real date.
 */
export function chooseIssued(dates: StatedDate[]): {
  issued: string | null;
  note: string | null;
  blank: { line: number; found: string } | null;
} {
  const complete = dates.find((d) => d.iso !== null);
  if (complete?.iso) return { issued: complete.iso, note: null, blank: null };
  const partial = dates.find((d) => d.month !== null);
  if (partial?.month) {
    const found = `tháng ${partial.month} năm ${partial.year}`;
    return {
      issued: null,
      note: `the date line gives no day (${found}, line ${partial.line})`,
      blank: { line: partial.line, found },
    };
  }
  return { issued: null, note: null, blank: null };
}

const LOWER_WORDS = new Set([
  'và',
  'của',
  'về',
  'các',
  'tỉnh',
  'thành',
  'phố',
  'xã',
  'phường',
  'huyện',
  'quận',
  'đặc',
  'khu',
  'thị',
]);
const PROPER = new Map([
  ['VIỆT NAM', 'Việt Nam'],
  ['CHÍNH PHỦ', 'Chính phủ'],
  ['QUỐC HỘI', 'Quốc hội'],
  ['TRUNG ƯƠNG', 'Trung ương'],
]);
const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

/** "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG" → "Bộ Tài nguyên và Môi trường"; places after tỉnh/xã… in title case. */
export function agencyCase(upper: string): string {
  let text = upper.replace(/\s+/g, ' ').trim();
  for (const [k, v] of PROPER) text = text.replace(new RegExp(k, 'gu'), v);
  const words = text.split(' ');
  const out: string[] = [];
  let place = false;
  let startOfName = true;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (w !== w.toUpperCase()) {
      out.push(w);
      startOfName = false;
      continue;
    }
    const lw = w.toLowerCase();
    if (i > 0 && !/[AEIOUY]/.test(w.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))) {
      out.push(w); // an acronym: MTTQ, CĐS
      continue;
    }
    if (place) {
      out.push(cap(w));
      continue;
    }
    if (['tỉnh', 'xã', 'phường', 'huyện', 'quận'].includes(lw) || (lw === 'phố' && out[out.length - 1] === 'thành')) {
      out.push(lw);
      place = true;
      continue;
    }
    if (LOWER_WORDS.has(lw)) {
      out.push(lw);
      if (lw === 'và') startOfName = true;
      continue;
    }
    out.push(startOfName || i === 0 ? cap(w) : lw);
    startOfName = false;
    if (i === 0 || ['bộ', 'sở', 'ban', 'cục', 'viện', 'phòng'].includes(lw)) startOfName = true;
  }
  return out
    .join(' ')
    .replace(/^Ủy Ban/u, 'Ủy ban')
    .replace(/^Uỷ Ban/u, 'Ủy ban');
}

const OPENERS =
  /(THỦ TƯỚNG CHÍNH PHỦ|VĂN PHÒNG CHÍNH PHỦ|CHÍNH PHỦ|(?:Ủ|U)Y BAN NHÂN DÂN|UBND|(?:Ủ|U)Y BAN MTTQ|(?:Ủ|U)Y BAN MẶT TRẬN|BỘ (?!ĐỘI)|SỞ |BAN |TỔNG CỤC |CỤC |VĂN PHÒNG |HỘI ĐỒNG NHÂN DÂN|HĐND|THANH TRA |KIỂM TOÁN |NGÂN HÀNG |BẢO HIỂM XÃ HỘI)/gu;

/** The issuing agency from the block above the national motto, in its usual case; null when none. */
export function readIssuerBlock(head: string): string | null {
  const lines = head.split(/\r?\n/).slice(0, 40);
  const kept: string[] = [];
  for (const line of lines) {
    const stop = line.search(/Căn cứ|Kính gửi|V\/v/u);
    const raw = stop >= 0 ? line.slice(0, stop) : line;
    if (/^\s*#|<!--|^\s*\*?Source:/u.test(raw)) continue; // a crawler's title or source note, not the header
    kept.push(
      raw
        .replace(/<br\s*\/?>/gi, ' ')
        .replace(/CÔNG BÁO\/.*$/u, ' ')
        .replace(/S[ốo]\s*:.*$/u, ' ')
        .replace(/(Ký bởi|Cơ quan|Thời gian ký)\s*:.*$/u, ' '),
    );
    if (stop >= 0) break;
  }
  const joined = kept
    .join(' ')
    .replace(/[|*#_]/g, ' ')
    .replace(/-{2,}|–{2,}|\/ \/ \//g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/C[OỘ]NG H(?:OÀ|ÒA|OA) X[AÃ] H[OỘ]I CH[UỦ] NGH[IĨ]A VI[EỆ]T NAM/giu, ' ')
    .replace(/Độc lập\s*[-–]\s*Tự do\s*[-–]?\s*Hạnh phúc/giu, ' ')
    .replace(/\b(KẾ HOẠCH|THÔNG BÁO|QUYẾT ĐỊNH|NGHỊ QUYẾT|CÔNG VĂN|CHỈ THỊ|BAN HÀNH)\b.*$/u, ' ');
  const upperRun = joined
    .split(' ')
    .filter((w) => w !== '')
    .reduce<string[][]>((runs, w) => {
      const cur = runs[runs.length - 1];
      const inRun = cur !== undefined && cur.length > 0 && cur[cur.length - 1] !== '\u0000';
      const isUpper = (/\p{Lu}/u.test(w) && w === w.toUpperCase()) || (inRun && /^\d+,?$/.test(w));
      if (isUpper && cur && cur.length > 0 && cur[cur.length - 1] !== '\u0000') cur.push(w);
      else if (isUpper) runs.push([w]);
      else runs.push(['\u0000']);
      return runs;
    }, [])
    .map((r) => r.filter((w) => w !== '\u0000').join(' '))
    .filter((r) => r.split(' ').length >= 2);
  for (const run of upperRun) {
    const starts = [...run.matchAll(OPENERS)].map((m) => m.index ?? 0);
    if (starts.length === 0) continue;
    const first = run.slice(starts[0]).trim();
    if (/^(QUYẾT ĐỊNH|KẾ HOẠCH|THÔNG BÁO|NGHỊ QUYẾT)/u.test(first)) continue;
    const parts = starts.map((s, i) => run.slice(s, starts[i + 1] ?? run.length).trim());
    const formatted = parts.map((p) => issuerName(p));
    if (formatted.length >= 2 && /^UBND (tỉnh|thành phố) /u.test(formatted[0] ?? '')) {
      // "UBND THÀNH PHỐ HÀ NỘI / SỞ VĂN HÓA VÀ THỂ THAO": the department, named with its province.
      const place = (formatted[0] ?? '').replace(/^UBND (tỉnh|thành phố) /u, '');
      return `${formatted.slice(1).join(' ')} ${place}`.trim();
    }
    if (formatted.length >= 2 && formatted[formatted.length - 1]?.startsWith('Ban ')) {
      return `${formatted[formatted.length - 1]} ${formatted.slice(0, -1).join(' ')}`;
    }
    return formatted.join(' ');
  }
  return null;
}

function issuerName(upper: string): string {
  const u = upper.replace(/\s+/g, ' ').trim();
  if (/^THỦ TƯỚNG CHÍNH PHỦ/u.test(u)) return 'Thủ tướng Chính phủ';
  const ubnd = /^(?:(?:Ủ|U)Y BAN NHÂN DÂN|UBND)\s*(.*)$/u.exec(u);
  if (ubnd) {
    const rest = agencyCase(ubnd[1] ?? '');
    return `UBND ${rest.charAt(0) === rest.charAt(0).toUpperCase() && !/^(Tỉnh|Thành|Xã|Huyện|Quận|Phường)/u.test(rest) ? rest : rest.replace(/^(Tỉnh|Thành Phố|Xã|Huyện|Phường)/u, (w) => w.toLowerCase())}`.trim();
  }
  return agencyCase(u);
}

/** The issuer implied by a document code: "/QĐ-TTg" is the Prime Minister's, "/NQ-CP" the Government's. */
export function issuerOfCode(code: string | null): string | null {
  if (!code) return null;
  if (/-TTg$/u.test(code)) return 'Thủ tướng Chính phủ';
  if (/-CP$/u.test(code)) return 'Chính phủ';
  if (/-VPCP$/u.test(code)) return 'Văn phòng Chính phủ';
  return null;
}

/** The period a title states: "giai đoạn 2026–2030", "2021 - 2025", "đến năm 2030" (from the issue date), "năm 2026". */
export function periodOfTitle(title: string, issued: string | null): { from: string; to: string } | null {
  const range = /(?:giai đoạn|thời kỳ|từ năm|năm)?\s*(\d{4})\s*(?:[-–—]|đến(?: năm)?)\s*(\d{4})/iu.exec(title);
  if (range && Number(range[2]) > Number(range[1])) return { from: `${range[1]}-01-01`, to: `${range[2]}-12-31` };
  const until = /(?:đến|tới) năm\s*(\d{4})/iu.exec(title);
  if (until && issued && Number(until[1]) >= Number(issued.slice(0, 4)))
    return { from: issued, to: `${until[1]}-12-31` };
  return null;
}
