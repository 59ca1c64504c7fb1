import type { Plan } from '../plans/model';
import { loadDirectory } from '../units';
import type { ReportHeading } from './report';

/** "Phòng Nội vụ" → "PNV", "Sở Tài chính" → "STC": the initials Vietnamese document numbers use after "BC-". */
export function abbreviate(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => /^\p{L}/u.test(w))
    .map((w) => {
      const c = w[0]!;
      return c === 'đ' || c === 'Đ' ? 'Đ' : c.normalize('NFD')[0]!.toUpperCase();
    })
    .join('');
}

/**
 * The report's heading for a set of plans: the monitoring unit reports (the unit the plans make responsible for
 * tracking them, from the plan's directory), under the authority that issued the plans; the place is the
 * directory's locality. Plans without a directory fall back to their header's monitoring unit and issuer.
 */
export function headingFor(plans: Plan[]): ReportHeading {
  const first = plans[0];
  if (!first) throw new Error('a report needs at least one plan');
  const dir = first.plan.directory ? loadDirectory(first.plan.directory) : null;
  const reporter = dir?.monitoringUnit.name ?? first.plan.monitoringUnit ?? first.plan.issuer;
  const place = dir ? (dir.name.split(',')[0]?.trim() ?? null) : null;
  // "Phòng Nội vụ Quận 1" signs as PNV: the locality is not part of the abbreviation.
  const own = place && reporter.endsWith(place) ? reporter.slice(0, -place.length) : reporter;
  return {
    reporter,
    reporterParent: dir?.issuingAuthority.name ?? first.plan.issuer,
    abbreviation: abbreviate(own),
    place,
    plans: plans.map((p) => ({ id: p.plan.id, number: p.plan.number, title: p.plan.title, issuer: p.plan.issuer })),
  };
}

/** Names for the grid and the ledger, from the plans' unit directories and headers. */
export function namesFor(plans: Plan[]): {
  unitName: (id: string) => string;
  issuerOf: (planId: string) => string;
  planName: (planId: string) => string;
  productsOf: (planId: string, taskRef: string) => string[];
} {
  const byId = new Map(plans.map((p) => [p.plan.id, p]));
  const dirs = [
    ...new Set(plans.map((p) => p.plan.directory).filter((d): d is NonNullable<typeof d> => d !== null)),
  ].map(loadDirectory);
  const tasks = new Map(plans.flatMap((p) => p.tasks.map((t) => [`${p.plan.id}\u0000${t.ref}`, t] as const)));
  return {
    unitName: (id) => {
      for (const d of dirs) {
        const u = d.get(id);
        if (u) return u.name;
      }
      return id;
    },
    issuerOf: (planId) => byId.get(planId)?.plan.issuer ?? planId,
    planName: (planId) => {
      const p = byId.get(planId)?.plan;
      return p ? `${p.number ? `${p.number}: ` : ''}${p.title}` : planId;
    },
    productsOf: (planId, ref) => tasks.get(`${planId}\u0000${ref}`)?.products ?? [],
  };
}
