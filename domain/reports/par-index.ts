import { z } from 'zod';
import type { ReportLine } from './lines';

/**
 * A scoring rule for the PAR Index criterion on completing the year's administrative-reform plan ("Mức độ hoàn
 * thành kế hoạch CCHC"): bands of the completed share and the points each earns, with the document they come
 * from. Rules are data: a province's own guidance can be brought as a YAML/JSON file of this shape.
 */
export const ParRuleSchema = z.object({
  id: z.string().min(1),
  criterion: z.string().min(1),
  /** The document the thresholds come from (number, date, issuer, the criterion's place in it). */
  source: z.string().min(1),
  /** Whether the thresholds were checked against the text of the source (false: recalled, to be checked). */
  verified: z.boolean(),
  maxPoints: z.number().positive(),
  /** Bands from the highest; the first whose `minShare` the share reaches (inclusive) gives its points. */
  bands: z
    .array(z.object({ minShare: z.number().min(0).max(1), points: z.number().min(0), label: z.string() }))
    .min(1)
    .refine(
      (b) => b.every((x, i) => i === 0 || x.minShare < b[i - 1]!.minShare),
      'bands must go from the highest share down',
    )
    .refine((b) => b[b.length - 1]!.minShare === 0, 'the last band must start at 0'),
});
export type ParRule = z.infer<typeof ParRuleSchema>;

/**
 * The rules dondoc ships. Each threshold cites its document; `verified` says whether it was read in that
 * document's text while this was written (docs/reports.md lists what remains to check).
 */
export const PAR_RULES: ParRule[] = [
  {
    id: 'bnv-1150-2022',
    criterion: 'Mức độ hoàn thành kế hoạch CCHC năm (Chỉ số CCHC cấp tỉnh, lĩnh vực Công tác chỉ đạo, điều hành CCHC)',
    source:
      'Quyết định 1150/QĐ-BNV ngày 30/12/2022 của Bộ Nội vụ phê duyệt Bộ Chỉ số CCHC của các bộ và UBND cấp tỉnh, ' +
      'theo Đề án xác định Chỉ số CCHC giai đoạn 2022–2030 (Quyết định 876/QĐ-BNV ngày 10/11/2022)',
    verified: false,
    maxPoints: 1,
    bands: [
      { minShare: 1, points: 1, label: 'Hoàn thành 100% kế hoạch' },
      { minShare: 0.8, points: 0.5, label: 'Hoàn thành từ 80% đến dưới 100% kế hoạch' },
      { minShare: 0, points: 0, label: 'Hoàn thành dưới 80% kế hoạch' },
    ],
  },
  {
    id: 'camau-1880-2013',
    criterion: '1.1.4 Mức độ thực hiện kế hoạch CCHC (Chỉ số CCHC cấp huyện, tỉnh Cà Mau)',
    source: 'Quyết định 1880/QĐ-UBND năm 2013 của UBND tỉnh Cà Mau, Bộ chỉ số CCHC, tiêu chí thành phần 1.1.4',
    verified: true,
    maxPoints: 2,
    bands: [
      // "Thực hiện trên 90% kế hoạch: 2": strictly above 90%, so the band starts just above 0.9.
      { minShare: 0.9000001, points: 2, label: 'Thực hiện trên 90% kế hoạch' },
      { minShare: 0.7, points: 1, label: 'Thực hiện từ 70% - 90% kế hoạch' },
      { minShare: 0, points: 0, label: 'Dưới 70% kế hoạch' },
    ],
  },
];

/** One plan task in the score: done when every lead unit has completed every milestone due in the year. */
export interface ScoredTask {
  planId: string;
  taskRef: string;
  title: string;
  lines: number;
  done: boolean;
  /** Its last milestone in the year is already due (by the score's date). */
  dueSoFar: boolean;
}

export interface ParScore {
  rule: Pick<ParRule, 'id' | 'criterion' | 'source' | 'verified' | 'maxPoints'>;
  year: number;
  asOf: string;
  /** Plan tasks with a deadline in the year; tasks with none fixed yet are listed apart, outside the share. */
  tasks: number;
  completed: number;
  share: number | null;
  points: number;
  band: string;
  /** The share among tasks already due by `asOf`: where the year stands if nothing more falls due. */
  dueSoFar: number;
  completedOfDueSoFar: number;
  shareOfDueSoFar: number | null;
  pointsOfDueSoFar: number;
  /** What is still needed: tasks not yet completed. */
  open: ScoredTask[];
  withoutDeadline: { planId: string; taskRef: string; title: string }[];
}

function pointsOf(rule: ParRule, share: number | null): { points: number; band: string } {
  if (share === null) return { points: 0, band: 'không có nhiệm vụ có thời hạn trong năm' };
  const band = rule.bands.find((b) => share >= b.minShare) ?? rule.bands[rule.bands.length - 1]!;
  return { points: band.points, band: band.label };
}

/**
 * The plan-completion points of the PAR Index as they stand on `asOf`, from ledger lines taken as of that date:
 * the share of plan tasks with a deadline in `year` whose every milestone in the year is completed (on time or
 * late), and the points the rule gives it. Also the share among tasks already due, i.e. the score if the year
 * ended today.
 */
export function parPlanScore(lines: readonly ReportLine[], year: number, asOf: string, rule: ParRule): ParScore {
  const prefix = String(year);
  const tasks = new Map<string, ScoredTask & { lastDue: string }>();
  const undated = new Map<string, { planId: string; taskRef: string; title: string }>();
  for (const l of lines) {
    const key = `${l.planId}\u0000${l.taskRef}`;
    if (l.due === null || l.nominal === null) {
      undated.set(key, { planId: l.planId, taskRef: l.taskRef, title: l.title });
      continue;
    }
    if (!l.nominal.startsWith(prefix)) continue;
    let t = tasks.get(key);
    if (!t)
      tasks.set(
        key,
        (t = {
          planId: l.planId,
          taskRef: l.taskRef,
          title: l.title,
          lines: 0,
          done: true,
          dueSoFar: true,
          lastDue: l.due,
        }),
      );
    t.lines += 1;
    if (l.status !== 'done-on-time' && l.status !== 'done-late') t.done = false;
    if (l.due > t.lastDue) t.lastDue = l.due;
  }
  for (const key of tasks.keys()) undated.delete(key);
  const all = [...tasks.values()].map(({ lastDue, ...t }) => ({ ...t, dueSoFar: lastDue < asOf || t.done }));
  const completed = all.filter((t) => t.done).length;
  const due = all.filter((t) => t.dueSoFar);
  const completedDue = due.filter((t) => t.done).length;
  const share = all.length === 0 ? null : completed / all.length;
  const shareDue = due.length === 0 ? null : completedDue / due.length;
  const now = pointsOf(rule, share);
  return {
    rule: {
      id: rule.id,
      criterion: rule.criterion,
      source: rule.source,
      verified: rule.verified,
      maxPoints: rule.maxPoints,
    },
    year,
    asOf,
    tasks: all.length,
    completed,
    share,
    points: now.points,
    band: now.band,
    dueSoFar: due.length,
    completedOfDueSoFar: completedDue,
    shareOfDueSoFar: shareDue,
    pointsOfDueSoFar: pointsOf(rule, shareDue).points,
    open: all.filter((t) => !t.done),
    withoutDeadline: [...undated.values()],
  };
}
