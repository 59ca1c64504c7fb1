import { createCalendar } from '../calendar';
import type { WorkingCalendar } from '../calendar/types';
import { interpretDeadline, resolveDeadline, yearTargetDeadline } from '../deadlines';
import type { DeadlineContext, ResolvedDeadline } from '../deadlines/types';
import { detectDirectory, loadDirectory, monitoringUnitFor } from '../units';
import { fallbackResolveMentions } from './fallback';
import type { DirectoryId, Mention } from './model';

/** What the importers need from the deadline reader and the unit directory. */
export interface PlanImportDeps {
  interpretDeadline(text: string, ctx: DeadlineContext): ResolvedDeadline;
  /** A per-year target cell of plan 001 ("X", "30% hồ sơ", "Trong Quý IV năm 2018"). */
  yearTargetDeadline(cellText: string, year: number, ctx: DeadlineContext): ResolvedDeadline;
  resolveMentions(directory: DirectoryId, cellText: string, asOf: string): Mention[];
  monitoringUnitFor(directory: DirectoryId): string | null;
  /** A loaded directory whose issuer names appear in the plan's issuer ("UBND tỉnh Đồng Tháp"), if any. */
  detectDirectory?(issuer: string): string | null;
}

let calendar: WorkingCalendar | null = null;

/** The deadline reader on the working calendar and the shipped unit directories. */
export function defaultDeps(): PlanImportDeps {
  calendar ??= createCalendar();
  const cal = calendar;
  return {
    interpretDeadline: (text, ctx) => interpretDeadline(text, ctx, cal),
    yearTargetDeadline: (cellText, year, ctx) => resolveDeadline(yearTargetDeadline(cellText, year), ctx, cal),
    resolveMentions: (directory, cellText, asOf) =>
      directory === null
        ? fallbackResolveMentions(cellText)
        : loadDirectory(directory)
            .resolveMentions(cellText, { asOf })
            .map((m) => ({
              text: m.text,
              kind: m.kind,
              role: m.role,
              unitIds: [...m.unitIds],
              groupId: m.groupId ?? null,
              warning: m.warning ?? null,
            })),
    monitoringUnitFor: (directory) => (directory === null ? null : monitoringUnitFor(directory).name),
    detectDirectory,
  };
}
