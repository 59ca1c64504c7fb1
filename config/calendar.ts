import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import {
  createCalendar,
  parseCalendarFile,
  type CalendarOverride,
  type CalendarSettings,
  type WorkingCalendar,
} from '../domain/calendar';

/** Environment variable naming a calendar overrides file (JSON or YAML). */
export const CALENDAR_FILE_ENV = 'DONDOC_CALENDAR_FILE';

/** A calendar overrides file, read and checked: the calendar it gives and a version naming its content. */
export interface CalendarFile {
  calendar: WorkingCalendar;
  days: CalendarOverride[];
  settings: CalendarSettings;
  /** `cal-` and 12 hex digits of the SHA-256 of the days and settings: equal content, equal version. */
  version: string;
}

/** The version of a calendar's content; the built-in calendar (no overrides) has its own. */
export function calendarVersion(days: readonly CalendarOverride[], settings: CalendarSettings): string {
  const canonical = JSON.stringify({
    days: [...days].sort((a, b) => a.date.localeCompare(b.date)),
    settings,
  });
  return `cal-${createHash('sha256').update(canonical).digest('hex').slice(0, 12)}`;
}

/** The calendar of an already-parsed overrides document (an API body); throws a TypeError naming what is wrong. */
export function calendarOf(document: unknown): CalendarFile {
  const { days, settings } = parseCalendarFile(document);
  return {
    calendar: createCalendar({ overrides: days, settings }),
    days,
    settings,
    version: calendarVersion(days, settings),
  };
}

/**
 * Reads the text of a calendar overrides file (`name` picks JSON for *.json, else YAML). A bad file fails with its
 * name and what is wrong with it: the syntax error, or the entry and what was expected.
 */
export function readCalendarText(text: string, name: string): CalendarFile {
  let parsed: unknown;
  try {
    parsed = /\.json$/i.test(name) ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new Error(`${name} is not valid ${/\.json$/i.test(name) ? 'JSON' : 'YAML'}: ${(err as Error).message}`);
  }
  if (parsed === null || parsed === undefined) throw new Error(`${name} is empty: expected { days: [...] }`);
  try {
    return calendarOf(parsed);
  } catch (err) {
    throw new Error(`${name}: ${(err as Error).message}`);
  }
}

/** Reads a calendar overrides file; no file (undefined or '') is the built-in calendar. */
export function readCalendarFile(file: string | undefined): CalendarFile {
  if (file === undefined || file === '') return calendarOf({ days: [] });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read calendar file ${file}: ${(err as Error).message}`);
  }
  return readCalendarText(text, file);
}

/**
 * The working calendar with an operator's overrides file applied (a new decree, a local day off), for the
 * worker, the API and the CLI alike. A bad file fails with its name and what is wrong with it.
 */
export function loadCalendarFile(file: string | undefined = process.env[CALENDAR_FILE_ENV]): WorkingCalendar {
  if (file === undefined || file === '') return createCalendar();
  return readCalendarFile(file).calendar;
}
