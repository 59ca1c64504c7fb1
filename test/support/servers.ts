import { TestWorkflowEnvironment } from '@temporalio/testing';
import { createCalendar } from '../../domain/calendar';
import { connectNats, ensureStreams, type NatsHandles } from '../../nats/streams';

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: integration tests run under jest's global setup (npm test)`);
  return v;
}

/**
 * A time-skipping environment on its own Java test server (the wrapper that global-setup made sure is
 * installed). Each test file gets its own server: virtual time is global to a server, and workflows a file
 * leaves running would otherwise hold back time skipping for every later file.
 */
export async function connectTimeSkipping(): Promise<TestWorkflowEnvironment> {
  return await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: required('DONDOC_TEST_SERVER_BIN') } },
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
