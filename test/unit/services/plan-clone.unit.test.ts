import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plan } from '../../../domain/plans/model';
import { ServiceError } from '../../../services/errors';
import { cloneSavedPlan, type PlanShelf } from '../../../services/plan-clone';
import { importOrThrow } from '../../../services/planning';
import { REPO_ROOT } from '../../../config/settings';

function shelf(...plans: Plan[]): PlanShelf & { ids(): string[] } {
  const kept = new Map(plans.map((p) => [p.plan.id, p]));
  return {
    get: async (id) => kept.get(id) ?? null,
    save: async (p) => void kept.set(p.plan.id, p),
    ids: () => [...kept.keys()].sort(),
  };
}

const SHARED_DIR = process.env.DONDOC_SHARED_DIR ?? path.resolve(REPO_ROOT, 'test', 'fixtures', 'shared');
const code = (err: unknown) => (err instanceof ServiceError ? err.code : String(err));

describe('cloneSavedPlan (POST /plans/:id/clone, dondoc plan clone)', () => {
  const plan = importOrThrow(
    readFileSync(path.join(SHARED_DIR, 'seeds', '004_59a7d8b938235585.txt'), 'utf8'),
    '004.txt',
  );

  it('saves the plan re-anchored to the year under a new id, with its review', async () => {
    const plans = shelf(plan);
    const { plan: clone, review } = await cloneSavedPlan(plans, plan.plan.id, 2027);
    expect(clone.plan.issued.startsWith('2027')).toBe(true);
    expect(plans.ids()).toEqual([clone.plan.id, plan.plan.id].sort());
    expect(review.tasks).toBe(plan.tasks.length);
  });

  it('refuses an unknown plan, its own year and an id already taken', async () => {
    const plans = shelf(plan);
    await expect(cloneSavedPlan(plans, 'no-such-plan', 2027).catch(code)).resolves.toBe('not-found');
    const own = Number(plan.plan.issued.slice(0, 4));
    await expect(cloneSavedPlan(plans, plan.plan.id, own).catch(code)).resolves.toBe('conflict');
    await cloneSavedPlan(plans, plan.plan.id, 2028);
    await expect(cloneSavedPlan(plans, plan.plan.id, 2028).catch(code)).resolves.toBe('conflict');
  });
});
