import {
  annexIssuer,
  annexNumber,
  chooseIssued,
  issuerOfCode,
  readIssuerBlock,
  readNumber,
  readStatedDates,
} from './metadata';
import type { DirectoryId } from './model';

export interface HeaderMeta {
  number: string | null;
  issuer: string;
  issued: string | null;
  title: string;
  years: number[];
  directory: DirectoryId;
  /** Where the date line leaves the day blank, when no other date is stated. */
  blankDate: { line: number; found: string } | null;
  /** What a reader should know about how the header was read (a blank day, an unreadable number). */
  notes: string[];
}

const VN_PLACES: [RegExp, string, DirectoryId][] = [
  [/^quận 1$/i, 'UBND Quận 1', 'hcm-q1'],
  [/^(thành phố )?hồ chí minh$|^tp\.? ?hcm$/i, 'UBND Thành phố Hồ Chí Minh', 'hcm'],
];

/** Reads the document header: "Số: 17/KH-UBND", "Quận 1, ngày 18 tháng 01 năm 2022", the KẾ HOẠCH title. */
export function readHeader(text: string): HeaderMeta {
  const head = text.slice(0, 20000).replace(/\*+/g, '\n');
  const flat = head.replace(/\s+/g, ' ');
  const notes: string[] = [];
  const read = readNumber(text.slice(0, 20000));
  const number = read.number ?? (read.code === null || read.note ? annexNumber(text) : null);
  if (read.note && !number) notes.push(read.note);
  const chosen = chooseIssued(readStatedDates(text.slice(0, 20000)));
  const issued = chosen.issued;
  if (chosen.note) notes.push(chosen.note);
  const dateMatch = /([A-ZĐÀ-Ỹa-zà-ỹđ0-9 .]{2,40}?),\s*ngày\s+(\d{1,2})?\s*tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u.exec(
    flat,
  );
  let place = '';
  if (dateMatch) {
    const [, p] = dateMatch;
    place = (p ?? '')
      .replace(/^.*?(Quận|Thành phố|TP\.?|Hà Nội|Đồng Tháp|Nghệ An|[A-ZĐ][a-zà-ỹ]+ [A-ZĐ][a-zà-ỹ]+$)/u, '$1')
      .trim();
  }
  const placeFold = place.replace(/\s+/g, ' ').trim();
  let issuer = placeFold ? `UBND ${placeFold}` : 'không rõ';
  let directory: DirectoryId = null;
  for (const [re, name, dir] of VN_PLACES) {
    const core = placeFold.replace(/^Thành phố /i, 'Thành phố ').replace(/^Thành phố Hồ Chí Minh$/i, 'Hồ Chí Minh');
    if (re.test(core) || re.test(placeFold)) {
      issuer = name;
      directory = dir;
    }
  }
  const byCode = issuerOfCode(read.code ?? number?.replace(/^[^/]*\//, '') ?? null);
  const block = directory === null ? readIssuerBlock(text.slice(0, 6000)) : null;
  if (byCode) {
    issuer = byCode;
    directory = null;
  } else if (block) {
    issuer = block;
  } else if (number && /UBND/.test(number) && directory === null && placeFold) {
    // The text names its own council: "Ủy ban nhân dân thành phố Cần Thơ" is a city, not a province.
    const kind = new RegExp(`(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\\s+(tỉnh|thành phố)\\s+${placeFold}`, 'iu').exec(
      text,
    );
    issuer = `UBND ${kind?.[1]?.toLowerCase() ?? 'tỉnh'} ${placeFold}`;
  } else if (issuer === 'không rõ') {
    issuer = annexIssuer(text) ?? issuer;
  }
  const title = readTitle(head);
  // Years the plan covers, not the dates of the documents it cites ("Nghị quyết số 57 ngày 22 tháng 12 năm 2024").
  const covered = withoutCitedDates(title);
  const all = [...(covered + ' ').matchAll(/(?:năm|giai đoạn)\s+(\d{4})(?:\s*[-–]\s*(\d{4}))?/g)].flatMap((m) =>
    [m[1], m[2]].filter((x): x is string => !!x).map(Number),
  );
  // A notice that reviews last year and assigns this year's work covers this year on.
  const issuedYear = issued ? Number(issued.slice(0, 4)) : null;
  const current = issuedYear === null ? all : all.filter((y) => y >= issuedYear);
  const years = current.length > 0 ? current : all;
  return { number, issuer, issued, title, years, directory, notes, blankDate: chosen.blank };
}

/** A title without the dates of the documents it cites. */
export function withoutCitedDates(title: string): string {
  return title
    .replace(/ngày\s*\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4}/giu, ' ')
    .replace(/ngày\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}/giu, ' ')
    .replace(/\d+\/\d{4}\/[A-ZĐ][\w-]*/gu, ' ');
}

