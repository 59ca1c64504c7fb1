/* global window, document, localStorage, location, history, fetch, EventSource, FormData, getComputedStyle, setTimeout, clearTimeout */
// The dashboard: plain ES module, no bundler. Every value from the API is rendered as text, never as HTML.
import { currentLang, fmtDate, fmtDateTime, fmtPercent, setLang, t, translatePage } from './i18n.js';
import { agendaEmptyText, agendaFrom, dueText, isDemoPlan, pageTitle, renderDemoBanner } from './firstrun.js';

/** The plans' usual target ("tỷ lệ … đúng hạn từ 98% trở lên") when a plan does not set one. */
const DEFAULT_TARGET = 0.98;
const TOKEN_KEY = 'dondoc.token';
const PLAN_KEY = 'dondoc.plan';

const state = {
  token: localStorage.getItem(TOKEN_KEY) ?? '',
  session: null,
  plans: [],
  planId: null,
  plan: null,
  summary: null,
  tasks: [],
  unitNames: new Map(),
  agenda: [],
  /** Statuses, event types and action bodies as the server defines them (GET /vocabulary). */
  vocabulary: { statuses: [], eventTypes: [], actions: {} },
  openTaskId: null,
  events: null,
  charts: {},
};

const $ = (id) => document.getElementById(id);

/** Creates an element; `props` sets attributes (and `text`, `dataset`, `on*` handlers). */
function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = String(v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(path, body) {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${state.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, json.message ?? res.statusText);
  return json;
}

const enc = encodeURIComponent;
const unitName = (id) => state.unitNames.get(id) ?? id;
const announce = (text) => {
  $('announcer').textContent = text;
};
const cssVar = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

// ---- token and session ------------------------------------------------------------------------------------

/** `dondoc up` prints `/#token=…`: take it, keep it, and drop it from the address bar. */
function takeTokenFromUrl() {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!m) return;
  state.token = decodeURIComponent(m[1]);
  localStorage.setItem(TOKEN_KEY, state.token);
  history.replaceState(null, '', location.pathname + location.search);
}

async function start() {
  $('token-error').textContent = '';
  if (!state.token) {
    showDashboard(false);
    $('token-error').textContent = t('needToken');
    return;
  }
  try {
    state.session = await api('/dashboard/session');
    state.vocabulary = await api('/vocabulary');
  } catch (err) {
    showDashboard(false);
    $('token-error').textContent = err.status === 401 ? t('badToken') : err.message;
    return;
  }
  showDashboard(true);
  renderSession();
  await loadPlans();
}

function showDashboard(on) {
  $('dashboard').hidden = !on;
  // Signed in, the form would be an empty box: it gives way to the header's button that forgets the token.
  $('token-form').hidden = on;
  $('token-forget').hidden = !on;
  if (!on) {
    state.events?.close();
    $('live-indicator').hidden = true;
  }
}

function renderSession() {
  const s = state.session;
  if (!s) return;
  const unit = s.unitId ? ` — ${unitName(s.unitId)}` : '';
  $('session').textContent = `${t('signedInAs')}: ${t(`role_${s.role}`)}${unit} (${s.name})`;
}

// ---- loading ----------------------------------------------------------------------------------------------

async function loadPlans() {
  const { plans } = await api('/plans');
  state.plans = plans;
  const select = $('plan-select');
  select.replaceChildren(
    ...plans.map((p) =>
      h('option', { value: p.id, text: `${p.number ?? p.id} — ${p.title} (${p.issued.slice(0, 4)})` }),
    ),
  );
  if (plans.length === 0) {
    $('plan-title').textContent = t('noPlans');
    return;
  }
  const saved = localStorage.getItem(PLAN_KEY);
  // Default to the newest plan that has started tasks: a freshly imported or cloned plan has nothing to show yet.
  // A demo plan (`dondoc up --demo`) first: it is what a first run is meant to show.
  const hasTasks = (p) => (p.summary?.tasks ?? 0) > 0;
  const started = plans.find((p) => isDemoPlan(p.id) && hasTasks(p)) ?? plans.find(hasTasks) ?? plans[0];
  state.planId = plans.some((p) => p.id === saved) ? saved : started.id;
  select.value = state.planId;
  await loadPlan();
  connectLive();
}

