import { effectiveDue, evolve, UNASSIGNED, type AssignmentState } from '../../../domain/events/assignment';
import { CommandSchema, type CommandInput } from '../../../domain/events/commands';
import { decide } from '../../../domain/events/deciders';
import type { Actor, DraftEvent } from '../../../domain/events/schemas';
import { assigned, chain, milestone, scheduled } from '../../support/events';

/** Re-projection onto a changed calendar: given an assignment's events, when Reproject comes, then its events. */
const LEAD = 'hcm.q1.phong-noi-vu';
const unit: Actor = { kind: 'user', id: 'u', role: 'unit', unitId: LEAD };
const monitor: Actor = { kind: 'user', id: 'm', role: 'monitor', unitId: null };
const NOW = '2027-08-20T10:00:00+07:00';
const m0 = milestone('2027-09-02');
const move = {
  milestone: 0,
  from: '2027-09-02',
  to: '2027-09-03',
  reason: 'Ngày 2/9/2027 được công bố nghỉ bù',
  rule: 'Điều 148 Bộ luật Dân sự',
};
const command = (moves = [move]): CommandInput => ({ type: 'Reproject', calendarVersion: 'v2', moves });

function given(drafts: DraftEvent[]): AssignmentState {
  return chain('p', '1.1', LEAD, drafts).reduce(evolve, UNASSIGNED);
}
const when = (s: AssignmentState, c: CommandInput, actor: Actor = monitor, now = NOW) =>
  decide(s, CommandSchema.parse(c), actor, now);

describe('Reproject', () => {
  test('given an open milestone due on the new day off, then DeadlineReprojected names old, new and reason', () => {
    const decision = when(given([assigned(LEAD), scheduled(m0)]), command());
    expect(decision).toEqual({
      ok: true,
      events: [{ type: 'DeadlineReprojected', data: { ...move, milestone: m0, calendarVersion: 'v2' } }],
    });
  });

  test('evolve moves the due date and keeps the original for on-time rates', () => {
    const before = given([assigned(LEAD), scheduled(m0)]);
    const decision = when(before, command());
    if (!decision.ok) throw new Error(decision.refusal.message);
    const after = given([assigned(LEAD), scheduled(m0), ...decision.events]);
    expect(effectiveDue(after.current!.milestone)).toBe('2027-09-03');
    expect(after.current!.milestone.due).toBe('2027-09-02');
    expect(after.milestones[0]!.reprojectedDue).toBe('2027-09-03');
  });

  test('an extended milestone moves its extension date', () => {
    const ext = milestone('2027-08-25', 0, '2027-09-02');
    const decision = when(given([assigned(LEAD), scheduled(ext)]), command());
    if (!decision.ok) throw new Error(decision.refusal.message);
    const after = given([assigned(LEAD), scheduled(ext), ...decision.events]);
    expect(after.current!.milestone.extendedDue).toBe('2027-09-03');
    expect(after.current!.milestone.due).toBe('2027-08-25');
  });

  test('a unit may not re-project; a stale from date, a past milestone or a closed task are refused', () => {
    const s = given([assigned(LEAD), scheduled(m0)]);
    expect(when(s, command(), unit)).toMatchObject({ ok: false, refusal: { code: 'forbidden' } });
    expect(when(s, command([{ ...move, from: '2027-09-01' }]))).toMatchObject({
      ok: false,
      refusal: { code: 'conflict' },
    });
    expect(when(s, command(), monitor, '2027-09-05T09:00:00+07:00')).toMatchObject({
      ok: false,
      refusal: { code: 'conflict' },
    });
    const cancelled = given([assigned(LEAD), scheduled(m0), { type: 'TaskCancelled', data: { reason: 'x' } }]);
    expect(when(cancelled, command())).toMatchObject({ ok: false, refusal: { code: 'conflict' } });
    expect(when(s, command([{ ...move, milestone: 7 }]))).toMatchObject({ ok: false, refusal: { code: 'invalid' } });
  });
});
