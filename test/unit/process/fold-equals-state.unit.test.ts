import fc from 'fast-check';
import { createCalendar } from '../../../domain/calendar';
import { interpretDeadline } from '../../../domain/deadlines';
import { TASK_STATUSES, taskStatus, type AssignmentInput, type TaskStatus } from '../../../domain/events/assignment';
import type { DondocEvent } from '../../../domain/events/schemas';
import { DEFAULT_POLICY } from '../../../domain/policy/policy';
import { ScenarioActionSchema, type ScenarioAction } from '../../../domain/process/scenario';
import { localMs, simulateProcesses } from '../../../domain/process/simulator';
import { foldEvent, type TaskRecord } from '../../../projections/model';

/**
 * The read model folds a task's events through the workflow's own `evolve`: whatever people do, in whatever
 * order, the projection's state and status are the process's own. Runs the process (the definition the Temporal
 * workflow carries out) on the simulator's virtual clock.
 */
const calendar = createCalendar();
const unit = 'hcm.q1.phong-noi-vu';
const ctx = { issued: '2025-01-15', until: '2025-12-31' };

const DEADLINES = {
  fixed: 'Trước ngày 31/3/2025',
  recurring: 'Định kỳ hằng quý',
  relative: 'Trong vòng 05 ngày làm việc khi có thay đổi nhân sự',
  external: 'Theo kế hoạch riêng',
  ongoing: 'Thường xuyên',
} as const;

function input(taskRef: string, text: string): AssignmentInput {
  return {
    planId: 'p-fold',
    taskRef,
    unitId: unit,
    title: `Nhiệm vụ ${taskRef}`,
    planTitle: 'Kế hoạch thử nghiệm',
    supportUnits: [],
    monitoringUnit: 'hcm.q1.phong-noi-vu',
    deadline: interpretDeadline(text, ctx, calendar),
    policy: DEFAULT_POLICY,
    recipients: {
      lead: [{ unitId: unit, title: 'Phòng Nội vụ' }],
      head: [{ unitId: unit, title: 'Trưởng Phòng Nội vụ' }],
      authority: [{ unitId: 'hcm.q1', title: 'Chủ tịch UBND Quận 1' }],
    },
    period: { from: '2025-01-15', to: '2025-12-31' },
  };
}

function fold(events: DondocEvent[]): Map<string, TaskRecord> {
  const records = new Map<string, TaskRecord>();
  for (const e of events) {
    const r = foldEvent(records.get(e.metadata.workflowId) ?? null, e, '2026-01-01T00:00:00+07:00');
    if (!r.applied) throw new Error(`event ${e.metadata.eventId} not applied: ${r.reason}`);
    records.set(e.metadata.workflowId, r.record);
  }
  return records;
}

function run(refs: Record<string, string>, actions: ScenarioAction[], until = '2026-01-02') {
  const planned = Object.entries(refs).map(([ref, text]) => ({ workflowId: `p-fold:${ref}`, input: input(ref, text) }));
  const result = simulateProcesses(planned, {
    startMs: localMs('2025-01-15', '08:00'),
    untilMs: localMs(until),
    scenario: { actions },
    calendar,
  });
  return { ...result, records: fold(result.events) };
}

const action = (task: string, on: string, act: ScenarioAction['do'], extra: Partial<ScenarioAction> = {}) =>
  ({ task, on, time: '10:00', do: act, ...extra }) as ScenarioAction;

describe('a triggered relative task', () => {
  // "Trong vòng 05 ngày làm việc khi có thay đổi nhân sự": triggered Tue 2025-05-06, due Tue 05-13.
  const { states, records, events } = run({ '2.1': DEADLINES.relative }, [
    action('2.1', '2025-05-06', 'trigger'),
    action('2.1', '2025-05-09', 'complete'),
  ]);

  it('records that its trigger was consumed, in the change that schedules its due date', () => {
    const types = events.map((e) => e.type);
    const consumed = types.indexOf('TriggerConsumed');
    expect(consumed).toBeGreaterThan(types.indexOf('TriggerReceived'));
    expect(types[consumed + 1]).toBe('DeadlineScheduled');
    expect(events[consumed + 1]?.data).toMatchObject({ milestone: { due: '2025-05-13' } });
  });

  it('reads done on time in the projection, as in the process, once the plan period ends', () => {
    const state = states.get('p-fold:2.1')!;
    const record = records.get('p-fold:2.1')!;
    expect(taskStatus(state)).toBe('done-on-time');
    expect(record.status).toBe('done-on-time');
    expect(record.state.pendingTriggers).toEqual([]);
    expect(record.state).toEqual(state);
    expect(events.at(-1)).toMatchObject({ type: 'AssignmentClosed', data: { reason: 'period-ended' } });
  });

  it('is due soon, not waiting for a trigger, while its counted due date runs', () => {
    // Five working days from the trigger: the reminder of the 5th working day before falls on the trigger's day.
    const mid = run({ '2.1': DEADLINES.relative }, [action('2.1', '2025-05-06', 'trigger')], '2025-05-08');
    expect(mid.records.get('p-fold:2.1')!.state).toEqual(mid.states.get('p-fold:2.1'));
    expect(mid.records.get('p-fold:2.1')!.status).toBe('due-soon');
    expect(mid.records.get('p-fold:2.1')!.state.pendingTriggers).toEqual([]);
  });
});

describe('projection = process state, for random command sequences', () => {
  const refs = Object.fromEntries(Object.entries(DEADLINES).map(([kind, text]) => [kind, text]));
  const day = fc.integer({ min: 20, max: 360 }).map((n) => {
    const d = new Date(Date.UTC(2025, 0, 1 + n));
    return d.toISOString().slice(0, 10);
  });
  const later = (on: string, days: number) =>
    new Date(Date.parse(`${on}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const anAction = fc
    .record({
      task: fc.constantFrom(...Object.keys(DEADLINES)),
      on: day,
      do: fc.constantFrom(...ScenarioActionSchema.shape.do.options),
      ahead: fc.integer({ min: 1, max: 60 }),
      percent: fc.integer({ min: 0, max: 100 }),
    })
    .map(({ ahead, ...a }) => ({
      ...a,
      time: '10:00',
      due: later(a.on, ahead),
      reason: 'lý do',
      // Cancelling is rare, so that most tasks live long enough to reach the other statuses.
      do: a.do === 'cancel' && a.percent > 15 ? ('progress' as const) : a.do,
    }));
  const until = fc.integer({ min: 30, max: 400 }).map((n) => later('2025-01-15', n));

  it('holds for every status', () => {
    const seen = new Set<TaskStatus>();
    fc.assert(
      fc.property(fc.array(anAction, { maxLength: 25 }), until, (actions, end) => {
        const { states, records } = run(refs, actions as ScenarioAction[], end);
        for (const [id, state] of states) {
          const record = records.get(id)!;
          expect(record.state).toEqual(state);
          expect(record.status).toBe(taskStatus(state));
          seen.add(record.status);
        }
      }),
      { numRuns: 120, seed: 17 },
    );
    expect([...seen].sort()).toEqual([...TASK_STATUSES].sort());
  });
});
