/* global window, document, localStorage, fetch, URL, URLSearchParams, TextDecoder, setTimeout */
// Report downloads and bulk actions on the dashboard. Separate from app.js: it reads the token and the chosen
// plan from the page and talks to /reports and /bulk. Every value from the API is rendered as text.
import { currentLang } from './i18n.js';

const WORDS = {
  vi: {
    reports: 'Báo cáo',
    period: 'Kỳ báo cáo',
    asOf: 'Số liệu đến ngày',
    xlsx: 'Sổ theo dõi (.xlsx)',
    docx: 'Báo cáo (.docx)',
    csv: 'CSV',
    bulk: 'Thao tác hàng loạt',
    action: 'Thao tác',
    extend: 'Gia hạn',
    reassign: 'Giao lại',
    cancel: 'Huỷ',
    remind: 'Nhắc việc',
    taskRef: 'Nhiệm vụ (số hiệu)',
    unitId: 'Đơn vị (mã)',
    status: 'Trạng thái',
    open: 'Đang mở (mặc định)',
    overdue: 'Quá hạn',
    dueSoon: 'Sắp đến hạn',
    inProgress: 'Đang thực hiện',
    newDue: 'Hạn mới',
    toUnit: 'Giao cho đơn vị (mã)',
    reason: 'Lý do',
    run: 'Thực hiện',
    preparing: 'Đang lập {f}…',
    downloaded: 'Đã tải {name}',
    score:
      'Chỉ số CCHC (mức độ hoàn thành kế hoạch): {c}/{n} nhiệm vụ năm {y} đã hoàn thành, {p} điểm/{m} (tạm tính đến {d}).',
    progress: 'Đã xử lý {done}/{total}',
    result: 'Xong: {ok}/{total} thành công, {failed} lỗi ({ms} ms).',
    confirm: 'Thực hiện "{a}" trên các nhiệm vụ đã chọn của kế hoạch này?',
  },
  en: {
    reports: 'Reports',
    period: 'Period',
    asOf: 'Figures as of',
    xlsx: 'Follow-up ledger (.xlsx)',
    docx: 'Report (.docx)',
    csv: 'CSV',
    bulk: 'Bulk actions',
    action: 'Action',
    extend: 'Extend',
    reassign: 'Reassign',
    cancel: 'Cancel',
    remind: 'Remind',
    taskRef: 'Task (ref)',
    unitId: 'Unit (id)',
    status: 'Status',
    open: 'Open (default)',
    overdue: 'Overdue',
    dueSoon: 'Due soon',
    inProgress: 'In progress',
    newDue: 'New due date',
    toUnit: 'Reassign to unit (id)',
    reason: 'Reason',
    run: 'Run',
    preparing: 'Preparing {f}…',
    downloaded: 'Downloaded {name}',
    score: 'PAR Index (plan completion): {c}/{n} tasks of {y} completed, {p}/{m} points (as of {d}).',
    progress: 'Processed {done}/{total}',
    result: 'Done: {ok}/{total} succeeded, {failed} failed ({ms} ms).',
    confirm: 'Run "{a}" on the selected tasks of this plan?',
  },
};

