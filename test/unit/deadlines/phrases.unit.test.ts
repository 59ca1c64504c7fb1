import fixture from '../../fixtures/deadline-phrases.json';
import { createCalendar } from '../../../domain/calendar';
import {
  DeadlineScheduleSchema,
  parseDeadline,
  resolveDeadline,
  ResolvedDeadlineSchema,
  yearTargetDeadline,
  type DeadlineContext,
  type ResolvedDeadline,
} from '../../../domain/deadlines';

interface Entry {
  phrase: string;
  source: string;
  line: number;
  occurrences: number;
  mode: string;
  year?: number;
  context: DeadlineContext;
  knownWrong?: string;
  expected: {
    kind: string;
    milestones: { label?: string; nominal: string; due: string }[];
    recurrence: { every: string; interval: number; dayOfPeriod: number | null; month: number | null } | null;
    trigger: string | null;
    workingDays: number | null;
    calendarDays: number | null;
    months?: number;
    start: string | null;
    certain: boolean;
  };
}

const calendar = createCalendar();
const entries = fixture.phrases as Entry[];

function read(e: Entry): ResolvedDeadline {
  const schedule = e.mode === 'yearTarget' ? yearTargetDeadline(e.phrase, e.year ?? 0) : parseDeadline(e.phrase);
  expect(DeadlineScheduleSchema.safeParse(schedule).success).toBe(true);
  return resolveDeadline(schedule, e.context, calendar);
}

/** The reading in the fixture's terms: labels only where the fixture gives them. */
function observed(e: Entry, r: ResolvedDeadline): Entry['expected'] {
  return {
    kind: r.kind,
    milestones: r.milestones.map((m, i) =>
      e.expected.milestones[i]?.label === undefined
        ? { nominal: m.nominal, due: m.due }
        : { label: m.label, nominal: m.nominal, due: m.due },
    ),
    recurrence: r.recurrence && {
      every: r.recurrence.every,
      interval: r.recurrence.interval,
      dayOfPeriod: r.recurrence.dayOfPeriod,
      month: r.recurrence.month,
    },
    trigger: r.trigger,
    workingDays: r.workingDays,
    calendarDays: r.calendarDays,
    ...(r.months ? { months: r.months } : {}),
    start: r.start,
    certain: r.certain ?? true,
  };
}

const right = (e: Entry) => sameAs(e);
function sameAs(e: Entry): boolean {
  try {
    expect(observed(e, read(e))).toEqual(e.expected);
    return true;
  } catch {
    return false;
  }
}

const name = (e: Entry) =>
  `${e.source}:${e.line}${e.year ? ` (${e.year})` : ''} «${e.phrase.replace(/\s+/g, ' ').slice(0, 60)}»`;

describe('every deadline phrase of the seeds, the corpus, corpus2 and the variants', () => {
  test.each(entries.filter((e) => !e.knownWrong).map((e) => [name(e), e]))('given %s', (_name, e) => {
    // when
    const resolved = read(e);
    // then
    expect(ResolvedDeadlineSchema.parse(resolved).text).toBe(e.phrase);
    expect(observed(e, resolved)).toEqual(e.expected);
  });

  test('a phrase marked knownWrong is still read wrongly (else the mark goes)', () => {
    expect(entries.filter((e) => e.knownWrong && right(e)).map(name)).toEqual([]);
  });

  test('the share right is at least 97%, by phrase and by occurrence in the documents', () => {
    const ok = entries.filter(right);
    const occurrences = (list: Entry[]) => list.reduce((n, e) => n + e.occurrences, 0);
    expect(ok.length / entries.length).toBeGreaterThanOrEqual(0.97);
    expect(occurrences(ok) / occurrences(entries)).toBeGreaterThanOrEqual(0.97);
  });

  test('the fixture covers every folder and every document of corpus2', () => {
    const sources = new Set(entries.map((e) => e.source.split('/')[1]?.slice(0, 3)));
    expect(
      [...sources].filter((s) => ['000', '001', '002', '004', 'don', 'hcm', 'ngh', 'ttg'].includes(s ?? '')),
    ).toHaveLength(8);
    const corpus2 = new Set(entries.filter((e) => e.source.startsWith('corpus2/')).map((e) => e.source));
    expect(corpus2.size).toBeGreaterThanOrEqual(22);
    expect(entries.filter((e) => e.expected.kind === 'unparsed').every((e) => e.expected.certain === false)).toBe(true);
  });
});
