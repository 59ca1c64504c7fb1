import { foldPreservingOffsets } from './normalize';

/** A word of a cell, folded and with abbreviations expanded, remembering where it came from. */
export interface Token {
  /** Canonical folded word ("uy", "ban", "nhan", "dan" for "UBND"). */
  word: string;
  /** Offsets in the NFC cell text. */
  start: number;
  end: number;
  /** Lowercase NFC source word with diacritics, used to tell "Thạnh An" from "Thanh An". */
  exact: string;
  /** A comma, slash, line break or "và" stands between this token and the previous one. */
  afterBreak: boolean;
}

/** Abbreviations expanded whatever their case (none is a Vietnamese word once folded). */
const ABBREVIATIONS: Record<string, string> = {
  ubnd: 'uy ban nhan dan',
  hdnd: 'hoi dong nhan dan',
  ubmttq: 'uy ban mat tran to quoc',
  ubmttqvn: 'uy ban mat tran to quoc viet nam',
  mttq: 'mat tran to quoc',
  mttqvn: 'mat tran to quoc viet nam',
  bcd: 'ban chi dao',
  cchc: 'cai cach hanh chinh',
  tthc: 'thu tuc hanh chinh',
  tphcm: 'thanh pho ho chi minh',
  hcm: 'ho chi minh',
  tp: 'thanh pho',
  cntt: 'cong nghe thong tin',
  'kh&cn': 'khoa hoc va cong nghe',
  khcn: 'khoa hoc va cong nghe',
  'kh&dt': 'ke hoach va dau tu',
  khdt: 'ke hoach va dau tu',
  'tt&tt': 'thong tin va truyen thong',
  tttt: 'thong tin va truyen thong',
  'gd&dt': 'giao duc va dao tao',
  gddt: 'giao duc va dao tao',
  'tn&mt': 'tai nguyen va moi truong',
  tnmt: 'tai nguyen va moi truong',
  ldtbxh: 'lao dong thuong binh va xa hoi',
  'tb&xh': 'thuong binh va xa hoi',
  bhxh: 'bao hiem xa hoi',
  kbnn: 'kho bac nha nuoc',
  snv: 'so noi vu',
  vp: 'van phong',
  cvp: 'chanh van phong',
  '&': 'va',
};

/** Abbreviations that are also folded Vietnamese words, so they count only when written in capitals. */
const UPPERCASE_ABBREVIATIONS: Record<string, string> = {
  QU: 'quan uy',
  TU: 'thanh uy',
  P: 'phuong',
  Q: 'quan',
};

/** Folded words that never tell two units apart. */
const DROPPED = new Set(['cac']);

function expand(raw: string, folded: string, next: string | undefined): string[] {
  const upper = UPPERCASE_ABBREVIATIONS[raw];
  if (upper) return upper.split(' ');
  if (folded === 'q' && next !== undefined && /^\d+$/.test(next)) return ['quan'];
  const numbered = /^([qp])(\d+)$/.exec(folded);
  if (numbered) return [numbered[1] === 'q' ? 'quan' : 'phuong', String(Number(numbered[2]))];
  if (/^\d+$/.test(folded)) return [String(Number(folded))];
  const abbreviation = ABBREVIATIONS[folded];
  if (abbreviation) return abbreviation.split(' ');
  return DROPPED.has(folded) ? [] : [folded];
}

/** Parenthesised abbreviations that repeat what precedes them: "Ủy ban nhân dân (UBND) 10 phường". */
const ECHOED_ABBREVIATION = /\([A-ZĐ][A-ZĐ&.-]{1,9}\)/g;

/** Splits text (already NFC) into canonical tokens; offsets refer to `text`. */
export function tokenize(text: string, offset = 0): Token[] {
  let folded = foldPreservingOffsets(text);
  for (const m of text.matchAll(ECHOED_ABBREVIATION)) {
    folded = folded.slice(0, m.index) + ' '.repeat(m[0].length) + folded.slice(m.index + m[0].length);
  }
  const tokens: Token[] = [];
  const words = [...folded.matchAll(/[a-z0-9&]+/g)];
  let previousEnd = 0;
  words.forEach((m, i) => {
    const start = m.index;
    const end = start + m[0].length;
    const between = folded.slice(previousEnd, start);
    previousEnd = end;
    const raw = text.slice(start, end);
    if (m[0] === 'va') {
      // "và" joins two mentions unless it sits inside a name; the matcher decides, we only mark the break.
      tokens.push({ word: 'va', start: start + offset, end: end + offset, exact: 'và', afterBreak: true });
      return;
    }
    const next = words[i + 1]?.[0];
    const expanded = expand(raw, m[0], next);
    expanded.forEach((word, k) => {
      tokens.push({
        word,
        start: start + offset,
        end: end + offset,
        exact: raw.toLowerCase(),
        afterBreak: k === 0 && /[,/\n]/.test(between),
      });
    });
  });
  return tokens;
}

/** The canonical key of an alias: its token words joined by spaces. */
export function canonicalKey(text: string): string {
  return tokenize(text.normalize('NFC'))
    .map((t) => t.word)
    .join(' ');
}
