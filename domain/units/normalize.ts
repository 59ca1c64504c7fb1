/** Diacritic folding for Vietnamese text: the base of all unit matching. */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Folds one character (after NFC) to its lowercase base letter; always returns exactly one character. */
export function foldChar(ch: string): string {
  const lower = ch.toLowerCase();
  if (lower === 'đ') return 'd';
  const base = lower.normalize('NFD').replace(COMBINING_MARKS, '');
  return base.length === 1 ? base : lower.length === 1 ? lower : ch;
}

/**
 * Folds a string character by character, keeping its length, so that offsets in the result
 * are offsets in `text.normalize('NFC')`.
 */
export function foldPreservingOffsets(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    // Astral characters are two UTF-16 units and never part of a name; blank them so offsets stay aligned.
    out += ch.length === 1 ? foldChar(ch) : ' '.repeat(ch.length);
  }
  return out;
}

/** NFC, lowercase, strip diacritics, đ→d, collapse whitespace and trim. */
export function normalizeVietnamese(text: string): string {
  return foldPreservingOffsets(text).replace(/\s+/g, ' ').trim();
}
