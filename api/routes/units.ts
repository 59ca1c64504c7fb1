import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound, ServiceError } from '../../services/errors';
import { directory, findUnit, knownDirectoryIds } from '../../services/units';
import type { ApiContext } from '../deps';
import { principalOf } from '../http';

/** Unit routes: the directory and per-unit scorecards. */
export function registerUnitRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/units',
    {
      schema: {
        tags: ['units'],
        summary: 'The unit directories (shipped and loaded)',
        querystring: z.object({
          directory: z
            .string()
            .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
            .max(100)
            .optional(),
        }),
      },
    },
    async (req) => {
      principalOf(req);
      const known = knownDirectoryIds();
      if (req.query.directory && !known.includes(req.query.directory))
        throw notFound(`directory ${req.query.directory}`);
      const ids = req.query.directory ? [req.query.directory] : known;
      return {
        units: ids.flatMap((id) =>
          directory(id)
            .list()
            .map((u) => ({
              directory: id,
              id: u.id,
              name: u.name,
              kind: u.kind,
              headTitle: u.headTitle,
              parentId: u.parentId,
            })),
        ),
      };
    },
  );

  r.get(
    '/units/:id/scorecard',
    {
      schema: {
        tags: ['units'],
        summary: 'On-time rates per quarter and year, and the overdue list; a unit token sees only its own',
        params: z.object({ id: z.string().min(1).max(200) }),
      },
    },
    async (req) => {
      const p = principalOf(req);
      const unitId = req.params.id;
      if (p.role === 'unit' && p.unitId !== unitId)
        throw new ServiceError('forbidden', `a unit token sees only unit ${p.unitId}`);
      const scorecard = ctx.store.unitScorecard(unitId);
      if (!findUnit(unitId) && scorecard.assigned === 0 && scorecard.doneOnTime + scorecard.doneLate === 0) {
        throw notFound(`unit ${unitId}`);
      }
      const overdue = ctx.store.listTasks({ unitId, overdue: true }).map((t) => ({
        workflowId: t.workflowId,
        planId: t.planId,
        taskRef: t.taskRef,
        title: t.title,
        nextDue: t.nextDue,
        escalationLevel: t.escalationLevel,
      }));
      return { scorecard, overdue };
    },
  );
}