async function loadPlan() {
  const planId = state.planId;
  const [detail, tasks, agenda] = await Promise.all([
    api(`/plans/${enc(planId)}`),
    api(`/tasks?planId=${enc(planId)}&limit=1000`),
    api(`/dashboard/agenda?planId=${enc(planId)}&days=60${agendaFrom(planId, state.tasks)}`),
  ]);
  if (planId !== state.planId) return;
  if (detail.plan.plan.directory && state.unitNames.size === 0) {
    const { units } = await api(`/units?directory=${enc(detail.plan.plan.directory)}`);
    for (const u of units) state.unitNames.set(u.id, u.name);
    renderSession();
  }
  state.plan = detail.plan;
  state.summary = detail.summary;
  state.tasks = tasks.tasks;
  state.agenda = agenda.items;
  renderAll();
}

function renderAll() {
  renderDemoBanner($('demo-banner'), state.planId, state.tasks);
  document.title = pageTitle(state.plan?.plan);
  renderOverview();
  renderUnits();
  renderAgenda();
  renderFilters();
  renderTasks();
}

// ---- overview ---------------------------------------------------------------------------------------------

function renderOverview() {
  const { plan, summary } = state;
  const header = plan.plan;
  $('plan-title').textContent = [header.number, header.issuer, fmtDate(header.issued), header.title]
    .filter(Boolean)
    .join(' · ');
  const shown = state.vocabulary.statuses.filter((s) => s !== 'cancelled' || summary.byStatus.cancelled > 0);
  $('status-counts').replaceChildren(
    h('li', { id: 'count-total' }, h('span', { class: 'n', text: summary.tasks }), t('tasksTotal')),
    ...shown.map((s) =>
      h(
        'li',
        { id: `count-${s}`, dataset: { status: s } },
        h('span', { class: 'n', text: summary.byStatus[s] ?? 0 }),
        t(`status_${s}`),
      ),
    ),
  );
  const target = typeof header.onTimeTarget === 'number' ? header.onTimeTarget : DEFAULT_TARGET;
  const rate = summary.onTimeRate;
  $('on-time-rate').textContent = rate === null ? t('rateNone') : fmtPercent(rate);
  $('on-time-note').textContent =
    rate === null ? t('rateNoneNote') : `(${t('closedCount', { n: summary.closedMilestones })})`;
  $('on-time-meter').value = rate ?? 0;
  $('on-time-meter').high = target;
  $('target-rate').textContent = fmtPercent(target);
  $('target-note').textContent = typeof header.onTimeTarget === 'number' ? '' : t('targetDefault');
  $('target-verdict').textContent =
    rate === null ? t('verdictNone') : rate >= target ? t('meetsTarget') : t('belowTarget');

  const data = shown.map((s) => summary.byStatus[s] ?? 0);
  chart('status', 'status-chart', {
    type: 'doughnut',
    data: {
      labels: shown.map((s) => t(`status_${s}`)),
      datasets: [{ data, backgroundColor: shown.map((s) => cssVar(`--${s}`)) }],
    },
    options: { plugins: { legend: { position: 'right' } } },
  });
}

/** Creates or updates a Chart.js chart; without Chart.js (failed to load) the tables still carry the numbers. */
function chart(key, canvasId, config) {
  if (!window.Chart) return;
  const existing = state.charts[key];
  const options = { responsive: true, maintainAspectRatio: false, animation: false, ...config.options };
  if (existing) {
    existing.data = config.data;
    existing.options = options;
    existing.update();
  } else {
    state.charts[key] = new window.Chart($(canvasId), { ...config, options });
  }
}

// ---- units ------------------------------------------------------------------------------------------------

function unitRows() {
  const byUnit = new Map();
  for (const task of state.tasks) {
    const row = byUnit.get(task.unitId) ?? { unitId: task.unitId, overdue: 0, dueSoon: 0, assigned: 0 };
    if (task.status !== 'cancelled') row.assigned += 1;
    if (task.status === 'overdue') row.overdue += 1;
    if (task.status === 'due-soon') row.dueSoon += 1;
    byUnit.set(task.unitId, row);
  }
  return [...byUnit.values()].sort(
    (a, b) =>
      b.overdue - a.overdue ||
      b.dueSoon - a.dueSoon ||
      b.assigned - a.assigned ||
      unitName(a.unitId).localeCompare(unitName(b.unitId), 'vi'),
  );
}

