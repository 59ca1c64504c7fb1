import fixture from '../test/fixtures/deadline-phrases.json';
import { createCalendar } from '../domain/calendar';
import { parseDeadline, resolveDeadline, yearTargetDeadline, type DeadlineContext } from '../domain/deadlines';

interface Phrase {
  phrase: string;
  mode: string;
  year?: number;
  context: DeadlineContext;
}

/** Parses and resolves every fixture phrase once after a warm-up; returns the count and the time taken. */
export async function benchDeadlines(): Promise<{ phrases: number; totalMs: number }> {
  const calendar = createCalendar();
  const phrases = fixture.phrases as Phrase[];
  const once = () => {
    for (const p of phrases) {
      const schedule = p.mode === 'yearTarget' ? yearTargetDeadline(p.phrase, p.year ?? 0) : parseDeadline(p.phrase);
      resolveDeadline(schedule, p.context, calendar);
    }
  };
  for (let i = 0; i < 20; i++) once();
  const t0 = performance.now();
  once();
  return { phrases: phrases.length, totalMs: Math.round((performance.now() - t0) * 1000) / 1000 };
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
