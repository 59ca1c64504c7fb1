import { z } from 'zod';
import { isIsoDate } from '../domain/calendar';
import type { TaskStatus } from '../domain/events/assignment';
import { TaskStatusSchema } from '../domain/events/schemas';
import { ServiceError } from './errors';
import type { ActionAccepted } from './actions';
import type { TaskService } from './tasks';
import type { Principal } from './tokens';

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isIsoDate, 'expected a real date');
const Reason = z.string().trim().min(1).max(4000);

/** Which assignments a bulk action applies to: every given criterion must hold. */
export const BulkSelectorSchema = z
  .object({
    planId: z.string().min(1).max(200).optional(),
    taskRef: z.string().min(1).max(200).optional(),
    unitId: z.string().min(1).max(200).optional(),
    /** Default: the open statuses (in progress, due soon, overdue). */
    status: z.array(TaskStatusSchema).min(1).optional(),
    /** Or an explicit list of workflow ids. */
    workflowIds: z.array(z.string().min(1).max(300)).min(1).max(100_000).optional(),
  })
  .refine((s) => s.planId || s.taskRef || s.unitId || s.workflowIds, {
    message: 'select by plan, task, unit or workflow ids: a bulk action on every assignment is refused',
  });
export type BulkSelector = z.infer<typeof BulkSelectorSchema>;

/** The bulk actions and their bodies. Each becomes the per-assignment action(s) of services/tasks.ts. */
export const BulkRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('extend'), select: BulkSelectorSchema, newDue: Day, reason: Reason }),
  z.object({
    action: z.literal('reassign'),
    select: BulkSelectorSchema,
    toUnit: z.string().min(1).max(200),
    reason: Reason,
  }),
  z.object({ action: z.literal('cancel'), select: BulkSelectorSchema, reason: Reason }),
  /** A reminder now (ManualReminderSent) to each selected assignment's lead unit; `reason` is its note. */
  z.object({ action: z.literal('remind'), select: BulkSelectorSchema, reason: Reason }),
]);
export type BulkRequest = z.infer<typeof BulkRequestSchema>;
export const BULK_ACTIONS = ['extend', 'reassign', 'cancel', 'remind'] as const;

export interface BulkItemResult {
  workflowId: string;
  ok: boolean;
  /** Why it failed: the refusal's code and message (e.g. "conflict: the task is cancelled"). */
  error: string | null;
  /** Ids (`<workflowId>:<seq>`) of the audited events the action wrote. */
  events: string[];
}

export interface BulkProgress {
  done: number;
  total: number;
  item: BulkItemResult;
}

export interface BulkResult {
  action: BulkRequest['action'];
  total: number;
  succeeded: number;
  failed: BulkItemResult[];
  ms: number;
}

/** Attempts per assignment when the failure is transport, not a refusal. */
const TRANSIENT_ATTEMPTS = 3;

const OPEN: TaskStatus[] = ['in-progress', 'due-soon', 'overdue'];

const errorText = (err: unknown): string =>
  err instanceof ServiceError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);

/**
 * Runs one action on many assignments, each through the per-assignment path (TaskService.act: the principal's
 * visibility, the command's validation, one workflow update, one audited event per assignment), a few at a time.
 * A failure does not stop the others; the result lists each failed assignment and why.
 */
export class BulkActions {
  constructor(private readonly tasks: TaskService) {}

  /** The workflow ids a selector picks, as the principal sees them. */
  select(p: Principal, s: BulkSelector): string[] {
    const status = s.status ?? OPEN;
    if (s.workflowIds) return [...new Set(s.workflowIds)]; // each is checked (visibility, state) by the action itself
    return this.tasks
      .list(p, { ...(s.planId ? { planId: s.planId } : {}), ...(s.unitId ? { unitId: s.unitId } : {}), status })
      .filter((t) => s.taskRef === undefined || t.taskRef === s.taskRef)
      .map((t) => t.workflowId);
  }

  async run(
    p: Principal,
    req: BulkRequest,
    opts: { concurrency?: number; onProgress?: (e: BulkProgress) => void } = {},
  ): Promise<BulkResult> {
    if (p.role === 'unit') throw new ServiceError('forbidden', 'only monitors and admins run bulk actions');
    const started = Date.now();
    const ids = this.select(p, req.select);
    const failed: BulkItemResult[] = [];
    let done = 0;
    let next = 0;
    const one = async (workflowId: string): Promise<BulkItemResult & { transient: boolean }> => {
      const events: string[] = [];
      try {
        switch (req.action) {
          case 'extend': {
            // An extension is asked for and granted, so the audit trail has both, and who decided.
            try {
              const asked = await this.tasks.act(p, workflowId, 'request-extension', {
                requestedDue: req.newDue,
                reason: req.reason,
              });
              events.push(...eventIds(asked));
            } catch (err) {
              if (!(err instanceof ServiceError && /already pending/.test(err.message))) throw err;
            }
            const granted = await this.tasks.act(p, workflowId, 'decide-extension', {
              approve: true,
              newDue: req.newDue,
              note: req.reason,
            });
            events.push(...eventIds(granted));
            break;
          }
          case 'reassign':
            events.push(
              ...eventIds(await this.tasks.act(p, workflowId, 'reassign', { toUnit: req.toUnit, reason: req.reason })),
            );
            break;
          case 'cancel':
            events.push(...eventIds(await this.tasks.act(p, workflowId, 'cancel', { reason: req.reason })));
            break;
          case 'remind':
            events.push(...eventIds(await this.tasks.act(p, workflowId, 'remind', { note: req.reason })));
            break;
          default: {
            const _exhaustive: never = req;
            throw new Error(`unknown bulk action ${JSON.stringify(_exhaustive)}`);
          }
        }
        return { workflowId, ok: true, error: null, events, transient: false };
      } catch (err) {
        return {
          workflowId,
          ok: false,
          error: errorText(err),
          events,
          transient: !(err instanceof ServiceError || err instanceof z.ZodError),
        };
      }
    };
    /**
     * A transport failure (a gRPC deadline or an unavailable server under load, not a refusal) is retried: the
     * request-extension step tolerates its own earlier success ("already pending"), the other updates are refused
     * as conflicts when already applied, so a retry never writes an event twice.
     */
    const attempt = async (workflowId: string): Promise<BulkItemResult & { transient: boolean }> => {
      let item = await one(workflowId);
      for (let retry = 1; !item.ok && item.transient && retry < TRANSIENT_ATTEMPTS; retry++) {
        await new Promise((r) => setTimeout(r, 500 * retry));
        const again = await one(workflowId);
        item = { ...again, events: [...item.events, ...again.events] };
      }
      return item;
    };
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        const { transient: _transient, ...item } = await attempt(id);
        if (!item.ok) failed.push(item);
        done += 1;
        opts.onProgress?.({ done, total: ids.length, item });
      }
    };
    await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 8, Math.max(ids.length, 1)) }, worker));
    return {
      action: req.action,
      total: ids.length,
      succeeded: ids.length - failed.length,
      failed,
      ms: Date.now() - started,
    };
  }
}

const eventIds = (accepted: ActionAccepted): string[] => accepted.events.map((e) => e.eventId);
