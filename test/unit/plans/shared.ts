import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importPlan } from '../../../domain/plans/import';
import type { Plan } from '../../../domain/plans/model';

/** The seed and corpus plans, vendored in test/fixtures/shared (or DONDOC_SHARED_DIR). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const sharedDir = process.env['DONDOC_SHARED_DIR'] ?? path.resolve(repoRoot, 'test', 'fixtures', 'shared');

export const seedFile = (name: string): string => path.join(sharedDir, 'seeds', name);
export const corpusFile = (name: string): string => path.join(sharedDir, 'corpus', name);

/** Imports a plan document (optionally re-anchored to `year`); a refusal fails the test with its message. */
export function loadPlan(file: string, year?: number): Plan {
  const r = importPlan(readFileSync(file, 'utf8'), file, year === undefined ? {} : { year });
  if (!r.ok) throw new Error(r.error.message);
  return r.plan;
}

/** The task with `ref`, or a failure naming the missing ref. */
export function taskOf(plan: Plan, ref: string): Plan['tasks'][number] {
  const t = plan.tasks.find((x) => x.ref === ref);
  if (!t) throw new Error(`no task ${ref}`);
  return t;
}
