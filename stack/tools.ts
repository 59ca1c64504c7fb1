import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../config/settings';

export interface ToolPaths {
  temporal: string;
  natsServer: string;
  testServer: string;
}

const TOOLS_SCRIPT = path.join(REPO_ROOT, 'scripts', 'tools.sh');

/** Installs (idempotently) and locates the pinned toolchain; see scripts/tools.sh. */
export function ensureTools(which: ('temporal' | 'nats' | 'test-server')[] = []): ToolPaths {
  try {
    // Its progress (each step, its usual duration, where the result is cached) goes straight to the terminal.
    execFileSync('bash', [TOOLS_SCRIPT, ...which], { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    throw new Error(
      `the pinned tools could not be installed: see the [tools] lines above (build logs in .dondoc/tools/logs/)`,
    );
  }
  const env = execFileSync('bash', [TOOLS_SCRIPT, '--env'], { encoding: 'utf8' });
  const vars = Object.fromEntries(
    env
      .trim()
      .split('\n')
      .map((line) => {
        const i = line.indexOf('=');
        return [line.slice(0, i), line.slice(i + 1).replace(/^'(.*)'$/, '$1')];
      }),
  );
  return {
    temporal: vars.DONDOC_TEMPORAL_BIN ?? '',
    natsServer: vars.DONDOC_NATS_BIN ?? '',
    testServer: vars.DONDOC_TEST_SERVER_BIN ?? '',
  };
}
