import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { z } from 'zod';
import type { TaskStatus } from '../domain/events/assignment';
import { TaskStatusSchema } from '../domain/events/schemas';
import { fromKvToken, PROJECTIONS_BUCKET, TASK_KEY_PREFIX } from './keys';
import { planSummary, unitScorecard, type PlanSummary, type TaskProjection, type UnitScorecard } from './model';
import { logger } from '../config/logger';

export type { ClosedOutcome, PeriodRate, PlanSummary, TaskProjection, UnitScorecard } from './model';
export type { TaskStatus } from '../domain/events/assignment';

/** Filters of `listTasks`; all given ones must hold. Dates are ISO civil dates compared with `nextDue`. */
export interface TaskFilter {
  planId?: string;
  /** The current lead unit. */
  unitId?: string;
  status?: TaskStatus | TaskStatus[];
  /** nextDue ≥ dueFrom (tasks without an open milestone are left out). */
  dueFrom?: string;
  /** nextDue ≤ dueTo (tasks without an open milestone are left out). */
  dueTo?: string;
  /** true: only overdue tasks; false: only tasks that are not overdue. */
  overdue?: boolean;
  /** Paging over the sorted result (by nextDue, then workflowId). */
  offset?: number;
  limit?: number;
}

/** A task projection changed (or was removed, `task` null, after a purge/rebuild). */
export type TaskChange = { workflowId: string; task: TaskProjection | null };

/**
 * The read side of the projections, as the HTTP API and CLI use it. Reads answer from an in-memory index
 * kept fresh by a KV watcher, so they are synchronous and cheap (no KV round trip per request).
 */
export interface ProjectionStore {
  /** Resolves once the index holds every record present when the store opened. */
  ready(): Promise<void>;
  getTask(workflowId: string): TaskProjection | null;
  /** Tasks matching the filter, sorted by nextDue (open milestones first), then workflowId. */
  listTasks(filter?: TaskFilter): TaskProjection[];
  unitScorecard(unitId: string): UnitScorecard;
  planSummary(planId: string): PlanSummary;
  /** Calls `listener` on every change after the initial load; returns an unsubscribe function. */
  onChange(listener: (change: TaskChange) => void): () => void;
  close(): Promise<void>;
}

/** Opens (creating if needed) the projections bucket. One value per key: the task record is the state. */
export async function openProjectionsBucket(
  nc: NatsConnection,
  replicas = 1,
  bucket = PROJECTIONS_BUCKET,
): Promise<KV> {
  return await new Kvm(nc).create(bucket, { history: 1, replicas, maxValueSize: 1024 * 1024 });
}

// The record is our own, but it crosses a process boundary: check the fields the indexes rely on.
const StoredTaskSchema = z
  .object({
    workflowId: z.string(),
    planId: z.string(),
    taskRef: z.string(),
    unitId: z.string(),
    status: TaskStatusSchema,
    nextDue: z.string().nullable(),
    lastSeq: z.number(),
    closed: z.array(z.object({ unitId: z.string() }).loose()),
  })
  .loose();

type Index = Map<string, Map<string, TaskProjection>>;

function addTo(index: Index, key: string, t: TaskProjection): void {
  let m = index.get(key);
  if (!m) index.set(key, (m = new Map()));
  m.set(t.workflowId, t);
}

function removeFrom(index: Index, key: string, workflowId: string): void {
  const m = index.get(key);
  if (!m) return;
  m.delete(workflowId);
  if (m.size === 0) index.delete(key);
}

const unitsOf = (t: TaskProjection) => new Set([t.unitId, ...t.closed.map((c) => c.unitId)]);

const byDue = (a: TaskProjection, b: TaskProjection) => {
  const da = a.nextDue ?? '9999-99-99';
  const db = b.nextDue ?? '9999-99-99';
  return da < db ? -1 : da > db ? 1 : a.workflowId < b.workflowId ? -1 : a.workflowId > b.workflowId ? 1 : 0;
};

/** The in-memory index over task projections. Exported for tests and for a store fed from elsewhere. */
export class ProjectionIndex {
  private readonly tasks = new Map<string, TaskProjection>();
  private readonly byStatus: Index = new Map();
  private readonly byUnit: Index = new Map();
  private readonly byPlan: Index = new Map();

  get size(): number {
    return this.tasks.size;
  }

  put(t: TaskProjection): void {
    this.remove(t.workflowId);
    this.tasks.set(t.workflowId, t);
    addTo(this.byStatus, t.status, t);
    addTo(this.byPlan, t.planId, t);
    for (const u of unitsOf(t)) addTo(this.byUnit, u, t);
  }

  remove(workflowId: string): void {
    const old = this.tasks.get(workflowId);
    if (!old) return;
    this.tasks.delete(workflowId);
    removeFrom(this.byStatus, old.status, workflowId);
    removeFrom(this.byPlan, old.planId, workflowId);
    for (const u of unitsOf(old)) removeFrom(this.byUnit, u, workflowId);
  }

  clear(): void {
    this.tasks.clear();
    this.byStatus.clear();
    this.byUnit.clear();
    this.byPlan.clear();
  }

