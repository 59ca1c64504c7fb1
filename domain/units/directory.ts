import { isValidAt } from './unit';
import { DirectoryDocumentError, describePath, validateDirectory } from './validate';
import type { AliasRule, DirectoryData, DirectoryDocumentInput, DirectoryId, Unit, UnitGroup, UnitKind } from './unit';
import { canonicalKey, tokenize } from './tokens';
import type { Token } from './tokens';

export type IsoDate = string;

/** One unit or group named in a cell ("Giám đốc Sở Nội vụ", "UBND 10 phường"). */
export interface MentionResolution {
  text: string;
  kind: 'unit' | 'group' | 'unresolved';
  /** 'head' when the cell names the unit's head ("Giám đốc…", "Chủ tịch…", "Thủ trưởng…"). */
  role: 'unit' | 'head';
  unitIds: string[];
  groupId: string | null;
  warning: string | null;
}

export interface ResolveOptions {
  /** The plan's issue date: decides which units a group means and flags units that did not exist then. */
  asOf?: IsoDate;
}

export interface UnitFilter {
  kind?: UnitKind | UnitKind[];
  parentId?: string;
  asOf?: IsoDate;
}

export interface UnitHead {
  unitId: string;
  title: string;
}

export interface UnitDirectory {
  readonly id: DirectoryId;
  readonly name: string;
  readonly issuingAuthority: Unit;
  readonly monitoringUnit: Unit;
  readonly groups: readonly UnitGroup[];
  get(id: string): Unit | undefined;
  list(filter?: UnitFilter): Unit[];
  headOf(id: string): UnitHead;
  supervisorOf(id: string): Unit | null;
  /** The units a group mention fans out to on `asOf` (all, ignoring validity, without it). */
  membersOf(groupId: string, asOf?: IsoDate): Unit[];
  resolveMentions(cellText: string, opts?: ResolveOptions): MentionResolution[];
}

export const UNKNOWN_UNIT_ERROR = 'UnknownUnitError';

export class UnknownUnitError extends Error {
  override readonly name = UNKNOWN_UNIT_ERROR;
  constructor(readonly unitId: string) {
    super(`unknown unit ${unitId}`);
  }
}

type Target = { type: 'unit'; unitId: string; exact: string } | { type: 'group'; groupId: string };

interface AliasEntry {
  words: string[];
  targets: Target[];
  /** The aliases as written, with diacritics (exactKey), to refuse "số" for "sở" (see longestMatch). */
  written: Set<string>;
}

/** Words that, right before a unit, make the mention name its head. Longest first. */
const HEAD_WORDS: string[][] = [
  ['thu', 'truong', 'cap', 'pho'],
  ['nguoi', 'dung', 'dau'],
  ['chi', 'cuc', 'truong'],
  ['tong', 'bien', 'tap'],
  ['thu', 'truong'],
  ['giam', 'doc'],
  ['chu', 'tich'],
  ['vien', 'truong'],
  ['cuc', 'truong'],
  ['bi', 'thu'],
  ['tu', 'lenh'],
  ['lanh', 'dao'],
  ['truong'],
  ['chanh'],
];

/** Gap words that carry no unit: connectors, verbs of the column header, qualifiers already implied. */
const FILLER = new Set([
  'va',
  'cung',
  'voi',
  'moi',
  'de',
  'nghi',
  'chu',
  'tri',
  'phoi',
  'hop',
  'quan',
  'thanh',
  'pho',
  'ho',
  'chi',
  'minh',
  'thuoc',
  'truc',
  'tinh',
  'giao',
  'thanh',
  'vien',
  'to',
  'giup',
  'viec',
  'cong',
  'tac',
  // "đồng chí" (comrade), the courtesy before an official's title: "Đồng chí Phó Chủ tịch Thường trực".
  'dong',
]);

/** Words that start an organisation's name: a match right after one is part of an unknown longer name. */
const ORGANISATION_PREFIX = new Set(['bo', 'so', 'cuc', 'phong', 'ban', 'vien', 'tam', 'dai', 'hoi', 'tong']);

