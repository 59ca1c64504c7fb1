import type { DirectoryId } from '../domain/plans/model';
import { loadDirectory, type Unit, type UnitDirectory } from '../domain/units';

/** The unit directories dondoc knows, in lookup order. */
export const DIRECTORY_IDS = ['hcm', 'hcm-q1'] as const satisfies readonly Exclude<DirectoryId, null>[];

/** A unit directory (loaded once per process by domain/units). */
export function directory(id: (typeof DIRECTORY_IDS)[number]): UnitDirectory {
  return loadDirectory(id);
}

/** Finds a unit by id in the given directory, or in any directory when none is given. */
export function findUnit(unitId: string, directoryId?: DirectoryId): { directory: UnitDirectory; unit: Unit } | null {
  const ids = directoryId ? [directoryId] : DIRECTORY_IDS;
  for (const id of ids) {
    const d = directory(id);
    const unit = d.get(unitId);
    if (unit) return { directory: d, unit };
  }
  return null;
}
