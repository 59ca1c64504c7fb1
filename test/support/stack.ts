import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { NatsHandles } from '../../nats/streams';
import { startProjector, type Projector } from '../../projections/projector';
import { openProjectionStore, type ProjectionStore } from '../../projections/store';
import { createDondocWorker } from '../../worker/worker';
import { calendar, connectTestNats, connectTimeSkipping } from './servers';

export interface TestStack {
  env: TestWorkflowEnvironment;
  nats: NatsHandles;
  worker: Worker;
  running: Promise<void>;
  projector: Projector;
  store: ProjectionStore;
}

/**
 * What the API needs behind it, on the real servers: a time-skipping Temporal server with a running worker
 * on `taskQueue`, the run's NATS, a projector (durable `<name>-<pid>`) and a projection store.
 */
export async function startTestStack(name: string, taskQueue: string): Promise<TestStack> {
  const env = await connectTimeSkipping();
  const nats = await connectTestNats();
  const worker = await createDondocWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    js: nats.js,
    calendar,
  });
  const running = worker.run();
  const projector = await startProjector({
    nc: nats.nc,
    js: nats.js,
    jsm: nats.jsm,
    durableName: `${name}-${process.pid}`,
  });
  const store = await openProjectionStore(nats.nc);
  return { env, nats, worker, running, projector, store };
}
