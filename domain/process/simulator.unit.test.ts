import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createCalendar } from '../calendar';
import { verifyChain } from '../events/seal';
import type { DondocEvent } from '../events/schemas';
import { plannedAssignments } from '../plans/assignments';
import { importPlan } from '../plans/import';
import { ScenarioSchema } from './scenario';
import { localMs, simulatedTimeline, simulateProcesses } from './simulator';

const calendar = createCalendar();
const fixtures = path.join(__dirname, '..', '..', 'test', 'fixtures');
const load = (file: string) => {
  const r = importPlan(fs.readFileSync(file, 'utf8'), path.basename(file));
  if (!r.ok) throw new Error(r.error.message);
  return r.plan;
};

describe('process simulator', () => {
  const plan = load(path.join(fixtures, 'simulate', 'plan.yaml'));
  const scenario = ScenarioSchema.parse(
    parseYaml(fs.readFileSync(path.join(fixtures, 'simulate', 'scenario.yaml'), 'utf8')),
  );
  const startMs = localMs('2025-02-10', '08:00');
  const untilMs = localMs('2025-08-01');
  const run = () => simulateProcesses(plannedAssignments(plan), { startMs, untilMs, scenario, calendar });

  it('walks an external task through its set due date, submission, rejection, miss and both escalations', () => {
    const lines = simulatedTimeline(run().events, untilMs)
      .filter((e) => e.taskRef === '3.1')
      .map((e) => `${e.at.slice(0, 16)} ${e.type}${e.level ? ` ${e.level}` : ''}`);
    // Due Thu 2025-05-15: the 5th working day before is Thu 05-08, the 1st Wed 05-14; the level-1 escalation
    // goes out on the 1st working day after (Fri 05-16), level 2 on the 5th (Thu 05-22, over the weekend).
    expect(lines).toEqual([
      '2025-02-10T08:00 TaskAssigned',
      '2025-04-01T10:00 DueDateSet',
      '2025-04-01T10:00 DeadlineScheduled',
      '2025-05-08T09:00 ReminderSent',
      '2025-05-14T09:00 ReminderSent',
      '2025-05-14T10:00 ResultSubmitted',
      '2025-05-15T10:00 CompletionRejected',
      // The due-day reminder was held while the result awaited review; once rejected, it goes out at once.
      '2025-05-15T10:00 ReminderSent',
      '2025-05-16T00:00 DeadlineMissed',
      '2025-05-16T09:00 TaskEscalated 1',
      '2025-05-22T09:00 TaskEscalated 2',
    ]);
  });

  it('counts a relative deadline from the day after its trigger, in working days', () => {
    const scheduled = simulatedTimeline(run().events, untilMs).find(
      (e) => e.taskRef === '1.3' && e.type === 'DeadlineScheduled',
    );
    // Triggered Tue 2025-05-06; five working days: 07, 08, 09, 12, 13.
    expect(scheduled?.milestone?.due).toBe('2025-05-13');
  });

  it('is deterministic and keeps every assignment hash chain intact', () => {
    const a = run();
    const b = run();
    expect(b.events).toEqual(a.events);
    const byWorkflow = new Map<string, DondocEvent[]>();
    for (const e of a.events) {
      const id = e.metadata.eventId.slice(0, e.metadata.eventId.lastIndexOf(':'));
      byWorkflow.set(id, [...(byWorkflow.get(id) ?? []), e]);
    }
    expect(byWorkflow.size).toBe(7);
    for (const events of byWorkflow.values()) expect(verifyChain(events)).toEqual([]);
  });

  it('refuses an action on a finished task and on a task that is not in the plan', () => {
    expect(run().rejected).toEqual([
      '2025-04-01 task 1.1 unit hcm.q1.phong-noi-vu ApproveCompletion: the task is closed',
      expect.stringMatching(/^2025-05-02 task 2\.1 unit hcm\.q1\.van-phong-ubnd ApproveCompletion: /),
      '2025-06-26 task 9.9: no such assignment',
    ]);
  });

  describe('seed 004 over its year', () => {
    const seed = load(path.join(fixtures, 'shared', 'seeds', '004_59a7d8b938235585.txt'));
    const planned = plannedAssignments(seed);
    const start = localMs(seed.plan.issued, '08:00');
    const end = localMs(seed.plan.period.to) + 24 * 60 * 60 * 1000;
    const { events } = simulateProcesses(planned, { startMs: start, untilMs: end, calendar });
    const local = (e: DondocEvent) => e.metadata.at.slice(11, 16);
    const day = (e: DondocEvent) => e.metadata.at.slice(0, 10);

    it('starts every assignment', () => {
      expect(planned.length).toBeGreaterThan(1000);
      expect(events.filter((e) => e.type === 'TaskAssigned')).toHaveLength(planned.length);
    });

    it('sends reminders and escalations at 09:00 on working days only', () => {
      const timed = events.filter((e) => e.type === 'TaskEscalated' || e.type === 'ReminderSent');
      expect(timed.length).toBeGreaterThan(1000);
      for (const e of timed) {
        expect(calendar.isWorkingDay(day(e))).toBe(true);
        expect(local(e)).toBe('09:00');
      }
    });

    it('marks a milestone missed at 24:00 of its due date, never earlier', () => {
      const missed = events.filter((e) => e.type === 'DeadlineMissed');
      expect(missed.length).toBeGreaterThan(100);
      for (const e of missed) {
        const due = (e.data as { milestone: { due: string; extendedDue: string | null } }).milestone;
        const next = new Date(Date.parse(`${due.extendedDue ?? due.due}T00:00:00Z`) + 24 * 60 * 60 * 1000);
        expect(e.metadata.at).toBe(`${next.toISOString().slice(0, 10)}T00:00:00+07:00`);
      }
    });
  });
});
