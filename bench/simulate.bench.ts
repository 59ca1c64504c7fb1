import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createCalendar } from '../domain/calendar';
import { importPlan } from '../domain/plans/import';
import { simulatePlan } from '../services/simulate';

const repoRoot = path.resolve(__dirname, '..');
const sharedDir = process.env['DONDOC_SHARED_DIR'] ?? path.resolve(repoRoot, 'test', 'fixtures', 'shared');
const SEED_004 = path.join(sharedDir, 'seeds', '004_59a7d8b938235585.txt');

/** `dondoc simulate` of seed 004 over its whole year, import included, as the CLI runs it; target < 60 s. */
export async function benchSimulate(): Promise<{ assignments: number; events: number; totalMs: number }> {
  const calendar = createCalendar();
  const start = performance.now();
  const imported = importPlan(readFileSync(SEED_004, 'utf8'), path.basename(SEED_004));
  if (!imported.ok) throw new Error(`${SEED_004}: ${imported.error.message}`);
  const result = await simulatePlan(imported.plan, { until: imported.plan.plan.period.to, calendar });
  return {
    assignments: result.assignments,
    events: result.events.length,
    totalMs: Math.round(performance.now() - start),
  };
}

if (require.main === module) {
  benchSimulate()
    .then((r) => console.log(`simulate seed 004: ${r.assignments} assignments, ${r.events} events in ${r.totalMs} ms`))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
