import path from 'node:path';
import { z } from 'zod';

/** The repository root (two levels up from this file, in sources and in dist/). */
export const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

const SettingsSchema = z
  .object({
    TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('dondoc'),
    TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
    NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
    NATS_PORT: z.coerce.number().int().min(1).max(65535).default(4222),
    /** JetStream replicas for dondoc's streams and buckets: 1 locally, 3 on a production cluster. */
    NATS_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
    /** Size cap of the audit stream in bytes; -1 (default) leaves it to the server's max_file_store. Writes beyond it are refused, never dropped. */
    NATS_EVENTS_MAX_BYTES: z.coerce
      .number()
      .int()
      .refine((v) => v === -1 || v > 0, 'expected -1 (no cap) or a positive number of bytes')
      .default(-1),
    API_HOST: z.string().min(1).default('127.0.0.1'),
    API_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    /** Bootstrap admin bearer token for local use (`dondoc up`); unset in production, where tokens come from `dondoc tokens create`. */
    DONDOC_ADMIN_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
    /** Requests per token (or per client address when unauthenticated) per window, and the window in ms. */
    API_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(6000),
    API_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(100).default(60_000),
    API_BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(5 * 1024 * 1024),
    DONDOC_DATA_DIR: z
      .string()
      .min(1)
      .default(path.join(REPO_ROOT, '.dondoc', 'data')),
    DONDOC_CALENDAR_FILE: z.string().optional(),
    /**
     * Where unit directories are stored (services/directory-backend.ts): `nats` (the DONDOC_DIRECTORIES stream), `file`
     * (<DONDOC_DATA_DIR>/directories), or `auto` (default): NATS for processes connected to it, files otherwise.
     */
    DONDOC_DIRECTORY_STORE: z.enum(['auto', 'nats', 'file']).default('auto'),
    /** SMTP server for e-mail reminders (e.g. `smtp://user:pass@mail.example.gov.vn:587`) and the sender address. */
    DONDOC_SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'expected an smtp:// or smtps:// URL')
      .optional(),
    DONDOC_SMTP_FROM: z.string().min(3).optional(),
    /** Largest plan document (.docx, .pdf, .xlsx, text) `dondoc import` and the API read, in bytes (documents/). */
    DONDOC_DOCUMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(50 * 1024 * 1024),
    DONDOC_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    /** A workflow bundle prebuilt with scripts/bundle-workflows.ts (the image sets it); unset: bundled at start. */
    DONDOC_WORKFLOW_BUNDLE: z.string().min(1).optional(),
    /**
     * Workflows the worker keeps in memory between tasks (about 0.25 MB each); an evicted one is replayed (about
     * 14 ms of CPU). Larger caches cost garbage-collection time on every task (docs/running-at-scale.md).
     */
    DONDOC_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(500),
    /**
     * Longest a single call into workflow code may run before the worker fails that workflow task (the SDK's
     * `isolateExecutionTimeout`, its guard against a workflow stuck in a synchronous loop). 0 (default): no guard.
     * Node enforces it with a watchdog thread per call, which on a loaded 2-core worker took more of the workflow
     * thread than the workflows did (see docs/running-at-scale.md, "Worker tuning").
     */
    DONDOC_WORKFLOW_TIMEOUT_MS: z.coerce.number().int().min(0).default(0),
    /** Threads that run workflow code in the worker (the SDK's workflowThreadPoolSize; its default is 1). */
    DONDOC_WORKFLOW_THREADS: z.coerce.number().int().min(1).max(16).default(1),
    /**
     * Workflow tasks the worker takes from Temporal at once (the SDK's maxConcurrentWorkflowTaskExecutions; its default
     * is 40). A task taken waits in the worker for the workflow thread; one not yet taken waits in Temporal's task
     * queue, where any other worker replica can take it. Too few cap the worker's throughput: a task holds its slot
     * for its round trips to Temporal and NATS too (docs/running-at-scale.md).
     */
    DONDOC_WORKFLOW_TASK_SLOTS: z.coerce.number().int().min(2).max(1000).default(16),
    /**
     * Concurrent workflow-task polls, and the share of them that poll the normal queue rather than the worker's
     * sticky one. The SDK's defaults (10, 0.2) leave two polls on the normal queue, where every new workflow and
     * every workflow no longer in the cache (almost all of them at a province's scale) gets its tasks: a backlog
     * of first tasks, or a 09:00 storm, then drains at the rate two polls find tasks (13/s measured with 100,000
     * waiting, docs/running-at-scale.md).
     */
    DONDOC_WORKFLOW_TASK_POLLERS: z.coerce.number().int().min(2).max(100).default(10),
    DONDOC_NON_STICKY_POLL_RATIO: z.coerce.number().gt(0).max(1).default(0.5),
    /** 1: collect the promise stacks behind Temporal's `__stack_trace` query (about half of a replay's CPU); 0: not. */
    DONDOC_WORKFLOW_STACK_TRACES: z.enum(['0', '1']).default('0'),
    /** How long a read waits for a workflow's query before falling back to the projection (services/tasks.ts). */
    DONDOC_QUERY_TIMEOUT_MS: z.coerce.number().int().min(1).default(3000),
    /** How long an action waits for the query that precedes its update (a bulk action of 1,000 needs the margin). */
    DONDOC_ACTION_QUERY_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000),
    /** Deprecated: a channels file imported into the stored directories when the worker starts. */
    DONDOC_CHANNELS_FILE: z.string().min(1).optional(),
    /** 1: an API answer that does not match its declared schema is a 500 (on under NODE_ENV=test); 0: logged only. */
    DONDOC_STRICT_RESPONSES: z.enum(['0', '1']).optional(),
    NODE_ENV: z.string().optional(),
  })
  .superRefine((s, ctx) => {
    // Temporal requires it (a task taken must be able to stay cached); the SDK meant to lower the slots silently but
    // drops the check when the slots are given (SDK 1.24, addDefaultWorkerOptions), so say it here.
    if (s.DONDOC_MAX_CACHED_WORKFLOWS > 0 && s.DONDOC_WORKFLOW_TASK_SLOTS > s.DONDOC_MAX_CACHED_WORKFLOWS)
      ctx.addIssue({
        code: 'custom',
        path: ['DONDOC_WORKFLOW_TASK_SLOTS'],
        message: `expected at most DONDOC_MAX_CACHED_WORKFLOWS (${s.DONDOC_MAX_CACHED_WORKFLOWS}) when the cache is on, got ${s.DONDOC_WORKFLOW_TASK_SLOTS}`,
      });
  });

export type Settings = z.infer<typeof SettingsSchema>;

/** Reads settings from the environment; a bad value fails with the variable's name and what was expected. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = SettingsSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid environment settings: ${problems}`);
  }
  return parsed.data;
}

/** Whether API answers must match their declared schemas (api/serializer.ts): always in tests. */
export function strictResponses(settings: Pick<Settings, 'DONDOC_STRICT_RESPONSES' | 'NODE_ENV'>): boolean {
  return settings.DONDOC_STRICT_RESPONSES !== undefined
    ? settings.DONDOC_STRICT_RESPONSES === '1'
    : settings.NODE_ENV === 'test';
}
