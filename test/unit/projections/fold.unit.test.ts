import {
  foldEvent,
  planSummary,
  quarterOf,
  toProjection,
  unitScorecard,
  type TaskRecord,
} from '../../../projections/model';
import { fromKvToken, kvToken, taskKey } from '../../../projections/keys';
import { ProjectionIndex } from '../../../projections/store';
import type { DondocEvent, DraftEvent } from '../../../domain/events/schemas';
import { assigned, chain, completed, milestone, scheduled } from '../../support/events';

const NOW = '2025-07-01T00:00:00.000Z';

function fold(events: DondocEvent[]): TaskRecord {
  let rec: TaskRecord | null = null;
  for (const e of events) {
    const r = foldEvent(rec, e, NOW);
    if (!r.applied) throw new Error(`not applied: ${r.reason}`);
    rec = r.record;
  }
  return rec as TaskRecord;
}

const m0 = milestone('2025-06-30');
const unit = 'hcm.q1.phong-noi-vu';

describe('folding a task’s events into its read model', () => {
  const cases: { given: string; drafts: DraftEvent[]; status: string; nextDue: string | null; escalation: number }[] = [
    {
      given: 'assigned, no deadline yet',
      drafts: [assigned(unit)],
      status: 'no-deadline',
      nextDue: null,
      escalation: 0,
    },
    {
      given: 'a scheduled deadline',
      drafts: [assigned(unit), scheduled(m0)],
      status: 'in-progress',
      nextDue: '2025-06-30',
      escalation: 0,
    },
    {
      given: 'a reminder sent',
      drafts: [
        assigned(unit),
        scheduled(m0),
        { type: 'ReminderSent', data: { milestone: m0, workingDaysBefore: 5, to: [] } },
      ],
      status: 'due-soon',
      nextDue: '2025-06-30',
      escalation: 0,
    },
    {
      given: 'the deadline missed and escalated',
      drafts: [
        assigned(unit),
        scheduled(m0),
        { type: 'DeadlineMissed', data: { milestone: m0 } },
        { type: 'TaskEscalated', data: { milestone: m0, level: 1, workingDaysAfter: 1, to: [] } },
      ],
      status: 'overdue',
      nextDue: '2025-06-30',
      escalation: 1,
    },
    {
      given: 'completed on time',
      drafts: [
        assigned(unit),
        { type: 'MilestonesPlanned', data: { milestones: [m0] } },
        scheduled(m0),
        { type: 'ResultSubmitted', data: { milestone: m0, note: '', evidence: [] } },
        completed(m0, true),
        { type: 'AssignmentClosed', data: { reason: 'milestones-closed' } },
      ],
      status: 'done-on-time',
      nextDue: null,
      escalation: 0,
    },
    {
      given: 'completed late',
      drafts: [
        assigned(unit),
        scheduled(m0),
        { type: 'DeadlineMissed', data: { milestone: m0 } },
        completed(m0, false),
        { type: 'AssignmentClosed', data: { reason: 'milestones-closed' } },
      ],
      status: 'done-late',
      nextDue: null,
      escalation: 0,
    },
    {
      given: 'cancelled',
      drafts: [assigned(unit), scheduled(m0), { type: 'TaskCancelled', data: { reason: 'x' } }],
      status: 'cancelled',
      nextDue: '2025-06-30',
      escalation: 0,
    },
  ];

  it.each(cases)('given $given → $status', ({ drafts, status, nextDue, escalation }) => {
    const rec = fold(chain('p1', '1.1', unit, drafts));
    expect(rec.status).toBe(status);
    expect(rec.nextDue).toBe(nextDue);
    expect(rec.escalationLevel).toBe(escalation);
    expect(rec.lastSeq).toBe(drafts.length);
    expect(rec.title).toBe('Báo cáo kết quả');
  });

  it('ignores a duplicate and refuses a gap', () => {
    const events = chain('p1', '1.1', unit, [
      assigned(unit),
      scheduled(m0),
      { type: 'DeadlineMissed', data: { milestone: m0 } },
    ]);
    const two = fold(events.slice(0, 2));
    expect(foldEvent(two, events[1]!, NOW)).toEqual({ applied: false, reason: 'duplicate' });
    expect(foldEvent(fold(events.slice(0, 1)), events[2]!, NOW)).toEqual({ applied: false, reason: 'gap' });
    expect(foldEvent(null, events[1]!, NOW)).toEqual({ applied: false, reason: 'gap' });
  });

  it('keeps the scheduled reminder and escalation instants while the due date stands', () => {
    const planned: DraftEvent = {
      type: 'DeadlineScheduled',
      data: {
        milestone: m0,
        reminders: ['2025-06-23T09:00:00+07:00', '2025-06-30T09:00:00+07:00'],
        missedAt: '2025-06-30T17:00:00+07:00',
        escalations: [{ level: 1, at: '2025-07-01T09:00:00+07:00' }],
      },
    };
    const drafts: DraftEvent[] = [
      assigned(unit),
      planned,
      { type: 'ReminderSent', data: { milestone: m0, workingDaysBefore: 5, to: [] } },
    ];
    expect(fold(chain('p1', '1.1', unit, drafts)).schedule).toEqual({
      milestoneIndex: 0,
      due: '2025-06-30',
      reminders: ['2025-06-23T09:00:00+07:00', '2025-06-30T09:00:00+07:00'],
      escalations: [{ level: 1, at: '2025-07-01T09:00:00+07:00' }],
    });
    // The due date moves without a new schedule: the old instants no longer hold.
    const moved = fold(
      chain('p1', '1.1', unit, [
        ...drafts,
        { type: 'ExtensionGranted', data: { milestone: m0, originalDue: m0.due, newDue: '2025-07-15', note: '' } },
      ]),
    );
    expect(moved.nextDue).toBe('2025-07-15');
    expect(moved.schedule).toBeNull();
  });

  it('an extension counts on time against the new date and late against the original', () => {
    const ext = { ...m0, extendedDue: '2025-07-15' };
    const rec = fold(
      chain('p1', '1.1', unit, [
        assigned(unit),
        scheduled(m0),
        { type: 'ExtensionGranted', data: { milestone: m0, originalDue: m0.due, newDue: '2025-07-15', note: '' } },
        completed(ext, true, false),
      ]),
    );
    expect(rec.closed).toEqual([
      {
        index: 0,
        label: 'Mốc 1',
        due: '2025-06-30',
        effectiveDue: '2025-07-15',
        outcome: 'on-time',
        onTimeOriginal: false,
        unitId: unit,
      },
    ]);
    const card = unitScorecard(unit, [toProjection(rec)]);
    expect(card).toMatchObject({
      assigned: 1,
      doneOnTime: 1,
      doneLate: 0,
      overdue: 0,
      onTimeRate: 1,
      onTimeRateOriginal: 0,
    });
    expect(card.byQuarter['2025-Q2']).toEqual({
      closed: 1,
      onTime: 1,
      onTimeOriginal: 0,
      onTimeRate: 1,
      onTimeRateOriginal: 0,
    });
    expect(card.byYear['2025']?.closed).toBe(1);
  });

  it('a reassignment moves the task to the new lead; closed milestones stay credited to who closed them', () => {
    const m1 = milestone('2025-09-30', 1);
    const rec = fold(
      chain('p1', '2', 'a', [
        assigned('a'),
        scheduled(m0),
        completed(m0, true),
        scheduled(m1),
        { type: 'TaskReassigned', data: { fromUnit: 'a', toUnit: 'b', reason: '' } },
        { type: 'DeadlineMissed', data: { milestone: m1 } },
        completed(m1, false),
      ]),
    );
    expect(rec.unitId).toBe('b');
    expect(rec.closed.map((c) => [c.unitId, c.outcome])).toEqual([
      ['a', 'on-time'],
      ['b', 'late'],
    ]);
    const index = new ProjectionIndex();
    index.put(toProjection(rec));
    expect(index.unitScorecard('a')).toMatchObject({ assigned: 0, doneOnTime: 1, doneLate: 0, onTimeRate: 1 });
    expect(index.unitScorecard('b')).toMatchObject({ assigned: 1, doneOnTime: 0, doneLate: 1, onTimeRate: 0 });
    expect(index.unitScorecard('b').byQuarter).toHaveProperty(['2025-Q3', 'closed'], 1);
  });
});

