import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createCalendar } from '../../../domain/calendar';
import { evolve, pendingExplanation, UNASSIGNED, type AssignmentState } from '../../../domain/events/assignment';
import { CommandSchema, type CommandInput } from '../../../domain/events/commands';
import { allowedCommands, decide, type Decision } from '../../../domain/events/deciders';
import type { Actor, DraftEvent, RefusalCode } from '../../../domain/events/schemas';
import { verifyChain } from '../../../domain/events/seal';
import { plannedAssignments } from '../../../domain/plans/assignments';
import { importPlan } from '../../../domain/plans/import';
import { DEFAULT_POLICY, mergePolicy, milestoneTimeline } from '../../../domain/policy/policy';
import { ScenarioSchema } from '../../../domain/process/scenario';
import { localMs, simulatedTimeline, simulateProcesses } from '../../../domain/process/simulator';
import { assigned, chain, milestone, scheduled } from '../../support/events';

/**
 * "Yêu cầu giải trình" and the monitor's reminder on demand, given/when/then: given an assignment's events, when a
 * command comes from an actor at an instant, then these events or a refusal of this code.
 */
const LEAD = 'hcm.q1.phong-noi-vu';
const unit: Actor = { kind: 'user', id: 'u', role: 'unit', unitId: LEAD };
const other: Actor = { kind: 'user', id: 'o', role: 'unit', unitId: 'hcm.q1.p-ben-nghe' };
const monitor: Actor = { kind: 'user', id: 'm', role: 'monitor', unitId: 'hcm.q1.phong-noi-vu-giam-sat' };
const NOW = '2025-07-03T10:00:00+07:00';

const lead = [{ unitId: LEAD, title: 'Phòng Nội vụ' }];
const head = [{ unitId: LEAD, title: 'Trưởng phòng Nội vụ' }];
const m0 = milestone('2025-06-30');
const assignedWithRecipients: DraftEvent = (() => {
  const a = assigned(LEAD) as Extract<DraftEvent, { type: 'TaskAssigned' }>;
  return { ...a, data: { ...a.data, recipients: { lead, head, authority: [] } } };
})();
const open = [assignedWithRecipients, scheduled(m0)];
const late = [...open, { type: 'DeadlineMissed', data: { milestone: m0 } } as DraftEvent];
const requested = (dueBy = '2025-07-10'): DraftEvent => ({
  type: 'ExplanationRequested',
  data: { milestone: m0, by: 'hcm.q1', reason: 'Chậm', dueBy, workingDaysLate: 5, to: [...lead, ...head] },
});

const fold = (drafts: DraftEvent[]): AssignmentState => chain('p', '1.1', LEAD, drafts).reduce(evolve, UNASSIGNED);
function when(drafts: DraftEvent[], command: CommandInput, actor: Actor, now = NOW) {
  const decision: Decision = decide(fold(drafts), CommandSchema.parse(command), actor, now);
  return {
    then: (events: DraftEvent[]) => expect(decision).toEqual({ ok: true, events }),
    thenRefused(code: RefusalCode, message: RegExp) {
      expect(decision.ok ? null : decision.refusal.code).toBe(code);
      if (!decision.ok) expect(decision.refusal.message).toMatch(message);
    },
  };
}

describe('RequestExplanation', () => {
  it('given a missed milestone, a monitor → ExplanationRequested to the lead unit and its head', () =>
    when(late, { type: 'RequestExplanation', reason: 'Chậm 3 ngày', dueBy: '2025-07-10' }, monitor).then([
      {
        type: 'ExplanationRequested',
        data: {
          milestone: m0,
          by: monitor.unitId!,
          reason: 'Chậm 3 ngày',
          dueBy: '2025-07-10',
          workingDaysLate: null,
          to: [...lead, ...head],
        },
      },
    ]));
  it('the lead unit → forbidden', () =>
    when(late, { type: 'RequestExplanation', reason: 'x', dueBy: '2025-07-10' }, unit).thenRefused(
      'forbidden',
      /monitoring unit/,
    ));
  it('given a milestone not yet due → conflict', () =>
    when(open, { type: 'RequestExplanation', reason: 'x', dueBy: '2025-07-10' }, monitor).thenRefused(
      'conflict',
      /not late/,
    ));
  it('given a request still unanswered → conflict', () =>
    when([...late, requested()], { type: 'RequestExplanation', reason: 'x', dueBy: '2025-07-10' }, monitor).thenRefused(
      'conflict',
      /already waiting/,
    ));
  it('an answer due in the past → invalid', () =>
    when(late, { type: 'RequestExplanation', reason: 'x', dueBy: '2025-07-02' }, monitor).thenRefused(
      'invalid',
      /in the past/,
    ));
  it('given a cancelled task → conflict', () =>
    when(
      [...late, { type: 'TaskCancelled', data: { reason: 'x' } }],
      { type: 'RequestExplanation', reason: 'x', dueBy: '2025-07-10' },
      monitor,
    ).thenRefused('conflict', /cancelled/));
});

