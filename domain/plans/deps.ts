import type { DeadlineContext, ResolvedDeadline } from '../deadlines/types';
import { fallbackInterpretDeadline, fallbackResolveMentions } from './fallback';
import type { DirectoryId, Mention } from './model';

/** What the importers need from the deadline reader and the unit directory. */
export interface PlanImportDeps {
  interpretDeadline(text: string, ctx: DeadlineContext): ResolvedDeadline;
  /** A per-year target cell of plan 001 ("X", "30% hồ sơ", "Trong Quý IV năm 2018"). */
  yearTargetDeadline(cellText: string, year: number): ResolvedDeadline;
  resolveMentions(directory: DirectoryId, cellText: string, asOf: string): Mention[];
  monitoringUnitFor(directory: DirectoryId): string | null;
}

/** Deadline and unit services; falls back to the plans module's own small readers. */
export function defaultDeps(): PlanImportDeps {
  return {
    interpretDeadline: fallbackInterpretDeadline,
    yearTargetDeadline: (cellText, year) => {
      const t = cellText.trim();
      if (/^x$/i.test(t) || t === '')
        return fallbackInterpretDeadline(`năm ${year}`, { issued: `${year}-01-01`, until: `${year}-12-31` });
      const d = fallbackInterpretDeadline(t, { issued: `${year}-01-01`, until: `${year}-12-31` });
      return d.kind === 'unparsed' || d.kind === 'external' || d.kind === 'ongoing'
        ? { ...fallbackInterpretDeadline(`năm ${year}`, { issued: `${year}-01-01`, until: `${year}-12-31` }), text: t }
        : d;
    },
    resolveMentions: (_directory, cellText) => fallbackResolveMentions(cellText),
    monitoringUnitFor: (directory) =>
      directory === 'hcm' ? 'Sở Nội vụ' : directory === 'hcm-q1' ? 'Phòng Nội vụ Quận 1' : null,
  };
}
