// Page furniture and closing blocks: text that frames a document and never holds a task.

/** "Nơi nhận:", the distribution list that opens a document's closing block. */
export const CLOSING = /^\W*(\*|_)*\s*(Nơi nhận|N[ơo]i nh[ậa]n)\s*(\*|_)*\s*:?/iu;

const FURNITURE: RegExp[] = [
  /^\s*[-–]?\s*\d{1,3}\s*[-–]?\s*$/, // page numbers
  /^\s*(trang|page)\s+\d+/i,
  /^\s*=+\s*(Trang|Page)\s+\d+\s*=+\s*$/iu, // OCR page markers
  /^\W*(\S+\s+){0,8}(https?:\/\/|www\.)\S+\W*$/i, // website footers: a short line around a web address
  /^.{0,80}(^|[\s(])(e-?mail|điện thoại|fax|đt|sđt)\s*:.{0,80}$/iu,
  /^\s*(ký bởi|cơ quan|thời gian ký|người ký)\s*:/i, // digital-signature stamps
  /^\s*CÔNG BÁO\b.*(Số|số)\s+\d+/u, // Công báo page headers
  /^\s*(KT|TM|TL|Q|TUQ)\s*\.\s*[\p{Lu} ]+$/u, // signature block: "KT. BỘ TRƯỞNG"
  /^\s*(THỦ TƯỚNG|PHÓ THỦ TƯỚNG|BỘ TRƯỞNG|THỨ TRƯỞNG|CHỦ TỊCH|PHÓ CHỦ TỊCH|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|CHÁNH VĂN PHÒNG|TRƯỞNG BAN|PHÓ TRƯỞNG BAN)\s*$/u,
  /^\s*\(?(đã ký|Đã ký|ký tên, đóng dấu)\)?\s*$/u,
  /^\s*\[\^?\d+\]:/, // footnote bodies
  /^\s*\|?\s*-{3,}/,
];

/** A line that frames the page (page number, footer, signature, Công báo header) and is never a task. */
export function isFurniture(line: string): boolean {
  return FURNITURE.some((re) => re.test(line));
}

/** The index of the first line of the closing block ("Nơi nhận"), or the document's length. */
export function closingLine(lines: string[], from = 0): number {
  for (let i = from; i < lines.length; i++) {
    const l = (lines[i] ?? '').replace(/^\s*\|\s*/, '');
    if (CLOSING.test(l)) return i;
  }
  return lines.length;
}