describe('SubmitExplanation', () => {
  const answer = { type: 'SubmitExplanation' as const, text: 'Do thiếu nhân sự', attachments: ['https://vb/1'] };
  it('given a pending request, the lead unit → ExplanationSubmitted, on time by the due day', () =>
    when([...late, requested()], answer, unit).then([
      {
        type: 'ExplanationSubmitted',
        data: { milestone: m0, by: LEAD, text: 'Do thiếu nhân sự', attachments: ['https://vb/1'], onTime: true },
      },
    ]));
  it('after the answer is due → recorded as late', () =>
    when([...late, requested('2025-07-02')], answer, unit).then([
      {
        type: 'ExplanationSubmitted',
        data: { milestone: m0, by: LEAD, text: 'Do thiếu nhân sự', attachments: ['https://vb/1'], onTime: false },
      },
    ]));
  it('a monitor, even for the unit → forbidden', () =>
    when([...late, requested()], answer, monitor).thenRefused('forbidden', /only the lead unit/));
  it('another unit → forbidden', () =>
    when([...late, requested()], answer, other).thenRefused('forbidden', /not the lead unit/));
  it('given no request → conflict', () => when(late, answer, unit).thenRefused('conflict', /no explanation request/));
  it('given a request already answered → conflict', () => {
    const answered: DraftEvent = {
      type: 'ExplanationSubmitted',
      data: { milestone: m0, by: LEAD, text: 'x', attachments: [], onTime: true },
    };
    when([...late, requested(), answered], answer, unit).thenRefused('conflict', /no explanation request/);
  });
});

describe('evolve keeps the request and its answer', () => {
  it('a request is pending until answered, and both stay in the state', () => {
    const asked = fold([...late, requested()]);
    expect(pendingExplanation(asked)).toMatchObject({ dueBy: '2025-07-10', reason: 'Chậm', answer: null });
    const answered = fold([
      ...late,
      requested(),
      { type: 'ExplanationSubmitted', data: { milestone: m0, by: LEAD, text: 'Lý do', attachments: [], onTime: true } },
    ]);
    expect(pendingExplanation(answered)).toBeNull();
    expect(answered.explanations).toHaveLength(1);
    expect(answered.explanations![0]!.answer).toMatchObject({ by: LEAD, text: 'Lý do', onTime: true });
  });
});

describe('Remind (on demand)', () => {
  it('a monitor → ManualReminderSent to the lead unit, with no change of state', () => {
    when(open, { type: 'Remind', note: 'Đề nghị khẩn trương' }, monitor).then([
      { type: 'ManualReminderSent', data: { milestone: m0, note: 'Đề nghị khẩn trương', to: lead } },
    ]);
    const before = fold(open);
    const after = fold([...open, { type: 'ManualReminderSent', data: { milestone: m0, note: 'x', to: lead } }]);
    expect(after).toEqual(before);
  });
  it('the lead unit → forbidden', () =>
    when(open, { type: 'Remind' }, unit).thenRefused('forbidden', /monitoring unit/));
  it('given a cancelled task → conflict', () =>
    when([...open, { type: 'TaskCancelled', data: { reason: 'x' } }], { type: 'Remind' }, monitor).thenRefused(
      'conflict',
      /cancelled/,
    ));
});

