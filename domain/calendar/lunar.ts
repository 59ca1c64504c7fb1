/**
 * The Vietnamese lunisolar calendar, computed from astronomy (Jean Meeus, "Astronomical Algorithms",
 * 2nd ed.: ch. 49 for mean/true new moons, ch. 25 for the Sun's apparent longitude) and evaluated at
 * UTC+7, the meridian Vietnam's calendar uses. That time zone is why Tết differs from China's (UTC+8)
 * in some years, e.g. 1985 and 2030.
 *
 * Rules: a month starts on the local day of the new moon; month 11 contains the winter solstice; when
 * 13 months separate two months 11, the first month without a principal solar term (a multiple of 30°
 * of solar longitude) is the leap month and repeats the number of the month before it.
 */
import { type EpochDay } from './dates';

const DEG = Math.PI / 180;
const SYNODIC_MONTH = 29.530588861;
/** Julian day number of 1970-01-01. */
const JDN_EPOCH = 2440588;
const LOCAL_OFFSET_DAYS = 7 / 24;

/** Supported Gregorian years; ΔT and the series are reliable well beyond this range. */
export const MIN_LUNAR_YEAR = 1901;
export const MAX_LUNAR_YEAR = 2199;

function sin(deg: number): number {
  return Math.sin(deg * DEG);
}

