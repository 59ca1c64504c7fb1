import type { AssignmentState } from '../events/assignment';
import type { Command, CommandType } from '../events/commands';
import { SYSTEM_ACTOR } from '../events/constants';
import { decide, refusedEvent } from '../events/deciders';
import type { Actor, DraftEvent, Refusal } from '../events/schemas';

/** A validation's answer; the hosts validate with the same zod schemas, loaded as each needs them. */
export type Validated<T> = { ok: true; value: T } | { ok: false; message: string };

/** How a host validates a request's command and actor (workflows/validation.ts loads the schemas lazily). */
export interface ActionValidators {
  command(input: unknown): Validated<Command>;
  actor(input: unknown): Validated<Actor>;
}

/** A person's request as it arrives: untrusted. */
export interface RawActionRequest {
  command?: unknown;
  actor?: unknown;
}

/** A request checked against the schemas and against the action it was sent as, or its refusal. */
export type ParsedAction =
  { ok: true; command: Command; actor: Actor } | { ok: false; type: CommandType; actor: Actor; refusal: Refusal };

/** What the host records for an action: the events it emits as `actor`, and the refusal if it was refused. */
export type ActionOutcome =
  | { accepted: true; actor: Actor; drafts: DraftEvent[] }
  | { accepted: false; actor: Actor; drafts: DraftEvent[]; refusal: Refusal };

/**
 * Checks a request sent as the action `expected`. A malformed request is refused as `invalid` and recorded
 * under its actor if that at least is well formed, else under the system.
 */
export function parseAction(
  req: RawActionRequest | null | undefined,
  expected: CommandType,
  validate: ActionValidators,
): ParsedAction {
  const who = validate.actor(req?.actor);
  const invalid = (message: string): ParsedAction => ({
    ok: false,
    type: expected,
    actor: who.ok ? who.value : SYSTEM_ACTOR,
    refusal: { code: 'invalid', message },
  });
  const command = validate.command(req?.command);
  if (!command.ok) return invalid(command.message);
  if (command.value.type !== expected) return invalid(`expected a ${expected} command, got ${command.value.type}`);
  if (!who.ok) return invalid(who.message);
  return { ok: true, command: command.value, actor: who.value };
}

/**
 * The one command path both hosts (the workflow's update handlers and the simulator) take: a parsed request is
 * decided on the state; a refusal, whether of the request or of the decision, is recorded as ActionRefused.
 */
export function takeAction(state: AssignmentState, parsed: ParsedAction, now: string): ActionOutcome {
  if (!parsed.ok) return refused(parsed.type, parsed.actor, parsed.refusal);
  const decision = decide(state, parsed.command, parsed.actor, now);
  return decision.ok
    ? { accepted: true, actor: parsed.actor, drafts: decision.events }
    : refused(parsed.command.type, parsed.actor, decision.refusal);
}

function refused(type: CommandType, actor: Actor, refusal: Refusal): ActionOutcome {
  return { accepted: false, actor, drafts: [refusedEvent(type, refusal)], refusal };
}
