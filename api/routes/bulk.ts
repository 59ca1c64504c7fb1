import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BulkActions, BulkRequestSchema } from '../../services/bulk';
import type { ApiContext } from '../deps';
import { principalOf } from '../http';

/** POST /bulk: one action on many assignments; with ?progress=ndjson, one JSON line per assignment as it completes. */
export function registerBulkRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const bulk = new BulkActions(ctx.tasks);

  r.post(
    '/bulk',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Extend, reassign or cancel many assignments (each its own workflow update and audited event)',
        description:
          'Body: {action: "extend", select, newDue, reason} | {action: "reassign", select, toUnit, reason} | ' +
          '{action: "cancel", select, reason}; select: {planId?, taskRef?, unitId?, status?[], workflowIds?[]} ' +
          '(status defaults to the open ones). Monitors and admins only. The answer lists every failed assignment ' +
          'and why. With ?progress=ndjson the answer streams {done, total, item} lines, then {result}.',
        querystring: z.object({ progress: z.enum(['ndjson']).optional() }),
        body: BulkRequestSchema,
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      if (req.query.progress !== 'ndjson') return await bulk.run(p, req.body);
      bulk.select(p, req.body.select); // a bad selector fails before the stream starts
      if (p.role === 'unit') return await bulk.run(p, req.body); // answers 403
      const out = new PassThrough();
      void bulk
        .run(p, req.body, { onProgress: (e) => out.write(JSON.stringify(e) + '\n') })
        .then((result) => out.end(JSON.stringify({ result }) + '\n'))
        .catch((err: unknown) =>
          out.end(JSON.stringify({ error: err instanceof Error ? err.message : String(err) }) + '\n'),
        );
      return reply
        .header('content-type', 'application/x-ndjson; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(out);
    },
  );
}