function readTitle(head: string): string {
  const lines = head.split(/\r?\n/).map((l) => l.replace(/[|#]/g, '').trim());
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? '';
    const m = /^(K[ẾÉE] HO[ẠA]CH|QUY[ẾÉ]T Đ[ỊI]NH)(?![\p{L}])\s*(.*)$/u.exec(l);
    if (!m || !/^K/.test(l)) continue;
    const parts = [m[2] ?? ''];
    for (let j = i + 1; j < lines.length && j < i + 6; j++) {
      const n = lines[j] ?? '';
      if (!n) {
        if (parts.join('').trim()) break;
        continue;
      }
      if (parts.join('').trim() && /^\(|^Căn cứ|^Thực hiện|^Nhằm|^Để|^ỦY BAN|^I\.|^\d+\.\s/u.test(n)) break;
      parts.push(n);
    }
    const title = parts.join(' ').replace(/\s+/g, ' ').trim();
    if (title) return `Kế hoạch ${title.charAt(0).toLowerCase() === title.charAt(0) ? title : sentenceCase(title)}`;
  }
  return otherTitle(lines) ?? 'Kế hoạch';
}

const DOC_TYPES: [RegExp, string][] = [
  [/^QUY[ẾÉ]T Đ[ỊI]NH$/u, 'Quyết định'],
  [/^NGH[ỊI] QUY[ẾÉ]T$/u, 'Nghị quyết'],
  [/^TH[ÔO]NG B[ÁA]O$/u, 'Thông báo'],
  [/^CH[ỈI] TH[ỊI]$/u, 'Chỉ thị'],
  [/^CH[ƯU][ƠO]NG TR[ÌI]NH$/u, 'Chương trình'],
];

/** The title of a decision, resolution, notice or letter ("V/v …") when the document has no KẾ HOẠCH heading. */
function otherTitle(lines: string[]): string | null {
  for (let i = 0; i < lines.length; i++) {
    const l = (lines[i] ?? '').replace(/\*/g, '').trim();
    const type = DOC_TYPES.find(([re]) => re.test(l));
    const vv = /^V\/v\s*(.*)$/u.exec(l);
    if (!type && !vv) continue;
    const parts: string[] = vv ? [vv[1] ?? ''] : [];
    for (let j = i + 1; j < lines.length && j < i + 6; j++) {
      const n = (lines[j] ?? '').replace(/\*/g, '').trim();
      if (!n || /^[-–_—]{3,}/.test(n)) {
        if (parts.join('').trim()) break;
        continue;
      }
      if (/^(Căn cứ|Kính gửi|Thực hiện|Ngày \d|THỦ TƯỚNG|CHÍNH PHỦ|ỦY BAN|BỘ TRƯỞNG|CHỦ TỊCH)/u.test(n)) break;
      parts.push(n);
    }
    const text = parts.join(' ').replace(/\s+/g, ' ').trim();
    if (!text) continue;
    return vv ? `V/v ${text}` : `${type?.[1]} ${sentenceCase(text).replace(/^\p{Lu}/u, (c) => c.toLowerCase())}`;
  }
  return null;
}

function sentenceCase(text: string): string {
  if (text !== text.toUpperCase()) return text;
  const lower = text.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}
