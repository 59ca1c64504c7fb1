import { ApplicationFailure, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { CommandInput } from '../domain/events/commands';
import type { Actor } from '../domain/events/schemas';
import { actionUpdates, type ActionResult } from '../workflows/messages';

export type ActionAccepted = Extract<ActionResult, { accepted: true }>;

/**
 * Sends one human action to an assignment workflow. A refusal comes back as a WorkflowUpdateFailedError whose
 * cause is an ApplicationFailure of type ACTION_FORBIDDEN / ACTION_CONFLICT / ACTION_INVALID.
 */
export async function executeAction(
  handle: WorkflowHandle,
  command: CommandInput,
  actor: Actor,
): Promise<ActionAccepted> {
  const result = await handle.executeUpdate(actionUpdates[command.type], { args: [{ command, actor } as never] });
  if (result.accepted) return result;
  throw new WorkflowUpdateFailedError(
    result.refusal.message,
    ApplicationFailure.create({ type: result.refusal.type, message: result.refusal.message, nonRetryable: true }),
  );
}
