import { evolve, UNASSIGNED, type AssignmentState } from '../../../domain/events/assignment';
import { CommandSchema, type CommandInput } from '../../../domain/events/commands';
import { allowedCommands, decide, type Decision } from '../../../domain/events/deciders';
import type { Actor, DraftEvent, RefusalCode } from '../../../domain/events/schemas';
import { assigned, chain, milestone, scheduled } from '../../support/events';

/**
 * The deciders, given/when/then in the way of Emmett's DeciderSpecification: given the events an assignment
 * has, when a command comes from an actor at an instant, then these events, or a refusal of this code.
 */
const LEAD = 'hcm.q1.phong-noi-vu';
const unit: Actor = { kind: 'user', id: 'u', role: 'unit', unitId: LEAD };
const other: Actor = { kind: 'user', id: 'o', role: 'unit', unitId: 'hcm.q1.p-ben-nghe' };
const monitor: Actor = { kind: 'user', id: 'm', role: 'monitor', unitId: null };
const NOW = '2025-06-20T10:00:00+07:00';

const spec = {
  given(drafts: DraftEvent[]) {
    const state: AssignmentState = chain('p', '1.1', LEAD, drafts).reduce(evolve, UNASSIGNED);
    return {
      when(command: CommandInput, actor: Actor = unit, now = NOW) {
        const decision: Decision = decide(state, CommandSchema.parse(command), actor, now);
        return {
          then(events: DraftEvent[]) {
            expect(decision).toEqual({ ok: true, events });
          },
          thenRefused(code: RefusalCode, message?: RegExp) {
            expect(decision.ok).toBe(false);
            if (decision.ok) return;
            expect(decision.refusal.code).toBe(code);
            if (message) expect(decision.refusal.message).toMatch(message);
          },
        };
      },
    };
  },
};

const m0 = milestone('2025-06-30');
const withKind = (deadlineKind: string, deadlineText: string): DraftEvent => {
  const a = assigned(LEAD) as Extract<DraftEvent, { type: 'TaskAssigned' }>;
  return { ...a, data: { ...a.data, deadlineKind, deadlineText } };
};
const relative = withKind('relative', 'Trong vòng 05 ngày làm việc khi có thay đổi nhân sự');
const external = withKind('external', 'Theo kế hoạch riêng');
const submitted: DraftEvent = { type: 'ResultSubmitted', data: { milestone: m0, note: '', evidence: [] } };
const open = [assigned(LEAD), scheduled(m0)];

describe('SubmitResult', () => {
  it('given an open milestone → ResultSubmitted', () =>
    spec
      .given(open)
      .when({ type: 'SubmitResult', note: 'Xong' })
      .then([{ type: 'ResultSubmitted', data: { milestone: m0, note: 'Xong', evidence: [] } }]));
  it('given a result awaiting approval → conflict', () =>
    spec
      .given([...open, submitted])
      .when({ type: 'SubmitResult' })
      .thenRefused('conflict', /awaits approval/));
  it('given no milestone yet → conflict', () =>
    spec
      .given([external])
      .when({ type: 'SubmitResult' })
      .thenRefused('conflict', /no open milestone/));
  it('from a unit that is not the lead → forbidden', () =>
    spec.given(open).when({ type: 'SubmitResult' }, other).thenRefused('forbidden'));
  it('given a cancelled task → conflict', () =>
    spec
      .given([...open, { type: 'TaskCancelled', data: { reason: 'x' } }])
      .when({ type: 'SubmitResult' })
      .thenRefused('conflict', /cancelled/));
  it('given a closed assignment → conflict', () =>
    spec
      .given([...open, { type: 'AssignmentClosed', data: { reason: 'milestones-closed' } }])
      .when({ type: 'SubmitResult' })
      .thenRefused('conflict', /already completed/));
});

describe('ApproveCompletion / RejectCompletion', () => {
  it('given a submission → approved, and completed as of the submission (by 24:00 of the due date)', () =>
    spec
      .given([...open, submitted])
      .when({ type: 'ApproveCompletion' }, monitor, '2025-07-05T10:00:00+07:00')
      .then([
        { type: 'CompletionApproved', data: { milestone: m0, note: '' } },
        {
          type: 'TaskCompleted',
          data: { milestone: m0, onTime: true, onTimeOriginal: true, submittedAt: '2025-03-01T09:00:00+07:00' },
        },
      ]));
  it('from the lead unit → forbidden', () =>
    spec
      .given([...open, submitted])
      .when({ type: 'ApproveCompletion' }, unit)
      .thenRefused('forbidden'));
  it('given nothing submitted → conflict', () =>
    spec.given(open).when({ type: 'RejectCompletion', reason: 'thiếu' }, monitor).thenRefused('conflict'));
});

describe('RequestExtension / DecideExtension', () => {
  it('given an open milestone → ExtensionRequested', () =>
    spec
      .given(open)
      .when({ type: 'RequestExtension', requestedDue: '2025-07-15', reason: 'chờ' })
      .then([{ type: 'ExtensionRequested', data: { milestone: m0, requestedDue: '2025-07-15', reason: 'chờ' } }]));
  it('a date not after the due date → invalid', () =>
    spec
      .given(open)
      .when({ type: 'RequestExtension', requestedDue: '2025-06-30', reason: 'chờ' })
      .thenRefused('invalid', /not after/));
  const requested: DraftEvent = {
    type: 'ExtensionRequested',
    data: { milestone: m0, requestedDue: '2025-07-15', reason: 'chờ' },
  };
  it('given a pending request, granted without a date → the requested date, the original kept', () =>
    spec
      .given([...open, requested])
      .when({ type: 'DecideExtension', approve: true }, monitor)
      .then([
        {
          type: 'ExtensionGranted',
          data: { milestone: m0, originalDue: '2025-06-30', newDue: '2025-07-15', note: '' },
        },
      ]));
  it('given no pending request → conflict', () =>
    spec.given(open).when({ type: 'DecideExtension', approve: true }, monitor).thenRefused('conflict'));
});

