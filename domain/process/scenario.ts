import { z } from 'zod';
import type { CommandInput } from '../events/commands';
import type { Actor } from '../events/schemas';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** One scripted human action: "task 1.2, unit X completes on 2022-09-20". */
export const ScenarioActionSchema = z.object({
  task: z.string().min(1),
  /** A unit id; omitted, the action applies to every assignment of the task. */
  unit: z.string().min(1).optional(),
  on: Day,
  /** Local time of the action; 10:00 by default. */
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM')
    .default('10:00'),
  do: z.enum([
    'complete',
    'submit',
    'approve',
    'reject',
    'progress',
    'request-extension',
    'grant-extension',
    'deny-extension',
    'trigger',
    'set-due-date',
    'cancel',
  ]),
  percent: z.number().min(0).max(100).optional(),
  due: Day.optional(),
  note: z.string().optional(),
  reason: z.string().optional(),
});
export const ScenarioSchema = z.object({ actions: z.array(ScenarioActionSchema).default([]) });
export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioAction = z.infer<typeof ScenarioActionSchema>;

/** One line of a simulated timeline (the `dondoc simulate --json` contract). */
export interface SimulatedEvent {
  type: string;
  taskRef: string;
  unit: string;
  at: string;
  level: number | null;
  milestone: { label: string; due: string } | null;
}

const unitActor = (unitId: string): Actor => ({ kind: 'user', id: 'scenario', role: 'unit', unitId });
const MONITOR: Actor = { kind: 'user', id: 'scenario', role: 'monitor', unitId: null };

/** The commands one scripted action stands for, and who gives them. */
export function commandsFor(a: ScenarioAction, unitId: string): { command: CommandInput; actor: Actor }[] {
  const note = a.note ?? 'scenario';
  switch (a.do) {
    case 'complete':
      return [
        { command: { type: 'SubmitResult', note }, actor: unitActor(unitId) },
        { command: { type: 'ApproveCompletion', note }, actor: MONITOR },
      ];
    case 'submit':
      return [{ command: { type: 'SubmitResult', note }, actor: unitActor(unitId) }];
    case 'approve':
      return [{ command: { type: 'ApproveCompletion', note }, actor: MONITOR }];
    case 'reject':
      return [{ command: { type: 'RejectCompletion', reason: a.reason ?? note }, actor: MONITOR }];
    case 'progress':
      return [{ command: { type: 'ReportProgress', percent: a.percent ?? 50, note }, actor: unitActor(unitId) }];
    case 'request-extension':
      if (!a.due) throw new Error(`task ${a.task}: request-extension needs "due"`);
      return [
        {
          command: { type: 'RequestExtension', requestedDue: a.due, reason: a.reason ?? note },
          actor: unitActor(unitId),
        },
      ];
    case 'grant-extension':
      return [{ command: { type: 'DecideExtension', approve: true, newDue: a.due, note }, actor: MONITOR }];
    case 'deny-extension':
      return [{ command: { type: 'DecideExtension', approve: false, note: a.reason ?? note }, actor: MONITOR }];
    case 'trigger':
      return [{ command: { type: 'Trigger', occurredOn: a.on, note }, actor: unitActor(unitId) }];
    case 'set-due-date':
      if (!a.due) throw new Error(`task ${a.task}: set-due-date needs "due"`);
      return [{ command: { type: 'SetDueDate', due: a.due, note }, actor: MONITOR }];
    case 'cancel':
      return [{ command: { type: 'Cancel', reason: a.reason ?? note }, actor: MONITOR }];
    default: {
      const _exhaustive: never = a.do;
      return _exhaustive;
    }
  }
}
