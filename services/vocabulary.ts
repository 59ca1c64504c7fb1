import { z } from 'zod';
import { TASK_STATUSES } from '../domain/events/constants';
import { DondocEventSchema } from '../domain/events/schemas';
import { ACTION_BODIES, type ActionName } from './tasks';

/** The event types, in the order of the schema's union (domain/events/schemas.ts). */
export const EVENT_TYPES = DondocEventSchema.options.map((o) => o.shape.type.value);

/** An action's body as JSON Schema (what a client sends, defaults optional). */
function bodySchema(action: ActionName): Record<string, unknown> {
  return z.toJSONSchema(ACTION_BODIES[action], { io: 'input' }) as Record<string, unknown>;
}

/**
 * The shared words of the system, each from its one definition: task statuses (TASK_STATUSES), event types
 * (DondocEventSchema) and the body each action takes (ACTION_BODIES, as JSON Schema). The dashboard reads
 * these instead of spelling them out again.
 */
export function vocabulary() {
  return {
    statuses: [...TASK_STATUSES],
    eventTypes: [...EVENT_TYPES],
    actions: Object.fromEntries((Object.keys(ACTION_BODIES) as ActionName[]).map((a) => [a, bodySchema(a)])) as Record<
      ActionName,
      Record<string, unknown>
    >,
  };
}
