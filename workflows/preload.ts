/**
 * The library every workflow shares (worker/tuning.ts, WORKFLOW_PRELOAD_MODULES): evaluated once per reusable V8
 * context, then deep-frozen by the SDK and used by all workflows in it. luxon's zone and formatter caches then
 * live as long as the context; per workflow they cost an `Intl.DateTimeFormat` construction on nearly every
 * date operation.
 *
 * It is imported here exactly as the workflow code imports it, so webpack resolves it to the same module (luxon's
 * ESM build). A bare `require('luxon')` would not do: it resolves to luxon's CommonJS build, another module, and
 * webpack drops it anyway because luxon declares `"sideEffects": false`. Using the namespace keeps it.
 *
 * zod is not shared: it does not work deep-frozen (the replay test fails on a workflow that validates an action).
 * The workflows load it, with dondoc's schemas, only when they validate one (workflows/validation.ts).
 */
import * as luxon from 'luxon';

export const preloaded = luxon;
