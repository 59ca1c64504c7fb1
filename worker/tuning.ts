// Worker tuning that must be the same wherever the worker runs: the workflow bundle's shared modules, V8 flags, and
// the SDK options dondoc's settings map to (workerTuning).
import type { WorkerOptions } from '@temporalio/worker';
import { loadSettings, type Settings } from '../config/settings';

/**
 * Modules the workflow bundle loads once per V8 context and shares across every workflow in it (Temporal's
 * `preloadModules`, with `reuseV8Context`). Without this each workflow evaluates its own copy of every module it
 * imports. Only stateless modules belong here: shared modules are deep-frozen, and a module that kept per-workflow
 * state would leak it between workflows. What is shared, and why zod is not, is in workflows/preload.ts.
 */
export const WORKFLOW_PRELOAD_MODULES = ['./preload'];

/**
 * How the workflow bundle is built, wherever it is built (the worker, scripts/bundle-workflows.ts, the replay test).
 * `./preload` is workflows/preload.ts (the SDK resolves preloaded modules from the workflows' directory); it
 * imports luxon the way the workflows do, so that the preloaded module is the one they use.
 */
export const WORKFLOW_BUNDLER_OPTIONS = { preloadModules: WORKFLOW_PRELOAD_MODULES };

/** Workflow interceptor modules: the task clock every assignment workflow seals its events with. */
export const WORKFLOW_INTERCEPTOR_MODULES = [require.resolve('../workflows/task-clock')];

/** Options for `bundleWorkflowCode` (scripts/bundle-workflows.ts, tests): the same bundle the worker builds. */
export function workflowBundleOptions(workflowsPath: string) {
  return { workflowsPath, ...WORKFLOW_BUNDLER_OPTIONS, workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES };
}

/** Worker options that run the workflows from source (bundled at start), as the worker and the replay test do. */
export function workflowSourceOptions(workflowsPath: string): Partial<WorkerOptions> {
  return {
    workflowsPath,
    bundlerOptions: WORKFLOW_BUNDLER_OPTIONS,
    interceptors: { workflowModules: WORKFLOW_INTERCEPTOR_MODULES },
  };
}

/**
 * V8 flags for the worker process. Without a limit V8 sizes the old generation from the machine's memory (about
 * 4 GB on 24 GB) and lets garbage pile up under load; 1 GB per isolate holds the default 500 cached workflows
 * (about 0.25 MB each), or even 2,000, with room to spare and keeps the worker's RSS near what it really uses.
 * It applies to the workflow thread too (worker_threads inherit --max-old-space-size). docker-compose.yml sets
 * the same in NODE_OPTIONS.
 */
export const WORKER_NODE_FLAGS = ['--max-old-space-size=1024'];

/**
 * The SDK's `isolateExecutionTimeout` (DONDOC_WORKFLOW_TIMEOUT_MS): the SDK reads it from the worker options but
 * does not declare it in their type ("not exposed at the moment"). 0 means no watchdog, which only the SDK as
 * patched in patches/ accepts.
 */
export function workflowTimeout(ms: number): Partial<WorkerOptions> {
  return { isolateExecutionTimeout: ms } as Partial<WorkerOptions>;
}

/** The settings that tune the worker (config/settings.ts); all have production defaults. */
export type WorkerTuningSettings = Pick<
  Settings,
  | 'DONDOC_MAX_CACHED_WORKFLOWS'
  | 'DONDOC_WORKFLOW_THREADS'
  | 'DONDOC_WORKFLOW_TASK_SLOTS'
  | 'DONDOC_WORKFLOW_TASK_POLLERS'
  | 'DONDOC_NON_STICKY_POLL_RATIO'
  | 'DONDOC_WORKFLOW_TIMEOUT_MS'
  | 'DONDOC_WORKFLOW_BUNDLE'
>;

/**
 * Worker options from dondoc's settings: what worker/main.ts runs with, and what every worker created by
 * createDondocWorker starts from (tests and `dondoc simulate` included), so that they run workflows the way
 * production does. Numbers behind the defaults: docs/running-at-scale.md, "Worker tuning".
 */
export function workerTuning(s: WorkerTuningSettings): Partial<WorkerOptions> {
  return {
    maxCachedWorkflows: s.DONDOC_MAX_CACHED_WORKFLOWS,
    workflowThreadPoolSize: s.DONDOC_WORKFLOW_THREADS,
    maxConcurrentWorkflowTaskExecutions: s.DONDOC_WORKFLOW_TASK_SLOTS,
    workflowTaskPollerBehavior: { type: 'simple-maximum', maximum: s.DONDOC_WORKFLOW_TASK_POLLERS },
    nonStickyToStickyPollRatio: s.DONDOC_NON_STICKY_POLL_RATIO,
    ...workflowTimeout(s.DONDOC_WORKFLOW_TIMEOUT_MS),
    ...(s.DONDOC_WORKFLOW_BUNDLE ? { workflowBundle: { codePath: s.DONDOC_WORKFLOW_BUNDLE } } : {}),
  };
}

/** The production defaults, whatever the environment says. */
export function defaultWorkerTuning(): Partial<WorkerOptions> {
  return workerTuning(loadSettings({}));
}

/** What createDondocWorker runs with: the production defaults, each replaced by the caller's option if given. */
export function withDefaultTuning(overrides: Partial<WorkerOptions> = {}): Partial<WorkerOptions> {
  return { ...defaultWorkerTuning(), ...overrides };
}