function renderUnits() {
  const rows = unitRows();
  $('units-table').tBodies[0].replaceChildren(
    ...rows.map((r) =>
      h(
        'tr',
        { dataset: { unitId: r.unitId } },
        h('th', { scope: 'row', text: unitName(r.unitId) }),
        h('td', { class: `num${r.overdue > 0 ? ' overdue-n' : ''}`, text: r.overdue }),
        h('td', { class: 'num', text: r.dueSoon }),
        h('td', { class: 'num', text: r.assigned }),
      ),
    ),
  );
  const top = rows.slice(0, 10);
  chart('units', 'units-chart', {
    type: 'bar',
    data: {
      labels: top.map((r) => shorten(unitName(r.unitId), 28)),
      datasets: [
        { label: t('status_overdue'), data: top.map((r) => r.overdue), backgroundColor: cssVar('--overdue') },
        { label: t('status_due-soon'), data: top.map((r) => r.dueSoon), backgroundColor: cssVar('--due-soon') },
      ],
    },
    options: { indexAxis: 'y', scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } } },
  });
}

const shorten = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

// ---- agenda -----------------------------------------------------------------------------------------------

function agendaLabel(item) {
  if (item.kind === 'due') return t('agendaDue');
  if (item.kind === 'escalation') return t('agendaEscalation', { n: item.detail });
  return `${t('agendaReminder')} (${item.detail === 0 ? t('agendaReminderOnDay') : t('agendaReminderBefore', { n: item.detail })})`;
}

function renderAgenda() {
  const box = $('agenda');
  if (state.agenda.length === 0) {
    box.replaceChildren(h('p', { class: 'hint', text: `${t('agendaEmpty')} ${agendaEmptyText(state.tasks)}` }));
    return;
  }
  const byDay = new Map();
  for (const item of state.agenda) {
    const day = item.at.slice(0, 10); // instants carry +07:00, so this is the Vietnamese civil date
    byDay.set(day, [...(byDay.get(day) ?? []), item]);
  }
  box.replaceChildren(
    ...[...byDay.entries()].flatMap(([day, items]) => [
      h('h3', {}, h('time', { datetime: day, text: fmtDate(day) })),
      h(
        'ul',
        {},
        items.map((item) =>
          h(
            'li',
            {},
            h('span', { class: `kind ${item.kind}`, text: agendaLabel(item) }),
            h(
              'span',
              {},
              h('button', {
                type: 'button',
                class: 'link-button',
                text: `${item.taskRef}. ${shorten(item.title, 90)}`,
                onclick: () => openTask(item.workflowId),
              }),
              h('span', { class: 'hint', text: ` — ${unitName(item.unitId)}` }),
            ),
          ),
        ),
      ),
    ]),
  );
}

// ---- tasks ------------------------------------------------------------------------------------------------

function renderFilters() {
  const status = $('filter-status');
  const unit = $('filter-unit');
  const keepStatus = status.value;
  const keepUnit = unit.value;
  status.replaceChildren(
    h('option', { value: '', text: t('all') }),
    ...state.vocabulary.statuses.map((s) => h('option', { value: s, text: t(`status_${s}`) })),
  );
  const units = [...new Set(state.tasks.map((x) => x.unitId))].sort((a, b) =>
    unitName(a).localeCompare(unitName(b), 'vi'),
  );
  unit.replaceChildren(
    h('option', { value: '', text: t('all') }),
    ...units.map((u) => h('option', { value: u, text: unitName(u) })),
  );
  status.value = keepStatus;
  unit.value = units.includes(keepUnit) ? keepUnit : '';
}

function statusBadge(status) {
  return h('span', { class: 'badge', dataset: { status }, text: t(`status_${status}`) });
}

function renderTasks() {
  const status = $('filter-status').value;
  const unit = $('filter-unit').value;
  const shown = state.tasks.filter((x) => (!status || x.status === status) && (!unit || x.unitId === unit));
  $('tasks-shown').textContent = t('shown', { n: shown.length, total: state.tasks.length });
  $('tasks-table').tBodies[0].replaceChildren(
    ...shown.map((task) =>
      h(
        'tr',
        { dataset: { workflowId: task.workflowId } },
        h('td', { text: task.taskRef }),
        h(
          'td',
          {},
          h('button', {
            type: 'button',
            class: 'link-button',
            'aria-label': t('openTask', { ref: task.taskRef }),
            text: shorten(task.title, 160),
            onclick: () => openTask(task.workflowId),
          }),
        ),
        h('td', { text: unitName(task.unitId) }),
        h(
          'td',
          {},
          task.nextDue
            ? h('time', { datetime: task.nextDue, text: fmtDate(task.nextDue) })
            : h('span', { class: 'hint', text: dueText(task) }),
        ),
        h('td', { class: 'status', dataset: { status: task.status } }, statusBadge(task.status)),
      ),
    ),
  );
}

