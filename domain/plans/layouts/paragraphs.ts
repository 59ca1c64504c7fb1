import { cleanCell } from '../raw';
import { CLOSING, isFurniture } from './furniture';

/** A paragraph of running text: hard-wrapped lines (pdftotext, Công báo) joined back, with its list marker. */
export interface Paragraph {
  text: string;
  /** The marker's text without punctuation ("II", "2.1", "a", "3", "-"), or '' for none. */
  marker: string;
  /** 0 roman, 1–3 "1." / "1.1." / "1.1.1.", 3.5 "(1)", 4 "a)", 5 dash/bullet, 9 none. */
  level: number;
  /** The text after the marker. */
  rest: string;
  line: number;
  endLine: number;
}

const MARK = /^(?:([IVXLC]+)\.|(\d{1,2}(?:\.\d{1,2}){0,3})[.)]|([a-zđ])\)|\((\d{1,2}|[a-zđ])\)|([-–+•*]))\s*(?=\S)/u;

/** The list marker of a paragraph and its level. */
export function markerOf(text: string): { marker: string; level: number; rest: string } {
  const m = MARK.exec(text);
  if (!m) return { marker: '', level: 9, rest: text };
  const rest = text.slice(m[0].length).trim();
  if (m[1]) return { marker: m[1], level: 0, rest };
  if (m[2]) return { marker: m[2], level: m[2].split('.').length, rest };
  if (m[3]) return { marker: m[3], level: 4, rest };
  if (m[4]) return { marker: m[4], level: 3.5, rest };
  return { marker: '-', level: 5, rest };
}

/** A title that opens a document or an annex: the body resumes after a closing block. */
const DOC_TITLE = /^\W*(KẾ HOẠCH|PHỤ LỤC|CHƯƠNG TRÌNH|DANH MỤC|ĐỀ ÁN|QUY CHẾ|NHIỆM VỤ|BẢNG)(?![\p{Ll}])/u;

/**
 * Whether the text is hard-wrapped (PDF text, antiword, Công báo): its lines stop at a page width, so hardly any
 * runs past 120 characters. Text exported one paragraph per line (markdown, docx→text) has many longer lines, and a
 * line of 55–110 characters there is a short paragraph (a heading), not a filled line.
 */
export function isHardWrapped(lines: string[]): boolean {
  const text = lines.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('|'));
  return text.filter((l) => l.length > 120).length < 0.1 * text.length;
}

const indentOf = (line: string) => /^[ \t]*/.exec(line)?.[0].length ?? 0;

/**
 * Whether paragraphs are marked by a first-line indent (antiword, pdftotext -layout): a paragraph's first line is
 * indented and the lines it wraps onto start flush left, so a flush-left line right under an indented one goes on
 * with it ("… UBND cấp huyện;" / "02 bài của …"), unless a clause ended there and a capital opens the next one.
 */
export function hasFirstLineIndent(lines: string[]): boolean {
  let text = 0;
  let flushUnderIndented = 0;
  lines.forEach((l, i) => {
    if (l.trim() === '') return;
    text++;
    const prev = lines[i - 1] ?? '';
    if (prev.trim() !== '' && indentOf(prev) >= 3 && indentOf(l) === 0) flushUnderIndented++;
  });
  return text > 0 && flushUnderIndented >= 0.1 * text;
}

/**
 * The document's running text as paragraphs, without page furniture and without closing blocks ("Nơi nhận" up to
 * the next annex title). A line starting in lowercase continues the previous one (hard wraps of PDF text).
 */
export function paragraphsOf(lines: string[]): Paragraph[] {
  const out: Paragraph[] = [];
  let closing = false;
  const hardWrapped = isHardWrapped(lines);
  const firstLineIndent = hasFirstLineIndent(lines);
  lines.forEach((raw, i) => {
    const stripped = raw
      .replace(/^\s*#+\s*/, '')
      .replace(/\*\*/g, '')
      .replace(/^\s*\|\s*/, '');
    if (CLOSING.test(stripped)) {
      closing = true;
      return;
    }
    const text = cleanCell(stripped);
    if (closing) {
      if (DOC_TITLE.test(text)) closing = false;
      else return;
    }
    if (!text || isFurniture(raw)) return;
    if (raw.trim().startsWith('|')) return; // table rows are read by the table readers
    const prev = out[out.length - 1];
    // A hard wrap: the next line starts in lowercase, or the previous line filled a PDF text line (55–110
    // characters) and stopped mid-sentence.
    const prevRaw = (lines[(prev?.endLine ?? 1) - 1] ?? '').trim();
    // A list item's first line starts after its marker's indent and runs shorter (when the next line follows it).
    const short = MARK.test(prevRaw) && i === prev?.endLine ? 45 : 55;
    const wrapped = hardWrapped && prevRaw.length >= short && prevRaw.length <= 110;
    const continues =
      prev !== undefined &&
      // a page break (number, header, blank lines) may sit inside a wrapped sentence
      (i - prev.endLine <= 2 || (i - prev.endLine <= 8 && /^\p{Ll}/u.test(text))) &&
      (/^[\p{Ll}\d(„“"]/u.test(text) || wrapped) &&
      !MARK.test(text) &&
      // a sentence may also wrap right after a semicolon: "…cấp lĩnh vực;" / "đồng thời, phục vụ …"
      (!/[.:;!?]$/.test(prev.text) || (/;$/.test(prev.text) && /^\p{Ll}/u.test(text) && i - prev.endLine === 0));
    const indentedGoesOn =
      firstLineIndent &&
      prev !== undefined &&
      i === prev.endLine &&
      indentOf(raw) === 0 &&
      indentOf(lines[prev.line - 1] ?? '') >= 3 &&
      !MARK.test(text) &&
      // "… trước ngày 05/7;" / "Sở Tài chính tổng hợp …": a clause ended and a capital opens the next step
      !(/[.:;!?]$/.test(prev.text) && /^\p{Lu}/u.test(text));
    if ((continues || indentedGoesOn) && prev) {
      prev.text = `${prev.text} ${text}`;
      prev.rest = `${prev.rest} ${text}`;
      prev.endLine = i + 1;
      return;
    }
    const { marker, level, rest } = markerOf(text);
    out.push({ text, marker, level, rest, line: i + 1, endLine: i + 1 });
  });
  return out;
}
