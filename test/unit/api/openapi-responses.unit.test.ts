import { buildApp, type ApiDeps } from '../../../api/server';

/**
 * Every route that answers JSON declares its response body, so /openapi.json shows real bodies. The document
 * only needs the routes registered, not the servers, so the dependencies are never called here.
 */

/** Routes that still answer without a declared body; this list may only shrink. */
const NOT_YET_DECLARED = new Set<string>([
  // A binary download (.xlsx / .docx / .csv), not JSON.
  'GET /reports/file/{format}',
  // The directory as a file (yaml, json, csv or xlsx).
  'GET /directories/{id}/export',
]);

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

async function openApi(): Promise<{ paths: Record<string, Record<string, Operation>> }> {
  const idle = () => () => undefined;
  const deps = { store: { onChange: idle }, plans: {}, client: {}, js: {}, tokens: {}, calendar: {} };
  const app = await buildApp(deps as unknown as ApiDeps);
  try {
    // What GET /openapi.json serves (inject is not usable under jest's CommonJS loader).
    return JSON.parse(JSON.stringify(app.swagger()));
  } finally {
    await app.close();
  }
}

describe('the OpenAPI document', () => {
  let spec: Awaited<ReturnType<typeof openApi>>;
  beforeAll(async () => {
    spec = await openApi();
  });

  const operations = () =>
    Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );

  it('declares a success body for every route that answers JSON', () => {
    const missing = operations()
      .filter(({ route }) => !NOT_YET_DECLARED.has(route))
      .filter(({ op }) => {
        const ok = Object.entries(op.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
        return !ok.some(([, r]) => Object.values(r.content ?? {}).some((c) => c.schema !== undefined));
      })
      .map(({ route }) => route);
    expect(missing).toEqual([]);
  });

  it('lists only routes that exist as still undeclared', () => {
    const routes = new Set(operations().map((o) => o.route));
    expect([...NOT_YET_DECLARED].filter((r) => !routes.has(r))).toEqual([]);
  });

  it('shows the domain schemas in the bodies (task status, event types, action result)', () => {
    const json = (route: string, code = '200') => {
      const [method, path] = route.split(' ') as [string, string];
      return JSON.stringify(spec.paths[path]![method.toLowerCase()]!.responses![code]);
    };
    expect(json('GET /tasks')).toContain('"overdue"');
    expect(json('GET /tasks/{workflowId}/history')).toContain('"MilestonesPlanned"');
    expect(json('POST /tasks/{workflowId}/actions/{action}')).toContain('"accepted"');
    expect(json('GET /plans/{id}')).toContain('"sourceLines"');
    expect(json('GET /reports/grid')).toContain('"completionRate"');
  });
});
