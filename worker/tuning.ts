// Worker tuning that must be the same wherever the worker runs: the workflow bundle's shared modules and V8 flags.

/**
 * Libraries the workflow bundle loads once per V8 context and shares across every workflow in it (Temporal's
 * `preloadModules`, with `reuseV8Context`). Without this each workflow evaluates its own copy of every module it
 * imports.
 *
 * Only stateless modules belong here: shared modules are deep-frozen, and a module that kept per-workflow state
 * would leak it between workflows. luxon keeps deterministic formatter caches and settings the workflows never
 * change; zod's module scope holds constructors and its locale. dondoc's schema modules cannot be shared (zod
 * defines methods on schema objects lazily, which a frozen object refuses); workflows load them only when they
 * validate an action (workflows/validation.ts).
 */
export const WORKFLOW_PRELOAD_MODULES = ['luxon', 'zod'];

/**
 * V8 flags for the worker process. Without a limit V8 sizes the old generation from the machine's memory (about
 * 4 GB on 24 GB) and lets garbage pile up under load; 1 GB per isolate holds the default 2,000 cached workflows
 * (about 0.3 MB each) with room to spare and keeps the worker's RSS near what it really uses. It applies to the
 * workflow thread too (worker_threads inherit --max-old-space-size). docker-compose.yml sets the same in
 * NODE_OPTIONS.
 */
export const WORKER_NODE_FLAGS = ['--max-old-space-size=1024'];
