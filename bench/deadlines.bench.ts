import fixture from '../test/fixtures/deadline-phrases.json';
import { createCalendar } from '../domain/calendar';
import { parseDeadline, resolveDeadline, yearTargetDeadline, type DeadlineContext } from '../domain/deadlines';

interface Phrase {
  phrase: string;
  mode: string;
  year?: number;
  context: DeadlineContext;
}

const PASSES = 9;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ms = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Parses and resolves every fixture phrase, after a warm-up, in PASSES timed passes. `totalMs` is the median
 * pass's wall time; on a shared machine one pass's wall time mostly measures the wait for a core (288 ms vs a
 * median of ~100 ms and a best of 13 ms at load average 26 on 2 cores), so `cpuMs`, the median pass's CPU time,
 * and `bestMs` are given beside it.
 */
export async function benchDeadlines(): Promise<{
  phrases: number;
  totalMs: number;
  cpuMs: number;
  bestMs: number;
  passes: number;
}> {
  const calendar = createCalendar();
  const phrases = fixture.phrases as Phrase[];
  const once = () => {
    for (const p of phrases) {
      const schedule = p.mode === 'yearTarget' ? yearTargetDeadline(p.phrase, p.year ?? 0) : parseDeadline(p.phrase);
      resolveDeadline(schedule, p.context, calendar);
    }
  };
  for (let i = 0; i < 20; i++) once();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < PASSES; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    once();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return {
    phrases: phrases.length,
    totalMs: ms(median(wall)),
    cpuMs: ms(median(cpu)),
    bestMs: ms(Math.min(...wall)),
    passes: PASSES,
  };
}

if (require.main === module) {
  benchDeadlines().then(
    (r) => console.log(JSON.stringify(r)),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
