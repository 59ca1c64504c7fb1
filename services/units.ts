import type { DirectoryId } from '../domain/plans/model';
import { directoryIds, loadDirectory, type Unit, type UnitDirectory } from '../domain/units';

/** The unit directories dondoc knows (shipped, then loaded), in lookup order. */
export function knownDirectoryIds(): string[] {
  return directoryIds();
}

/** A unit directory (loaded once per process by domain/units). */
export function directory(id: string): UnitDirectory {
  return loadDirectory(id);
}

/** Finds a unit by id in the given directory, or in any directory when none is given. */
export function findUnit(unitId: string, directoryId?: DirectoryId): { directory: UnitDirectory; unit: Unit } | null {
  const ids = directoryId ? [directoryId] : directoryIds();
  for (const id of ids) {
    const d = directory(id);
    const unit = d.get(unitId);
    if (unit) return { directory: d, unit };
  }
  return null;
}
