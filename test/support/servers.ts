import { TestWorkflowEnvironment } from '@temporalio/testing';
import { createCalendar } from '../../domain/calendar';
import { connectNats, ensureStreams, type NatsHandles } from '../../nats/streams';

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: integration tests run under jest's global setup (npm test)`);
  return v;
}

/**
 * A time-skipping environment attached to the Java test server that global-setup started once for the
 * whole run (starting one per file would cost seconds each). Files run serially (--runInBand), so the
 * shared virtual clock is never skipped by two files at once.
 */
export async function connectTimeSkipping(): Promise<TestWorkflowEnvironment> {
  const create = (TestWorkflowEnvironment as unknown as { create(o: unknown): Promise<TestWorkflowEnvironment> })
    .create;
  return await create.call(TestWorkflowEnvironment, {
    server: { type: 'existing' },
    address: required('DONDOC_TEST_TEMPORAL_ADDRESS'),
    namespace: 'default',
    supportsTimeSkipping: true,
  });
}

/** A NATS connection to the run's nats-server, with dondoc's streams in place. */
export async function connectTestNats(): Promise<NatsHandles> {
  const handles = await connectNats(required('DONDOC_TEST_NATS_URL'), 'dondoc-test');
  await ensureStreams(handles.jsm);
  return handles;
}

export const calendar = createCalendar();

let counter = 0;
/** A plan id unique to this test run, so tests never see each other's workflows or events. */
export function uniquePlanId(prefix = 'test'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}
