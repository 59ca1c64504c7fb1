import fixture from '../../fixtures/deadline-phrases.json';
import { createCalendar } from '../../../domain/calendar';
import {
  DeadlineScheduleSchema,
  parseDeadline,
  resolveDeadline,
  ResolvedDeadlineSchema,
  yearTargetDeadline,
  type DeadlineContext,
} from '../../../domain/deadlines';

interface Entry {
  phrase: string;
  source: string;
  line: number;
  mode: string;
  year?: number;
  context: DeadlineContext;
  expected: {
    kind: string;
    milestones: { label: string; nominal: string; due: string }[];
    recurrence: { every: string; interval: number; dayOfPeriod: number | null; month: number | null } | null;
    trigger: string | null;
    workingDays: number | null;
    calendarDays: number | null;
    start: string | null;
  };
}

const calendar = createCalendar();
const entries = fixture.phrases as Entry[];

describe('every deadline phrase of the seeds and the corpus', () => {
  test.each(entries.map((e) => [`${e.source}:${e.line}${e.year ? ` (${e.year})` : ''} «${e.phrase.slice(0, 60)}»`, e]))(
    'given %s',
    (_name, e) => {
      // when
      const schedule = e.mode === 'yearTarget' ? yearTargetDeadline(e.phrase, e.year ?? 0) : parseDeadline(e.phrase);
      const resolved = resolveDeadline(schedule, e.context, calendar);
      // then
      expect(DeadlineScheduleSchema.safeParse(schedule).success).toBe(true);
      expect(ResolvedDeadlineSchema.parse(resolved).text).toBe(e.phrase);
      const { recurrence, ...rest } = resolved;
      expect({
        kind: rest.kind,
        milestones: rest.milestones,
        trigger: rest.trigger,
        workingDays: rest.workingDays,
        calendarDays: rest.calendarDays,
        start: rest.start,
      }).toEqual({
        kind: e.expected.kind,
        milestones: e.expected.milestones,
        trigger: e.expected.trigger,
        workingDays: e.expected.workingDays,
        calendarDays: e.expected.calendarDays,
        start: e.expected.start,
      });
      expect(
        recurrence && {
          every: recurrence.every,
          interval: recurrence.interval,
          dayOfPeriod: recurrence.dayOfPeriod,
          month: recurrence.month,
        },
      ).toEqual(e.expected.recurrence);
    },
  );

  test('the fixture covers every source and leaves nothing unparsed', () => {
    const sources = new Set(entries.map((e) => e.source.split('/')[1]?.slice(0, 3)));
    expect([...sources].sort()).toEqual(['000', '001', '002', '004', 'don', 'hcm', 'ngh', 'ttg']);
    expect(entries.filter((e) => e.expected.kind === 'unparsed')).toEqual([]);
  });
});
