import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Plan } from '../../domain/plans/model';
import { DirectoryIdSchema, hasDirectory, registerDirectory, UnitKindSchema } from '../../domain/units';
import { DirectoryEditor } from '../../services/directory-edits';
import { notFound, ServiceError } from '../../services/errors';
import { rebindPlan } from '../../services/planning';
import { adoptUnits, proposeForPlan, unresolvedMentions } from '../../services/unit-adopt';
import type { ApiContext } from '../deps';
import { requireRole } from '../http';
import { ERROR_RESPONSES } from '../responses';
import { actorName } from './directories';

const Params = z.object({ planId: z.string().min(1).max(300) });

/** A unit as adoption proposes or adds it (the full record is domain/units/unit.ts UnitSchema). */
const UnitOut = z.looseObject({
  id: z.string(),
  name: z.string(),
  kind: UnitKindSchema,
  headTitle: z.string(),
  parentId: z.string().nullable().optional(),
  supervisorId: z.string().nullable().optional(),
  aliases: z.array(z.string()).optional(),
  note: z.string().optional(),
});
const ProposalOut = z.object({
  mention: z.string().describe('the mention as the plan writes it'),
  refs: z.array(z.string()).describe('the tasks that name it'),
  unit: UnitOut,
});
const ProposalsResponse = z.object({
  planId: z.string(),
  directory: z.string(),
  started: z.boolean().describe('the plan has assignments already: adopting adds units, the plan keeps its units'),
  unresolved: z.number().int().describe('distinct lead and support mentions that do not resolve'),
  unresolvedLeads: z.number().int().describe('tasks with a lead that does not resolve'),
  proposals: z.array(ProposalOut),
  leftOut: z.array(z.string()).describe('mentions that name no body (the public, businesses): no unit proposed'),
});
const AdoptResponse = z.object({
  planId: z.string(),
  directory: z.string(),
  added: z.array(UnitOut),
  alreadyThere: z.array(z.string()).describe('ids already in the directory: left as they are'),
  seq: z.number().int().nullable().describe("the directory's last change, null when nothing was added"),
  rebound: z.boolean().describe('the plan was resolved again against the directory (only before it starts)'),
  unresolvedLeads: z.number().int(),
  unresolved: z.array(z.string()).describe('mentions that still do not resolve'),
});

const AdoptBody = z.object({
  directory: DirectoryIdSchema.optional().describe("default: the plan's directory"),
  proposals: z
    .array(
      z.object({
        mention: z.string().max(2000).optional(),
        unit: z.record(z.string(), z.unknown()).describe('a unit record (UnitSchema): as proposed or corrected'),
      }),
    )
    .max(5000),
});

/**
 * Bootstrap a directory from a plan, the API side of `dondoc units adopt`: GET proposes a unit for every lead and
 * support mention that does not resolve (guessed kind, head and parent); POST adds the ones a person accepted or
 * corrected (recorded with the token's subject) and, before the plan starts, resolves the plan again against them.
 */
export function registerAdoptRoutes(
  app: FastifyInstance,
  ctx: ApiContext,
  store: ConstructorParameters<typeof DirectoryEditor>[0],
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const editor = new DirectoryEditor(store);

  /** The plan, the directory it adopts into, and the plan resolved against that directory. */
  const target = async (planId: string, requested: string | undefined) => {
    const plan = await ctx.plans.get(planId);
    if (!plan) throw notFound(`plan ${planId}`);
    const directory = requested ?? plan.plan.directory;
    if (!directory)
      throw new ServiceError(
        'invalid',
        `plan ${planId} uses no unit directory (issuer "${plan.plan.issuer}"): give a directory (GET /directories ` +
          'lists them), or load one first (dondoc units init, POST /directories/upload)',
      );
    // The editor's answers may be promises (the NATS store): awaited either way.
    if (!(await editor.has(directory))) throw notFound(`directory ${directory}`);
    const doc = await editor.current(directory);
    if (!hasDirectory(directory)) registerDirectory(doc);
    const resolved = directory === plan.plan.directory ? plan : rebindPlan(plan, directory);
    const started = ctx.store.listTasks({ planId: plan.plan.id, limit: 1 }).length > 0;
    return { plan, directory, doc, resolved, started };
  };

  r.get(
    '/plans/:planId/adopt',
    {
      schema: {
        tags: ['directories'],
        summary: 'Propose a unit for every mention of the plan that does not resolve in its (or the given) directory',
        params: Params,
        querystring: z.object({ directory: DirectoryIdSchema.optional() }),
        response: { 200: ProposalsResponse, ...ERROR_RESPONSES },
      },
    },
    async (req) => {
      requireRole(req, 'admin', 'monitor');
      const { plan, doc, resolved, started } = await target(req.params.planId, req.query.directory);
      return { planId: plan.plan.id, started, ...proposeForPlan(resolved, doc) };
    },
  );

  r.post(
    '/plans/:planId/adopt',
    {
      schema: {
        tags: ['directories'],
        summary:
          'Add the accepted (or corrected) proposals to the directory, recorded with who and when; before the plan ' +
          'starts, resolve it again against them. A proposal that does not fit refuses all of them (400)',
        params: Params,
        body: AdoptBody,
        response: { 200: AdoptResponse, ...ERROR_RESPONSES },
      },
    },
    async (req) => {
      const p = requireRole(req, 'admin', 'monitor');
      const { plan, directory, started } = await target(req.params.planId, req.body.directory);
      const now = DateTime.now().setZone('Asia/Ho_Chi_Minh');
      const result = await adoptUnits(editor, directory, req.body.proposals, actorName(p), now);
      let after: Plan = plan;
      if (!started) {
        after = rebindPlan(plan, directory);
        await ctx.plans.save(after);
      }
      const left = proposeForPlan(after, await editor.current(directory));
      return {
        planId: plan.plan.id,
        directory,
        added: result.added,
        alreadyThere: result.alreadyThere,
        seq: result.lastSeq,
        rebound: !started,
        unresolvedLeads: left.unresolvedLeads,
        unresolved: [...new Set(unresolvedMentions(after).map((m) => m.text))],
      };
    },
  );
}