  get(workflowId: string): TaskProjection | null {
    return this.tasks.get(workflowId) ?? null;
  }

  list(f: TaskFilter = {}): TaskProjection[] {
    const statuses = f.status === undefined ? null : new Set(Array.isArray(f.status) ? f.status : [f.status]);
    if (f.overdue === true) {
      if (statuses && !statuses.has('overdue')) return [];
    }
    // Start from the narrowest index, then check every filter.
    const candidates: Iterable<TaskProjection>[] = [];
    if (f.overdue === true) candidates.push(this.byStatus.get('overdue')?.values() ?? []);
    else if (statuses) for (const s of statuses) candidates.push(this.byStatus.get(s)?.values() ?? []);
    else if (f.unitId !== undefined) candidates.push(this.byUnit.get(f.unitId)?.values() ?? []);
    else if (f.planId !== undefined) candidates.push(this.byPlan.get(f.planId)?.values() ?? []);
    else candidates.push(this.tasks.values());

    const out: TaskProjection[] = [];
    for (const source of candidates) {
      for (const t of source) {
        if (f.planId !== undefined && t.planId !== f.planId) continue;
        if (f.unitId !== undefined && t.unitId !== f.unitId) continue;
        if (statuses && !statuses.has(t.status)) continue;
        if (f.overdue === false && t.status === 'overdue') continue;
        if (f.dueFrom !== undefined && (t.nextDue === null || t.nextDue < f.dueFrom)) continue;
        if (f.dueTo !== undefined && (t.nextDue === null || t.nextDue > f.dueTo)) continue;
        out.push(t);
      }
    }
    out.sort(byDue);
    const start = f.offset ?? 0;
    return f.limit === undefined ? (start ? out.slice(start) : out) : out.slice(start, start + f.limit);
  }

  unitScorecard(unitId: string): UnitScorecard {
    return unitScorecard(unitId, this.byUnit.get(unitId)?.values() ?? []);
  }

  planSummary(planId: string): PlanSummary {
    return planSummary(planId, this.byPlan.get(planId)?.values() ?? []);
  }
}

/** A ProjectionStore over the projections KV bucket, indexed in memory and kept fresh by `kv.watch()`. */
export class KvProjectionStore implements ProjectionStore {
  private readonly index = new ProjectionIndex();
  private readonly listeners = new Set<(c: TaskChange) => void>();
  private watcher: { stop(): void } | null = null;
  private readyPromise: Promise<void> = Promise.resolve();
  private loop: Promise<void> = Promise.resolve();

  private constructor(private readonly kv: KV) {}

  /** Opens the store; call `ready()` before the first read to see every existing record. */
  static async open(nc: NatsConnection, opts: { replicas?: number; bucket?: string } = {}): Promise<KvProjectionStore> {
    const store = new KvProjectionStore(await openProjectionsBucket(nc, opts.replicas ?? 1, opts.bucket));
    await store.start();
    return store;
  }

  private async start(): Promise<void> {
    const initiallyEmpty = (await this.kv.status()).values === 0;
    const iter = await this.kv.watch({ key: `${TASK_KEY_PREFIX}>` });
    this.watcher = iter;
    let markReady: () => void = () => undefined;
    this.readyPromise = initiallyEmpty ? Promise.resolve() : new Promise<void>((r) => (markReady = r));
    let loaded = initiallyEmpty;
    this.loop = (async () => {
      for await (const e of iter) {
        const workflowId = fromKvToken(e.key.slice(TASK_KEY_PREFIX.length));
        let task: TaskProjection | null = null;
        if (e.operation === 'PUT') {
          const parsed = StoredTaskSchema.safeParse(e.json());
          if (parsed.success) {
            const { state: _state, ...view } = parsed.data as unknown as TaskProjection & { state?: unknown };
            task = view;
          } else {
            logger('projections').warn(`ignoring malformed record ${e.key} rev ${e.revision}`);
          }
        }
        if (task) this.index.put(task);
        else this.index.remove(workflowId);
        if (loaded) for (const l of this.listeners) l({ workflowId, task });
        if (!loaded && e.isUpdate) {
          loaded = true;
          markReady();
        }
      }
    })();
  }

  ready(): Promise<void> {
    return this.readyPromise;
  }

  getTask(workflowId: string): TaskProjection | null {
    return this.index.get(workflowId);
  }

  listTasks(filter: TaskFilter = {}): TaskProjection[] {
    return this.index.list(filter);
  }

  unitScorecard(unitId: string): UnitScorecard {
    return this.index.unitScorecard(unitId);
  }

  planSummary(planId: string): PlanSummary {
    return this.index.planSummary(planId);
  }

  onChange(listener: (change: TaskChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.watcher?.stop();
    await this.loop.catch(() => undefined);
  }
}

/** Opens the KV-backed projection store and waits until it has loaded every existing record. */
export async function openProjectionStore(
  nc: NatsConnection,
  opts: { replicas?: number } = {},
): Promise<ProjectionStore> {
  const store = await KvProjectionStore.open(nc, opts);
  await store.ready();
  return store;
}
