import type { JetStreamClient } from '@nats-io/jetstream';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { z } from 'zod';
import { loadSettings, type Settings } from '../config/settings';
import {
  ApproveCompletionSchema,
  CancelSchema,
  DecideExtensionSchema,
  ReassignSchema,
  RejectCompletionSchema,
  RemindSchema,
  RequestExplanationSchema,
  SubmitExplanationSchema,
  ReportProgressSchema,
  RequestExtensionSchema,
  SetDueDateSchema,
  SubmitResultSchema,
  TriggerSchema,
  type Command,
  type CommandType,
} from '../domain/events/commands';
import { allowedCommands } from '../domain/events/deciders';
import type { DondocEvent } from '../domain/events/schemas';
import { verifyChain, type ChainBreak } from '../domain/events/seal';
import { EVENTS_SUBJECT_PREFIX, subjectToken } from '../domain/events/subjects';
import { readEvents } from '../nats/read';
import { executeAction, type ActionAccepted } from './actions';
import type { ProjectionStore, TaskFilter, TaskProjection } from '../projections/store';
import { taskStateQuery, type TaskView } from '../workflows/messages';
import { notFound, ServiceError } from './errors';
import type { PlanRegistry } from './plans';
import { actorOf, type Principal } from './tokens';
import { findUnit } from './units';

/** The URL/CLI names of the human actions, each one workflow update. */
export const ACTION_COMMANDS = {
  progress: 'ReportProgress',
  submit: 'SubmitResult',
  approve: 'ApproveCompletion',
  reject: 'RejectCompletion',
  'request-extension': 'RequestExtension',
  'decide-extension': 'DecideExtension',
  trigger: 'Trigger',
  'set-due-date': 'SetDueDate',
  reassign: 'Reassign',
  cancel: 'Cancel',
  'request-explanation': 'RequestExplanation',
  'submit-explanation': 'SubmitExplanation',
  remind: 'Remind',
} as const satisfies Record<string, CommandType>;
export type ActionName = keyof typeof ACTION_COMMANDS;
export const ActionNameSchema = z.enum(Object.keys(ACTION_COMMANDS) as [ActionName, ...ActionName[]]);

/** What a caller sends for each action (the command without `type`; reassign names only the new unit). */
export const ACTION_BODIES = {
  progress: ReportProgressSchema.omit({ type: true }),
  submit: SubmitResultSchema.omit({ type: true }),
  approve: ApproveCompletionSchema.omit({ type: true }),
  reject: RejectCompletionSchema.omit({ type: true }),
  'request-extension': RequestExtensionSchema.omit({ type: true }),
  'decide-extension': DecideExtensionSchema.omit({ type: true }),
  trigger: TriggerSchema.omit({ type: true }),
  'set-due-date': SetDueDateSchema.omit({ type: true }),
  reassign: ReassignSchema.omit({ type: true, lead: true, head: true }),
  cancel: CancelSchema.omit({ type: true }),
  'request-explanation': RequestExplanationSchema.omit({ type: true }),
  'submit-explanation': SubmitExplanationSchema.omit({ type: true }),
  remind: RemindSchema.omit({ type: true }),
} satisfies Record<ActionName, z.ZodType>;

/** A task as the API and CLI show it: the live workflow state when reachable, else the projection. */
export interface TaskDetails {
  workflowId: string;
  source: 'workflow' | 'projection';
  planId: string;
  taskRef: string;
  /** The current lead unit. */
  unitId: string;
  title: string;
  status: string;
  nextDue: string | null;
  escalationLevel: number;
  deadlineText: string;
  deadlineKind: string;
  /** The workflow's full state (milestones, schedule, pending extension); null when read from the projection. */
  state: TaskView['state'] | null;
  projection: TaskProjection | null;
  /**
   * The actions the caller may take now, decided by the workflow's own deciders on its live state
   * (allowedCommands); empty when the workflow cannot be queried, since then no action can reach it either.
   */
  allowedActions: ActionName[];
}

export interface HistoryEntry {
  streamSeq: number;
  seq: number;
  type: DondocEvent['type'];
  at: string;
  actor: DondocEvent['metadata']['actor'];
  data: DondocEvent['data'];
  prevHash: string;
  hash: string;
}

