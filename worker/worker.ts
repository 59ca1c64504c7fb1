import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { JetStreamClient } from '@nats-io/jetstream';
import { createActivities } from '../activities';
import type { DondocEvent } from '../domain/events/schemas';
import { publishEvents, type PublishOutcome } from '../nats/publisher';
import type { WorkingCalendar } from '../domain/calendar/types';
import { TASK_QUEUE } from '../workflows/messages';
import { WORKFLOW_BUNDLER_OPTIONS } from './tuning';

export interface DondocWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue?: string;
  /** Where events go: JetStream (with msgID), unless `publish` replaces it. */
  js?: JetStreamClient;
  publish?: (events: DondocEvent[]) => Promise<PublishOutcome[]>;
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
    ...(bundle
      ? {}
      : {
          workflowsPath: require.resolve('../workflows'),
          bundlerOptions: WORKFLOW_BUNDLER_OPTIONS,
        }),
    activities: createActivities({ publish: publisherFor(opts), calendar: opts.calendar }),
    ...opts.tuning,
  });
}

function publisherFor(opts: DondocWorkerOptions): (events: DondocEvent[]) => Promise<PublishOutcome[]> {
  if (opts.publish) return opts.publish;
  const js = opts.js;
  if (!js) throw new Error('createDondocWorker needs a JetStream client (js) or a publish function');
  return (events) => publishEvents(js, events);
}
