import adminUnits from '../data/admin-units.json';
import provinceMergers from '../data/province-mergers.json';
import { normalizeVietnamese } from '../normalize';
import { foldPreservingOffsets } from '../normalize';

/** A commune-level unit of the national list: [official code, name, type]. */
export type AdminCommune = [code: number, name: string, type: string];

export interface AdminProvince {
  code: number;
  name: string;
  /** 'tỉnh' or 'thành phố trung ương'. */
  type: string;
  codename: string;
  communes: AdminCommune[];
}

/** The source of the national list (package, version, upstream, date), as recorded by scripts/refresh-admin-units.sh. */
export const ADMIN_UNITS_SOURCE = adminUnits.source;

/** The 34 provinces and their communes since 1/7/2025. */
export const ADMIN_PROVINCES: readonly AdminProvince[] = adminUnits.provinces as AdminProvince[];

/** Lowercase ASCII slug of a Vietnamese name: "Đồng Tháp" → "dong-thap". */
export function slugifyName(text: string): string {
  return foldPreservingOffsets(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The name without "Tỉnh " / "Thành phố ": "Đồng Tháp", "Hà Nội". */
export function provinceShortName(p: AdminProvince): string {
  return p.name.replace(/^(Tỉnh|Thành phố)\s+/u, '');
}

/** Finds a province by its official code ("87", "01") or its name with or without "tỉnh"/"thành phố" and diacritics. */
export function findProvince(query: string): AdminProvince | null {
  const q = query.trim();
  if (/^\d{1,2}$/.test(q)) return ADMIN_PROVINCES.find((p) => p.code === Number(q)) ?? null;
  const folded = normalizeVietnamese(q)
    .replace(/^(tinh|thanh pho|tp\.?)\s+/, '')
    .replace(/\s+/g, ' ');
  const matches = ADMIN_PROVINCES.filter((p) => {
    const short = normalizeVietnamese(provinceShortName(p));
    return short === folded || p.codename.replace(/_/g, ' ') === folded;
  });
  return matches.length === 1 ? (matches[0] as AdminProvince) : null;
}

/** Where the list of provinces merged on 1/7/2025 comes from (Nghị quyết 202/2025/QH15). */
export const PROVINCE_MERGERS_SOURCE: string = provinceMergers.source;

const MERGED_INTO: Record<string, string[]> = provinceMergers.mergedInto;

/** A province name folded for comparison: no diacritics, no "tỉnh"/"thành phố", words only ("Bà Rịa - Vũng Tàu"). */
function provinceKey(name: string): string {
  return normalizeVietnamese(name)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^(tinh|thanh pho|tp)\s+/, '');
}

/** The provinces a province took in on 1/7/2025, by their names ("Tỉnh Lâm Đồng" → ["Đắk Nông", "Bình Thuận"]). */
export function formerProvincesOf(p: AdminProvince): string[] {
  const key = provinceKey(provinceShortName(p));
  return Object.entries(MERGED_INTO).find(([successor]) => provinceKey(successor) === key)?.[1] ?? [];
}

/** A province merged into another on 1/7/2025, by its name as written before, and the province it became part of. */
export interface FormerProvince {
  /** The former province's name ("Đắk Nông"). */
  former: string;
  successor: AdminProvince;
}

/**
 * Finds a province that no longer exists by its name (with or without "tỉnh" and diacritics): "Đắk Nông" is part of
 * Lâm Đồng since 1/7/2025, as Nghị quyết 202/2025/QH15 lists. Null for the 34 current names and for unknown ones.
 */
export function findFormerProvince(query: string): FormerProvince | null {
  const key = provinceKey(query);
  for (const p of ADMIN_PROVINCES) {
    const former = formerProvincesOf(p).find((name) => provinceKey(name) === key);
    if (former) return { former, successor: p };
  }
  return null;
}

/** Every former province whose name a text contains as whole words (a plan's issuer: "Sở TT&TT tỉnh Đắk Nông"). */
export function formerProvincesNamedIn(text: string): FormerProvince[] {
  const folded = ` ${normalizeVietnamese(text).replace(/[^a-z0-9]+/g, ' ')} `;
  return ADMIN_PROVINCES.flatMap((p) =>
    formerProvincesOf(p)
      .filter((name) => folded.includes(` ${provinceKey(name)} `))
      .map((former) => ({ former, successor: p })),
  );
}
