import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { plannedAssignments, type AssignmentOptions } from '../domain/plans/assignments';
import { PlanSchema, type Plan } from '../domain/plans/model';
import { assignmentWorkflow } from '../workflows';
import { TASK_QUEUE } from '../workflows/messages';

export const PLANS_BUCKET = 'dondoc_plans';

/** The registry of imported plans (NATS KV, one key per plan id), so the API and CLI can list and restart them. */
export class PlanRegistry {
  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection, replicas = 1): Promise<PlanRegistry> {
    const kvm = new Kvm(nc);
    return new PlanRegistry(await kvm.create(PLANS_BUCKET, { history: 5, replicas, maxValueSize: 8 * 1024 * 1024 }));
  }

  async save(plan: Plan): Promise<void> {
    await this.kv.put(plan.plan.id, JSON.stringify(plan));
  }

  async get(id: string): Promise<Plan | null> {
    if (!/^[a-z0-9-]+$/.test(id)) return null;
    const entry = await this.kv.get(id);
    if (!entry || entry.operation !== 'PUT') return null;
    const parsed = PlanSchema.safeParse(entry.json());
    return parsed.success ? parsed.data : null;
  }

  async list(): Promise<Plan['plan'][]> {
    const out: Plan['plan'][] = [];
    for await (const key of await this.kv.keys()) {
      const plan = await this.get(key);
      if (plan) out.push(plan.plan);
    }
    return out.sort((a, b) => (a.issued < b.issued ? 1 : -1));
  }
}

export interface StartReport {
  planId: string;
  assignments: number;
  started: number;
  alreadyRunning: number;
}

/**
 * Starts one workflow per assignment of a plan. Workflow ids are deterministic, so starting a plan twice
 * starts nothing new. Runs `concurrency` starts at a time and reports progress.
 */
export async function startPlan(
  client: Client,
  plan: Plan,
  opts: AssignmentOptions & {
    taskQueue?: string;
    concurrency?: number;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<StartReport> {
  const planned = plannedAssignments(plan, opts);
  let started = 0;
  let alreadyRunning = 0;
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < planned.length) {
      const p = planned[next++]!;
      try {
        await client.workflow.start(assignmentWorkflow, {
          taskQueue: opts.taskQueue ?? TASK_QUEUE,
          workflowId: p.workflowId,
          args: [p.input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          memo: { planId: p.input.planId, taskRef: p.input.taskRef, unitId: p.input.unitId },
        });
        started++;
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        alreadyRunning++;
      }
      done++;
      opts.onProgress?.(done, planned.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 64, planned.length)) }, worker));
  return { planId: plan.plan.id, assignments: planned.length, started, alreadyRunning };
}
