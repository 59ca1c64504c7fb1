/**
 * Projected schedules for years without a published decision, computed from the Labor Code in force
 * that year, lunar dates from ./lunar (UTC+7) and the compensatory-day rule (Art. 111 of the 2019 Code:
 * a holiday on a weekly rest day is taken on the next working day; compensatory days chain).
 *
 * Eras: before 2007 (Code 1994, Art. 73): Tết 4 days, no Giỗ Tổ; 2007–2012 (Code 1994 as amended 2007):
 * Tết 4 days plus Giỗ Tổ; 2013–2020 (Code 2012, Art. 115): Tết 5 days; from 2021 (Code 2019, Art. 112):
 * Tết 5 days and Quốc khánh 2/9 plus one adjacent day. Tết is projected as the last day of the lunar
 * year plus the first 3 or 4 days of the new one ("1 ngày cuối năm và 4 ngày đầu năm"). Weekly rest is
 * Saturday and Sunday in every era (a simplification before 1999).
 */
import { type EpochDay, epochDayOf, isWeekend, toIso, weekdayOf } from './dates';
import { lunarYear } from './lunar';
import type { DayKind, IsoDate } from './types';

export interface ProjectedDay {
  date: IsoDate;
  epochDay: EpochDay;
  kind: Extract<DayKind, 'holiday' | 'compensatory'>;
  name: string;
  source: string;
}

interface Era {
  source: string;
  tetDaysAfterNewYear: number;
  hungKings: boolean;
  nationalDayAdjacent: boolean;
}

function eraOf(year: number): Era {
  if (year >= 2021) {
    return {
      source: 'projected (Bộ luật Lao động 2019, Điều 111, 112)',
      tetDaysAfterNewYear: 4,
      hungKings: true,
      nationalDayAdjacent: true,
    };
  }
  if (year >= 2013) {
    return {
      source: 'projected (Bộ luật Lao động 2012, Điều 110, 115)',
      tetDaysAfterNewYear: 4,
      hungKings: true,
      nationalDayAdjacent: false,
    };
  }
  return {
    source:
      year >= 2007
        ? 'projected (Bộ luật Lao động 1994 sửa đổi 2007, Điều 73)'
        : 'projected (Bộ luật Lao động 1994, Điều 73)',
    tetDaysAfterNewYear: 3,
    hungKings: year >= 2007,
    nationalDayAdjacent: false,
  };
}

/**
 * The day added to 2/9 (Code 2019: "ngày 02/9 dương lịch và 01 ngày liền kề trước hoặc sau"). Rule: take
 * the neighbour that is a Mon–Fri day and joins the break to the nearer weekend; when 2/9 is a Wednesday
 * take 1/9. This reproduces every published choice 2021–2026 (3/9 Thu-Fri 2021, 1/9 2022, 1/9 2023,
 * 3/9 2024, 1/9 2025, 1/9 2026).
 */
export function nationalDayAdjacent(year: number): EpochDay {
  const sep2 = epochDayOf(year, 9, 2);
  // Sunday, Monday, Thursday → 3/9; Tuesday, Wednesday, Friday, Saturday → 1/9.
  const after = [true, true, false, false, true, false, false][weekdayOf(sep2)];
  return after ? sep2 + 1 : sep2 - 1;
}

const TET_DAY_NAMES = ['mùng 1', 'mùng 2', 'mùng 3', 'mùng 4'];

/** The projected holidays and compensatory days of one Gregorian year, in date order. */
export function projectYear(year: number): ProjectedDay[] {
  const era = eraOf(year);
  const lunar = lunarYear(year);
  const holidays: { epochDay: EpochDay; name: string }[] = [
    { epochDay: epochDayOf(year, 1, 1), name: 'Tết Dương lịch' },
  ];
  holidays.push({ epochDay: lunar.tet - 1, name: 'Tết Âm lịch (ngày cuối năm âm lịch)' });
  for (let i = 0; i < era.tetDaysAfterNewYear; i++) {
    holidays.push({ epochDay: lunar.tet + i, name: `Tết Âm lịch (${TET_DAY_NAMES[i]})` });
  }
  if (era.hungKings) holidays.push({ epochDay: lunar.hungKings, name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' });
  holidays.push({ epochDay: epochDayOf(year, 4, 30), name: 'Ngày Chiến thắng (30/4)' });
  holidays.push({ epochDay: epochDayOf(year, 5, 1), name: 'Ngày Quốc tế Lao động (1/5)' });
  holidays.push({ epochDay: epochDayOf(year, 9, 2), name: 'Quốc khánh (2/9)' });
  if (era.nationalDayAdjacent)
    holidays.push({ epochDay: nationalDayAdjacent(year), name: 'Quốc khánh (ngày liền kề)' });
  holidays.sort((a, b) => a.epochDay - b.epochDay);

  const taken = new Set(holidays.map((h) => h.epochDay));
  const days: ProjectedDay[] = holidays.map((h) => ({
    date: toIso(h.epochDay),
    epochDay: h.epochDay,
    kind: 'holiday',
    name: h.name,
    source: era.source,
  }));
  for (const h of holidays) {
    if (!isWeekend(h.epochDay)) continue;
    let d = h.epochDay + 1;
    while (isWeekend(d) || taken.has(d)) d++;
    taken.add(d);
    days.push({ date: toIso(d), epochDay: d, kind: 'compensatory', name: `Nghỉ bù ${h.name}`, source: era.source });
  }
  return days.sort((a, b) => a.epochDay - b.epochDay);
}