/** ΔT = TT − UT in seconds (Espenak & Meeus polynomial fits). */
function deltaTSeconds(year: number): number {
  if (year < 1920) {
    const t = year - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (year < 1941) {
    const t = year - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (year < 1961) {
    const t = year - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (year < 1986) {
    const t = year - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (year < 2005) {
    const t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  const u = (year - 1820) / 100;
  if (year < 2150) return -20 + 32 * u ** 2 - 0.5628 * (2150 - year);
  return -20 + 32 * u ** 2;
}

function deltaTDays(jd: number): number {
  return deltaTSeconds(2000 + (jd - 2451545) / 365.25) / 86400;
}

/** Julian Ephemeris Day of the true new moon number k (k = 0 near 2000-01-06), Meeus ch. 49. */
export function newMoonJde(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const T4 = T3 * T;
  let jde = 2451550.09766 + SYNODIC_MONTH * k + 0.00015437 * T2 - 0.00000015 * T3 + 0.00000000073 * T4;
  const E = 1 - 0.002516 * T - 0.0000074 * T2;
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T2 - 0.00000011 * T3;
  const Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T4;
  const F = 160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T4;
  const Om = 124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3;
  jde +=
    -0.4072 * sin(Mp) +
    0.17241 * E * sin(M) +
    0.01608 * sin(2 * Mp) +
    0.01039 * sin(2 * F) +
    0.00739 * E * sin(Mp - M) -
    0.00514 * E * sin(Mp + M) +
    0.00208 * E * E * sin(2 * M) -
    0.00111 * sin(Mp - 2 * F) -
    0.00057 * sin(Mp + 2 * F) +
    0.00056 * E * sin(2 * Mp + M) -
    0.00042 * sin(3 * Mp) +
    0.00042 * E * sin(M + 2 * F) +
    0.00038 * E * sin(M - 2 * F) -
    0.00024 * E * sin(2 * Mp - M) -
    0.00017 * sin(Om) -
    0.00007 * sin(Mp + 2 * M) +
    0.00004 * sin(2 * Mp - 2 * F) +
    0.00004 * sin(3 * M) +
    0.00003 * sin(Mp + M - 2 * F) +
    0.00003 * sin(2 * Mp + 2 * F) -
    0.00003 * sin(Mp + M + 2 * F) +
    0.00003 * sin(Mp - M + 2 * F) -
    0.00002 * sin(Mp - M - 2 * F) -
    0.00002 * sin(3 * Mp + M) +
    0.00002 * sin(4 * Mp);
  // Planetary arguments.
  const A = [
    [299.77 + 0.107408 * k - 0.009173 * T2, 0.000325],
    [251.88 + 0.016321 * k, 0.000165],
    [251.83 + 26.651886 * k, 0.000164],
    [349.42 + 36.412478 * k, 0.000126],
    [84.66 + 18.206239 * k, 0.00011],
    [141.74 + 53.303771 * k, 0.000062],
    [207.14 + 2.453732 * k, 0.00006],
    [154.84 + 7.30686 * k, 0.000056],
    [34.52 + 27.261239 * k, 0.000047],
    [207.19 + 0.121824 * k, 0.000042],
    [291.34 + 1.844379 * k, 0.00004],
    [161.72 + 24.198154 * k, 0.000037],
    [239.56 + 25.513099 * k, 0.000035],
    [331.55 + 3.592518 * k, 0.000023],
  ] as const;
  for (const [arg, coeff] of A) jde += coeff * sin(arg);
  return jde;
}

/** Apparent geocentric longitude of the Sun in degrees [0, 360), Meeus ch. 25 (about 0.01°). */
export function sunLongitude(jde: number): number {
  const T = (jde - 2451545) / 36525;
  const L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T;
  const M = 357.52911 + 35999.05029 * T - 0.0001537 * T * T;
  const C =
    (1.914602 - 0.004817 * T - 0.000014 * T * T) * sin(M) +
    (0.019993 - 0.000101 * T) * sin(2 * M) +
    0.000289 * sin(3 * M);
  const omega = 125.04 - 1934.136 * T;
  const lambda = L0 + C - 0.00569 - 0.00478 * sin(omega);
  return ((lambda % 360) + 360) % 360;
}

/** The local (UTC+7) civil day, as a day number, of a UT Julian date. */
function localEpochDay(jdUt: number): EpochDay {
  return Math.floor(jdUt + 0.5 + LOCAL_OFFSET_DAYS) - JDN_EPOCH;
}

/** Local day of new moon number k. */
function newMoonDay(k: number): EpochDay {
  const jde = newMoonJde(k);
  return localEpochDay(jde - deltaTDays(jde));
}

/** Sun's longitude at 00:00 local time of a day. */
function sunLongitudeAtLocalMidnight(day: EpochDay): number {
  const jdUt = day + JDN_EPOCH - 0.5 - LOCAL_OFFSET_DAYS;
  return sunLongitude(jdUt + deltaTDays(jdUt));
}

/** Local day of the December solstice of a Gregorian year (Sun at 270°). */
function winterSolsticeDay(year: number): EpochDay {
  // Start from Dec 21 noon UT and refine with Meeus' 58·sin(Δλ) step (ch. 27).
  let jde = JDN_EPOCH + Date.UTC(year, 11, 21) / 86400000;
  for (let i = 0; i < 6; i++) jde += 58 * sin(270 - sunLongitude(jde));
  return localEpochDay(jde - deltaTDays(jde));
}

/** The new-moon number whose lunar month (month 11) contains the December solstice of `year`. */
function month11K(year: number): number {
  const solstice = winterSolsticeDay(year);
  const jdSolstice = solstice + JDN_EPOCH;
  let k = Math.floor((jdSolstice - 2451550.09766) / SYNODIC_MONTH);
  while (newMoonDay(k) > solstice) k--;
  while (newMoonDay(k + 1) <= solstice) k++;
  return k;
}

export interface LunarYear {
  /** Gregorian year in which this lunar year begins (its Tết). */
  year: number;
  /** Local day of lunar 1/1 (Tết Nguyên đán). */
  tet: EpochDay;
  /** Local day of lunar 10/3 (Giỗ Tổ Hùng Vương), in the regular month 3. */
  hungKings: EpochDay;
  /** The leap month's number (1–12) when the year has one, else null. */
  leapMonth: number | null;
}

const cache = new Map<number, LunarYear>();

/** The lunar year that begins in Gregorian `year`, computed at UTC+7. */
export function lunarYear(year: number): LunarYear {
  if (!Number.isInteger(year) || year < MIN_LUNAR_YEAR || year > MAX_LUNAR_YEAR) {
    throw new RangeError(`year: lunar calendar supports ${MIN_LUNAR_YEAR}–${MAX_LUNAR_YEAR}, got ${year}`);
  }
  const hit = cache.get(year);
  if (hit) return hit;
  const a = month11K(year - 1);
  const b = month11K(year);
  let leapOffset: number | null = null;
  if (b - a === 13) {
    for (let i = 1; i <= 12; i++) {
      const here = Math.floor(sunLongitudeAtLocalMidnight(newMoonDay(a + i)) / 30);
      const next = Math.floor(sunLongitudeAtLocalMidnight(newMoonDay(a + i + 1)) / 30);
      if (here === next) {
        leapOffset = i;
        break;
      }
    }
  }
  // Offset 0 is month 11, offset 1 month 12, offset 2 month 1 …; a leap month shifts later months by one.
  const offsetOf = (month: number): number => {
    const base = month >= 11 ? month - 11 : month + 1;
    return leapOffset !== null && leapOffset <= base ? base + 1 : base;
  };
  const leapMonth = leapOffset === null ? null : ((11 + leapOffset - 2) % 12) + 1;
  const result: LunarYear = {
    year,
    tet: newMoonDay(a + offsetOf(1)),
    hungKings: newMoonDay(a + offsetOf(3)) + 9,
    leapMonth,
  };
  cache.set(year, result);
  return result;
}
