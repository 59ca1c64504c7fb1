/**
 * One partition per task queue on the dev server. Its default is four; on one host they only add forwarding: a
 * poll that lands on a partition with no backlog waits for tasks forwarded from the others, which the server
 * rate-limits (about 10 a second), so a backlog of first workflow tasks drained at 13/s with 100,000 waiting
 * (bench:province, 2026-12-06). Production keeps four (deploy/temporal/dynamicconfig/production.yaml), where
 * the partitions spread over several matching hosts.
 */
const DEV_PARTITIONS = [
  '--dynamic-config-value',
  'matching.numTaskqueueReadPartitions=1',
  '--dynamic-config-value',
  'matching.numTaskqueueWritePartitions=1',
];

/**
 * Dynamic config every Temporal dev server dondoc starts gets (`dondoc up`, the bench, the fault tests); the
 * production value is in deploy/temporal/dynamicconfig/production.yaml.
 *
 * Eager activity dispatch: when a workflow task schedules an activity on its own task queue, the server hands the
 * activity back in the response to that task's completion, and the worker that ran the workflow task runs it at
 * once, with no trip through matching. Since the workflow patch `local-publish-v1` events are published by a
 * local activity; this still serves the runs started before it, which publish through the `publishEvents`
 * activity.
 */
export const TEMPORAL_DEV_DYNAMIC_CONFIG = [
  '--dynamic-config-value',
  'system.enableActivityEagerExecution=true',
  ...DEV_PARTITIONS,
];
