/**
 * Official schedules of days off for state agencies (cán bộ, công chức, viên chức), 2018–2026, as data.
 * Each year's decisions come from the Prime Minister (via Văn phòng Chính phủ) on the proposal of the
 * Bộ LĐTBXH (to 2025) or the Bộ Nội vụ (2026 on); the statutory days come from the Labor Code
 * (2012 Art. 115 for 2018–2020, 2019 Art. 112 from 2021) and compensatory days from Art. 110 (2012) /
 * Art. 111 (2019). `crossChecked` lists the independent reports each year was compared against.
 */
import type { IsoDate } from './types';

export type OfficialKind = 'holiday' | 'compensatory' | 'swapped-off' | 'makeup-workday';

export interface OfficialDay {
  date: IsoDate;
  kind: OfficialKind;
  name: string;
  source: string;
}

export interface OfficialYear {
  year: number;
  days: OfficialDay[];
  /** Independent reports the schedule was compared against. */
  crossChecked: string[];
  /** Parts of the schedule that rest on a single report. */
  uncertain?: string[];
}

export const FIRST_OFFICIAL_YEAR = 2018;
export const LAST_OFFICIAL_YEAR = 2026;

const LC2012 = 'Bộ luật Lao động 2012, Điều 110, 115';
const LC2019 = 'Bộ luật Lao động 2019, Điều 111, 112';

const TET = 'Tết Âm lịch';
const TET_COMP = 'Nghỉ bù Tết Âm lịch (ngày Tết trùng ngày nghỉ hằng tuần)';
const NEW_YEAR = 'Tết Dương lịch';
const HUNG_KINGS = 'Giỗ Tổ Hùng Vương (10/3 âm lịch)';
const VICTORY = 'Ngày Chiến thắng (30/4)';
const LABOUR = 'Ngày Quốc tế Lao động (1/5)';
const NATIONAL = 'Quốc khánh (2/9)';
const NATIONAL_ADJ = 'Quốc khánh (ngày liền kề)';

function day(date: IsoDate, kind: OfficialKind, name: string, source: string): OfficialDay {
  return { date, kind, name, source };
}

const S2018 =
  'Thông báo của Bộ LĐTBXH về nghỉ Tết Âm lịch 2018 theo ý kiến Thủ tướng do VPCP truyền đạt (số hiệu chưa đối chiếu)';
const S2019 = 'Công văn 6519/VPCP-KGVX (2018) và Thông báo của Bộ LĐTBXH về nghỉ Tết, hoán đổi ngày làm việc năm 2019';
const S2020 = 'Thông báo của Bộ LĐTBXH về nghỉ Tết Âm lịch 2020 theo ý kiến Thủ tướng (số hiệu chưa đối chiếu)';
const S2021 = 'Công văn 9895/VPCP-KGVX ngày 26/11/2020; Thông báo 4875/TB-LĐTBXH';
const S2022 = 'Công văn 245/VPCP-KGVX ngày 11/01/2022';
const S2022_QK = 'Thông báo của Bộ LĐTBXH về nghỉ lễ Quốc khánh 2022 (số hiệu chưa đối chiếu)';
const S2023 = 'Công văn 8056/VPCP-KGVX ngày 01/12/2022';
const S2024 = 'Công văn 8662/VPCP-KGVX ngày 03/11/2023';
const S2024_SWAP = 'Công văn 2450/VPCP-KGVX ngày 12/4/2024';
const S2025 = 'Công văn 8726/VPCP-KGVX ngày 26/11/2024';
const S2026_NY = 'Công văn 12729/VPCP-KGVX ngày 25/12/2025 (đề xuất của Bộ Nội vụ)';
const S2026 = 'Phương án của Bộ Nội vụ về nghỉ Tết Âm lịch và Quốc khánh 2026, được Thủ tướng đồng ý';

