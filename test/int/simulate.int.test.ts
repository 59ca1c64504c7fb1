import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { importPlan } from '../../domain/plans/import';
import { ScenarioSchema, simulatePlan, type SimulationResult } from '../../services/simulate';
import { calendar } from '../support/servers';

const dir = path.join(__dirname, '..', 'fixtures', 'simulate');

/**
 * `dondoc simulate` runs the assignments' process definition on a virtual clock; the workflow carries out the same
 * definition on Temporal. This test runs a plan with every kind of deadline and every human action (accepted and
 * refused) both ways, on the real workflows, worker and time-skipping server, and requires the same timeline.
 */
describe('simulate: the fast engine matches the real workflows', () => {
  const imported = importPlan(fs.readFileSync(path.join(dir, 'plan.yaml'), 'utf8'), 'plan.yaml');
  if (!imported.ok) throw new Error(imported.error.message);
  const plan = imported.plan;
  const scenario = ScenarioSchema.parse(parseYaml(fs.readFileSync(path.join(dir, 'scenario.yaml'), 'utf8')));
  const until = '2025-07-31';
  let fast: SimulationResult;
  let real: SimulationResult;

  beforeAll(async () => {
    fast = await simulatePlan(plan, { until, scenario, calendar, engine: 'process' });
    real = await simulatePlan(plan, {
      until,
      scenario,
      calendar,
      engine: 'temporal',
      testServer: process.env.DONDOC_TEST_SERVER_BIN,
    });
  }, 600_000);

  // Events a workflow emits on its own happen at timer instants; those at the plan's start or after a person's
  // action carry the test server's few milliseconds of real time, so times are compared to the minute.
  const line = (e: SimulationResult['events'][number]) =>
    [
      e.at.slice(0, 16),
      e.taskRef,
      e.unit,
      e.type,
      e.level ?? '',
      e.milestone?.label ?? '',
      e.milestone?.due ?? '',
    ].join(' | ');

  it('covers every kind of event the scenario should produce', () => {
    const types = new Set(fast.events.map((e) => e.type));
    for (const t of [
      'TaskAssigned',
      'DeadlineScheduled',
      'ReminderSent',
      'DeadlineMissed',
      'TaskEscalated',
      'ProgressReported',
      'ResultSubmitted',
      'CompletionApproved',
      'CompletionRejected',
      'TaskCompleted',
      'ExtensionRequested',
      'ExtensionGranted',
      'TriggerReceived',
      'DueDateSet',
      'ActionRefused',
    ])
      expect(types).toContain(t);
    expect(fast.assignments).toBe(7);
  });

  /** Each assignment's own events in order (across assignments, events of one minute may interleave either way). */
  const byAssignment = (r: SimulationResult) => {
    const m = new Map<string, string[]>();
    for (const e of r.events) m.set(`${e.taskRef} ${e.unit}`, [...(m.get(`${e.taskRef} ${e.unit}`) ?? []), line(e)]);
    return Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));
  };

  it('gives the same timeline as the real workflows, event for event', () => {
    expect(real.events.length).toBeGreaterThan(50);
    expect(fast.events).toHaveLength(real.events.length);
    expect(byAssignment(fast)).toEqual(byAssignment(real));
  });

  it('refuses the same actions with the same reasons', () => {
    expect(fast.rejected).toHaveLength(3);
    expect(fast.rejected).toEqual(real.rejected);
  });
});
