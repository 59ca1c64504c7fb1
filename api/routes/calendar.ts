import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isIsoDate, MAX_YEAR, MIN_YEAR } from '../../domain/calendar';
import { explainDeadline, interpretDeadline } from '../../domain/deadlines';
import { ServiceError } from '../../services/errors';
import type { ApiContext } from '../deps';
import { principalOf } from '../http';

const RealDate = z.string().refine(isIsoDate, 'expected a real date YYYY-MM-DD');

/** Runs calendar arithmetic; dates outside the calendar's years are the caller's mistake (400). */
function guarded<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof RangeError || err instanceof TypeError) throw new ServiceError('invalid', err.message);
    throw err;
  }
}

/** Calendar and deadline routes: year listing, working-day arithmetic, deadline phrase parsing. */
export function registerCalendarRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/calendar/add-working-days',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Civil Code Art. 147: the date n working days after (n < 0: before) a date',
        querystring: z.object({ date: RealDate, n: z.coerce.number().int().min(-100_000).max(100_000) }),
      },
    },
    async (req) => {
      principalOf(req);
      const { date, n } = req.query;
      return { date, n, result: guarded(() => ctx.calendar.addWorkingDays(date, n)) };
    },
  );

  r.get(
    '/calendar/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Holidays, days off and make-up working days of a year',
        params: z.object({ year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR) }),
      },
    },
    async (req) => {
      principalOf(req);
      return guarded(() => ctx.calendar.year(req.params.year));
    },
  );

  r.post(
    '/deadlines/parse',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Parse a deadline phrase, resolve it against a plan period, and explain the reading in Vietnamese',
        body: z.object({ text: z.string().max(2000), issued: RealDate, until: RealDate, from: RealDate.optional() }),
      },
    },
    async (req) => {
      principalOf(req);
      const { text, ...period } = req.body;
      return guarded(() => {
        const resolved = interpretDeadline(text, period, ctx.calendar);
        return { ...resolved, explanation: explainDeadline(resolved, ctx.calendar) };
      });
    },
  );
}
