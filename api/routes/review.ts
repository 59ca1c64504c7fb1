import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importPlan } from '../../domain/plans/import';
import { PlanIdSchema } from '../../domain/plans/model';
import {
  checkReviewRows,
  cleanPlanOf,
  REVIEW_COLUMNS,
  ReviewCellError,
  reviewMeta,
  reviewRows,
} from '../../domain/plans/review';
import { DEFAULT_LIMITS } from '../../documents/limits';
import { notFound } from '../../services/errors';
import { importFileOrThrow, markReviewed, PlanImportError, reviewPlan } from '../../services/planning';
import type { ApiContext } from '../deps';
import { errorBody, principalOf, requireRole } from '../http';

const UploadQuery = z.object({
  fileName: z.string().trim().min(1).max(255).describe('the file name; .docx, .pdf, .xlsx, .csv, .md, .txt, .yaml…'),
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
});
const PlanParams = z.object({ id: PlanIdSchema });
const EDITABLE = REVIEW_COLUMNS.filter((c) => c.editable).map((c) => c.key);
const RowEdit = z.object(
  Object.fromEntries(EDITABLE.map((k) => [k, z.string().max(20_000)])) as Record<
    (typeof EDITABLE)[number],
    z.ZodString
  >,
);
const ReviewBody = z.object({ rows: z.array(RowEdit).min(1).max(20_000) });

function refuse(reply: FastifyReply, err: PlanImportError) {
  const e = err.importError;
  return reply
    .code(err.status)
    .send(errorBody(err.status, e.message, { details: { file: e.file, line: e.line, expected: e.expected } }));
}

/**
 * Upload any plan file (raw bytes) and review it before it starts: the review rows, the edited rows back
 * (recorded as the plan's review), the same rows and flags as `dondoc import --review`.
 */
export function registerReviewRoutes(app: FastifyInstance, ctx: ApiContext): void {
  // Word, PDF and Excel files arrive as raw bytes; text/* is parsed as a string by the server.
  const binary = (_req: unknown, body: string | Buffer, done: (err: null, body: Buffer) => void) =>
    done(null, Buffer.isBuffer(body) ? body : Buffer.from(body));
  app.addContentTypeParser(
    ['application/octet-stream', 'application/pdf'],
    { parseAs: 'buffer', bodyLimit: DEFAULT_LIMITS.maxBytes },
    binary,
  );
  app.addContentTypeParser(/^application\/vnd\./, { parseAs: 'buffer', bodyLimit: DEFAULT_LIMITS.maxBytes }, binary);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/plans/upload',
    {
      bodyLimit: DEFAULT_LIMITS.maxBytes,
      schema: {
        tags: ['plans'],
        summary: 'Import a plan file of any format (raw body); answers the review rows; ?dryRun=true saves nothing',
        querystring: UploadQuery,
      },
    },
    async (req, reply) => {
      const who = requireRole(req, 'admin', 'monitor');
      const body = req.body;
      const buf = Buffer.isBuffer(body) ? body : typeof body === 'string' ? Buffer.from(body, 'utf8') : null;
      if (!buf || buf.length === 0)
        return reply.code(400).send(errorBody(400, 'expected the plan file as the request body'));
      let plan;
      try {
        plan = await importFileOrThrow(buf, req.query.fileName, {
          ...(req.query.year !== undefined ? { year: req.query.year } : {}),
          by: who.name,
        });
      } catch (err) {
        if (err instanceof PlanImportError) return refuse(reply, err);
        throw err;
      }
      const out = {
        saved: !req.query.dryRun,
        planId: plan.plan.id,
        review: reviewPlan(plan),
        columns: REVIEW_COLUMNS,
        rows: reviewRows(plan, ctx.calendar),
      };
      if (req.query.dryRun) return out;
      await ctx.plans.save(plan);
      return reply.code(201).send(out);
    },
  );

  r.get(
    '/plans/:id/review',
    {
      schema: {
        tags: ['plans'],
        summary: 'The review rows of a saved plan, and whether it was reviewed',
        params: PlanParams,
      },
    },
    async (req) => {
      principalOf(req);
      const plan = await ctx.plans.get(req.params.id);
      if (!plan) throw notFound(`plan ${req.params.id}`);
      return {
        planId: plan.plan.id,
        reviewed: plan.review ?? null,
        review: reviewPlan(plan),
        columns: REVIEW_COLUMNS,
        rows: reviewRows(plan, ctx.calendar),
      };
    },
  );

  r.put(
    '/plans/:id/review',
    {
      schema: {
        tags: ['plans'],
        summary: 'Save the reviewed rows (edited cells win) and record the review; the plan can then start',
        params: PlanParams,
        body: ReviewBody,
      },
    },
    async (req, reply) => {
      const who = requireRole(req, 'admin', 'monitor');
      const plan = await ctx.plans.get(req.params.id);
      if (!plan) throw notFound(`plan ${req.params.id}`);
      const rows = req.body.rows.map((edit, i) => ({
        row: i + 1,
        cells: Object.fromEntries(
          REVIEW_COLUMNS.map((c) => [c.key, c.editable ? edit[c.key as keyof typeof edit] : '']),
        ) as ReturnType<typeof reviewRows>[number],
      }));
      try {
        checkReviewRows(rows, (k) => k);
      } catch (err) {
        if (!(err instanceof ReviewCellError)) throw err;
        return reply.code(422).send(
          errorBody(422, `review: ${err.message}`, {
            details: { row: err.row, column: err.column, expected: err.expected },
          }),
        );
      }
      const clean = cleanPlanOf(
        reviewMeta(plan),
        rows.map((r) => r.cells),
      );
      const result = importPlan(JSON.stringify(clean), plan.plan.sourceFile);
      if (!result.ok) return refuse(reply, new PlanImportError(result.error, 422));
      const reviewed = markReviewed(
        {
          ...result.plan,
          plan: { ...result.plan.plan, id: plan.plan.id, layout: plan.plan.layout, sourceFile: plan.plan.sourceFile },
        },
        { by: who.name, via: 'dashboard', now: new Date() },
      );
      await ctx.plans.save(reviewed);
      return {
        planId: reviewed.plan.id,
        reviewed: reviewed.review ?? null,
        review: reviewPlan(reviewed),
        columns: REVIEW_COLUMNS,
        rows: reviewRows(reviewed, ctx.calendar),
      };
    },
  );
}
