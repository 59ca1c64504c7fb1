import type { Command } from '../domain/events/commands';
import type { Actor } from '../domain/events/schemas';
import type { Validated } from '../domain/process/action';

type Schemas = typeof import('../domain/events/commands') &
  Pick<typeof import('../domain/events/schemas'), 'ActorSchema'>;

let schemas: Schemas | undefined;

/**
 * The zod schemas that validate a person's action, loaded the first time a workflow validates one.
 *
 * Every workflow gets its own instance of each module it loads (reuseV8Context keeps workflows apart that way),
 * and dondoc's command and event schemas are hundreds of zod objects: about 1.6 MB per cached workflow. Most
 * workflows never receive an action while cached (they wait on timers), so they never pay for them. The schemas
 * cannot be shared through preloadModules: the SDK freezes shared modules, and zod defines methods lazily.
 */
function load(): Schemas {
  if (!schemas) {
    /* eslint-disable @typescript-eslint/no-require-imports -- deliberately lazy, see above */
    const commands = require('../domain/events/commands') as typeof import('../domain/events/commands');
    const events = require('../domain/events/schemas') as typeof import('../domain/events/schemas');
    /* eslint-enable @typescript-eslint/no-require-imports */
    schemas = { ...commands, ActorSchema: events.ActorSchema };
  }
  return schemas;
}

/** Validates a command payload against the command schema. */
export function validateCommand(input: unknown): Validated<Command> {
  const parsed = load().CommandSchema.safeParse(input);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : {
        ok: false,
        message: parsed.error.issues.map((i) => `${i.path.join('.') || 'command'}: ${i.message}`).join('; '),
      };
}

/** Validates the actor of an action. */
export function validateActor(input: unknown): Validated<Actor> {
  const parsed = load().ActorSchema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: 'actor is missing or malformed' };
}
