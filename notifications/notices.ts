import type { DondocEvent } from '../domain/events/schemas';

/**
 * The events a unit is told about on its channels, what each one says (Vietnamese e-mail subject and text, and
 * the webhook's type-specific fields), and who receives it. Pure: the notifier (notifier.ts) delivers.
 */
export const NOTICE_TYPES = [
  'ReminderSent',
  'TaskEscalated',
  'ExplanationRequested',
  'ExplanationSubmitted',
  'ManualReminderSent',
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];
export type Notice = Extract<DondocEvent, { type: NoticeType }>;

export function isNotice(e: DondocEvent): e is Notice {
  return (NOTICE_TYPES as readonly string[]).includes(e.type);
}

/**
 * Who receives a notice. Most events name their recipients (`to`); an explanation goes back to the unit that
 * asked for it (`requester`: the `by` of the ExplanationRequested it answers, which the notifier looks up).
 */
export function noticeRecipients(e: Notice, requester?: string | null): string[] {
  if (e.type === 'ExplanationSubmitted') return requester ? [requester] : [];
  return [...new Set(e.data.to.map((r) => r.unitId))];
}

const viDay = (d: string) => {
  const [y, m, day] = d.split('-');
  return `${day}/${m}/${y}`;
};

/** The e-mail subject and text of a notice. */
export function noticeMessage(e: Notice, title: string): { subject: string; text: string } {
  const ref = `Kế hoạch: ${e.metadata.planId}, nhiệm vụ ${e.metadata.taskRef}.\nMã sự kiện: ${e.metadata.eventId}\n`;
  switch (e.type) {
    case 'ReminderSent': {
      const m = e.data.milestone;
      const due = m.extendedDue ?? m.due;
      return {
        subject: `[Đôn đốc] Nhắc hạn: ${title} (hạn ${due})`,
        text: `Nhiệm vụ "${title}" (${m.label}) đến hạn ngày ${due}, còn ${e.data.workingDaysBefore} ngày làm việc.\n${ref}`,
      };
    }
    case 'TaskEscalated': {
      const m = e.data.milestone;
      const due = m.extendedDue ?? m.due;
      return {
        subject: `[Đôn đốc] Cảnh báo quá hạn cấp ${e.data.level}: ${title} (hạn ${due})`,
        text: `Nhiệm vụ "${title}" (${m.label}) đã quá hạn ${due} ${e.data.workingDaysAfter} ngày làm việc; đơn vị chủ trì: ${e.metadata.unitId}.\n${ref}`,
      };
    }
    case 'ExplanationRequested': {
      const m = e.data.milestone;
      const late = e.data.workingDaysLate === null ? '' : `, quá hạn ${e.data.workingDaysLate} ngày làm việc`;
      return {
        subject: `[Đôn đốc] Yêu cầu giải trình: ${title} (trả lời trước ${viDay(e.data.dueBy)})`,
        text:
          `${e.data.by} yêu cầu đơn vị chủ trì ${e.metadata.unitId} giải trình bằng văn bản việc chậm thực hiện nhiệm vụ "${title}" ` +
          `(${m.label}, hạn ${viDay(m.extendedDue ?? m.due)}${late}).\nLý do: ${e.data.reason}\n` +
          `Hạn trả lời: ${viDay(e.data.dueBy)}. Đơn vị trả lời ngay trong nhiệm vụ (Giải trình).\n${ref}`,
      };
    }
    case 'ExplanationSubmitted':
      return {
        subject: `[Đôn đốc] Giải trình của ${e.data.by}: ${title}${e.data.onTime ? '' : ' (trả lời sau hạn)'}`,
        text:
          `Đơn vị ${e.data.by} đã giải trình về nhiệm vụ "${title}" (${e.data.milestone.label}):\n\n${e.data.text}\n\n` +
          (e.data.attachments.length > 0 ? `Tài liệu kèm theo: ${e.data.attachments.join(', ')}\n` : '') +
          `${e.data.onTime ? 'Trả lời đúng hạn.' : 'Trả lời sau hạn được yêu cầu.'}\n${ref}`,
      };
    case 'ManualReminderSent': {
      const m = e.data.milestone;
      const due = m ? ` (hạn ${m.extendedDue ?? m.due})` : '';
      return {
        subject: `[Đôn đốc] Nhắc việc: ${title}${due}`,
        text: `Đơn vị theo dõi nhắc thực hiện nhiệm vụ "${title}"${m ? ` (${m.label})` : ''}${due}.\n${e.data.note ? `Ghi chú: ${e.data.note}\n` : ''}${ref}`,
      };
    }
  }
}

/** What a webhook body carries besides the common fields: each type's own data. */
export function noticeFields(e: Notice): Record<string, unknown> {
  switch (e.type) {
    case 'ReminderSent':
      return { milestone: e.data.milestone, workingDaysBefore: e.data.workingDaysBefore };
    case 'TaskEscalated':
      return { milestone: e.data.milestone, level: e.data.level, workingDaysAfter: e.data.workingDaysAfter };
    case 'ExplanationRequested':
      return {
        milestone: e.data.milestone,
        requestedBy: e.data.by,
        reason: e.data.reason,
        dueBy: e.data.dueBy,
        workingDaysLate: e.data.workingDaysLate,
      };
    case 'ExplanationSubmitted':
      return {
        milestone: e.data.milestone,
        explainedBy: e.data.by,
        text: e.data.text,
        attachments: e.data.attachments,
        onTime: e.data.onTime,
      };
    case 'ManualReminderSent':
      return { milestone: e.data.milestone, note: e.data.note };
  }
}
