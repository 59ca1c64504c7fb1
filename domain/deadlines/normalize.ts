/**
 * Text clean-up for deadline phrases. `cleanText` keeps the original letters (for labels);
 * `foldText` maps it character by character to lowercase ASCII-ish text, keeping the same length
 * so that a match in the folded text points at the same span of the clean text.
 */

const HTML_TAG = /<\/?[a-zA-Z][^<>]{0,400}>/g;
const ENTITY: Record<string, string> = { '&nbsp;': ' ', '&#160;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** NFC, no HTML tags or entities, no markdown emphasis, single spaces. */
export function cleanText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(HTML_TAG, ' ')
    .replace(/&(?:nbsp|#160|amp|lt|gt);/g, (e) => ENTITY[e] ?? ' ')
    .replace(/\*+|`+/g, ' ')
    .replace(/[\s\u00a0\u200b\ufeff]+/g, ' ')
    .trim();
}

const foldCache = new Map<string, string>();

function foldChar(c: string): string {
  const cached = foldCache.get(c);
  if (cached !== undefined) return cached;
  let f: string;
  if (c === 'đ' || c === 'Đ') f = 'd';
  else {
    const code = c.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff) f = ' ';
    else {
      f = c
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '');
      if (f.length !== 1) f = c.length === 1 ? '?' : ' ';
    }
  }
  if (foldCache.size < 4096) foldCache.set(c, f);
  return f;
}

/** Same length as `clean`: lowercase, diacritics stripped, đ→d, OCR's "quí" read as "quý". */
export function foldText(clean: string): string {
  let out = '';
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i] as string;
    const code = c.charCodeAt(0);
    out += code < 0x80 ? c.toLowerCase() : foldChar(c);
  }
  return out.replace(/\bqui\b/g, 'quy');
}

/** OCR repairs worth recording in notes: spellings the folding silently accepted. */
export function ocrRepairs(clean: string): string[] {
  const notes: string[] = [];
  if (/\bqu[íìi]\b/i.test(clean)) notes.push('OCR: read "Quí" as "Quý"');
  if (/nãm/i.test(clean)) notes.push('OCR: read "nãm" as "năm"');
  if (/\bvê\b/i.test(clean)) notes.push('OCR: read "vê" as "về"');
  if (/\bĐê\s+án/i.test(clean)) notes.push('OCR: read "Đê án" as "Đề án"');
  return notes;
}
