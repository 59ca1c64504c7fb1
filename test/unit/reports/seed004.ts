import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createCalendar } from '../../../domain/calendar';
import type { DondocEvent } from '../../../domain/events/schemas';
import { plannedAssignments } from '../../../domain/plans/assignments';
import type { Plan } from '../../../domain/plans/model';
import { ScenarioSchema } from '../../../domain/process/scenario';
import { localMs, simulateProcesses } from '../../../domain/process/simulator';
import { loadPlan, repoRoot, seedFile } from '../plans/shared';

export const calendar = createCalendar();

/** Seed 004 (District 1's 2022 plan) simulated from its issue date to the end of 2022 with the report scenario. */
export function simulateSeed004(until = '2022-12-31'): { plan: Plan; events: DondocEvent[]; rejected: string[] } {
  const plan = loadPlan(seedFile('004_59a7d8b938235585.txt'));
  const scenario = ScenarioSchema.parse(
    parseYaml(readFileSync(path.join(repoRoot, 'test', 'fixtures', 'reports', 'scenario-004-2022.yaml'), 'utf8')),
  );
  const { events, rejected } = simulateProcesses(plannedAssignments(plan), {
    startMs: localMs(plan.plan.issued, '08:00'),
    untilMs: localMs(until) + 86_400_000,
    scenario,
    calendar,
  });
  return { plan, events, rejected };
}
