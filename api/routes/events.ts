import { DeliverPolicy } from '@nats-io/jetstream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseEvent } from '../../domain/events/schemas';
import { EVENTS_SUBJECT_PREFIX, subjectToken } from '../../domain/events/subjects';
import { EVENTS_STREAM } from '../../nats/streams';
import { ServiceError } from '../../services/errors';
import type { ApiContext } from '../deps';
import { ERROR_RESPONSES, EventStreamResponse } from '../responses';
import { principalOf } from '../http';

const HEARTBEAT_MS = 15_000;

/** The JetStream subject filter for a plan and/or unit (either may be a wildcard). */
export function eventsFilter(planId: string | undefined, unitId: string | undefined): string {
  const token = (v: string | undefined) => (v === undefined ? '*' : subjectToken(v));
  return [EVENTS_SUBJECT_PREFIX, token(planId), '*', token(unitId), '*'].join('.');
}

/** Live events as Server-Sent Events, from an ordered JetStream consumer delivering new events only. */
export function registerEventRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
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
      const p = principalOf(req);
      let unitId = req.query.unitId;
      if (p.role === 'unit') {
        if (unitId !== undefined && unitId !== p.unitId)
          throw new ServiceError('forbidden', `a unit token sees only unit ${p.unitId}`);
        unitId = p.unitId ?? undefined;
      }
      const lastId = req.headers['last-event-id'];
      const consumer = await ctx.js.consumers.get(EVENTS_STREAM, {
        filter_subjects: [eventsFilter(req.query.planId, unitId)],
        ...(lastId
          ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: Number(lastId) + 1 }
          : { deliver_policy: DeliverPolicy.New }),
      });
      const messages = await consumer.consume({ max_messages: 256 });
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
        void messages.close();
        res.end();
      };
      open.add(stop);
      req.raw.on('close', stop);
      res.on('close', stop);
      void (async () => {
        for await (const m of messages) {
          let raw: unknown;
          try {
            raw = m.json();
          } catch {
            continue;
          }
          const parsed = parseEvent(raw);
          if (!parsed.ok) continue;
          const e = parsed.event;
          if (p.role === 'unit' && e.metadata.unitId !== p.unitId) continue;
          res.write(`id: ${m.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
        }
      })()
        .catch(() => undefined)
        .finally(stop);
    },
  );
}