describe('Trigger / SetDueDate', () => {
  it('given a relative deadline → TriggerReceived', () =>
    spec
      .given([relative])
      .when({ type: 'Trigger', occurredOn: '2025-06-19' })
      .then([{ type: 'TriggerReceived', data: { occurredOn: '2025-06-19', note: '' } }]));
  it('a trigger in the future → invalid', () =>
    spec.given([relative]).when({ type: 'Trigger', occurredOn: '2025-06-21' }).thenRefused('invalid'));
  it('given a fixed deadline → conflict', () =>
    spec.given(open).when({ type: 'Trigger', occurredOn: '2025-06-19' }).thenRefused('conflict'));
  it('given an external deadline → DueDateSet with the next index', () =>
    spec
      .given([external])
      .when({ type: 'SetDueDate', due: '2025-08-01' }, monitor)
      .then([
        {
          type: 'DueDateSet',
          data: {
            milestone: {
              index: 0,
              label: 'Hạn 2025-08-01',
              kind: 'deliverable',
              nominal: '2025-08-01',
              due: '2025-08-01',
              extendedDue: null,
            },
            note: '',
          },
        },
      ]));
  it('given a planned deadline → conflict', () =>
    spec.given(open).when({ type: 'SetDueDate', due: '2025-08-01' }, monitor).thenRefused('conflict'));
});

describe('Reassign / Cancel', () => {
  const lead = [{ unitId: 'hcm.q1.p-ben-nghe', title: 'UBND phường Bến Nghé' }];
  const head = [{ unitId: 'hcm.q1.p-ben-nghe', title: 'Chủ tịch UBND phường Bến Nghé' }];
  const reassigned: DraftEvent = {
    type: 'TaskReassigned',
    data: { fromUnit: LEAD, toUnit: 'hcm.q1.p-ben-nghe', reason: 'đổi', recipients: { lead, head } },
  };
  it('→ TaskReassigned carrying the new recipients, which evolve applies', () => {
    spec
      .given(open)
      .when({ type: 'Reassign', toUnit: 'hcm.q1.p-ben-nghe', reason: 'đổi', lead, head }, monitor)
      .then([reassigned]);
    const after = chain('p', '1.1', LEAD, [...open, reassigned]).reduce(evolve, UNASSIGNED);
    expect(after.leadUnit).toBe('hcm.q1.p-ben-nghe');
    expect(after.recipients).toMatchObject({ lead, head });
  });
  it('to the lead it already has → conflict', () =>
    spec
      .given(open)
      .when({ type: 'Reassign', toUnit: LEAD, reason: 'x', lead, head }, monitor)
      .thenRefused('conflict'));
  it('Cancel from a unit → forbidden; from a monitor → TaskCancelled', () => {
    spec.given(open).when({ type: 'Cancel', reason: 'x' }, unit).thenRefused('forbidden');
    spec
      .given(open)
      .when({ type: 'Cancel', reason: 'x' }, monitor)
      .then([{ type: 'TaskCancelled', data: { reason: 'x' } }]);
  });
});

describe('ReportProgress', () => {
  it('given a deliverable milestone → ProgressReported only', () =>
    spec
      .given(open)
      .when({ type: 'ReportProgress', percent: 40 })
      .then([{ type: 'ProgressReported', data: { milestone: m0, percent: 40, note: '', evidence: [] } }]));
  it('given an open report milestone → its deliverable: ProgressReported and TaskCompleted', () => {
    const r0 = { ...m0, kind: 'report' as const };
    spec
      .given([assigned(LEAD), scheduled(r0)])
      .when({ type: 'ReportProgress', percent: 40 })
      .then([
        { type: 'ProgressReported', data: { milestone: r0, percent: 40, note: '', evidence: [] } },
        { type: 'TaskCompleted', data: { milestone: r0, onTime: true, onTimeOriginal: true, submittedAt: NOW } },
      ]);
  });
});

describe('allowedCommands: what a client may offer, from the deciders themselves', () => {
  const state = (drafts: DraftEvent[]) => chain('p', '1.1', LEAD, drafts).reduce(evolve, UNASSIGNED);
  it.each([
    ['the lead unit, open milestone', open, unit, ['ReportProgress', 'SubmitResult', 'RequestExtension']],
    ['another unit', open, other, []],
    [
      'a monitor, open milestone',
      open,
      monitor,
      ['ReportProgress', 'SubmitResult', 'RequestExtension', 'Reassign', 'Cancel', 'Remind'],
    ],
    [
      'a monitor, submitted',
      [...open, submitted],
      monitor,
      ['ReportProgress', 'ApproveCompletion', 'RejectCompletion', 'Reassign', 'Cancel', 'Remind'],
    ],
    ['the lead unit, relative, no milestone', [relative], unit, ['ReportProgress', 'Trigger']],
    [
      'a monitor, external, no milestone',
      [external],
      monitor,
      ['ReportProgress', 'SetDueDate', 'Reassign', 'Cancel', 'Remind'],
    ],
    ['a monitor, cancelled', [...open, { type: 'TaskCancelled', data: { reason: 'x' } }], monitor, []],
  ] as [string, DraftEvent[], Actor, string[]][])('%s', (_given, drafts, actor, allowed) => {
    expect(allowedCommands(state(drafts), actor, NOW)).toEqual(allowed);
  });
});