// ---- one task ---------------------------------------------------------------------------------------------

async function openTask(workflowId) {
  state.openTaskId = workflowId;
  const dialog = $('task-dialog');
  $('task-title').textContent = t('loading');
  $('task-body').replaceChildren();
  if (!dialog.open) dialog.showModal();
  await renderTask(workflowId);
}

async function renderTask(workflowId) {
  let task;
  let history;
  try {
    [task, history] = await Promise.all([api(`/tasks/${enc(workflowId)}`), api(`/tasks/${enc(workflowId)}/history`)]);
  } catch (err) {
    $('task-body').replaceChildren(h('p', { class: 'error', role: 'alert', text: err.message }));
    return;
  }
  if (state.openTaskId !== workflowId) return;
  $('task-title').textContent = `${task.taskRef}. ${task.title}`;
  const current = task.state?.current ?? null;
  const facts = h(
    'dl',
    { class: 'facts' },
    h('dt', { text: t('status') }),
    h('dd', { id: 'task-status', dataset: { status: task.status } }, statusBadge(task.status)),
    h('dt', { text: t('leadUnit') }),
    h('dd', { text: unitName(task.unitId) }),
    h('dt', { text: t('deadlineText') }),
    h('dd', { text: task.deadlineText || t('deadlineTextNone') }),
    h('dt', { text: t('due') }),
    h('dd', { text: dueText(task) }),
    h('dt', { text: t('progress') }),
    h('dd', {
      text: task.state?.progress ? `${task.state.progress.percent}% — ${task.state.progress.note}` : t('progressNone'),
    }),
  );
  const milestones = (task.state?.milestones ?? task.projection?.milestones ?? []).map((m) =>
    h(
      'li',
      {},
      `${m.label}: ${fmtDate(m.due)}`,
      m.extendedDue ? ` (${t('extendedTo')} ${fmtDate(m.extendedDue)}; ${t('originalDue')} ${fmtDate(m.due)})` : '',
    ),
  );
  const notes = [];
  if (current?.status === 'submitted') notes.push(h('p', { class: 'hint', text: t('submittedWaiting') }));
  if (current?.pendingExtension) {
    const pe = current.pendingExtension;
    notes.push(
      h('p', { class: 'hint', text: t('pendingExtension', { date: fmtDate(pe.requestedDue), reason: pe.reason }) }),
    );
  }
  const explanations = (task.state?.explanations ?? []).map(explanationEntry);
  $('task-body').replaceChildren(
    facts,
    ...notes,
    deadlineExplanation(task.explanation),
    explanations.length ? h('h3', { text: t('explanations') }) : '',
    explanations.length ? h('ul', { class: 'explanations', id: 'task-explanations' }, explanations) : '',
    milestones.length ? h('h3', { text: t('milestones') }) : '',
    milestones.length ? h('ul', {}, milestones) : '',
    h('h3', { text: t('actions') }),
    h('div', { class: 'actions', id: 'task-actions' }, actionForms(task)),
    h('p', { id: 'action-result', role: 'status' }),
    h('h3', { text: t('timeline') }),
    h('p', {
      class: history.chainBreaks.length ? 'error' : 'hint',
      text: history.chainBreaks.length ? t('chainBroken', { n: history.chainBreaks.length }) : t('chainOk'),
    }),
    h('ol', { class: 'timeline', id: 'task-timeline' }, [...history.events].reverse().map(timelineEntry)),
  );
}

/** One explanation request ("yêu cầu giải trình") and the unit's answer, or that it is awaited. */
function explanationEntry(x) {
  const asked = t('explanationAsked', {
    by: unitName(x.by),
    at: fmtDate(x.requestedAt.slice(0, 10)),
    dueBy: fmtDate(x.dueBy),
    reason: x.reason,
  });
  const answer = x.answer
    ? t(x.answer.onTime ? 'explanationAnswered' : 'explanationAnsweredLate', {
        at: fmtDate(x.answer.at.slice(0, 10)),
        text: x.answer.text,
      })
    : t('explanationAwaited');
  return h(
    'li',
    { dataset: { answered: String(Boolean(x.answer)) } },
    h('div', { text: asked }),
    h('div', { class: x.answer ? '' : 'hint', text: answer }),
  );
}