export const OFFICIAL_YEARS: readonly OfficialYear[] = [
  {
    year: 2018,
    crossChecked: [
      'baoninhbinh.org.vn: VPCP thông báo Tết Mậu Tuất 2018 nghỉ 7 ngày, gồm 2 ngày trước Tết',
      'vacanza/holidays (VN): Labor Code 2012 rules, no 2018 swap other than 31/12/2018',
    ],
    uncertain: ['document number of the 2018 Tết announcement not confirmed'],
    days: [
      day('2018-01-01', 'holiday', NEW_YEAR, LC2012),
      day('2018-02-14', 'holiday', `${TET} (29 tháng Chạp)`, S2018),
      day('2018-02-15', 'holiday', `${TET} (30 tháng Chạp)`, S2018),
      day('2018-02-16', 'holiday', `${TET} (mùng 1)`, S2018),
      day('2018-02-17', 'holiday', `${TET} (mùng 2)`, S2018),
      day('2018-02-18', 'holiday', `${TET} (mùng 3)`, S2018),
      day('2018-02-19', 'compensatory', TET_COMP, S2018),
      day('2018-02-20', 'compensatory', TET_COMP, S2018),
      day('2018-04-25', 'holiday', HUNG_KINGS, LC2012),
      day('2018-04-30', 'holiday', VICTORY, LC2012),
      day('2018-05-01', 'holiday', LABOUR, LC2012),
      day('2018-09-02', 'holiday', NATIONAL, LC2012),
      day('2018-09-03', 'compensatory', 'Nghỉ bù Quốc khánh (2/9 trùng Chủ nhật)', LC2012),
      // Decided in the 2019 schedule: Monday 31/12/2018 off, worked back on Saturday 5/1/2019.
      day(
        '2018-12-31',
        'swapped-off',
        'Hoán đổi ngày làm việc dịp Tết Dương lịch 2019 (làm bù thứ Bảy 05/01/2019)',
        S2019,
      ),
    ],
  },
  {
    year: 2019,
    crossChecked: [
      'tienphong.vn: Thủ tướng chốt nghỉ Tết Âm 9 ngày, Tết Dương hoán đổi ngày (2018)',
      'plo.vn: Mỗi dịp lễ, Tết năm 2019 được nghỉ 18 ngày',
      'vacanza/holidays (VN): substituted days 2018-12-31→2019-01-05, 2019-04-29→2019-05-04',
    ],
    days: [
      day('2019-01-01', 'holiday', NEW_YEAR, LC2012),
      day('2019-01-05', 'makeup-workday', 'Làm bù cho ngày nghỉ thứ Hai 31/12/2018', S2019),
      day('2019-02-03', 'holiday', `${TET} (29 tháng Chạp)`, S2019),
      day('2019-02-04', 'holiday', `${TET} (30 tháng Chạp)`, S2019),
      day('2019-02-05', 'holiday', `${TET} (mùng 1)`, S2019),
      day('2019-02-06', 'holiday', `${TET} (mùng 2)`, S2019),
      day('2019-02-07', 'holiday', `${TET} (mùng 3)`, S2019),
      day('2019-02-08', 'compensatory', TET_COMP, S2019),
      day('2019-04-14', 'holiday', HUNG_KINGS, LC2012),
      day('2019-04-15', 'compensatory', 'Nghỉ bù Giỗ Tổ Hùng Vương (trùng Chủ nhật)', LC2012),
      day('2019-04-29', 'swapped-off', 'Hoán đổi ngày làm việc dịp 30/4–1/5 (làm bù thứ Bảy 04/5/2019)', S2019),
      day('2019-04-30', 'holiday', VICTORY, LC2012),
      day('2019-05-01', 'holiday', LABOUR, LC2012),
      day('2019-05-04', 'makeup-workday', 'Làm bù cho ngày nghỉ thứ Hai 29/4/2019', S2019),
      day('2019-09-02', 'holiday', NATIONAL, LC2012),
    ],
  },
  {
    year: 2020,
    crossChecked: [
      'socongthuong.daklak.gov.vn: nghỉ Tết 2020 liền 7 ngày từ thứ Năm 23/1 đến hết thứ Tư 29/1/2020',
      'Derivation from Labor Code 2012 Art. 110/115 reproduces 23–29/1 (Saturday Tết day taken the day before)',
    ],
    uncertain: ['document number of the 2020 Tết announcement not confirmed'],
    days: [
      day('2020-01-01', 'holiday', NEW_YEAR, LC2012),
      day('2020-01-23', 'compensatory', TET_COMP, S2020),
      day('2020-01-24', 'holiday', `${TET} (30 tháng Chạp)`, S2020),
      day('2020-01-25', 'holiday', `${TET} (mùng 1)`, S2020),
      day('2020-01-26', 'holiday', `${TET} (mùng 2)`, S2020),
      day('2020-01-27', 'holiday', `${TET} (mùng 3)`, S2020),
      day('2020-01-28', 'holiday', `${TET} (mùng 4)`, S2020),
      day('2020-01-29', 'compensatory', TET_COMP, S2020),
      day('2020-04-02', 'holiday', HUNG_KINGS, LC2012),
      day('2020-04-30', 'holiday', VICTORY, LC2012),
      day('2020-05-01', 'holiday', LABOUR, LC2012),
      day('2020-09-02', 'holiday', NATIONAL, LC2012),
    ],
  },
  {
    year: 2021,
    crossChecked: [
      'thuvienphapluat.vn: Công văn 9895/VPCP-KGVX (Tết 10–16/2/2021, Quốc khánh 2–5/9/2021)',
      'khoahocdoisong.vn: Thông báo 4875/TB-LĐTBXH (mùng 2, mùng 3 trùng cuối tuần, nghỉ bù mùng 4, mùng 5)',
      'hanoimoi.vn: Tết Tân Sửu nghỉ 7 ngày, Quốc khánh 4 ngày',
    ],
    days: [
      day('2021-01-01', 'holiday', NEW_YEAR, LC2019),
      day('2021-02-10', 'holiday', `${TET} (29 tháng Chạp)`, S2021),
      day('2021-02-11', 'holiday', `${TET} (30 tháng Chạp)`, S2021),
      day('2021-02-12', 'holiday', `${TET} (mùng 1)`, S2021),
      day('2021-02-13', 'holiday', `${TET} (mùng 2)`, S2021),
      day('2021-02-14', 'holiday', `${TET} (mùng 3)`, S2021),
      day('2021-02-15', 'compensatory', TET_COMP, S2021),
      day('2021-02-16', 'compensatory', TET_COMP, S2021),
      day('2021-04-21', 'holiday', HUNG_KINGS, LC2019),
      day('2021-04-30', 'holiday', VICTORY, LC2019),
      day('2021-05-01', 'holiday', LABOUR, LC2019),
      day('2021-05-03', 'compensatory', 'Nghỉ bù Ngày Quốc tế Lao động (trùng thứ Bảy)', LC2019),
      day('2021-09-02', 'holiday', NATIONAL, S2021),
      day('2021-09-03', 'holiday', NATIONAL_ADJ, S2021),
    ],
  },
  {
    year: 2022,
    crossChecked: [
      'kinhtemoitruong.vn: Công văn 245/VPCP-KGVX, Tết 5 ngày và 4 ngày cuối tuần trước và sau Tết',
      'scon.com.vn: lịch nghỉ 2022 (11/4 nghỉ bù Giỗ Tổ, 2/5 nghỉ bù, Quốc khánh 1–2/9)',
    ],
    uncertain: ['document number of the 2022 Quốc khánh announcement not confirmed'],
    days: [
      day('2022-01-01', 'holiday', NEW_YEAR, LC2019),
      day('2022-01-03', 'compensatory', 'Nghỉ bù Tết Dương lịch (trùng thứ Bảy)', LC2019),
      day('2022-01-31', 'holiday', `${TET} (29 tháng Chạp)`, S2022),
      day('2022-02-01', 'holiday', `${TET} (mùng 1)`, S2022),
      day('2022-02-02', 'holiday', `${TET} (mùng 2)`, S2022),
      day('2022-02-03', 'holiday', `${TET} (mùng 3)`, S2022),
      day('2022-02-04', 'holiday', `${TET} (mùng 4)`, S2022),
      day('2022-04-10', 'holiday', HUNG_KINGS, LC2019),
      day('2022-04-11', 'compensatory', 'Nghỉ bù Giỗ Tổ Hùng Vương (trùng Chủ nhật)', LC2019),
      day('2022-04-30', 'holiday', VICTORY, LC2019),
      day('2022-05-01', 'holiday', LABOUR, LC2019),
      day('2022-05-02', 'compensatory', 'Nghỉ bù Ngày Chiến thắng (trùng thứ Bảy)', LC2019),
      day('2022-05-03', 'compensatory', 'Nghỉ bù Ngày Quốc tế Lao động (trùng Chủ nhật)', LC2019),
      day('2022-09-01', 'holiday', NATIONAL_ADJ, S2022_QK),
      day('2022-09-02', 'holiday', NATIONAL, S2022_QK),
    ],
  },
  {
    year: 2023,
    crossChecked: [
      'truyenhinhnghean.vn: Công văn 8056/VPCP-KGVX (Tết 20–26/1/2023, Quốc khánh 1–4/9/2023)',
      'pld.net.vn: Tết Quý Mão nghỉ 7 ngày từ 20/1 đến 26/1/2023',
      'todaycnews.com: Giỗ Tổ 29/4 (thứ Bảy) và 30/4 (Chủ nhật) nghỉ bù 2/5 và 3/5/2023',
    ],
    days: [
      day('2023-01-01', 'holiday', NEW_YEAR, LC2019),
      day('2023-01-02', 'compensatory', 'Nghỉ bù Tết Dương lịch (trùng Chủ nhật)', LC2019),
      day('2023-01-20', 'compensatory', TET_COMP, S2023),
      day('2023-01-21', 'holiday', `${TET} (30 tháng Chạp)`, S2023),
      day('2023-01-22', 'holiday', `${TET} (mùng 1)`, S2023),
      day('2023-01-23', 'holiday', `${TET} (mùng 2)`, S2023),
      day('2023-01-24', 'holiday', `${TET} (mùng 3)`, S2023),
      day('2023-01-25', 'holiday', `${TET} (mùng 4)`, S2023),
      day('2023-01-26', 'compensatory', TET_COMP, S2023),
      day('2023-04-29', 'holiday', HUNG_KINGS, LC2019),
      day('2023-04-30', 'holiday', VICTORY, LC2019),
      day('2023-05-01', 'holiday', LABOUR, LC2019),
      day('2023-05-02', 'compensatory', 'Nghỉ bù Giỗ Tổ Hùng Vương (trùng thứ Bảy)', LC2019),
      day('2023-05-03', 'compensatory', 'Nghỉ bù Ngày Chiến thắng (trùng Chủ nhật)', LC2019),
      day('2023-09-01', 'holiday', NATIONAL_ADJ, S2023),
      day('2023-09-02', 'holiday', NATIONAL, S2023),
      day('2023-09-04', 'compensatory', 'Nghỉ bù Quốc khánh (trùng thứ Bảy)', S2023),
    ],
  },
  {
    year: 2024,
    crossChecked: [
      'kkt-kontum.com: Công văn 8662/VPCP-KGVX (Tết 8–14/2/2024, Quốc khánh 31/8–3/9/2024)',
      'sucsongtre.vn: Tết Giáp Thìn 8–14/2 (5 ngày Tết và 2 ngày nghỉ bù), Quốc khánh 31/8–3/9',
      'baotintuc.vn + vacanza/holidays: Công văn 2450/VPCP-KGVX hoán đổi 29/4 sang thứ Bảy 4/5/2024',
    ],
    days: [
      day('2024-01-01', 'holiday', NEW_YEAR, LC2019),
      day('2024-02-08', 'compensatory', TET_COMP, S2024),
      day('2024-02-09', 'holiday', `${TET} (30 tháng Chạp)`, S2024),
      day('2024-02-10', 'holiday', `${TET} (mùng 1)`, S2024),
      day('2024-02-11', 'holiday', `${TET} (mùng 2)`, S2024),
      day('2024-02-12', 'holiday', `${TET} (mùng 3)`, S2024),
      day('2024-02-13', 'holiday', `${TET} (mùng 4)`, S2024),
      day('2024-02-14', 'compensatory', TET_COMP, S2024),
      day('2024-04-18', 'holiday', HUNG_KINGS, LC2019),
      day('2024-04-29', 'swapped-off', 'Hoán đổi ngày làm việc dịp 30/4–1/5 (làm bù thứ Bảy 04/5/2024)', S2024_SWAP),
      day('2024-04-30', 'holiday', VICTORY, LC2019),
      day('2024-05-01', 'holiday', LABOUR, LC2019),
      day('2024-05-04', 'makeup-workday', 'Làm bù cho ngày nghỉ thứ Hai 29/4/2024', S2024_SWAP),
      day('2024-09-02', 'holiday', NATIONAL, S2024),
      day('2024-09-03', 'holiday', NATIONAL_ADJ, S2024),
    ],
  },
  {
    year: 2025,
    crossChecked: [
      'pld.net.vn: Công văn 8726/VPCP-KGVX ngày 26/11/2024 (Tết Ất Tỵ 9 ngày)',
      'vtv9.vtv.vn: Tết 5 ngày từ thứ Hai 27/1 đến hết thứ Sáu 31/1/2025 (28 tháng Chạp – mùng 3)',
      'tet-amlich.com + vietnamplus.vn: 30/4–4/5 (hoán đổi thứ Sáu 2/5 sang thứ Bảy 26/4/2025), Quốc khánh 30/8–2/9/2025',
    ],
    days: [
      day('2025-01-01', 'holiday', NEW_YEAR, LC2019),
      day('2025-01-27', 'holiday', `${TET} (28 tháng Chạp)`, S2025),
      day('2025-01-28', 'holiday', `${TET} (29 tháng Chạp)`, S2025),
      day('2025-01-29', 'holiday', `${TET} (mùng 1)`, S2025),
      day('2025-01-30', 'holiday', `${TET} (mùng 2)`, S2025),
      day('2025-01-31', 'holiday', `${TET} (mùng 3)`, S2025),
      day('2025-04-07', 'holiday', HUNG_KINGS, LC2019),
      day('2025-04-26', 'makeup-workday', 'Làm bù cho ngày nghỉ thứ Sáu 02/5/2025', S2025),
      day('2025-04-30', 'holiday', VICTORY, LC2019),
      day('2025-05-01', 'holiday', LABOUR, LC2019),
      day('2025-05-02', 'swapped-off', 'Hoán đổi ngày làm việc dịp 30/4–1/5 (làm bù thứ Bảy 26/4/2025)', S2025),
      day('2025-09-01', 'holiday', NATIONAL_ADJ, S2025),
      day('2025-09-02', 'holiday', NATIONAL, S2025),
    ],
  },
  {
    year: 2026,
    crossChecked: [
      'collector.com.tr (mirror of press report) + tracuuquyhoach.com: Công văn 12729/VPCP-KGVX, Tết Dương lịch 1–4/1/2026, làm bù 10/1',
      'congan.com.vn + baomoi: Tết Bính Ngọ 14/2 (27 tháng Chạp) – 22/2/2026 (mùng 6), 9 ngày',
      'vnbiznews.com: Bộ Nội vụ đề xuất Quốc khánh 29/8–2/9/2026, hoán đổi thứ Hai 31/8 sang thứ Bảy 22/8/2026',
    ],
    uncertain: [
      'Quốc khánh 2026 swap (31/8 ↔ 22/8) is confirmed only as the Bộ Nội vụ proposal; final approval not seen in a second source',
    ],
    days: [
      day('2026-01-01', 'holiday', NEW_YEAR, LC2019),
      day(
        '2026-01-02',
        'swapped-off',
        'Hoán đổi ngày làm việc dịp Tết Dương lịch (làm bù thứ Bảy 10/01/2026)',
        S2026_NY,
      ),
      day('2026-01-10', 'makeup-workday', 'Làm bù cho ngày nghỉ thứ Sáu 02/01/2026', S2026_NY),
      day('2026-02-16', 'holiday', `${TET} (29 tháng Chạp)`, S2026),
      day('2026-02-17', 'holiday', `${TET} (mùng 1)`, S2026),
      day('2026-02-18', 'holiday', `${TET} (mùng 2)`, S2026),
      day('2026-02-19', 'holiday', `${TET} (mùng 3)`, S2026),
      day('2026-02-20', 'holiday', `${TET} (mùng 4)`, S2026),
      day('2026-04-26', 'holiday', HUNG_KINGS, LC2019),
      day('2026-04-27', 'compensatory', 'Nghỉ bù Giỗ Tổ Hùng Vương (trùng Chủ nhật)', LC2019),
      day('2026-04-30', 'holiday', VICTORY, LC2019),
      day('2026-05-01', 'holiday', LABOUR, LC2019),
      day('2026-08-22', 'makeup-workday', 'Làm bù cho ngày nghỉ thứ Hai 31/8/2026', S2026),
      day('2026-08-31', 'swapped-off', 'Hoán đổi ngày làm việc dịp Quốc khánh (làm bù thứ Bảy 22/8/2026)', S2026),
      day('2026-09-01', 'holiday', NATIONAL_ADJ, S2026),
      day('2026-09-02', 'holiday', NATIONAL, S2026),
    ],
  },
];
