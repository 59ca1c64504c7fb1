import { userInfo } from 'node:os';
import { ZodError } from 'zod';
import { ServiceError } from '../../services/errors';
import type { Principal } from '../../services/tokens';
import { CliError } from '../output';

/** Who CLI actions are recorded as: the operator at this machine, with admin rights (the CLI talks to the services directly). */
export function operatorPrincipal(): Principal {
  let user = 'operator';
  try {
    user = userInfo().username || user;
  } catch {
    // no passwd entry (containers): keep the default
  }
  return { tokenId: 'cli', name: `cli:${user}`, role: 'admin', unitId: null };
}

/** Turns service refusals and validation errors into one-line CLI errors. */
export async function asCli<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ServiceError)
      throw new CliError(`${err.code}: ${err.message}`, err.code === 'not-found' ? 3 : 2);
    if (err instanceof ZodError) {
      throw new CliError(
        `invalid input: ${err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      );
    }
    throw err;
  }
}

/** A one-line progress bar on stderr (redrawn in place on a terminal, every 10% otherwise). */
export function progressBar(label: string): (done: number, total: number) => void {
  const tty = process.stderr.isTTY === true;
  let lastDecile = -1;
  return (done, total) => {
    const ratio = total === 0 ? 1 : done / total;
    if (tty) {
      const width = 30;
      const filled = Math.round(ratio * width);
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      if (done === total) process.stderr.write('\n');
    } else {
      const decile = Math.floor(ratio * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        process.stderr.write(`${label}: ${done}/${total}\n`);
      }
    }
  };
}
