import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LiveEvents } from '../../services/live-events';
import type { ApiContext } from '../deps';
import { ERROR_RESPONSES, EventStreamResponse } from '../responses';
import { principalOf } from '../http';

const HEARTBEAT_MS = 15_000;

/** Live events as Server-Sent Events; services/live-events.ts chooses and filters them, this route frames them. */
export function registerEventRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const events = new LiveEvents(ctx.js);
  // Hijacked responses are invisible to app.close(); end them ourselves so shutdown never waits on a client.
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const stop of [...open]) stop();
  });
  r.get(
    '/events/stream',
    {
      schema: {
        tags: ['events'],
        summary: 'Server-Sent Events of new domain events, filtered by plan and unit; a unit token sees only its own',
        description:
          'Each message: `id: <stream seq>`, `event: <Type>`, `data: <event JSON>`. Send Last-Event-ID to resume after a sequence.',
        querystring: z.object({
          planId: z.string().min(1).max(200).optional(),
          unitId: z.string().min(1).max(200).optional(),
          access_token: z
            .string()
            .max(512)
            .optional()
            .describe('SSE only, for EventSource (which cannot send headers): the bearer token'),
        }),
        headers: z.looseObject({
          'last-event-id': z
            .string()
            .regex(/^\d{1,15}$/)
            .optional(),
        }),
        response: { 200: EventStreamResponse, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      const lastId = req.headers['last-event-id'];
      const live = await events.subscribe(principalOf(req), {
        planId: req.query.planId,
        unitId: req.query.unitId,
        afterSeq: lastId ? Number(lastId) : undefined,
      });
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(': connected\n\n');
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      let closed = false;
      const stop = () => {
        if (closed) return;
        closed = true;
        open.delete(stop);
        clearInterval(heartbeat);
        live.close();
        res.end();
      };
      open.add(stop);
      req.raw.on('close', stop);
      res.on('close', stop);
      void (async () => {
        for await (const { seq, event } of live)
          res.write(`id: ${seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      })()
        .catch(() => undefined)
        .finally(stop);
    },
  );
}
