export * from './types';
export { createCalendar, MIN_YEAR, MAX_YEAR, type CalendarOptions } from './calendar';
export {
  CalendarOverrideSchema,
  CalendarOverridesSchema,
  parseCalendarOverrides,
  parseCalendarFile,
  CalendarSettingsSchema,
  type CalendarSettings,
  type CalendarOverride,
  type CalendarOverrides,
} from './overrides';
export {
  OFFICIAL_YEARS,
  FIRST_OFFICIAL_YEAR,
  LAST_OFFICIAL_YEAR,
  type OfficialYear,
  type OfficialDay,
} from './official';
export { lunarYear, type LunarYear } from './lunar';
export { isIsoDate } from './dates';
