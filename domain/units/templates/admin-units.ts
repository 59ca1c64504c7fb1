import adminUnits from '../data/admin-units.json';
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
