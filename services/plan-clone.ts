import { asCleanPlan } from '../domain/plans/layouts/clean';
import type { Plan } from '../domain/plans/model';
import { notFound, ServiceError } from './errors';
import { importOrThrow, reviewPlan, type PlanReview } from './planning';

/**
 * Re-anchors a plan to another year: the plan is written back as a clean JSON plan (mention texts and deadline
 * phrases as imported) and imported again with `year`, so units and deadlines resolve afresh.
 */
export function clonePlan(plan: Plan, year: number): Plan {
  const clean = asCleanPlan(plan);
  const base = plan.plan.sourceFile.replace(/\.[a-z0-9]+$/i, '');
  return importOrThrow(JSON.stringify(clean), `${base}.${year}.json`, year);
}

/** Where plans are kept (services/plans.ts PlanRegistry, or a map in tests). */
export interface PlanShelf {
  get(id: string): Promise<Plan | null | undefined>;
  save(plan: Plan): Promise<unknown>;
}

/**
 * Clones a saved plan into `year` and saves the clone as a new plan; what `POST /plans/:id/clone` and
 * `dondoc plan clone` do. Refuses an unknown plan (not-found), a clone onto itself and an id already taken
 * (conflict).
 */
export async function cloneSavedPlan(
  plans: PlanShelf,
  planId: string,
  year: number,
): Promise<{ plan: Plan; review: PlanReview }> {
  const plan = await plans.get(planId);
  if (!plan) throw notFound(`plan ${planId}`);
  const clone = clonePlan(plan, year);
  if (clone.plan.id === plan.plan.id)
    throw new ServiceError('conflict', `plan ${plan.plan.id} is already anchored to ${year}`);
  if (await plans.get(clone.plan.id)) throw new ServiceError('conflict', `plan ${clone.plan.id} already exists`);
  await plans.save(clone);
  return { plan: clone, review: reviewPlan(clone) };
}
