import { hcmDirectoryData } from './data/hcm';
import { hcmQ1DirectoryData } from './data/hcm-q1';
import { createDirectory } from './directory';
import type { UnitDirectory } from './directory';
import type { DirectoryData, DirectoryId, Unit } from './unit';

export * from './unit';
export * from './directory';
export { normalizeVietnamese } from './normalize';

const DATA: Record<DirectoryId, DirectoryData> = { hcm: hcmDirectoryData, 'hcm-q1': hcmQ1DirectoryData };
const cache = new Map<DirectoryId, UnitDirectory>();

/** The shipped directory for a city ('hcm') or a district ('hcm-q1'); built once and reused. */
export function loadDirectory(id: DirectoryId): UnitDirectory {
  let dir = cache.get(id);
  if (!dir) {
    dir = createDirectory(DATA[id]);
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