describe('allowedCommands offers the explanation actions only when they apply', () => {
  it('a monitor may ask when late, not before', () => {
    expect(allowedCommands(fold(late), monitor, NOW)).toContain('RequestExplanation');
    expect(allowedCommands(fold(open), monitor, NOW)).not.toContain('RequestExplanation');
  });
  it('the lead unit may answer a pending request; a monitor may not', () => {
    expect(allowedCommands(fold([...late, requested()]), unit, NOW)).toContain('SubmitExplanation');
    expect(allowedCommands(fold(late), unit, NOW)).not.toContain('SubmitExplanation');
    expect(allowedCommands(fold([...late, requested()]), monitor, NOW)).not.toContain('SubmitExplanation');
  });
});

describe('the policy explanation step', () => {
  const calendar = createCalendar();
  it('is off by default and, when on, falls N working days after the due date with an answer due M later', () => {
    expect(milestoneTimeline('2025-05-15', DEFAULT_POLICY, calendar).explanation).toBeNull();
    const policy = mergePolicy(DEFAULT_POLICY, { explanation: { workingDaysAfter: 3, answerWithinWorkingDays: 2 } });
    const tl = milestoneTimeline('2025-05-15', policy, calendar);
    // Due Thu 15/5/2025: three working days later is Tue 20/5; two more, Thu 22/5.
    expect(tl.explanation).toMatchObject({ at: '2025-05-20T09:00:00+07:00', workingDaysAfter: 3, dueBy: '2025-05-22' });
  });

  it('in the process, a late task gets ExplanationRequested after its escalations, once; a done task never', () => {
    const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'simulate');
    const r = importPlan(fs.readFileSync(path.join(fixtures, 'plan.yaml'), 'utf8'), 'plan.yaml');
    if (!r.ok) throw new Error(r.error.message);
    const scenario = ScenarioSchema.parse(parseYaml(fs.readFileSync(path.join(fixtures, 'scenario.yaml'), 'utf8')));
    const untilMs = localMs('2025-08-01');
    const withStep = plannedAssignments(r.plan).map((p) => ({
      ...p,
      input: { ...p.input, policy: mergePolicy(p.input.policy, { explanation: {} }) },
    }));
    const run = simulateProcesses(withStep, { startMs: localMs('2025-02-10', '08:00'), untilMs, scenario, calendar });
    const lines = simulatedTimeline(run.events, untilMs)
      .filter((e) => e.taskRef === '3.1')
      .map((e) => `${e.at.slice(0, 16)} ${e.type}`);
    // Task 3.1 is due Thu 15/5/2025 and never delivered: level 2 and the request on the 5th working day after.
    expect(lines.slice(-3)).toEqual([
      '2025-05-16T09:00 TaskEscalated',
      '2025-05-22T09:00 TaskEscalated',
      '2025-05-22T09:00 ExplanationRequested',
    ]);
    const request = run.events.find((e) => e.type === 'ExplanationRequested' && e.metadata.taskRef === '3.1');
    expect(request?.type === 'ExplanationRequested' && request.data).toMatchObject({
      dueBy: '2025-05-29',
      workingDaysLate: 5,
      by: expect.any(String),
    });
    // Only late milestones are asked about: every request's milestone was missed first.
    for (const e of run.events.filter((x) => x.type === 'ExplanationRequested')) {
      const missedBefore = run.events.some(
        (x) => x.type === 'DeadlineMissed' && x.metadata.workflowId === e.metadata.workflowId,
      );
      expect(missedBefore).toBe(true);
    }
    const byWorkflow = new Map<string, typeof run.events>();
    for (const e of run.events)
      byWorkflow.set(e.metadata.workflowId, [...(byWorkflow.get(e.metadata.workflowId) ?? []), e]);
    for (const events of byWorkflow.values()) expect(verifyChain(events)).toEqual([]);
    // Without the step (the default) the same run asks nothing.
    const plain = simulateProcesses(plannedAssignments(r.plan), {
      startMs: localMs('2025-02-10', '08:00'),
      untilMs,
      scenario,
      calendar,
    });
    expect(plain.events.filter((e) => e.type === 'ExplanationRequested')).toHaveLength(0);
  });
});
