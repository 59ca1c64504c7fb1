import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TaskStatusSchema } from '../../domain/events/schemas';
import { ActionNameSchema } from '../../services/tasks';
import { EVENT_TYPES, vocabulary } from '../../services/vocabulary';
import { principalOf } from '../http';
import { ERROR_RESPONSES } from '../responses';

const VocabularyResponse = z.object({
  statuses: z.array(TaskStatusSchema),
  eventTypes: z.array(z.enum(EVENT_TYPES as [string, ...string[]])),
  actions: z.record(ActionNameSchema, z.record(z.string(), z.unknown()).describe('the body, as JSON Schema')),
});

/** GET /vocabulary: statuses, event types and action bodies, built from the domain schemas. */
export function registerVocabularyRoutes(app: FastifyInstance): void {
  const body = vocabulary();
  app.withTypeProvider<ZodTypeProvider>().get(
    '/vocabulary',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Task statuses, event types and the body of each action, from the schemas that define them',
        response: { 200: VocabularyResponse, ...ERROR_RESPONSES },
      },
    },
    async (req) => {
      principalOf(req);
      return body;
    },
  );
}