/** A gap that names no organisation after a resolved unit is a trailing clause ("cùng tham gia giám sát"). */
const ORGANISATION_WORDS =
  /\b(so|phong|ban|uy ban|trung tam|vien|cuc|doan|hoi|dai|kho bac|bao hiem|thanh tra|van phong|cong an|bo|chi nhanh|benh vien|ngan hang|hoc vien|quan uy|thanh uy|mat tran|lien doan|tong cong ty|cong ty|uy)\b/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function ruleApplies(rule: AliasRule, unit: Unit): boolean {
  return (
    (!rule.idPrefix || unit.id.startsWith(rule.idPrefix)) &&
    (!rule.notIdPrefix || !unit.id.startsWith(rule.notIdPrefix)) &&
    (!rule.kinds || rule.kinds.includes(unit.kind)) &&
    (!rule.notKinds || !rule.notKinds.includes(unit.kind))
  );
}

/** A unit's name and aliases, plus the local forms the directory's first matching alias rule adds. */
export function unitAliases(unit: Unit, rules: readonly AliasRule[]): string[] {
  const names = [unit.name, ...unit.aliases];
  const out = new Set(names);
  const rule = rules.find((r) => ruleApplies(r, unit));
  if (!rule) return [...out];
  const strip = rule.stripSuffixes?.length
    ? new RegExp(`\\s+(?:${rule.stripSuffixes.map(escapeRegExp).join('|')})$`, 'u')
    : null;
  const unless = rule.unlessEndsWith?.length
    ? new RegExp(`\\s(?:${rule.unlessEndsWith.map(escapeRegExp).join('|')})$`, 'u')
    : null;
  for (const n of names) {
    if (unless?.test(n)) continue;
    const base = strip ? n.replace(strip, '') : n;
    for (const suffix of rule.suffixes) out.add(`${base}${suffix}`);
  }
  return [...out];
}

function hasDiacritics(word: string): boolean {
  return (
    word !==
    word
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
  );
}

function exactKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Builds a directory from data; validates it with zod. */
export function createDirectory(input: DirectoryDocumentInput | DirectoryData): UnitDirectory {
  const checked = validateDirectory(input);
  if (!checked.ok) {
    const id = typeof (input as { id?: unknown }).id === 'string' ? (input as { id: string }).id : 'directory';
    throw new DirectoryDocumentError(
      id,
      checked.issues.map((i) => ({ where: describePath(input, i.path), message: i.message })),
    );
  }
  const data = checked.data;
  const byId = new Map<string, Unit>(data.units.map((u) => [u.id, u]));
  const groupsById = new Map(data.groups.map((g) => [g.id, g]));

  const aliasIndex = new Map<string, AliasEntry>();
  const addAlias = (alias: string, target: Target, allowSameKeyTwin: boolean) => {
    const key = canonicalKey(alias);
    if (!key) return;
    const existing = aliasIndex.get(key);
    if (!existing) {
      aliasIndex.set(key, { words: key.split(' '), targets: [target], written: new Set([exactKey(alias)]) });
      return;
    }
    existing.written.add(exactKey(alias));
    const already = existing.targets.some((t) =>
      t.type === 'unit' && target.type === 'unit' ? t.unitId === target.unitId : t.type === target.type,
    );
    // A second unit under the same folded alias stays only if its own name differs with diacritics
    // ("Xã Thạnh An" / "Xã Thanh An"); otherwise the first registered unit (the more local one) keeps the alias.
    if (!already && allowSameKeyTwin && target.type === 'unit') {
      const differs = existing.targets.every((t) => t.type === 'unit' && t.exact !== target.exact);
      if (differs) existing.targets.push(target);
    }
  };
  for (const u of data.units) {
    for (const alias of unitAliases(u, data.aliasRules))
      addAlias(alias, { type: 'unit', unitId: u.id, exact: exactKey(alias) }, true);
  }
  for (const g of data.groups) for (const alias of g.aliases) addAlias(alias, { type: 'group', groupId: g.id }, false);

  const byFirstWord = new Map<string, AliasEntry[]>();
  for (const entry of aliasIndex.values()) {
    const first = entry.words[0] as string;
    const list = byFirstWord.get(first) ?? [];
    list.push(entry);
    byFirstWord.set(first, list);
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);

  const require = (id: string): Unit => {
    const u = byId.get(id);
    if (!u) throw new UnknownUnitError(id);
    return u;
  };

  const successorOn = (unit: Unit, asOf: IsoDate): Unit | null => {
    const seen = new Set<string>();
    let cur: Unit | undefined = unit;
    while (cur?.mergedInto && !seen.has(cur.id)) {
      seen.add(cur.id);
      cur = byId.get(cur.mergedInto);
      if (cur && isValidAt(cur, asOf)) return cur;
    }
    return null;
  };

  const list = (filter: UnitFilter = {}): Unit[] => {
    const kinds = filter.kind === undefined ? null : Array.isArray(filter.kind) ? filter.kind : [filter.kind];
    return data.units.filter(
      (u) =>
        (!kinds || kinds.includes(u.kind)) &&
        (filter.parentId === undefined || u.parentId === filter.parentId) &&
        (filter.asOf === undefined || isValidAt(u, filter.asOf)),
    );
  };

  const membersOf = (groupId: string, asOf?: IsoDate): Unit[] => {
    const g = groupsById.get(groupId);
    if (!g) throw new Error(`unknown group ${groupId}`);
    return list({ kind: g.kinds, parentId: g.parentId, asOf }).filter(
      (u) => !g.idPrefix || u.id.startsWith(g.idPrefix),
    );
  };

  const resolveMentions = (cellText: string, opts: ResolveOptions = {}): MentionResolution[] => {
    const text = cellText.normalize('NFC');
    const out: MentionResolution[] = [];
    for (const segment of splitSegments(text)) {
      out.push(...resolveSegment(text, tokenize(segment.text, segment.start), opts));
    }
    return out;
  };

  const longestMatch = (text: string, tokens: Token[], i: number): { length: number; entry: AliasEntry } | null => {
    const candidates = byFirstWord.get((tokens[i] as Token).word) ?? [];
    for (const entry of candidates) {
      if (i + entry.words.length > tokens.length) continue;
      if (!entry.words.every((w, k) => (tokens[i + k] as Token).word === w)) continue;
      // Missing diacritics are tolerated, different ones are not: a one-word alias ("sở") does not match a word
      // written with other marks ("số" in "Trung tâm Chuyển đổi số").
      const token = tokens[i] as Token;
      if (entry.words.length === 1 && hasDiacritics(token.exact) && !entry.written.has(token.exact)) {
        // "các sở" is matched on "sở" (tokens drop "các"): the word before must be the one the alias has.
        const before = /(\p{L}+)\s+$/u.exec(text.slice(0, token.start))?.[1] ?? '';
        if (!entry.written.has(exactKey(`${before} ${token.exact}`))) continue;
      }
      return { length: entry.words.length, entry };
    }
    return null;
  };

  const resolveSegment = (text: string, tokens: Token[], opts: ResolveOptions): MentionResolution[] => {
    type Piece = { from: number; to: number; match: AliasEntry | null };
    const pieces: Piece[] = [];
    let i = 0;
    let gapStart = -1;
    while (i < tokens.length) {
      const m = longestMatch(text, tokens, i);
      if (m) {
        if (gapStart >= 0) pieces.push({ from: gapStart, to: i, match: null });
        gapStart = -1;
        pieces.push({ from: i, to: i + m.length, match: m.entry });
        i += m.length;
      } else {
        if (gapStart < 0) gapStart = i;
        i += 1;
      }
    }
    if (gapStart >= 0) pieces.push({ from: gapStart, to: tokens.length, match: null });

    const out: MentionResolution[] = [];
    let sawMatch = false;
    pieces.forEach((piece, p) => {
      if (piece.match) {
        sawMatch = true;
        const previous = pieces[p - 1];
        const joined = previous && !previous.match && !(tokens[piece.from] as Token).afterBreak;
        if (joined && ORGANISATION_PREFIX.has((tokens[piece.from - 1] as Token).word)) {
          // "Bộ Công an": a known name inside a longer unknown one is not that unit.
          const from = splitAtBreaks(tokens, previous.from, previous.to).at(-1)?.[0] ?? previous.from;
          previous.to = from;
          const span = textOf(text, tokens, from, piece.to);
          out.push(unresolved(span, startsWithHeadWords(tokens, from, piece.to) ? 'head' : 'unit'));
          return;
        }
        let from = piece.from;
        let role: MentionResolution['role'] = 'unit';
        if (previous && !previous.match) {
          const head = headWordsEndingAt(tokens, previous.from, piece.from);
          if (head > 0) {
            role = 'head';
            from = piece.from - head;
            previous.to = from;
          }
        }
        const span = textOf(text, tokens, from, piece.to);
        out.push(resolveMatch(span, role, piece.match, tokens.slice(piece.from, piece.to), opts));
        return;
      }
      for (const [from, to] of splitAtBreaks(tokens, piece.from, piece.to)) {
        const words = tokens.slice(from, to).map((t) => t.word);
        if (words.every((w) => FILLER.has(w) || /^\d+$/.test(w))) continue;
        const nextIsMatch = pieces[p + 1]?.match && to === piece.to;
        if (nextIsMatch && headWordsEndingAt(tokens, from, to) === to - from) continue;
        // "xã hội" (social) is no "hội" (association): "phụ trách lĩnh vực … phản biện xã hội" is a clause.
        if (sawMatch && !ORGANISATION_WORDS.test(words.join(' ').replace(/\bxa hoi\b/g, ''))) continue;
        // "…, phụ trách lĩnh vực …" says what the position just named is in charge of.
        if (sawMatch && words[0] === 'phu' && words[1] === 'trach') continue;
        out.push(unresolved(textOf(text, tokens, from, to), startsWithHeadWords(tokens, from, to) ? 'head' : 'unit'));
      }
    });
    // Role words consumed into a mention may have left an empty gap behind; nothing else to do.
    return out;
  };

  const unresolved = (span: string, role: MentionResolution['role']): MentionResolution => ({
    text: span,
    kind: 'unresolved',
    role,
    unitIds: [],
    groupId: null,
    warning: `no unit in directory ${data.id} matches "${span}"`,
  });

  const resolveMatch = (
    span: string,
    role: MentionResolution['role'],
    entry: AliasEntry,
    matched: Token[],
    opts: ResolveOptions,
  ): MentionResolution => {
    const group = entry.targets.find((t) => t.type === 'group');
    if (group && group.type === 'group') return resolveGroup(span, role, group.groupId, opts);
    let unitIds = entry.targets.flatMap((t) => (t.type === 'unit' ? [t.unitId] : []));
    if (unitIds.length > 1) {
      const written = exactKey(matched.map((t) => t.exact).join(' '));
      const exact = entry.targets.flatMap((t) => (t.type === 'unit' && t.exact === written ? [t.unitId] : []));
      if (exact.length > 0) unitIds = exact;
      else if (opts.asOf) {
        const asOf = opts.asOf;
        const valid = unitIds.filter((id) => isValidAt(require(id), asOf));
        if (valid.length > 0) unitIds = valid;
      }
    }
    if (unitIds.length > 1) {
      return {
        text: span,
        kind: 'unresolved',
        role,
        unitIds,
        groupId: null,
        warning: `"${span}" is ambiguous without diacritics: ${unitIds.join(', ')}`,
      };
    }
    const unit = require(unitIds[0] as string);
    if (opts.asOf && !isValidAt(unit, opts.asOf)) {
      // A merged unit's name still names it in later plans: follow "merged into" to the unit that exists then.
      const asOf = opts.asOf;
      const successor = successorOn(unit, asOf);
      if (successor) {
        const warning = `${unit.name} (${unit.id}) was merged into ${successor.name} (${successor.id}) after ${unit.validTo}`;
        return { text: span, kind: 'unit', role, unitIds: [successor.id], groupId: null, warning };
      }
    }
    const warning =
      opts.asOf && !isValidAt(unit, opts.asOf)
        ? `${unit.name} (${unit.id}) did not exist on ${opts.asOf} (valid ${unit.validFrom ?? '…'} to ${unit.validTo ?? '…'})`
        : null;
    return { text: span, kind: 'unit', role, unitIds: [unit.id], groupId: null, warning };
  };

  const resolveGroup = (
    span: string,
    role: MentionResolution['role'],
    groupId: string,
    opts: ResolveOptions,
  ): MentionResolution => {
    const g = groupsById.get(groupId) as UnitGroup;
    const members = membersOf(groupId, opts.asOf);
    if (g.vague) {
      // "các cơ quan, đơn vị liên quan": the directory says whom the issuer means by it (its kinds), else a person must.
      if (g.kinds.length === 0 || members.length === 0) {
        return {
          text: span,
          kind: 'unresolved',
          role,
          unitIds: [],
          groupId,
          warning: `"${span}" does not say which units; assign them explicitly`,
        };
      }
      const warning = `"${span}" does not say which units: it fans out to ${g.label} (${members.length}); narrow it if fewer are meant`;
      return { text: span, kind: 'group', role, unitIds: members.map((u) => u.id), groupId, warning };
    }
    let warning: string | null = null;
    if (members.length === 0) {
      warning = `no ${g.label} exist${opts.asOf ? ` on ${opts.asOf}` : ''} in directory ${data.id}`;
    } else if (!opts.asOf && members.some((u) => u.validFrom || u.validTo)) {
      warning = `no asOf given: ${g.label} fans out to every unit ever listed (${members.length})`;
    }
    return { text: span, kind: 'group', role, unitIds: members.map((u) => u.id), groupId, warning };
  };

  return {
    id: data.id,
    name: data.name,
    issuingAuthority: require(data.issuingAuthorityId),
    monitoringUnit: require(data.monitoringUnitId),
    groups: data.groups,
    get: (id) => byId.get(id),
    list,
    headOf: (id) => {
      const u = require(id);
      return { unitId: u.id, title: u.headTitle };
    },
    supervisorOf: (id) => {
      const u = require(id);
      return u.supervisorId ? require(u.supervisorId) : null;
    },
    membersOf,
    resolveMentions,
  };
}

