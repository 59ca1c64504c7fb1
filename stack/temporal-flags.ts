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
export const TEMPORAL_DEV_DYNAMIC_CONFIG = ['--dynamic-config-value', 'system.enableActivityEagerExecution=true'];
