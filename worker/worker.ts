import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { JetStreamClient } from '@nats-io/jetstream';
import { createActivities } from '../activities';
import type { WorkingCalendar } from '../domain/calendar/types';
import { TASK_QUEUE } from '../workflows/messages';

export interface DondocWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue?: string;
  js: JetStreamClient;
  calendar: WorkingCalendar;
  /** Overrides for tuning and tests (e.g. maxCachedWorkflows, a prebuilt workflowBundle). */
  tuning?: Partial<WorkerOptions>;
}

/** Creates dondoc's Temporal worker: the assignment workflows and their activities. */
export async function createDondocWorker(opts: DondocWorkerOptions): Promise<Worker> {
  const bundle = opts.tuning?.workflowBundle;
  return await Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    ...(bundle ? {} : { workflowsPath: require.resolve('../workflows') }),
    activities: createActivities({ js: opts.js, calendar: opts.calendar }),
    ...opts.tuning,
  });
}
