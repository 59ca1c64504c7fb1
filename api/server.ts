import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Client, Connection } from '@temporalio/client';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadCalendarFile } from '../config/calendar';
import { logger } from '../config/logger';
import { loadSettings, strictResponses, type Settings } from '../config/settings';
import { connectNats, ensureStreams } from '../nats/streams';
import { openProjectionStore } from '../projections/store';
import { followDirectories, openDirectoryStore } from '../services/directory-backend';
import { DirectoryStore } from '../services/directory-store';
import { PlanRegistry } from '../services/plans';
import { TaskService } from '../services/tasks';
import { TokenStore } from '../services/tokens';
import { authenticate } from './auth';
import type { ApiContext, ApiDeps } from './deps';
import { errorBody, installErrorHandling } from './http';
import { declareResponses } from './route-responses';
import { registerAdoptRoutes } from './routes/adopt';
import { registerBulkRoutes } from './routes/bulk';
import { registerCalendarRoutes } from './routes/calendar';
import { registerReprojectRoutes } from './routes/reproject';
import { registerDirectoryRoutes } from './routes/directories';
import { registerEventRoutes } from './routes/events';
import { registerPlanRoutes } from './routes/plans';
import { registerReviewRoutes } from './routes/review';
import { registerReportRoutes } from './routes/reports';
import { registerTaskRoutes } from './routes/tasks';
import { registerUnitRoutes } from './routes/units';
import { registerVocabularyRoutes } from './routes/vocabulary';
import { registerDashboardRoutes, webRoutes } from './routes/web';
import { responseSerializer } from './serializer';

export type { ApiDeps } from './deps';

const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

/** The rate-limit key: the bearer token's hash (so each token has its own budget), else the client address. */
function rateKey(authorization: string | undefined, ip: string): string {
  return authorization
    ? `t:${createHash('sha256').update(authorization).digest('base64url').slice(0, 22)}`
    : `ip:${ip}`;
}

/** Builds the HTTP app around its dependencies (tests call this with real connections and use app.inject()). */
export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  // Fastify's logger is the process's one logger (config/logger.ts); requests are not logged one by one.
  const log = logger('api');
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    disableRequestLogging: true,
    bodyLimit: deps.bodyLimit ?? DEFAULT_BODY_LIMIT,
    routerOptions: { maxParamLength: 500 },
  });
  const ctx: ApiContext = { ...deps, tasks: new TaskService(deps) };
  app.addHook('onClose', async () => ctx.tasks.close());
  const logError = deps.logError ?? ((err: unknown) => app.log.error({ err }, 'unexpected error'));
  app.setValidatorCompiler(validatorCompiler);
  const settings = loadSettings();
  app.setSerializerCompiler(
    responseSerializer({
      strict: deps.strictResponses ?? strictResponses(settings),
      onMismatch: (route, err) => logError(new Error(`${route}: the answer does not match its schema`, { cause: err })),
    }),
  );
  app.addHook('onRoute', declareResponses);
  installErrorHandling(app, (err) => logError(err));
  app.decorateRequest('principal', null);
  // Plan documents arrive as text/plain, text/markdown, text/csv, text/tab-separated-values…
  app.addContentTypeParser(/^text\/.+/, { parseAs: 'string' }, (_req, body, done) => done(null, body));

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'dondoc API',
        version: '0.1.0',
        description:
          'Plans, tasks, units, calendar and live events. Every route except /health, /docs and /openapi.json needs ' +
          '`Authorization: Bearer <token>` (create tokens with `dondoc tokens create`; locally DONDOC_ADMIN_TOKEN).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/health',
    {
      schema: { tags: ['health'], summary: 'Liveness', security: [], response: { 200: z.object({ ok: z.boolean() }) } },
    },
    async () => ({ ok: true }),
  );
  await app.register(webRoutes);

  await app.register(async (api) => {
    const limit = deps.rateLimit ?? { max: 6000, windowMs: 60_000 };
    await api.register(rateLimit, {
      max: limit.max,
      timeWindow: limit.windowMs,
      keyGenerator: (req) => rateKey(req.headers.authorization, req.ip),
      errorResponseBuilder: (_req, c) => ({
        ...errorBody(429, `rate limit of ${c.max} requests per ${c.after} exceeded`),
        statusCode: 429,
      }),
    });
    api.addHook('onRequest', authenticate(deps.tokens));
    registerPlanRoutes(api, ctx);
    registerReviewRoutes(api, ctx);
    registerTaskRoutes(api, ctx);
    registerUnitRoutes(api, ctx);
    const directories = deps.directories ?? DirectoryStore.inDataDir(settings.DONDOC_DATA_DIR);
    registerDirectoryRoutes(api, ctx, directories);
    registerAdoptRoutes(api, ctx, directories);
    registerReportRoutes(api, ctx);
    registerBulkRoutes(api, ctx);
    registerCalendarRoutes(api, ctx);
    registerReprojectRoutes(api, ctx);
    registerEventRoutes(api, ctx);
    registerDashboardRoutes(api, ctx);
    registerVocabularyRoutes(api);
  });
  await app.ready();
  return app;
}

/** Connects to Temporal and NATS and serves the API until closed. */
export async function startApi(settings: Settings): Promise<{ url: string; close(): Promise<void> }> {
  const connection = await Connection.connect({ address: settings.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: settings.TEMPORAL_NAMESPACE });
  const nats = await connectNats(settings.NATS_URL, 'dondoc-api');
  for (const w of await ensureStreams(nats.jsm, settings.NATS_REPLICAS, settings.NATS_EVENTS_MAX_BYTES))
    logger('api').warn(w);
  const plans = await PlanRegistry.open(nats.nc, settings.NATS_REPLICAS);
  const store = await openProjectionStore(nats.nc, { replicas: settings.NATS_REPLICAS });
  const tokens = await TokenStore.open(nats.nc, {
    replicas: settings.NATS_REPLICAS,
    ...(settings.DONDOC_ADMIN_TOKEN ? { bootstrapToken: settings.DONDOC_ADMIN_TOKEN } : {}),
  });
  // The directory store every entry point shares (NATS here, since the API holds a connection, unless
  // DONDOC_DIRECTORY_STORE=file); the registry follows changes made through the CLI or another API.
  const directories = await openDirectoryStore(settings, nats);
  const followed = await followDirectories(directories, nats.nc);
  const app = await buildApp({
    client,
    directories,
    plans,
    store,
    js: nats.js,
    tokens,
    calendar: loadCalendarFile(settings.DONDOC_CALENDAR_FILE),
    taskQueue: settings.TEMPORAL_TASK_QUEUE,
    bodyLimit: settings.API_BODY_LIMIT_BYTES,
    rateLimit: { max: settings.API_RATE_LIMIT_MAX, windowMs: settings.API_RATE_LIMIT_WINDOW_MS },
  });
  const url = await app.listen({ host: settings.API_HOST, port: settings.API_PORT });
  return {
    url,
    async close() {
      await app.close();
      followed.stop();
      await store.close();
      await nats.nc.drain();
      await connection.close();
    },
  };
}
