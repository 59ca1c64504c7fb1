import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { createCalendar, parseCalendarFile, type WorkingCalendar } from '../domain/calendar';

/** Environment variable naming a calendar overrides file (JSON or YAML). */
export const CALENDAR_FILE_ENV = 'DONDOC_CALENDAR_FILE';

/**
 * The working calendar with an operator's overrides file applied (a new decree, a local day off), for the
 * worker, the API and the CLI alike. A bad file fails with its name and what is wrong with it.
 */
export function loadCalendarFile(file: string | undefined = process.env[CALENDAR_FILE_ENV]): WorkingCalendar {
  if (file === undefined || file === '') return createCalendar();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read calendar file ${file}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new Error(`${file} is not valid JSON or YAML: ${(err as Error).message}`);
  }
  try {
    const { days, settings } = parseCalendarFile(parsed);
    return createCalendar({ overrides: days, settings });
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
}
