/* global document */
// What a first-time user needs explained: a demo plan's banner, and a reason wherever a value is missing.
// Its messages join i18n.js's tables here, so the dashboard's sections can each keep their own.
import { MESSAGES, fmtDate, fmtDateTime, t } from './i18n.js';

Object.assign(MESSAGES.vi, {
  rateNone: 'chưa tính được',
  rateNoneNote: '(chưa có mốc nào kết thúc — hoàn thành hoặc quá hạn — nên chưa có gì để tính)',
  verdictNone: 'chưa đánh giá: tỷ lệ sẽ có khi mốc đầu tiên kết thúc',
  dueClosed: 'đã kết thúc',
  dueWaiting: 'chưa có hạn: chờ sự kiện hoặc ngày do cơ quan theo dõi ấn định',
  deadlineTextNone: 'văn bản không ghi thời hạn',
  progressNone: 'chưa báo cáo tiến độ',
  agendaNext: 'Hạn gần nhất: {date} — nhiệm vụ {ref}.',
  agendaNoneOpen: 'Không còn nhiệm vụ nào có hạn đang mở.',
  demoBanner:
    'Kế hoạch minh hoạ (demo), chạy trên đồng hồ tăng tốc: vài giây là một ngày của kế hoạch. Nhắc việc, quá hạn, ' +
    'chuyển cấp, gửi kết quả và phê duyệt đều đi qua workflow, luồng sự kiện và API thật; các đơn vị "Demo:" là tác ' +
    'nhân tự động. Ngày giờ hiển thị là giờ của kế hoạch minh hoạ.',
  demoClock: 'Giờ của kế hoạch (sự kiện mới nhất): {at}',
  demoTitle: 'DEMO',
});
Object.assign(MESSAGES.en, {
  rateNone: 'not yet known',
  rateNoneNote: '(no milestone has closed yet — done or missed — so there is nothing to count)',
  verdictNone: 'not assessed: the rate exists once the first milestone closes',
  dueClosed: 'closed',
  dueWaiting: 'no due date yet: waits for an event or a date set by the monitoring unit',
  deadlineTextNone: 'the document gives no deadline',
  progressNone: 'no progress reported yet',
  agendaNext: 'Next due date: {date} — task {ref}.',
  agendaNoneOpen: 'No open task has a due date.',
  demoBanner:
    'Demo plan, on a fast clock: a few seconds make a day of the plan. Reminders, misses, escalations, submissions ' +
    'and approvals all go through the real workflows, event stream and API; the "Demo:" units are automatic actors. ' +
    'Dates and times shown are the demo plan’s own.',
  demoClock: 'Plan time (latest event): {at}',
  demoTitle: 'DEMO',
});

/** `dondoc up --demo` gives its plan an id starting with `demo-` (stack/sample.ts). */
export const isDemoPlan = (planId) => typeof planId === 'string' && planId.startsWith('demo-');

const CLOSED = ['done-on-time', 'done-late', 'cancelled'];

/** A task's due date, or why it has none. */
export function dueText(task) {
  if (task.nextDue) return fmtDate(task.nextDue);
  return CLOSED.includes(task.status) ? t('dueClosed') : t('dueWaiting');
}

/** Shows or hides the demo banner; its clock line is the latest event's time (the plan's clock). */
export function renderDemoBanner(box, planId, tasks) {
  box.hidden = !isDemoPlan(planId);
  if (box.hidden) return;
  const latest = tasks
    .map((x) => x.lastEventAt)
    .filter(Boolean)
    .sort()
    .at(-1);
  box.replaceChildren(
    Object.assign(document.createElement('strong'), { textContent: t('demoTitle') }),
    ` ${t('demoBanner')} `,
    latest
      ? Object.assign(document.createElement('span'), {
          id: 'demo-clock',
          textContent: t('demoClock', { at: fmtDateTime(latest) }),
        })
      : '',
  );
}

/** Why the agenda is empty: the next due date beyond the window, or that no open task has one. */
export function agendaEmptyText(tasks) {
  const next = tasks
    .filter((x) => x.nextDue && !CLOSED.includes(x.status))
    .sort((a, b) => a.nextDue.localeCompare(b.nextDue))[0];
  return next ? t('agendaNext', { date: fmtDate(next.nextDue), ref: next.taskRef }) : t('agendaNoneOpen');
}

/** The tab's title: the plan shown, marked when it is the demo, then the product. */
export function pageTitle(plan) {
  const name = plan ? [plan.number, plan.title].filter(Boolean).join(' · ') : '';
  return [isDemoPlan(plan?.id) ? `[${t('demoTitle')}]` : '', name, `${t('appTitle')} · dondoc`]
    .filter(Boolean)
    .join(' — ');
}

/** A demo plan's agenda starts at its own clock (the latest event's time), not at the real now. */
export function agendaFrom(planId, tasks) {
  if (!isDemoPlan(planId)) return '';
  const latest = tasks
    .filter((x) => x.planId === planId)
    .map((x) => x.lastEventAt)
    .filter(Boolean)
    .sort()
    .at(-1);
  return latest ? `&from=${encodeURIComponent(latest)}` : '';
}
