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
