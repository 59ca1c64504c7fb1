import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calendarOf, type CalendarFile } from '../../config/calendar';
import { CalendarOverridesSchema } from '../../domain/calendar';
import { ReprojectionService } from '../../services/reprojection';
import { ServiceError } from '../../services/errors';
import type { ApiContext } from '../deps';
import { requireRole } from '../http';
import { ERROR_RESPONSES } from '../responses';

const Day = z.string().describe('ISO civil date YYYY-MM-DD (Asia/Ho_Chi_Minh)');

/** POST /calendar/reproject: what a caller sends. */
export const ReprojectRequestSchema = z.strictObject({
  calendar: CalendarOverridesSchema.describe('the changed calendar, as a calendar overrides file holds it'),
  planId: z.string().trim().min(1).max(200).optional(),
  dryRun: z.boolean().default(false),
  earlier: z.boolean().default(false).describe('also move due dates earlier when a day off becomes a working day'),
});

const MoveResponse = z.object({
  milestone: z.number().int(),
  label: z.string(),
  from: Day,
  to: Day,
  reason: z.string(),
  rule: z.string(),
});

/** The answer: services/reprojection.ts ReprojectionReport. */
export const ReprojectionReportResponse = z.object({
  calendarVersion: z.string(),
  today: Day,
  dryRun: z.boolean(),
  examined: z.number().int(),
  moved: z.number().int(),
  refused: z.number().int(),
  tasks: z.array(
    z.object({
      workflowId: z.string(),
      planId: z.string(),
      taskRef: z.string(),
      unitId: z.string(),
      title: z.string(),
      moves: z.array(MoveResponse),
      outcome: z.discriminatedUnion('status', [
        z.object({ status: z.literal('planned') }),
        z.object({ status: z.literal('applied'), events: z.number().int() }),
        z.object({ status: z.literal('refused'), code: z.string(), message: z.string() }),
      ]),
    }),
  ),
});

function checkedCalendar(document: unknown): CalendarFile {
  try {
    return calendarOf(document);
  } catch (err) {
    throw new ServiceError('invalid', (err as Error).message); // e.g. a date given twice
  }
}

/** Calendar re-projection: the open deadlines a changed calendar touches move, each with its recorded reason. */
export function registerReprojectRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = new ReprojectionService({ client: ctx.client, store: ctx.store });

  r.post(
    '/calendar/reproject',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Move the open deadlines a calendar change touches (Art. 148); each move is a DeadlineReprojected',
        description:
          'Body: {calendar: {days: [{date, working, name?, source?}], settings?: {vietnameseCultureDay}}, planId?, ' +
          "dryRun?, earlier?}. The deadlines were set on the API's own calendar ($DONDOC_CALENDAR_FILE); the body " +
          'gives the changed one. Monitors and admins only. Deploy the same file to the workers afterwards.',
        body: ReprojectRequestSchema,
        response: { 200: ReprojectionReportResponse, ...ERROR_RESPONSES },
      },
    },
    async (req) => {
      const p = requireRole(req, 'admin', 'monitor');
      const { calendar, planId, dryRun, earlier } = req.body;
      return await service.reproject(p, {
        before: ctx.calendar,
        after: checkedCalendar(calendar),
        ...(planId ? { planId } : {}),
        dryRun,
        earlier,
      });
    },
  );
}
