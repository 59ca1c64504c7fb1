import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { REPO_ROOT } from '../../config/settings';
import { ZONE, type WorkingCalendar } from '../../domain/calendar/types';
import { DEFAULT_POLICY, milestoneTimeline, type MilestoneTimeline } from '../../domain/policy/policy';
import type { TaskProjection } from '../../projections/model';
import type { ApiContext } from '../deps';
import { principalOf } from '../http';

const WEB_DIR = path.join(REPO_ROOT, 'web');
// chart.js exports only its entry points; its UMD build sits beside the CommonJS one.
const CHART_JS = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');

/** The dashboard's files: a fixed list, so no request path ever reaches the file system. */
const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: path.join(WEB_DIR, 'index.html'), type: 'text/html; charset=utf-8' },
  '/app.js': { file: path.join(WEB_DIR, 'app.js'), type: 'text/javascript; charset=utf-8' },
  '/review.js': { file: path.join(WEB_DIR, 'review.js'), type: 'text/javascript; charset=utf-8' },
  '/reports.js': { file: path.join(WEB_DIR, 'reports.js'), type: 'text/javascript; charset=utf-8' },
  '/units.js': { file: path.join(WEB_DIR, 'units.js'), type: 'text/javascript; charset=utf-8' },
  '/i18n.js': { file: path.join(WEB_DIR, 'i18n.js'), type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: path.join(WEB_DIR, 'style.css'), type: 'text/css; charset=utf-8' },
  '/vendor/chart.umd.min.js': { file: CHART_JS, type: 'text/javascript; charset=utf-8' },
  '/firstrun.js': { file: path.join(WEB_DIR, 'firstrun.js'), type: 'text/javascript; charset=utf-8' },
  '/favicon.svg': { file: path.join(WEB_DIR, 'favicon.svg'), type: 'image/svg+xml' },
  // Browsers that ignore <link rel="icon"> still ask for /favicon.ico: the same icon, rather than a 404.
  '/favicon.ico': { file: path.join(WEB_DIR, 'favicon.svg'), type: 'image/svg+xml' },
};

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Serves the dashboard's static files at `/` without a token (the page asks for one and keeps it in localStorage). */
export async function webRoutes(app: FastifyInstance): Promise<void> {
  for (const [url, { file, type }] of Object.entries(FILES)) {
    app.get(url, { schema: { hide: true } }, async (_req, reply) => {
      const body = await readFile(file);
      return reply
        .type(type)
        .header('cache-control', 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', CSP)
        .send(body);
    });
  }
}

const AgendaQuery = z.object({
  planId: z.string().min(1).max(200).optional(),
  days: z.coerce.number().int().min(1).max(366).default(60),
  /** Start of the window instead of now: a demo plan's own clock (`dondoc up --demo`). */
  from: z.iso.datetime({ offset: true }).optional(),
});

/** How far past the window a due date can lie and still have a reminder inside it (5 working days plus Tết). */
const LOOKAHEAD_DAYS = 21;
/** How far before the window a due date can lie and still have an escalation inside it. */
const LOOKBACK_DAYS = 21;

/**
 * The reminder and escalation instants of a task's open milestone: those the workflow scheduled (kept in the
 * projection), or, for a task projected before they were kept, the default policy's.
 */
function noticesOf(
  t: Pick<TaskProjection, 'schedule'>,
  due: string,
  calendar: WorkingCalendar,
): Pick<MilestoneTimeline, 'reminders'> & { escalations: { at: string; level: number }[] } {
  if (!t.schedule) return milestoneTimeline(due, DEFAULT_POLICY, calendar);
  return {
    reminders: t.schedule.reminders.map((at) => ({
      at,
      workingDaysBefore: Math.max(
        0,
        calendar.workingDaysBetween(DateTime.fromISO(at, { zone: ZONE }).toISODate()!, due),
      ),
    })),
    escalations: t.schedule.escalations,
  };
}

/** The dashboard's authenticated reads: who the token is, and the agenda of the coming days. */
export function registerDashboardRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/dashboard/session', { schema: { tags: ['dashboard'], summary: 'Who the token acts as' } }, async (req) => {
    const p = principalOf(req);
    return { name: p.name, role: p.role, unitId: p.unitId };
  });

  r.get(
    '/dashboard/agenda',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Due dates, reminders and escalations of open tasks in the next `days` days (as scheduled)',
        description:
          'Reminder and escalation instants are those the workflow scheduled for the open milestone (kept in the ' +
          'projection); for tasks projected before they were kept, those of the default policy.',
        querystring: AgendaQuery,
      },
    },
    async (req) => {
      const now = (req.query.from ? DateTime.fromISO(req.query.from) : DateTime.now()).setZone(ZONE);
      const until = now.plus({ days: req.query.days });
      const tasks = ctx.tasks.list(principalOf(req), {
        ...(req.query.planId ? { planId: req.query.planId } : {}),
        dueFrom: now.minus({ days: LOOKBACK_DAYS }).toISODate()!,
        dueTo: until.plus({ days: LOOKAHEAD_DAYS }).toISODate()!,
      });
      const from = now.toMillis();
      const to = until.toMillis();
      const inWindow = (at: string) => {
        const t = Date.parse(at);
        return t >= from && t <= to;
      };
      const items = tasks.flatMap((t) => {
        if (!t.nextDue || t.status === 'cancelled') return [];
        const tl = noticesOf(t, t.nextDue, ctx.calendar);
        const base = { workflowId: t.workflowId, taskRef: t.taskRef, title: t.title, unitId: t.unitId };
        const dueAt = DateTime.fromISO(t.nextDue, { zone: ZONE }).endOf('day').toISO()!;
        return [
          ...tl.reminders.map((x) => ({ ...base, at: x.at, kind: 'reminder' as const, detail: x.workingDaysBefore })),
          { ...base, at: dueAt, kind: 'due' as const, detail: 0 },
          ...tl.escalations.map((x) => ({ ...base, at: x.at, kind: 'escalation' as const, detail: x.level })),
        ].filter((x) => inWindow(x.at));
      });
      items.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.workflowId.localeCompare(b.workflowId));
      return { from: now.toISO(), until: until.toISO(), items };
    },
  );
}
