import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { ZONE } from '../domain/calendar/types';
import { anchorYearAhead } from '../domain/plans/anchor';
import { importPlan } from '../domain/plans/import';
import type { Plan } from '../domain/plans/model';

/**
 * Imports a sample plan re-anchored to the first year, from now on, in which none of its dated deadlines has
 * passed (domain/plans/anchor.ts), so `dondoc up` never starts it overdue. Throws naming the file and line.
 */
export function loadSampleAhead(file: string, nowMs: number): { plan: Plan; year: number } {
  const text = fs.readFileSync(file, 'utf8');
  const today = DateTime.fromMillis(nowMs, { zone: ZONE }).toISODate()!;
  const read = (year: number): Plan => {
    const imported = importPlan(text, path.basename(file), { year });
    if (!imported.ok) {
      const e = imported.error;
      throw new Error(`${file}${e.line !== null ? `:${e.line}` : ''}: ${e.message} (expected ${e.expected})`);
    }
    return imported.plan;
  };
  const { plan, year } = anchorYearAhead(read, today);
  return { plan, year };
}

/** A demo copy of a plan: its own id (prefix `demo-`, which the dashboard shows with a banner), same tasks. */
export const DEMO_PLAN_PREFIX = 'demo-';
export function asDemoPlan(plan: Plan): Plan {
  const id = plan.plan.id.startsWith(DEMO_PLAN_PREFIX) ? plan.plan.id : `${DEMO_PLAN_PREFIX}${plan.plan.id}`;
  return { ...plan, plan: { ...plan.plan, id } };
}
