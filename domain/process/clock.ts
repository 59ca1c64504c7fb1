/**
 * A clock that runs `rate` times faster than real time from an origin: at the real instant `realOriginMs` it reads
 * `virtualOriginMs`. A demo plan's workflows run on one (`dondoc up --demo`): the same process, policy and calendar,
 * with a day of the plan passing in seconds. Production workflows have none and run on real time.
 * (No zod here: the workflow bundle imports this file, and its schemas are built only when needed.)
 */
export interface AcceleratedClock {
  realOriginMs: number;
  virtualOriginMs: number;
  rate: number;
}

/** The clock's reading at a real instant (epoch ms). */
export function clockReading(clock: AcceleratedClock, realMs: number): number {
  return Math.round(clock.virtualOriginMs + (realMs - clock.realOriginMs) * clock.rate);
}

/** Real milliseconds until the clock has advanced by `clockMs` (at least 1 ms for any positive span). */
export function realSpanOf(clock: AcceleratedClock, clockMs: number): number {
  if (clockMs <= 0) return 0;
  return Math.max(1, Math.ceil(clockMs / clock.rate));
}

/** A clock that reads `startAtMs` at the real instant `realNowMs` and then lets a day pass in `secondsPerDay` seconds. */
export function acceleratedClock(args: {
  realNowMs: number;
  startAtMs: number;
  secondsPerDay: number;
}): AcceleratedClock {
  const { realNowMs, startAtMs, secondsPerDay } = args;
  if (!Number.isFinite(secondsPerDay) || secondsPerDay < 0.1 || secondsPerDay > 86_400)
    throw new RangeError(`seconds per day must lie between 0.1 and 86400, got ${secondsPerDay}`);
  if (!Number.isSafeInteger(realNowMs) || !Number.isSafeInteger(startAtMs))
    throw new RangeError('clock origins must be whole epoch milliseconds');
  return { realOriginMs: realNowMs, virtualOriginMs: startAtMs, rate: 86_400 / secondsPerDay };
}