/** Splits `assignment:<planId>:<taskRef>:<unitId>`; null for anything else. */
export function parseWorkflowId(workflowId: string): { planId: string; taskRef: string; unitId: string } | null {
  const m = /^assignment:([a-z0-9-]+):(.+):([a-z0-9.-]+)$/.exec(workflowId);
  return m ? { planId: m[1]!, taskRef: m[2]!, unitId: m[3]! } : null;
}

/** Whether a principal may see (and act as lead on) a task led by `leadUnit`. */
export function canSee(p: Principal, leadUnit: string): boolean {
  return p.role !== 'unit' || p.unitId === leadUnit;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** Task reads and actions shared by the HTTP API and the CLI. */
export class TaskService {
  // Lists are memoised per filter until the projection changes: a busy dashboard polls the same few filters,
  // and filtering plus sorting thousands of tasks per request would dominate the API's latency.
  private readonly listCache = new Map<string, TaskProjection[]>();
  private readonly unsubscribe: () => void;
  /** How long to wait for a workflow to answer a query before falling back to its projection. */
  private readonly queryTimeoutMs: number;
  /**
   * How long an action waits for the workflow to answer the query that precedes its update. An action is about to
   * wait for an update anyway, and under load (a bulk action of 1,000) a 3 s query timeout with no projection yet
   * turned a busy workflow into "task not found": 1 of 200 in a bench of that size.
   */
  private readonly actionQueryTimeoutMs: number;

  constructor(
    private readonly deps: { client: Client; store: ProjectionStore; js: JetStreamClient; plans: PlanRegistry },
    settings: Pick<Settings, 'DONDOC_QUERY_TIMEOUT_MS' | 'DONDOC_ACTION_QUERY_TIMEOUT_MS'> = loadSettings(),
  ) {
    this.queryTimeoutMs = settings.DONDOC_QUERY_TIMEOUT_MS;
    this.actionQueryTimeoutMs = settings.DONDOC_ACTION_QUERY_TIMEOUT_MS;
    this.unsubscribe = deps.store.onChange(() => this.listCache.clear());
  }

  /** Stops following projection changes. */
  close(): void {
    this.unsubscribe();
    this.listCache.clear();
  }

  /** Lists tasks from the projection; a unit principal sees only the tasks it leads. The result is shared: do not mutate it. */
  list(p: Principal, filter: TaskFilter): readonly TaskProjection[] {
    if (p.role === 'unit') {
      if (filter.unitId !== undefined && filter.unitId !== p.unitId) return [];
      return this.cachedList({ ...filter, unitId: p.unitId ?? '\u0000' });
    }
    return this.cachedList(filter);
  }

  private cachedList(filter: TaskFilter): readonly TaskProjection[] {
    const key = JSON.stringify([
      filter.planId,
      filter.unitId,
      filter.status,
      filter.dueFrom,
      filter.dueTo,
      filter.overdue,
      filter.offset,
      filter.limit,
    ]);
    let hit = this.listCache.get(key);
    if (!hit) {
      if (this.listCache.size >= 1000) this.listCache.clear();
      hit = this.deps.store.listTasks(filter);
      this.listCache.set(key, hit);
    }
    return hit;
  }

  /** One task: the workflow's live state, or its projection when the workflow cannot be queried. 404 when unknown or not visible. */
  async get(p: Principal, workflowId: string): Promise<TaskDetails> {
    const details = await this.read(workflowId);
    if (!details || !canSee(p, details.unitId)) throw notFound(`task ${workflowId}`);
    if (!details.state) return details;
    const allowed = new Set(allowedCommands(details.state, actorOf(p), new Date().toISOString()));
    return { ...details, allowedActions: ActionNameSchema.options.filter((a) => allowed.has(ACTION_COMMANDS[a])) };
  }

  /** The task's audit trail from the stream, in order, with each event's hash and whether the chain holds. */
  async history(p: Principal, workflowId: string): Promise<{ events: HistoryEntry[]; chainBreaks: ChainBreak[] }> {
    const ids = parseWorkflowId(workflowId);
    if (!ids) throw notFound(`task ${workflowId}`);
    const projection = this.deps.store.getTask(workflowId);
    if (projection && !canSee(p, projection.unitId)) throw notFound(`task ${workflowId}`);
    const filter = [EVENTS_SUBJECT_PREFIX, subjectToken(ids.planId), subjectToken(ids.taskRef), '*', '*'].join('.');
    const stored = (await readEvents(this.deps.js, filter)).filter((s) => s.event?.metadata.workflowId === workflowId);
    const events = stored.map((s) => s.event!);
    if (events.length === 0 && !projection) throw notFound(`task ${workflowId}`);
    if (!projection) {
      // No projection yet: judge visibility by the last lead unit the stream shows.
      const lead = events.reduce((u, e) => (e.type === 'TaskReassigned' ? e.data.toUnit : u), ids.unitId);
      if (!canSee(p, lead)) throw notFound(`task ${workflowId}`);
    }
    return {
      events: stored.map((s) => ({
        streamSeq: s.streamSeq,
        seq: s.event!.metadata.seq,
        type: s.event!.type,
        at: s.event!.metadata.at,
        actor: s.event!.metadata.actor,
        data: s.event!.data,
        prevHash: s.event!.metadata.prevHash,
        hash: s.event!.metadata.hash,
      })),
      chainBreaks: verifyChain(events),
    };
  }

  /** Runs one human action as its workflow update, as the principal; a refusal is a ServiceError (executeAction). */
  async act(p: Principal, workflowId: string, action: ActionName, body: unknown): Promise<ActionAccepted> {
    const details = await this.read(workflowId, this.actionQueryTimeoutMs);
    if (!details || !canSee(p, details.unitId)) throw notFound(`task ${workflowId}`);
    const command = await this.command(action, body ?? {}, details.planId);
    const handle = this.deps.client.workflow.getHandle(workflowId);
    try {
      return await executeAction(handle, command, actorOf(p));
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new ServiceError('conflict', `task ${workflowId} is closed`);
      throw err;
    }
  }

  private async command(action: ActionName, body: unknown, planId: string): Promise<Command> {
    const type = ACTION_COMMANDS[action];
    const fields = ACTION_BODIES[action].parse(body); // a ZodError is a 400 with its issues
    if (type !== 'Reassign') return { ...fields, type } as Command;
    const { toUnit, reason } = fields as { toUnit: string; reason: string };
    const plan = await this.deps.plans.get(planId);
    const found = findUnit(toUnit, plan?.plan.directory ?? undefined);
    if (!found)
      throw new ServiceError('invalid', `unknown unit ${toUnit}; expected an id from the plan's unit directory`);
    return {
      type,
      toUnit,
      reason,
      lead: [{ unitId: found.unit.id, title: found.unit.name }],
      head: [found.directory.headOf(found.unit.id)],
    };
  }

  private async read(workflowId: string, queryTimeoutMs = this.queryTimeoutMs): Promise<TaskDetails | null> {
    if (!parseWorkflowId(workflowId)) return null;
    const projection = this.deps.store.getTask(workflowId);
    let view: TaskView | null = null;
    try {
      const r = await withTimeout(
        this.deps.client.workflow.getHandle(workflowId).query(taskStateQuery),
        queryTimeoutMs,
      );
      view = r === 'timeout' ? null : r;
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError) && !projection) throw err;
    }
    if (view) {
      return {
        workflowId,
        source: 'workflow',
        planId: view.planId,
        taskRef: view.taskRef,
        unitId: view.leadUnit,
        title: view.title,
        status: view.status,
        nextDue: view.nextDue,
        escalationLevel: view.escalationLevel,
        deadlineText: view.deadlineText,
        deadlineKind: view.deadlineKind,
        state: view.state,
        projection,
        allowedActions: [],
      };
    }
    if (!projection) return null;
    return {
      workflowId,
      source: 'projection',
      planId: projection.planId,
      taskRef: projection.taskRef,
      unitId: projection.unitId,
      title: projection.title,
      status: projection.status,
      nextDue: projection.nextDue,
      escalationLevel: projection.escalationLevel,
      deadlineText: projection.deadlineText,
      deadlineKind: projection.deadlineKind,
      state: null,
      projection,
      allowedActions: [],
    };
  }
}
