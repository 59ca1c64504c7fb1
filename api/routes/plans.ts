import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlanIdSchema } from '../../domain/plans/model';
import { notFound } from '../../services/errors';
import { cloneSavedPlan } from '../../services/plan-clone';
import { startPlan } from '../../services/plans';
import { importOrThrow, markReviewed, PlanImportError, requireReviewed, reviewPlan } from '../../services/planning';
import type { ApiContext } from '../deps';
import {
  ErrorResponse,
  ERROR_RESPONSES,
  ImportResponse,
  PlanListResponse,
  PlanResponse,
  StartResponse,
} from '../responses';
import { principalOf, requireRole } from '../http';

const Year = z.coerce.number().int().min(1990).max(2100);
const FileName = z.string().trim().min(1).max(255);
const ImportBody = z.union([
  z.string().describe('the plan document as raw text (text/plain, text/markdown, text/csv…)'),
  z.object({ fileName: FileName, content: z.string().min(1) }).describe('the plan document as JSON'),
]);
const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  year: Year.optional(),
  issued: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
    .optional()
    .describe('the issue date, for a document that states none'),
  fileName: FileName.optional().describe('file name for a raw-text body; its extension helps pick the layout'),
});
const PlanParams = z.object({ id: PlanIdSchema });

/** Plan routes: import (with dry run), list, show, start, clone. */
export function registerPlanRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/plans/import',
    {
      schema: {
        tags: ['plans'],
        summary: 'Import a plan document; ?dryRun=true returns the review without saving',
        querystring: ImportQuery,
        body: ImportBody,
        response: { 200: ImportResponse, 201: ImportResponse, ...ERROR_RESPONSES, 422: ErrorResponse },
      },
    },
    async (req, reply) => {
      requireRole(req, 'admin', 'monitor');
      const { fileName, content } =
        typeof req.body === 'string' ? { fileName: req.query.fileName ?? 'upload.txt', content: req.body } : req.body;
      let plan;
      try {
        plan = importOrThrow(content, fileName, req.query.year, undefined, req.query.issued);
      } catch (err) {
        if (!(err instanceof PlanImportError)) throw err;
        const e = err.importError;
        return reply.code(422).send({
          statusCode: 422,
          error: 'Unprocessable Entity',
          message: e.message,
          details: { file: e.file, line: e.line, expected: e.expected },
        });
      }
      const review = reviewPlan(plan);
      if (req.query.dryRun) return { saved: false, review };
      await ctx.plans.save(plan);
      return reply.code(201).send({ saved: true, review });
    },
  );

  r.get(
    '/plans',
    {
      schema: {
        tags: ['plans'],
        summary: 'Imported plans, newest first, with their task counts',
        response: { 200: PlanListResponse, ...ERROR_RESPONSES },
      },
    },
    async (req) => {
      principalOf(req);
      const plans = await ctx.plans.list();
      return { plans: plans.map((plan) => ({ ...plan, summary: ctx.store.planSummary(plan.id) })) };
    },
  );

  r.get(
    '/plans/:id',
    {
      schema: {
        tags: ['plans'],
        summary: 'One plan: header, tasks, review and status counts',
        params: PlanParams,
        response: { 200: PlanResponse, ...ERROR_RESPONSES },
      },
    },
    async (req) => {
      principalOf(req);
      const plan = await ctx.plans.get(req.params.id);
      if (!plan) throw notFound(`plan ${req.params.id}`);
      return { plan, review: reviewPlan(plan), summary: ctx.store.planSummary(plan.plan.id) };
    },
  );

  r.post(
    '/plans/:id/start',
    {
      schema: {
        tags: ['plans'],
        summary:
          'Start one workflow per (task, lead unit); starting twice starts nothing new. 409 until the plan is ' +
          'reviewed (PUT /plans/:id/review), unless ?yes=true',
        params: PlanParams,
        querystring: z.object({
          yes: z
            .enum(['true', 'false'])
            .default('false')
            .transform((v) => v === 'true'),
        }),
        response: { 200: StartResponse, ...ERROR_RESPONSES },
      },
    },
    async (req) => {
      const who = requireRole(req, 'admin', 'monitor');
      let plan = await ctx.plans.get(req.params.id);
      if (!plan) throw notFound(`plan ${req.params.id}`);
      if (!plan.review && req.query.yes) {
        plan = markReviewed(plan, { by: who.name, via: 'yes', now: new Date() });
        await ctx.plans.save(plan);
      }
      requireReviewed(plan);
      return await startPlan(ctx.client, plan, ctx.taskQueue ? { taskQueue: ctx.taskQueue } : {});
    },
  );

  r.post(
    '/plans/:id/clone',
    {
      schema: {
        tags: ['plans'],
        summary: 'Re-anchor a plan to another year and save it as a new plan',
        params: PlanParams,
        body: z.object({ year: Year }),
        response: { 201: ImportResponse, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      requireRole(req, 'admin', 'monitor');
      const { review } = await cloneSavedPlan(ctx.plans, req.params.id, req.body.year);
      return reply.code(201).send({ saved: true, review });
    },
  );
}
