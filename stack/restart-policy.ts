import { z } from 'zod';

/**
 * When a supervised child (a server, the worker, the API) exits on its own, restart it after an exponentially
 * growing delay; give up only when it keeps crashing: `maxCrashes` exits within `windowMs`. A run that stayed up
 * for `stableAfterMs` resets the delay, so a worker killed once a week is restarted after `initialDelayMs` every
 * time. deploy/systemd/ has the same numbers (RestartSec, RestartSteps/RestartMaxDelaySec, StartLimitBurst/
 * StartLimitIntervalSec); a unit test holds the two together.
 */
export const RestartPolicySchema = z
  .object({
    initialDelayMs: z.number().int().min(0),
    factor: z.number().min(1),
    maxDelayMs: z.number().int().min(0),
    maxCrashes: z.number().int().min(1),
    windowMs: z.number().int().min(1),
    stableAfterMs: z.number().int().min(0),
  })
  .refine((p) => p.maxDelayMs >= p.initialDelayMs, { message: 'expected maxDelayMs >= initialDelayMs' });

export type RestartPolicy = z.infer<typeof RestartPolicySchema>;

/** 1 s, 2 s, 4 s, … up to 30 s; five crashes within five minutes stop the stack. */
export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 1_000,
  factor: 2,
  maxDelayMs: 30_000,
  maxCrashes: 5,
  windowMs: 5 * 60_000,
  stableAfterMs: 60_000,
};

/** One exit of a supervised child that nobody asked for. */
export interface ChildExit {
  /** When it exited (ms since the epoch). */
  at: number;
  /** How long that run had been up, in ms. */
  upMs: number;
  code: number | null;
  signal: string | null;
}

export type RestartDecision =
  | { action: 'restart'; delayMs: number; crashesInWindow: number }
  | { action: 'give-up'; crashesInWindow: number; reason: string };

/** "exited with code 1", "was killed by SIGKILL". */
export function describeExit(exit: Pick<ChildExit, 'code' | 'signal'>): string {
  if (exit.signal) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code === null ? 'unknown' : String(exit.code)}`;
}

/** "850 ms", "12 s", "3 min 20 s", "2 h 5 min". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1_000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/**
 * What to do after the last of `exits` (oldest first, all of one child). The delay doubles with every crash since
 * the last run that stayed up `stableAfterMs`; the child is given up when `maxCrashes` exits fall within `windowMs`
 * of the last one.
 */
export function decideRestart(name: string, exits: readonly ChildExit[], policy: RestartPolicy): RestartDecision {
  const last = exits[exits.length - 1];
  if (!last) return { action: 'restart', delayMs: 0, crashesInWindow: 0 };
  const crashesInWindow = exits.filter((e) => e.at > last.at - policy.windowMs).length;
  if (crashesInWindow >= policy.maxCrashes) {
    return {
      action: 'give-up',
      crashesInWindow,
      reason:
        `${name} ${describeExit(last)}, its ${ordinal(crashesInWindow)} crash within ${formatDuration(policy.windowMs)} ` +
        `(the limit is ${policy.maxCrashes}); it keeps crashing, so it is not restarted again`,
    };
  }
  // The crash streak: the last exit, and the ones before it for as long as the run after each was quick. A run
  // that stayed up `stableAfterMs` ends the streak, so its crash starts the delays over.
  let streak = 1;
  for (let i = exits.length - 1; i > 0 && exits[i]!.upMs < policy.stableAfterMs; i--) streak += 1;
  const steps = streak - 1;
  const delayMs = Math.min(policy.maxDelayMs, Math.round(policy.initialDelayMs * policy.factor ** steps));
  return { action: 'restart', delayMs, crashesInWindow };
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
