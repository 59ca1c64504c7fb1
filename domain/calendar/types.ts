/** Civil dates are ISO strings (YYYY-MM-DD) in Asia/Ho_Chi_Minh; instants are ISO strings with their +07:00 offset. */
export type IsoDate = string;

export const ZONE = 'Asia/Ho_Chi_Minh';

/** Why a day is or is not a working day for state agencies. */
export type DayKind =
  | 'workday'
  | 'weekend'
  | 'holiday'
  | 'compensatory'
  | 'swapped-off'
  | 'makeup-workday'
  | 'override-off'
  | 'override-working';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  kind: DayKind;
  /** Holiday or decree name, null for ordinary days. */
  name: string | null;
  /** The legal document the entry comes from, or 'projected (…)' for computed years. */
  source: string | null;
}

export interface YearListing {
  year: number;
  /** true when the year's schedule comes from a published decision, false when projected from the law. */
  official: boolean;
  nonWorkingWeekdays: DayInfo[];
  workingWeekendDays: DayInfo[];
  /** Every day that is not an ordinary Mon–Fri workday or Sat/Sun rest day. */
  days: DayInfo[];
}

/** The Vietnamese working calendar of state agencies (Mon–Fri minus holidays and days off, plus make-up Saturdays). */
export interface WorkingCalendar {
  isWorkingDay(date: IsoDate): boolean;
  describe(date: IsoDate): DayInfo;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate;
  /** The last working day strictly before `date`. */
  previousWorkingDay(date: IsoDate): IsoDate;
  /**
   * Civil Code Art. 147: the day of the event is not counted. n > 0 counts forward from the next day,
   * n < 0 counts backward from the previous day, n = 0 returns `date`.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** Working days in the half-open interval (from, to]; negative when to < from. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
  /** Civil Code Art. 148: `date` if it is a working day, else the next working day. */
  rollForward(date: IsoDate): IsoDate;
  year(year: number): YearListing;
}
