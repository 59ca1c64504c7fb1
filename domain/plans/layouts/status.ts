import { foldText } from './columns';

/** What a status/progress cell reports about a task. */
export interface ReportedStatus {
  state: 'completed' | 'in-progress';
  text: string;
}

// "Đã hoàn thành", "Hoàn thành", "Đã thực hiện xong", "Đã ban hành" report done; "Đang thực hiện",
// "Chưa hoàn thành", "Đang triển khai" report work in progress. A date or a plan ("hoàn thành trước 30/6") is a
// deadline, not a report, so a completion needs the past-tense "đã", or to be the whole cell.
const DONE =
  /^(da )?(hoan thanh|thuc hien xong|xong)( 100%)?$|\bda (hoan thanh|thuc hien xong|ban hanh|trien khai xong|xong)\b/;
const NOT_DONE = /\b(chua|dang|khong)\b/;
const IN_PROGRESS = /\b(dang (thuc hien|trien khai|xay dung|trien khai thuc hien)|chua hoan thanh)\b/;

/** Reads a status or progress cell: completed, in progress, or nothing reported. */
export function readReportedStatus(cell: string): ReportedStatus | null {
  const text = cell.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const f = foldText(text);
  if (IN_PROGRESS.test(f)) return { state: 'in-progress', text };
  if (DONE.test(f) && !(NOT_DONE.test(f) && !/\bda\b/.test(f))) return { state: 'completed', text };
  return null;
}