/** How the deadline text became dates (from the API, in Vietnamese); open when the reading needs review. */
function deadlineExplanation(e) {
  if (!e) return '';
  return h(
    'details',
    { class: 'explanation', id: 'task-explanation', open: !e.certain },
    h('summary', { text: t('howRead') }),
    h('p', { text: e.summary }),
    e.lines.length
      ? h(
          'ul',
          {},
          e.lines.map((l) => h('li', { text: l })),
        )
      : '',
    e.certain ? '' : h('p', { class: 'hint', text: t('needsReview') }),
  );
}

function timelineEntry(e) {
  const who = e.actor.kind === 'system' ? t('system') : `${e.actor.id} (${t(`role_${e.actor.role}`)})`;
  const d = e.data ?? {};
  const detail = [d.note, d.reason, d.percent !== undefined ? `${d.percent}%` : null, d.milestone?.label]
    .filter((x) => x !== undefined && x !== null && x !== '')
    .join(' · ');
  return h(
    'li',
    { dataset: { type: e.type } },
    h('strong', { text: t(`ev_${e.type}`) }),
    detail ? ` — ${detail}` : '',
    h('div', { class: 'meta' }, h('time', { datetime: e.at, text: fmtDateTime(e.at) }), ` · ${who} · #${e.seq}`),
    h('div', { class: 'hash', title: `prev ${e.prevHash}`, text: e.hash.slice(0, 16) }),
  );
}

/**
 * The forms of the actions the server says the caller may take on this task now (`allowedActions`, decided by
 * the workflow's own deciders); the dashboard does not re-decide permissions. Reassigning needs a unit picker
 * and stays with the CLI and the API.
 */
const ACTION_FORMS = [
  [
    'progress',
    (task) => [
      actionForm(task, 'progress', [numberField('percent', 0, 100), textField('note')], (f) => ({
        percent: Number(f.percent),
        note: f.note,
      })),
    ],
  ],
  [
    'submit',
    (task) => [
      actionForm(task, 'submit', [textField('note'), textField('evidence', 'url')], (f) => ({
        note: f.note,
        evidence: f.evidence ? [f.evidence] : [],
      })),
    ],
  ],
  [
    'request-extension',
    (task) => [
      actionForm(task, 'request-extension', [dateField('requestedDue'), textField('reason', 'text', true)], (f) => f),
    ],
  ],
  ['approve', (task) => [actionForm(task, 'approve', [textField('note')], (f) => ({ note: f.note }))]],
  [
    'reject',
    (task) => [
      actionForm(task, 'reject', [textField('reason', 'text', true)], (f) => ({ reason: f.reason }), 'danger'),
    ],
  ],
  [
    'decide-extension',
    (task) => [
      actionForm(
        task,
        'decide-extension',
        [dateField('newDue', task.state?.current?.pendingExtension?.requestedDue), textField('note')],
        (f) => ({ approve: true, newDue: f.newDue, note: f.note }),
        undefined,
        'act_grant',
      ),
      actionForm(
        task,
        'decide-extension',
        [textField('note')],
        (f) => ({ approve: false, note: f.note }),
        'danger',
        'act_deny',
      ),
    ],
  ],
  [
    'request-explanation',
    (task) => [
      actionForm(
        task,
        'request-explanation',
        [textField('reason', 'text', true), dateField('dueBy')],
        (f) => ({ reason: f.reason, dueBy: f.dueBy }),
        'danger',
      ),
    ],
  ],
  [
    'submit-explanation',
    (task) => [
      actionForm(task, 'submit-explanation', [textArea('explanationText'), textField('attachment', 'url')], (f) => ({
        text: f.explanationText,
        attachments: f.attachment ? [f.attachment] : [],
      })),
    ],
  ],
  ['remind', (task) => [actionForm(task, 'remind', [textField('note')], (f) => ({ note: f.note }))]],
  ['trigger', (task) => [actionForm(task, 'trigger', [dateField('occurredOn'), textField('note')], (f) => f)]],
  ['set-due-date', (task) => [actionForm(task, 'set-due-date', [dateField('due'), textField('note')], (f) => f)]],
  [
    'cancel',
    (task) => [
      actionForm(task, 'cancel', [textField('reason', 'text', true)], (f) => ({ reason: f.reason }), 'danger'),
    ],
  ],
];

function actionForms(task) {
  const allowed = new Set(task.allowedActions ?? []);
  const forms = ACTION_FORMS.filter(([action]) => allowed.has(action)).flatMap(([, build]) => build(task));
  return forms.length ? forms : [h('p', { class: 'hint', text: t('noActions') })];
}

