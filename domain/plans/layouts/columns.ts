// Column headers by meaning. A header is folded (diacritics off, lowercase, punctuation gone) and scored against
// the token sequences each role is written with; "Đơn vị" alone is a unit of measure, "Đơn vị thực hiện" a lead.

/** What a table column holds. */
export type ColumnRole = 'ref' | 'title' | 'lead' | 'support' | 'products' | 'deadline' | 'status' | 'other';

/** Folds Vietnamese text for matching: NFD, diacritics removed, đ → d, lowercase, non-alphanumerics → one space. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/<[^>]*>/g, ' ')
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

/** Token sequences (folded) and their weight for each role; the best total wins. */
const CUES: Record<Exclude<ColumnRole, 'other'>, [string, number][]> = {
  ref: [
    ['stt', 5],
    ['tt', 5],
    ['so tt', 5],
    ['so thu tu', 5],
  ],
  title: [
    ['nhiem vu', 3],
    ['noi dung', 3],
    ['ten', 1],
    ['hoat dong', 2],
    ['giai phap', 2],
    ['cong viec', 3],
    ['de an', 1],
    ['chuong trinh', 1],
  ],
  lead: [
    ['chu tri', 5],
    ['don vi thuc hien', 4],
    ['co quan thuc hien', 4],
    ['don vi chiu trach nhiem', 5],
    ['co quan chiu trach nhiem', 5],
    ['chiu trach nhiem', 3],
    ['trach nhiem thuc hien', 4],
    ['don vi tham muu', 3],
    ['co quan tham muu', 3],
    ['don vi thuc hien chinh', 5],
  ],
  support: [
    ['phoi hop', 6],
    ['co quan phoi hop', 7],
  ],
  products: [
    ['san pham', 5],
    ['ket qua', 3],
    ['hinh thuc van ban', 5],
    ['hinh thuc', 3],
    ['chi tieu', 2],
  ],
  deadline: [
    ['thoi gian', 5],
    ['thoi han', 6],
    ['tien do', 5],
    ['thoi diem', 4],
    ['moc thoi gian', 6],
  ],
  status: [
    ['tinh hinh thuc hien', 8],
    ['ket qua thuc hien', 8],
    ['ghi chu', 6],
    ['trang thai', 7],
    ['tinh trang', 7],
  ],
};

/** Roles a cell would be mistaken for, and the phrase that rules them out (the whole header decides). */
const EXCLUDES: [ColumnRole, RegExp][] = [
  ['lead', /\bphoi hop\b/],
  ['title', /\b(thoi gian|thoi han|chu tri|phoi hop)\b/],
  ['products', /\bthuc hien\b/],
];

const hasPhrase = (folded: string, phrase: string): boolean => ` ${folded} `.includes(` ${phrase} `);

/** Scores of one header cell per role. */
export function columnScores(header: string): Map<ColumnRole, number> {
  const f = foldText(header);
  const scores = new Map<ColumnRole, number>();
  for (const [role, cues] of Object.entries(CUES) as [Exclude<ColumnRole, 'other'>, [string, number][]][]) {
    let s = 0;
    for (const [phrase, w] of cues) if (hasPhrase(f, phrase)) s = Math.max(s, w);
    if (s > 0) scores.set(role, s);
  }
  for (const [role, re] of EXCLUDES) {
    if (scores.has(role) && re.test(f) && [...scores.entries()].some(([r, v]) => r !== role && v >= 4))
      scores.delete(role);
  }
  // "Kết quả thực hiện" is progress, not a product; "Thời gian (Năm 2026)" is still a deadline.
  if (scores.has('status')) scores.delete('products');
  return scores;
}

/** The role of a single header cell, or 'other'. */
export function columnRole(header: string): ColumnRole {
  let best: ColumnRole = 'other';
  let bestScore = 0;
  for (const [role, s] of columnScores(header)) {
    if (s > bestScore) {
      best = role;
      bestScore = s;
    }
  }
  return best;
}

/** Column index per role for a header row; each role goes to the column that says it best. */
export type ColumnMap = Partial<Record<Exclude<ColumnRole, 'other'>, number>>;

/** Maps a header row to roles; each role is taken once, by the column scoring it highest (leftmost on ties). */
export function mapColumns(headers: string[]): ColumnMap {
  const candidates: { col: number; role: Exclude<ColumnRole, 'other'>; score: number }[] = [];
  headers.forEach((h, col) => {
    for (const [role, score] of columnScores(h)) {
      if (role !== 'other') candidates.push({ col, role, score });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.col - b.col);
  const map: ColumnMap = {};
  const taken = new Set<number>();
  for (const c of candidates) {
    if (map[c.role] !== undefined || taken.has(c.col)) continue;
    map[c.role] = c.col;
    taken.add(c.col);
  }
  // A first column with no header of its own ("", "(1)") numbers the rows.
  if (map.ref === undefined && !taken.has(0) && foldText(headers[0] ?? '').length <= 3) map.ref = 0;
  return map;
}

/** A header row that can carry tasks: a title, and a lead or a deadline column. */
export function isTaskHeader(map: ColumnMap): boolean {
  return map.title !== undefined && (map.lead !== undefined || map.deadline !== undefined);
}
