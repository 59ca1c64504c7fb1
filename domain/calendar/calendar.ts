import { type EpochDay, epochDayOf, isWeekend, parseIsoDate, toIso, civilOf } from './dates';
import { MAX_LUNAR_YEAR, MIN_LUNAR_YEAR } from './lunar';
import { FIRST_OFFICIAL_YEAR, LAST_OFFICIAL_YEAR, OFFICIAL_YEARS } from './official';
import { type CalendarOverride, type CalendarSettings, parseCalendarOverrides } from './overrides';
import { projectYear } from './projection';
import type { DayInfo, DayKind, IsoDate, WorkingCalendar, YearListing } from './types';

export const MIN_YEAR = MIN_LUNAR_YEAR;
export const MAX_YEAR = MAX_LUNAR_YEAR;

interface Special {
  kind: DayKind;
  working: boolean;
  name: string | null;
  source: string | null;
}

interface YearTable {
  year: number;
  official: boolean;
  start: EpochDay;
  /** 1 when the day is a working day. */
  working: Uint8Array;
  /** prefix[i] = working days among the first i days of the year. */
  prefix: Int32Array;
  specials: Map<EpochDay, Special>;
}

export interface CalendarOptions {
  /** Extra days off / working days, applied over the official or projected schedule. */
  overrides?: CalendarOverride[];
  /** The calendar file's settings: choices that are not yet law (each off by default). */
  settings?: Partial<CalendarSettings>;
}

/** Ngày Văn hóa Việt Nam: a proposed paid day off, applied only when the calendar file's setting says so. */
const CULTURE_DAY = {
  month: 11,
  day: 24,
  name: 'Ngày Văn hóa Việt Nam (24/11)',
  source: 'tệp lịch, settings.vietnameseCultureDay: đề xuất nghỉ có hưởng lương, chưa được luật hóa',
};

const OVERRIDE_SOURCE = 'calendar file';

/** Official entries by date: built once, shared by every calendar. */
let officialByDay: Map<EpochDay, Special> | undefined;
function officialDays(): Map<EpochDay, Special> {
  if (!officialByDay) {
    officialByDay = new Map();
    for (const year of OFFICIAL_YEARS) {
      for (const d of year.days) {
        officialByDay.set(parseIsoDate(d.date, 'official.date'), {
          kind: d.kind,
          working: d.kind === 'makeup-workday',
          name: d.name,
          source: d.source,
        });
      }
    }
  }
  return officialByDay;
}

function isOfficialYear(year: number): boolean {
  return year >= FIRST_OFFICIAL_YEAR && year <= LAST_OFFICIAL_YEAR;
}

/** Creates the working calendar of state agencies, optionally with user overrides. */
export function createCalendar(options: CalendarOptions = {}): WorkingCalendar {
  const overrides = new Map<EpochDay, Special>();
  for (const o of parseCalendarOverrides({ days: options.overrides ?? [] })) {
    overrides.set(parseIsoDate(o.date), {
      kind: o.working ? 'override-working' : 'override-off',
      working: o.working,
      name: o.name ?? null,
      source: o.source ?? OVERRIDE_SOURCE,
    });
  }
  const tables = new Map<number, YearTable>();

  function table(year: number): YearTable {
    const hit = tables.get(year);
    if (hit) return hit;
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
      throw new RangeError(`year: the calendar covers ${MIN_YEAR}–${MAX_YEAR}, got ${year}`);
    }
    const official = isOfficialYear(year);
    const start = epochDayOf(year, 1, 1);
    const length = epochDayOf(year + 1, 1, 1) - start;
    const specials = new Map<EpochDay, Special>();
    if (official) {
      for (const [d, s] of officialDays()) if (d >= start && d < start + length) specials.set(d, s);
    } else {
      for (const p of projectYear(year)) {
        specials.set(p.epochDay, { kind: p.kind, working: false, name: p.name, source: p.source });
      }
    }
    if (options.settings?.vietnameseCultureDay) {
      const d = epochDayOf(year, CULTURE_DAY.month, CULTURE_DAY.day);
      if (!isWeekend(d) && !specials.has(d)) {
        specials.set(d, { kind: 'override-off', working: false, name: CULTURE_DAY.name, source: CULTURE_DAY.source });
      }
    }
    for (const [d, s] of overrides) if (d >= start && d < start + length) specials.set(d, s);
    const working = new Uint8Array(length);
    const prefix = new Int32Array(length + 1);
    for (let i = 0; i < length; i++) {
      const special = specials.get(start + i);
      working[i] = (special ? special.working : !isWeekend(start + i)) ? 1 : 0;
      prefix[i + 1] = (prefix[i] ?? 0) + (working[i] ?? 0);
    }
    const t: YearTable = { year, official, start, working, prefix, specials };
    tables.set(year, t);
    return t;
  }

  function tableOf(day: EpochDay): YearTable {
    return table(civilOf(day).year);
  }

  function working(day: EpochDay): boolean {
    const t = tableOf(day);
    return t.working[day - t.start] === 1;
  }

  /** Working days in [yearStart, day], i.e. a running count that makes interval sums O(years). */
  function countThrough(day: EpochDay): number {
    const t = tableOf(day);
    return t.prefix[day - t.start + 1] ?? 0;
  }

  function info(day: EpochDay): DayInfo {
    const t = tableOf(day);
    const special = t.specials.get(day);
    const date = toIso(day);
    if (special)
      return { date, working: special.working, kind: special.kind, name: special.name, source: special.source };
    const weekend = isWeekend(day);
    return { date, working: !weekend, kind: weekend ? 'weekend' : 'workday', name: null, source: null };
  }

  function step(day: EpochDay, direction: 1 | -1): EpochDay {
    let d = day + direction;
    while (!working(d)) d += direction;
    return d;
  }

  function between(from: EpochDay, to: EpochDay): number {
    if (to < from) return -between(to, from);
    const yf = civilOf(from).year;
    const yt = civilOf(to).year;
    let total = countThrough(to) - countThrough(from);
    for (let y = yf; y < yt; y++) total += table(y).prefix[table(y).working.length] ?? 0;
    return total;
  }

  return {
    isWorkingDay: (date) => working(parseIsoDate(date)),
    describe: (date) => info(parseIsoDate(date)),
    nextWorkingDay: (date) => toIso(step(parseIsoDate(date), 1)),
    previousWorkingDay: (date) => toIso(step(parseIsoDate(date), -1)),
    addWorkingDays(date: IsoDate, n: number): IsoDate {
      const start = parseIsoDate(date);
      if (!Number.isSafeInteger(n)) throw new RangeError(`n: expected an integer number of working days, got ${n}`);
      let d = start;
      const direction = n > 0 ? 1 : -1;
      for (let left = Math.abs(n); left > 0; left--) d = step(d, direction);
      return toIso(d);
    },
    workingDaysBetween: (from, to) => between(parseIsoDate(from, 'from'), parseIsoDate(to, 'to')),
    rollForward(date: IsoDate): IsoDate {
      const d = parseIsoDate(date);
      return working(d) ? toIso(d) : toIso(step(d, 1));
    },
    year(year: number): YearListing {
      const t = table(year);
      const days = [...t.specials.keys()].sort((a, b) => a - b).map(info);
      return {
        year,
        official: t.official,
        nonWorkingWeekdays: days.filter((d) => !d.working && !isWeekend(parseIsoDate(d.date))),
        workingWeekendDays: days.filter((d) => d.working && isWeekend(parseIsoDate(d.date))),
        days,
      };
    },
  };
}