const $ = (id) => document.getElementById(id);
const w = (key, vars = {}) =>
  (WORDS[currentLang()][key] ?? WORDS.vi[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
const token = () => localStorage.getItem('dondoc.token') ?? '';
const planId = () => $('plan-select')?.value || localStorage.getItem('dondoc.plan') || '';

function translate() {
  for (const el of document.querySelectorAll('[data-r18n]')) el.textContent = w(el.dataset.r18n);
}

/** The current quarter's key, e.g. 2026-Q4, in Vietnam's time zone. */
function currentQuarter() {
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
  return `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
}

function query() {
  const q = new URLSearchParams({ plan: planId(), period: $('report-period').value.trim() });
  if ($('report-asof').value) q.set('asOf', $('report-asof').value);
  return q.toString();
}

async function download(format) {
  const status = $('report-status');
  status.textContent = w('preparing', { f: format.toUpperCase() });
  const res = await fetch(`/reports/file/${format}?${query()}`, { headers: { authorization: `Bearer ${token()}` } });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    status.textContent = body.message ?? res.statusText;
    return;
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `report.${format}`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  status.textContent = w('downloaded', { name });
}

async function showScore() {
  if (!planId() || !token()) return;
  const res = await fetch(`/reports/score?${query()}`, { headers: { authorization: `Bearer ${token()}` } });
  if (!res.ok) return;
  const s = await res.json();
  if (!s) return;
  $('report-score').textContent = w('score', {
    c: s.completed,
    n: s.tasks,
    y: s.year,
    p: s.points,
    m: s.rule.maxPoints,
    d: s.asOf.split('-').reverse().join('/'),
  });
  $('report-score').title = s.rule.source;
}

async function runBulk(ev) {
  ev.preventDefault();
  const action = $('bulk-action').value;
  if (!window.confirm(w('confirm', { a: w(action) }))) return;
  const select = { planId: planId() };
  if ($('bulk-task').value.trim()) select.taskRef = $('bulk-task').value.trim();
  if ($('bulk-unit').value.trim()) select.unitId = $('bulk-unit').value.trim();
  if ($('bulk-status').value) select.status = [$('bulk-status').value];
  const body = { action, select, reason: $('bulk-reason').value.trim() };
  if (action === 'extend') body.newDue = $('bulk-due').value;
  if (action === 'reassign') body.toUnit = $('bulk-to').value.trim();
  const bar = $('bulk-progress');
  const out = $('bulk-result');
  const failedList = $('bulk-failed');
  failedList.replaceChildren();
  out.textContent = '';
  bar.hidden = false;
  bar.value = 0;
  $('bulk-run').disabled = true;
  try {
    const res = await fetch('/bulk?progress=ndjson', {
      method: 'POST',
      headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) {
      const err = await res.json().catch(() => ({}));
      out.textContent = err.message ?? res.statusText;
      return;
    }
    // One JSON line per assignment as it completes, then {result}.
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
        if (line.total !== undefined) {
          bar.max = line.total;
          bar.value = line.done;
          out.textContent = w('progress', line);
        } else if (line.result) {
          const r = line.result;
          out.textContent = w('result', { ok: r.succeeded, total: r.total, failed: r.failed.length, ms: r.ms });
          failedList.replaceChildren(
            ...r.failed.map((f) => {
              const li = document.createElement('li');
              li.textContent = `${f.workflowId}: ${f.error}`;
              return li;
            }),
          );
        } else if (line.error) out.textContent = line.error;
      }
    }
  } finally {
    $('bulk-run').disabled = false;
  }
}

async function init() {
  translate();
  $('report-period').value = currentQuarter();
  for (const id of ['report-xlsx', 'report-docx', 'report-csv'])
    $(id).addEventListener('click', (ev) => void download(ev.currentTarget.dataset.format));
  $('report-period').addEventListener('change', () => void showScore());
  $('report-asof').addEventListener('change', () => void showScore());
  $('plan-select')?.addEventListener('change', () => setTimeout(() => void showScore(), 0));
  $('lang-toggle')?.addEventListener('click', () => setTimeout(translate, 0));
  $('bulk-form').addEventListener('submit', (ev) => void runBulk(ev));
  // Bulk actions are for monitors and admins; the API refuses unit tokens anyway.
  if (token()) {
    const res = await fetch('/dashboard/session', { headers: { authorization: `Bearer ${token()}` } });
    if (res.ok) {
      const s = await res.json();
      $('bulk-form').hidden = !(s.role === 'admin' || s.role === 'monitor');
    }
  }
  // The plan list loads asynchronously in app.js; show the score once a plan is chosen.
  for (let i = 0; i < 40 && !planId(); i++) await new Promise((r) => setTimeout(r, 250));
  await showScore();
}

void init();
