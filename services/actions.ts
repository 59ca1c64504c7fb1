import type { WorkflowHandle } from '@temporalio/client';
import type { CommandInput } from '../domain/events/commands';
import type { Actor } from '../domain/events/schemas';
import { actionUpdates, type ActionResult } from '../workflows/messages';
import { ServiceError } from './errors';

export type ActionAccepted = Extract<ActionResult, { accepted: true }>;

/**
 * Sends one human action to an assignment workflow. A refusal comes back as the decider's Refusal and is thrown
 * as a ServiceError of the same code (forbidden / conflict / invalid → 403 / 409 / 400).
 */
export async function executeAction(
  handle: WorkflowHandle,
  command: CommandInput,
  actor: Actor,
): Promise<ActionAccepted> {
  const result = await handle.executeUpdate(actionUpdates[command.type], { args: [{ command, actor } as never] });
  if (result.accepted) return result;
  throw new ServiceError(result.refusal.code, result.refusal.message);
}
