import fs from 'node:fs';
import path from 'node:path';
import { createCalendar } from '../calendar';
import { DEFAULT_POLICY } from '../policy/policy';
import { anchorYearAhead, datedMilestones, demoStartOf } from './anchor';
import { importPlan } from './import';
import type { Plan } from './model';

const examples = path.join(__dirname, '..', '..', 'examples');
const reader = (file: string) => {
  const text = fs.readFileSync(path.join(examples, file), 'utf8');
  return (year: number): Plan => {
    const r = importPlan(text, file, { year });
    if (!r.ok) throw new Error(r.error.message);
    return r.plan;
  };
};

describe('anchoring a sample plan ahead of today', () => {
  const sample = reader('sample-plan.yaml');
  it.each([
    // today → the year chosen: the first one in which no dated deadline has passed
    ['2026-12-05', 2027], // December: this year's deadlines are behind, so next year
    ['2026-06-15', 2027],
    ['2027-01-10', 2027], // before the first deadline (the monthly report by 19/1): this year
    ['2027-01-19', 2027], // the due day itself still lies ahead
    ['2027-01-20', 2028],
  ])('given today %s, anchors to %d with every deadline ahead', (today, year) => {
    const anchored = anchorYearAhead(sample, today);
    expect(anchored.year).toBe(year);
    expect(anchored.passed).toBe(0);
    const dues = datedMilestones(anchored.plan).map((m) => m.due);
    expect(dues.length).toBeGreaterThan(0);
    expect(dues.every((d) => d >= today)).toBe(true);
    expect(anchored.plan.plan.period.from.slice(0, 4)).toBe(String(year));
  });

  it('falls back to the year with the fewest passed deadlines when none clears them all', () => {
    const plans: Record<number, Plan> = {};
    const read = (year: number) => (plans[year] ??= sample(year));
    // A reader that never moves past 2025: every year looks like 2025, whose deadlines have all passed.
    const anchored = anchorYearAhead(() => read(2025), '2026-12-05', 2);
    expect(anchored.year).toBe(2026);
    expect(anchored.passed).toBe(datedMilestones(read(2025)).length);
  });
});

describe('where a demo clock starts', () => {
  const calendar = createCalendar();
  it('starts at 08:00 the day before the first reminder of the earliest deadline', () => {
    const plan = reader('demo-plan.yaml')(2027);
    const first = datedMilestones(plan)[0]!;
    expect(first.due).toBe('2027-01-15');
    // 5 working days before Friday 15/1/2027 is Friday 8/1; the clock starts on 7/1 at 08:00.
    expect(new Date(demoStartOf(plan, DEFAULT_POLICY, calendar)!).toISOString()).toBe('2027-01-07T01:00:00.000Z');
  });
});
