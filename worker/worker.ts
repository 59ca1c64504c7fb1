import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { createActivities } from '../activities';
import { createPeriodReportActivities, type PeriodReportDeps } from '../activities/period-report';
import type { DondocEvent } from '../domain/events/schemas';
import { publishEvents, type PublishOutcome } from '../nats/publisher';
import { readEventAt } from '../nats/read';
import type { WorkingCalendar } from '../domain/calendar/types';
import { TASK_QUEUE } from '../workflows/messages';
import { withDefaultTuning, workflowSourceOptions } from './tuning';

export interface DondocWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue?: string;
  /** Where events go: JetStream (with msgID), unless `publish` replaces it. */
  js?: JetStreamClient;
  publish?: (events: DondocEvent[]) => Promise<PublishOutcome[]>;
  calendar: WorkingCalendar;
  /**
   * Worker options over the production defaults (worker/tuning.ts, `withDefaultTuning`): worker/main.ts passes
   * those of its settings; tests override e.g. maxCachedWorkflows.
   */
  tuning?: Partial<WorkerOptions>;
  /** What scheduled period reports need (activities/period-report.ts); without it they fail with a clear error. */
  reports?: PeriodReportDeps;
}

/** Creates dondoc's Temporal worker: the assignment workflows and their activities. */
export async function createDondocWorker(opts: DondocWorkerOptions): Promise<Worker> {
  const tuning = withDefaultTuning(opts.tuning);
  const bundle = tuning.workflowBundle;
  return await Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    ...(bundle ? {} : workflowSourceOptions(require.resolve('../workflows'))),
    activities: {
      ...createActivities({ publish: publisherFor(opts), stored: storedFor(opts), calendar: opts.calendar }),
      ...createPeriodReportActivities(opts.reports),
    },
    ...tuning,
  });
}

function storedFor(opts: DondocWorkerOptions): ((seq: number) => Promise<DondocEvent | null>) | undefined {
  if (opts.publish || !opts.js) return undefined;
  const js = opts.js;
  let jsm: Promise<JetStreamManager> | undefined;
  return async (seq) => {
    jsm ??= js.jetstreamManager().catch((err: unknown) => {
      jsm = undefined;
      throw err;
    });
    return (await readEventAt(await jsm, seq))?.event ?? null;
  };
}

function publisherFor(opts: DondocWorkerOptions): (events: DondocEvent[]) => Promise<PublishOutcome[]> {
  if (opts.publish) return opts.publish;
  const js = opts.js;
  if (!js) throw new Error('createDondocWorker needs a JetStream client (js) or a publish function');
  return (events) => publishEvents(js, events);
}