/** Number of tokens in [from, to) that end exactly at `to` and form a head title ("Giám đốc", "Chủ tịch"). */
function headWordsEndingAt(tokens: Token[], from: number, to: number): number {
  for (const words of HEAD_WORDS) {
    const start = to - words.length;
    if (start < from) continue;
    if (words.every((w, k) => (tokens[start + k] as Token).word === w)) {
      // "Thủ trưởng/cấp phó", "Trưởng, Phó": a head word may itself follow another one.
      const more = headWordsEndingAt(tokens, from, start);
      return words.length + more;
    }
  }
  return 0;
}

function startsWithHeadWords(tokens: Token[], from: number, to: number): boolean {
  return HEAD_WORDS.some((words) => from + words.length <= to && words.every((w, k) => tokens[from + k]?.word === w));
}

function textOf(text: string, tokens: Token[], from: number, to: number): string {
  const first = tokens[from] as Token;
  const last = tokens[to - 1] as Token;
  return text.slice(first.start, last.end);
}

const NAME_STARTERS = new Set([
  ...ORGANISATION_PREFIX,
  ...['uy', 'trung', 'van', 'thanh', 'chu', 'giam', 'thu', 'truong', 'chanh', 'kho', 'ngan', 'benh', 'hoc'],
  ...['mat', 'lien', 'chi', 'tinh', 'huyen', 'xa', 'phuong', 'quan'],
]);

