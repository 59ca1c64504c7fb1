import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';

/** What the benchmarks share: pacing, percentiles and bounded-concurrency workflow starts. */

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The nearest-rank percentile of an ascending array (NaN when empty). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Runs `count` starts with `concurrency` in flight (an already-started workflow counts); returns starts per second. */
export async function startMany(
  count: number,
  concurrency: number,
  start: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (next < count) {
      const i = next++;
      try {
        await start(i);
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return count / ((performance.now() - t0) / 1000);
}

/**
 * Polls `check` every 250 ms until it holds or `timeoutMs` passes; `progress`, when given, is called every 30 s
 * while waiting. Says on `log` what timed out.
 */
export async function waitUntil(
  what: string,
  timeoutMs: number,
  check: () => boolean | Promise<boolean>,
  log: (msg: string) => void,
  progress?: () => void,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let said = Date.now();
  while (Date.now() < deadline) {
    if (await check()) return true;
    if (progress && Date.now() - said > 30_000) {
      said = Date.now();
      progress();
    }
    await sleep(250);
  }
  log(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
  return false;
}
