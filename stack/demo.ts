import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { TokenStore } from '../services/tokens';

/** The moment of a milestone's life at which a demo unit submits its result. */
export const SubmitMomentSchema = z.enum([
  'after-first-reminder',
  'after-reminder-on-due-day',
  'after-miss',
  'after-escalation-1',
  'after-escalation-2',
]);
export type SubmitMoment = z.infer<typeof SubmitMomentSchema>;

/** examples/demo-actors.yaml: who submits what and when, and who approves. */
export const DemoActorsSchema = z.object({
  monitor: z.object({ name: z.string().min(1), approveNote: z.string().default('') }),
  actors: z.array(z.object({ task: z.string().min(1), submit: SubmitMomentSchema, note: z.string().default('') })),
});
export type DemoActors = z.infer<typeof DemoActorsSchema>;

/** Reads the actors file; throws naming the file and the field that is wrong. */
export function readDemoActors(file: string): DemoActors {
  const parsed = DemoActorsSchema.safeParse(parseYaml(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** The part of a task's live state the actors look at (GET /tasks/:id). */
export interface CurrentOccurrence {
  status: 'open' | 'submitted' | 'done';
  missed: boolean;
  escalationLevel: number;
  remindersSent: number[];
}

/** Whether the moment to submit has come in this occurrence. */
export function submitDue(moment: SubmitMoment, cur: CurrentOccurrence): boolean {
  if (cur.status !== 'open') return false;
  switch (moment) {
    case 'after-first-reminder':
      return cur.remindersSent.length > 0;
    case 'after-reminder-on-due-day':
      return cur.remindersSent.includes(0);
    case 'after-miss':
      return cur.missed;
    case 'after-escalation-1':
      return cur.escalationLevel >= 1;
    case 'after-escalation-2':
      return cur.escalationLevel >= 2;
    default: {
      const _exhaustive: never = moment;
      return _exhaustive;
    }
  }
}

interface ListedTask {
  workflowId: string;
  taskRef: string;
  unitId: string;
  status: string;
}

/**
 * The demo's people: a unit per lead that submits at its moment, and the monitoring unit that approves, each with
 * a token of its own, acting through the HTTP API like anyone else, so every action is a real workflow update and its
 * event names the demo actor. Polls the plan's tasks every `pollMs`; stop() ends the loop.
 */
export async function startDemoActors(opts: {
  apiBase: string;
  planId: string;
  actors: DemoActors;
  tokens: TokenStore;
  /** Lead unit of each assignment, by task ref (the plan's assignments). */
  leads: { taskRef: string; unitId: string; unitName: string }[];
  pollMs?: number;
  log?: (line: string) => void;
}): Promise<{ stop(): Promise<void>; actions: () => number }> {
  const log = opts.log ?? (() => undefined);
  const monitor = (await opts.tokens.create({ role: 'monitor', name: opts.actors.monitor.name })).token;
  const unitTokens = new Map<string, string>();
  for (const l of opts.leads) {
    if (unitTokens.has(l.unitId) || !opts.actors.actors.some((a) => a.task === l.taskRef)) continue;
    unitTokens.set(
      l.unitId,
      (await opts.tokens.create({ role: 'unit', unitId: l.unitId, name: `Demo: ${l.unitName}` })).token,
    );
  }
  const call = async (method: 'GET' | 'POST', url: string, token: string, body?: unknown) => {
    const res = await fetch(`${opts.apiBase}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: res.status, json };
  };

  let stopped = false;
  let actions = 0;
  const loop = (async () => {
    while (!stopped) {
      try {
        const list = await call('GET', `/tasks?planId=${encodeURIComponent(opts.planId)}&limit=1000`, monitor);
        const tasks = (list.json.tasks ?? []) as ListedTask[];
        for (const t of tasks) {
          if (stopped || ['done-on-time', 'done-late', 'cancelled', 'no-deadline'].includes(t.status)) continue;
          const id = encodeURIComponent(t.workflowId);
          const detail = await call('GET', `/tasks/${id}`, monitor);
          const cur = (detail.json.state as { current?: CurrentOccurrence | null } | null)?.current;
          if (!cur) continue;
          if (cur.status === 'submitted') {
            const r = await call('POST', `/tasks/${id}/actions/approve`, monitor, {
              note: opts.actors.monitor.approveNote,
            });
            if (r.status === 200) {
              actions++;
              log(`demo      ${opts.actors.monitor.name} approved task ${t.taskRef}`);
            }
            continue;
          }
          const actor = opts.actors.actors.find((a) => a.task === t.taskRef);
          const token = unitTokens.get(t.unitId);
          if (!actor || !token || !submitDue(actor.submit, cur)) continue;
          const r = await call('POST', `/tasks/${id}/actions/submit`, token, { note: actor.note });
          if (r.status === 200) {
            actions++;
            log(`demo      ${t.unitId} submitted task ${t.taskRef} (${actor.submit})`);
          }
        }
      } catch {
        // The API restarting or busy: try again at the next poll.
      }
      await new Promise((r) => setTimeout(r, opts.pollMs ?? 1500));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
    },
    actions: () => actions,
  };
}