let fieldSeq = 0;
function field(name, input, labelKey = name) {
  const id = `f${++fieldSeq}`;
  input.id = id;
  input.name = name;
  return h('div', { class: 'field' }, h('label', { for: id, text: t(labelKey) }), input);
}
const textField = (name, type = 'text', required = false) => field(name, h('input', { type, required }));
const numberField = (name, min, max) => field(name, h('input', { type: 'number', min, max, required: true }));
const dateField = (name, value) => field(name, h('input', { type: 'date', required: true, value }));
const textArea = (name) => field(name, h('textarea', { rows: 4, required: true }));

function actionForm(task, action, fields, toBody, variant, labelKey = `act_${action}`) {
  const button = h('button', { type: 'submit', class: variant, text: t(labelKey) });
  const form = h(
    'form',
    { dataset: { action: labelKey.replace(/^act_/, '') } },
    fields,
    h('div', { class: 'row' }, button),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    button.disabled = true;
    try {
      await api(`/tasks/${enc(task.workflowId)}/actions/${action}`, toBody(values));
      announce(t('done', { action: t(labelKey) }));
      // The task's own view is refreshed at once; the lists follow through the live stream.
      await renderTask(task.workflowId);
      $('action-result').textContent = t('done', { action: t(labelKey) });
    } catch (err) {
      $('action-result').textContent = t('failed', { message: err.message });
      button.disabled = false;
    }
  });
  return form;
}

// ---- live updates -----------------------------------------------------------------------------------------

let refreshTimer = null;
/** Events come in bursts (one action emits several); refresh once per burst, then once more for projection lag. */
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(async () => {
    await loadPlan().catch(() => undefined);
    refreshTimer = setTimeout(() => void loadPlan().catch(() => undefined), 1500);
  }, 300);
}

function connectLive() {
  state.events?.close();
  const url = `/events/stream?planId=${enc(state.planId)}&access_token=${enc(state.token)}`;
  const source = new EventSource(url);
  state.events = source;
  const indicator = $('live-indicator');
  indicator.hidden = false;
  source.onopen = () => {
    indicator.textContent = t('live');
    indicator.classList.remove('off');
  };
  source.onerror = () => {
    indicator.textContent = t('liveOff');
    indicator.classList.add('off');
  };
  const onEvent = (msg) => {
    let event;
    try {
      event = JSON.parse(msg.data);
    } catch {
      return;
    }
    announce(t('liveUpdate', { ref: event.metadata.taskRef, event: t(`ev_${event.type}`) }));
    scheduleRefresh();
    if (state.openTaskId === event.metadata.workflowId && $('task-dialog').open) void renderTask(state.openTaskId);
  };
  // Named SSE events (event: <Type>) do not reach onmessage, so listen to each type.
  for (const type of state.vocabulary.eventTypes) source.addEventListener(type, onEvent);
}

// ---- wiring -----------------------------------------------------------------------------------------------

function applyLang() {
  translatePage();
  const toggle = $('lang-toggle');
  toggle.textContent = t('langToggle');
  toggle.lang = currentLang() === 'vi' ? 'en' : 'vi';
  toggle.setAttribute('aria-label', t('langToggleLabel'));
  renderSession();
  if (state.plan) renderAll();
  if (state.openTaskId && $('task-dialog').open) void renderTask(state.openTaskId);
}

$('lang-toggle').addEventListener('click', () => {
  setLang(currentLang() === 'vi' ? 'en' : 'vi');
  applyLang();
});
$('token-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  state.token = $('token-input').value.trim();
  $('token-input').value = '';
  localStorage.setItem(TOKEN_KEY, state.token);
  void start();
});
$('token-forget').addEventListener('click', () => {
  localStorage.removeItem(TOKEN_KEY);
  state.token = '';
  state.session = null;
  $('session').textContent = '';
  void start();
});
$('plan-select').addEventListener('change', (ev) => {
  state.planId = ev.target.value;
  localStorage.setItem(PLAN_KEY, state.planId);
  void loadPlan().then(connectLive);
});
$('filter-status').addEventListener('change', renderTasks);
$('filter-unit').addEventListener('change', renderTasks);
$('task-close').addEventListener('click', () => $('task-dialog').close());
$('task-dialog').addEventListener('close', () => {
  state.openTaskId = null;
});

takeTokenFromUrl();
setLang(currentLang());
applyLang();
void start();
