import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REPORT_FORMATS, type ReportFormat } from '../../reports';
import { gridOf, reportFile, ReportQuerySchema, ReportService } from '../../services/reports';
import type { ApiContext } from '../deps';
import { ERROR_RESPONSES, GridResponse, ScoreResponse } from '../responses';
import { principalOf } from '../http';

const PlansQuery = z
  .string()
  .min(1)
  .max(2000)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected plan ids'))
      .min(1)
      .max(50),
  )
  .describe('comma-separated plan ids');
const Query = ReportQuerySchema.extend({ plan: PlansQuery });
const FORMATS = Object.keys(REPORT_FORMATS) as [ReportFormat, ...ReportFormat[]];

/** Report routes: the status grid and the PAR score as JSON, and the .xlsx / .docx / CSV files as downloads. */
export function registerReportRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const reports = new ReportService({ js: ctx.js, plans: ctx.plans, calendar: ctx.calendar });

  r.get(
    '/reports/grid',
    {
      schema: {
        tags: ['reports'],
        summary:
          'The status grid of a period (done on time/late, open within/overdue, near due, no deadline) with the lines behind every count',
        querystring: Query,
        response: { 200: GridResponse, ...ERROR_RESPONSES },
      },
    },
    async (req) => {
      const { plan, ...q } = req.query;
      const { report, plans } = await reports.build(principalOf(req), plan, q);
      return { period: report.period, asOf: report.asOf, grid: gridOf(report, q.by, plans), lines: report.lines };
    },
  );

  r.get(
    '/reports/score',
    {
      schema: {
        tags: ['reports'],
        summary: "PAR Index plan-completion points of the period's year as they stand on asOf, with the rule's source",
        querystring: Query,
        response: { 200: ScoreResponse, ...ERROR_RESPONSES },
      },
    },
    async (req) => {
      const { plan, ...q } = req.query;
      return (await reports.build(principalOf(req), plan, q)).report.score;
    },
  );

  r.get(
    '/reports/file/:format',
    {
      schema: {
        tags: ['reports'],
        summary: 'Download the .xlsx follow-up ledger, the .docx periodic report or the CSV ledger',
        params: z.object({ format: z.enum(FORMATS) }),
        querystring: Query,
      },
    },
    async (req, reply) => {
      const { plan, ...q } = req.query;
      const { report } = await reports.build(principalOf(req), plan, q);
      const file = await reportFile(report, req.params.format);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
}