describe('index and summaries', () => {
  it('filters by status, unit, plan and due range, and summarises a plan', () => {
    const index = new ProjectionIndex();
    const overdue = fold(
      chain('p1', '1', 'a', [assigned('a'), scheduled(m0), { type: 'DeadlineMissed', data: { milestone: m0 } }]),
    );
    const open = fold(chain('p1', '2', 'b', [assigned('b'), scheduled(milestone('2025-08-01'))]));
    const other = fold(chain('p2', '1', 'a', [assigned('a'), scheduled(milestone('2025-05-01'))]));
    for (const r of [overdue, open, other]) index.put(toProjection(r));
    expect(index.list({ status: 'overdue' }).map((t) => t.workflowId)).toEqual([overdue.workflowId]);
    expect(index.list({ overdue: true, unitId: 'b' })).toEqual([]);
    expect(index.list({ unitId: 'a' }).map((t) => t.planId)).toEqual(['p2', 'p1']);
    expect(index.list({ planId: 'p1', dueFrom: '2025-07-01' }).map((t) => t.unitId)).toEqual(['b']);
    expect(index.list({ overdue: false }).length).toBe(2);
    expect(planSummary('p1', index.list({ planId: 'p1' }))).toMatchObject({
      tasks: 2,
      byStatus: { overdue: 1, 'in-progress': 1 },
    });
    index.put({ ...toProjection(overdue), status: 'done-late' });
    expect(index.list({ status: 'overdue' })).toEqual([]);
  });

  it('quarters and KV-safe keys', () => {
    expect(['2025-01-01', '2025-03-31', '2025-04-01', '2025-12-31'].map(quarterOf)).toEqual([
      '2025-Q1',
      '2025-Q1',
      '2025-Q2',
      '2025-Q4',
    ]);
    const id = 'assignment:kh-12/2025:1.1:hcm.q1.phong-noi-vu';
    expect(taskKey(id)).toMatch(/^task\.[A-Za-z0-9_-]+$/);
    expect(fromKvToken(kvToken(id))).toBe(id);
    expect(kvToken('a_b')).not.toBe(kvToken('a:b'));
  });
});
