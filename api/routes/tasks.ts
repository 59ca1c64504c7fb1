import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TaskStatusSchema } from '../../domain/events/schemas';
import { ACTION_BODIES, ActionNameSchema } from '../../services/tasks';
import type { ApiContext } from '../deps';
import {
  ActionResponse,
  ERROR_RESPONSES,
  TaskDetailsResponse,
  TaskHistoryResponse,
  TaskListResponse,
} from '../responses';
import { principalOf } from '../http';
import { explainTaskDeadline } from '../../services/deadlineExplanation';

/** `progress {percent, note?, evidence?}; …`, from ACTION_BODIES, so the docs cannot drift from the schemas. */
const ACTION_BODY_DOCS = ActionNameSchema.options
  .map((a) => {
    const shape = ACTION_BODIES[a].shape as Record<string, z.ZodType>;
    const fields = Object.entries(shape).map(([k, v]) => (v.safeParse(undefined).success ? `${k}?` : k));
    return `${a} {${fields.join(', ')}}`;
  })
  .join('; ');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD');
const Id = z.string().min(1).max(300);

export const TaskListQuery = z.object({
  planId: Id.optional(),
  unitId: Id.optional(),
  status: z
    .string()
    .max(200)
    .transform((s) => s.split(','))
    .pipe(z.array(TaskStatusSchema).min(1))
    .optional()
    .describe(`one status or a comma-separated list of: ${TaskStatusSchema.options.join(', ')}`),
  dueFrom: Day.optional(),
  dueTo: Day.optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const TaskParams = z.object({ workflowId: Id.describe('assignment:<planId>:<taskRef>:<unitId>, URL-encoded') });

/** Task routes: list (projection), show (workflow or projection), history (stream), actions (workflow updates). */
export function registerTaskRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Tasks from the projection, by next due date; units see only their own',
        querystring: TaskListQuery,
        response: { 200: TaskListResponse, ...ERROR_RESPONSES },
      },
    },
    async (req) => {
      const { offset, limit, ...filter } = req.query;
      const all = ctx.tasks.list(principalOf(req), filter);
      return { total: all.length, offset, limit, tasks: all.slice(offset, offset + limit) };
    },
  );

  r.get(
    '/tasks/:workflowId',
    {
      schema: {
        tags: ['tasks'],
        summary: 'A task with its schedule: live workflow state, or the projection',
        params: TaskParams,
        response: { 200: TaskDetailsResponse, ...ERROR_RESPONSES },
      },
    },
    async (req) => {
      const task = await ctx.tasks.get(principalOf(req), req.params.workflowId);
      const milestones = task.state?.milestones ?? task.projection?.milestones ?? [];
      return { ...task, explanation: explainTaskDeadline({ ...task, milestones }, ctx.calendar) };
    },
  );

  r.get(
    '/tasks/:workflowId/history',
    {
      schema: {
        tags: ['tasks'],
        summary: "The task's audit trail from the event stream, in order, with hashes and chain check",
        params: TaskParams,
        response: { 200: TaskHistoryResponse, ...ERROR_RESPONSES },
      },
    },
    async (req) => ({
      workflowId: req.params.workflowId,
      ...(await ctx.tasks.history(principalOf(req), req.params.workflowId)),
    }),
  );

  r.post(
    '/tasks/:workflowId/actions/:action',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Act on a task (one workflow update); the event records the token as actor',
        description: `Bodies, from the command schemas: ${ACTION_BODY_DOCS}. GET /tasks/{workflowId} lists the actions the caller may take now (allowedActions).`,
        params: TaskParams.extend({ action: ActionNameSchema }),
        body: z.looseObject({}).optional(),
        response: { 200: ActionResponse, ...ERROR_RESPONSES },
      },
    },
    async (req) => await ctx.tasks.act(principalOf(req), req.params.workflowId, req.params.action, req.body ?? {}),
  );
}
