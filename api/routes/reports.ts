import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REPORT_FORMATS, type ReportFormat } from '../../reports';
import { ReportScheduleSpecSchema } from '../../domain/reports/schedule';
import { ReportScheduleService } from '../../services/report-schedules';
import { gridOf, reportFile, ReportQuerySchema, ReportService } from '../../services/reports';
import { TASK_QUEUE } from '../../workflows/messages';
import type { ApiContext } from '../deps';
import {
  ERROR_RESPONSES,
  GridResponse,
  ReportScheduleListResponse,
  ReportScheduleResponse,
  ScoreResponse,
} from '../responses';
import { principalOf, requireRole } from '../http';

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

/** Report routes: the status grid and the PAR score as JSON, the .xlsx / .docx / CSV files as downloads, and
 * the period-end report Schedules (list, create, delete; monitors and admins only). */
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

  const schedules = new ReportScheduleService({
    client: ctx.client,
    plans: ctx.plans,
    taskQueue: ctx.taskQueue ?? TASK_QUEUE,
  });
  const ScheduleId = z.object({
    id: z
      .string()
      .min(1)
      .max(300)
      .regex(/^report-[A-Za-z0-9._+-]+$/, 'expected a report schedule id (report-<every>-<scope>)'),
  });

  r.get(
    '/reports/schedules',
    {
      schema: {
        tags: ['reports'],
        summary: 'The period-end report Schedules on Temporal, with their next and recent firings',
        response: { 200: ReportScheduleListResponse, ...ERROR_RESPONSES },
      },
    },
    async (req) => {
      requireRole(req, 'admin', 'monitor');
      return { schedules: await schedules.list() };
    },
  );

  r.post(
    '/reports/schedules',
    {
      schema: {
        tags: ['reports'],
        summary:
          "Create a Temporal Schedule that builds the period's report at 00:05 after each period's end and sends it to the monitoring unit's channels",
        body: ReportScheduleSpecSchema,
        response: { 201: ReportScheduleResponse, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      requireRole(req, 'admin', 'monitor');
      return reply.code(201).send(await schedules.create(req.body));
    },
  );

  r.get(
    '/reports/schedules/:id',
    {
      schema: {
        tags: ['reports'],
        summary: 'One period-end report Schedule',
        params: ScheduleId,
        response: { 200: ReportScheduleResponse, ...ERROR_RESPONSES },
      },
    },
    async (req) => {
      requireRole(req, 'admin', 'monitor');
      return await schedules.describe(req.params.id);
    },
  );

  r.delete(
    '/reports/schedules/:id',
    {
      schema: {
        tags: ['reports'],
        summary: 'Delete a period-end report Schedule; reports it already generated stay',
        params: ScheduleId,
        response: { 200: z.object({ deleted: z.string() }), ...ERROR_RESPONSES },
      },
    },
    async (req) => {
      requireRole(req, 'admin', 'monitor');
      await schedules.delete(req.params.id);
      return { deleted: req.params.id };
    },
  );
}
