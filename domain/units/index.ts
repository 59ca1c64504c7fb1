import hcmDocument from './data/hcm.directory.json';
import hcmQ1Document from './data/hcm-q1.directory.json';
import { createDirectory } from './directory';
import type { UnitDirectory } from './directory';
import type { DirectoryDocumentInput, DirectoryId, Unit } from './unit';

export * from './unit';
export * from './directory';
export * from './validate';
import { normalizeVietnamese } from './normalize';
export { normalizeVietnamese };

/** The directories shipped with dondoc, as documents (the same format users import). */
export const SHIPPED_DIRECTORIES: readonly DirectoryDocumentInput[] = [
  hcmDocument as DirectoryDocumentInput,
  hcmQ1Document as DirectoryDocumentInput,
];

const documents = new Map<DirectoryId, DirectoryDocumentInput>(SHIPPED_DIRECTORIES.map((d) => [d.id, d]));
const cache = new Map<DirectoryId, UnitDirectory>();

/**
 * Makes a directory document available to plans by its id, replacing any earlier one with the same id.
 * Validates it fully first: a document that does not build is refused and the previous one stays.
 */
export function registerDirectory(doc: DirectoryDocumentInput): UnitDirectory {
  const dir = createDirectory(doc);
  documents.set(dir.id, doc);
  cache.set(dir.id, dir);
  return dir;
}

/** The ids of every directory known to this process: shipped ones first, then registered ones. */
export function directoryIds(): DirectoryId[] {
  return [...documents.keys()];
}

export function hasDirectory(id: string): boolean {
  return documents.has(id);
}

/** A known directory by id (shipped or registered); built once and reused. */
export function loadDirectory(id: DirectoryId): UnitDirectory {
  let dir = cache.get(id);
  if (!dir) {
    const doc = documents.get(id);
    if (!doc) throw new Error(`unknown unit directory "${id}"; known: ${directoryIds().join(', ')}`);
    dir = createDirectory(doc);
    cache.set(id, dir);
  }
  return dir;
}

/** The unit that tracks a plan and reports to the chair: Sở Nội vụ for the city, Phòng Nội vụ for a district. */
export function monitoringUnitFor(directoryId: DirectoryId): Unit {
  return loadDirectory(directoryId).monitoringUnit;
}

/** The committee whose chair is the last step of escalation: UBND Thành phố or UBND Quận 1. */
export function issuingAuthorityFor(directoryId: DirectoryId): Unit {
  return loadDirectory(directoryId).issuingAuthority;
}

/**
 * The loaded directory whose issuer names appear, as whole words and without diacritics, in a plan's issuer
 * ("UBND tỉnh Đồng Tháp" → the directory with issuer name "Đồng Tháp"); the longest name wins. Failing that, the
 * directory of the commune the issuer names. Shipped directories are found by the plan header itself, so only
 * registered ones are searched.
 */
export function detectDirectory(issuer: string): DirectoryId | null {
  const folded = ` ${normalizeVietnamese(issuer).replace(/[^a-z0-9]+/g, ' ')} `;
  let best: { id: DirectoryId; length: number } | null = null;
  for (const [id, doc] of documents) {
    if (SHIPPED_DIRECTORIES.includes(doc)) continue;
    for (const name of doc.issuerNames ?? []) {
      const key = normalizeVietnamese(name)
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
      if (key && folded.includes(` ${key} `) && (!best || key.length > best.length)) best = { id, length: key.length };
    }
  }
  return best?.id ?? directoryNamingCommune(issuer);
}

/**
 * A commune-level issuer ("Ban Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh") names its commune, not its province:
 * the one registered directory with a commune, ward or special zone of that name, written with its diacritics.
 */
function directoryNamingCommune(issuer: string): DirectoryId | null {
  const exact = (t: string) =>
    ` ${t
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()} `;
  const written = exact(issuer);
  const found = new Set<DirectoryId>();
  for (const [id, doc] of documents) {
    if (SHIPPED_DIRECTORIES.includes(doc)) continue;
    if (doc.units.some((u) => u.kind === 'phuong-xa' && !u.mergedInto && written.includes(exact(u.name))))
      found.add(id);
  }
  return found.size === 1 ? ([...found][0] as DirectoryId) : null;
}
export * from './changes';
export * from './adopt';
export * from './templates';
