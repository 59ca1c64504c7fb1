/** The KV bucket holding one record per assignment (`task.<key>`), built by the projector. */
export { PROJECTIONS_BUCKET } from '../nats/streams';

/** Prefix of task records in the projections bucket. */
export const TASK_KEY_PREFIX = 'task.';

/**
 * A KV-safe, reversible key token for a workflow id: every character outside [A-Za-z0-9-] becomes `_XX`
 * (its UTF-8 bytes in hex), so `assignment:p:1.1:hcm.q1` stays one token and two ids never collide.
 */
export function kvToken(id: string): string {
  return Array.from(Buffer.from(id, 'utf8'))
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9-]/.test(c) ? c : `_${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** The inverse of `kvToken`. */
export function fromKvToken(token: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < token.length; i++) {
    if (token[i] === '_') {
      bytes.push(parseInt(token.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(token.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The projections-bucket key of an assignment's task record. */
export function taskKey(workflowId: string): string {
  return TASK_KEY_PREFIX + kvToken(workflowId);
}