/** Splits a gap at commas, slashes and "và" so that unresolved names are reported one by one. */
function splitAtBreaks(tokens: Token[], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let start = from;
  for (let k = from; k < to; k++) {
    const t = tokens[k] as Token;
    // "và" inside a name ("Bộ Khoa học và Công nghệ") stays; it splits only before a new organisation or title.
    if (t.word === 'va' && NAME_STARTERS.has(tokens[k + 1]?.word ?? '')) {
      if (k > start) out.push([start, k]);
      start = k + 1;
    } else if (t.afterBreak && t.word !== 'va' && k > start) {
      out.push([start, k]);
      start = k;
    }
  }
  if (start < to) out.push([start, to]);
  return out;
}

/** Short words that end with a period without ending a sentence ("TP.", "Q.", "P.", "VP."). */
const ABBREVIATION_BEFORE_PERIOD = /(?:^|[\s(])(?:tp|q|p|vp|tt|kt|ct|pct|cvp|st|ubnd)$/i;

/**
 * Cuts a cell at semicolons, bullets and sentence ends; keeps offsets. Line breaks are not cuts: OCR'd cells wrap
 * names across lines ("Giám đốc Sở \nNội vụ"); the matcher still separates one name per line.
 */
export function splitSegments(text: string): { text: string; start: number }[] {
  const cuts: number[] = [];
  for (let k = 0; k < text.length; k++) {
    const ch = text[k] as string;
    if (ch === ';' || ch === '•' || ch === '|' || ch === '\t') cuts.push(k);
    else if (ch === '.' && /\s/.test(text[k + 1] ?? ' ') && !ABBREVIATION_BEFORE_PERIOD.test(text.slice(0, k))) {
      cuts.push(k);
    } else if ((ch === '-' || ch === '+' || ch === '–') && /\s/.test(text[k + 1] ?? ' ')) {
      // A dash is a bullet at the start of the cell or after a cut; inside a name ("quận - huyện") it is kept.
      const before = text.slice(0, k).replace(/[ \t]+$/, '');
      if (before === '' || /[.;:\n•]$/.test(before)) cuts.push(k);
    }
  }
  const segments: { text: string; start: number }[] = [];
  let start = 0;
  for (const cut of [...cuts, text.length]) {
    if (cut > start) segments.push({ text: text.slice(start, cut), start });
    start = cut + 1;
  }
  return segments.filter((s) => s.text.trim() !== '');
}
