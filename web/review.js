/* global document, localStorage, fetch */
// Import a plan file, review what was read, correct cells, adopt the units the directory lacks, then save and start:
// the dashboard side of `dondoc import FILE --review` and `dondoc units adopt`. Its own module and section, so
// web/app.js stays as it is.
import { KINDS } from './units.js';

const TOKEN_KEY = 'dondoc.token';
// Which of the review sheet's columns fit on screen; their labels and which are editable come from the server
// (REVIEW_COLUMNS in domain/plans/review.ts), with every response.
const SHOWN = ['ref', 'title', 'lead', 'lead_resolved', 'support', 'deadline', 'status', 'reading', 'due', 'flags'];

const $ = (id) => document.getElementById(id);
const state = { planId: null, rows: [], columns: [], proposals: [] };
const editable = () => state.columns.filter((c) => c.editable).map((c) => c.key);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

async function call(method, url, body, type = 'application/json') {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${localStorage.getItem(TOKEN_KEY) ?? ''}`, 'content-type': type },
    body: type === 'application/json' && body !== undefined ? JSON.stringify(body) : body,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.message ?? `${res.status}`);
  return json;
}

function status(text, error = false) {
  const s = $('review-status');
  s.textContent = text;
  s.className = error ? 'error' : 'hint';
}

function render({ rows, columns }) {
  state.rows = rows.map((r) => ({ ...r }));
  state.columns = columns;
  const shown = SHOWN.map((key) => columns.find((c) => c.key === key)).filter(Boolean);
  const table = $('review-table');
  table.replaceChildren();
  table.append(el('thead', {}, el('tr', {}, ...shown.map((c) => el('th', { scope: 'col' }, c.label)))));
  const body = el('tbody');
  state.rows.forEach((row, i) => {
    const tr = el('tr', { 'data-ref': row.ref, class: row.flags ? 'flagged' : '' });
    for (const { key, editable: canEdit } of shown) {
      const td = el('td', { 'data-key': key }, row[key] ?? '');
      if (canEdit) {
        td.setAttribute('contenteditable', 'true');
        td.addEventListener('input', () => {
          state.rows[i][key] = td.textContent ?? '';
        });
      }
      tr.append(td);
    }
    body.append(tr);
  });
  table.append(body);
  const flagged = state.rows.filter((r) => r.flags).length;
  $('review-summary').textContent = `${state.rows.length} nhiệm vụ / tasks, ${flagged} cần xem / flagged`;
  $('review-start').disabled = false;
}

// ---- Adopting the units the directory lacks (GET/POST /plans/:planId/adopt) ---------------------------------------

function adoptStatus(text, error = false) {
  const s = $('adopt-status');
  s.textContent = text;
  s.className = error ? 'error' : 'hint';
}

/** Fills the directory picker; the plan's own directory (if any) is chosen. */
async function loadAdoptDirectories(current) {
  const { directories } = await call('GET', '/directories');
  const select = $('adopt-directory');
  select.replaceChildren(
    el('option', { value: '' }, '—'),
    ...directories.map((d) => el('option', { value: d.id }, `${d.name} (${d.id})`)),
  );
  select.value = current ?? '';
}

function kindSelect(value) {
  const select = el('select', { 'data-key': 'kind' });
  for (const [k, [vi]] of Object.entries(KINDS)) select.append(el('option', { value: k }, vi));
  select.value = value;
  return select;
}

function renderProposals(out) {
  state.proposals = out.proposals;
  const body = $('adopt-table').querySelector('tbody');
  body.replaceChildren(
    ...out.proposals.map((p, i) => {
      const input = (key, value) => el('input', { 'data-key': key, value: value ?? '', size: key === 'id' ? 24 : 18 });
      return el(
        'tr',
        { 'data-index': i },
        el(
          'td',
          {},
          el('input', { type: 'checkbox', 'data-key': 'accept', checked: 'checked', 'aria-label': p.mention }),
        ),
        el('td', {}, p.mention),
        el('td', {}, input('name', p.unit.name)),
        el('td', {}, input('id', p.unit.id)),
        el('td', {}, kindSelect(p.unit.kind)),
        el('td', {}, input('parentId', p.unit.parentId)),
        el('td', {}, input('headTitle', p.unit.headTitle)),
        el('td', {}, p.refs.join(', ')),
      );
    }),
  );
  $('adopt-summary').textContent =
    `${out.unresolved} cách gọi chưa khớp danh bạ ${out.directory} / mentions not in the directory; ` +
    `${out.proposals.length} đề xuất / proposals` +
    (out.leftOut.length ? `; không phải cơ quan / not a body: ${out.leftOut.join('; ')}` : '');
  $('adopt-accept').disabled = out.proposals.length === 0 || out.started;
}

/** Shows the adopt box when the plan has mentions its directory does not know; hides it when there are none. */
async function showAdopt(directory) {
  const box = $('adopt-box');
  if (!box || !state.planId) return;
  const q = directory ? `?directory=${encodeURIComponent(directory)}` : '';
  try {
    const out = await call('GET', `/plans/${encodeURIComponent(state.planId)}/adopt${q}`);
    await loadAdoptDirectories(out.directory);
    renderProposals(out);
    box.hidden = out.proposals.length === 0;
    adoptStatus('');
  } catch (err) {
    // No directory yet: the person picks one, and the proposals follow.
    await loadAdoptDirectories(directory ?? null);
    renderProposals({ directory: '', unresolved: 0, proposals: [], leftOut: [], started: false });
    box.hidden = false;
    adoptStatus(err.message, true);
  }
}

async function adopt() {
  const directory = $('adopt-directory').value;
  const accepted = [...$('adopt-table').querySelectorAll('tbody tr')].flatMap((tr) => {
    if (!tr.querySelector('[data-key="accept"]').checked) return [];
    const p = state.proposals[Number(tr.dataset.index)];
    const value = (key) => tr.querySelector(`[data-key="${key}"]`).value.trim();
    const unit = {
      ...p.unit,
      name: value('name'),
      id: value('id'),
      kind: value('kind'),
      headTitle: value('headTitle'),
    };
    unit.parentId = value('parentId') || null;
    return [{ mention: p.mention, unit }];
  });
  if (accepted.length === 0) return adoptStatus('Chưa nhận đề xuất nào / nothing accepted', true);
  $('adopt-accept').disabled = true;
  try {
    const out = await call('POST', `/plans/${encodeURIComponent(state.planId)}/adopt`, {
      directory,
      proposals: accepted,
    });
    render(await call('GET', `/plans/${encodeURIComponent(state.planId)}/review`));
    await showAdopt(out.directory);
    $('adopt-box').hidden = false;
    adoptStatus(
      `${out.added.length} đơn vị đã thêm vào ${out.directory} / units added; ` +
        `${out.unresolvedLeads} nhiệm vụ còn đơn vị chủ trì chưa rõ / tasks with an unresolved lead`,
    );
  } catch (err) {
    adoptStatus(err.message, true);
    $('adopt-accept').disabled = false;
  }
}

async function upload() {
  const file = $('review-file').files?.[0];
  if (!file) return status('Chọn tệp / choose a file', true);
  status(`Đang đọc / reading ${file.name}…`);
  try {
    const out = await call(
      'POST',
      `/plans/upload?fileName=${encodeURIComponent(file.name)}`,
      file,
      file.type && !file.type.startsWith('text/') ? file.type : 'application/octet-stream',
    );
    state.planId = out.planId;
    render(out);
    status(`${out.planId}: ${out.review.plan.title} (${out.review.plan.layout})`);
    await showAdopt(null);
  } catch (err) {
    status(err.message, true);
  }
}

async function saveAndStart() {
  if (!state.planId) return;
  $('review-start').disabled = true;
  try {
    const rows = state.rows.map((r) => Object.fromEntries(editable().map((k) => [k, r[k] ?? ''])));
    const saved = await call('PUT', `/plans/${state.planId}/review`, { rows });
    render(saved);
    const started = await call('POST', `/plans/${state.planId}/start`, {});
    status(`${started.planId}: ${started.assignments} / ${started.started} đã bắt đầu / started`);
  } catch (err) {
    status(err.message, true);
    $('review-start').disabled = false;
  }
}

$('review-upload')?.addEventListener('click', () => void upload());
$('review-start')?.addEventListener('click', () => void saveAndStart());
$('adopt-accept')?.addEventListener('click', () => void adopt());
$('adopt-directory')?.addEventListener('change', (ev) => void showAdopt(ev.currentTarget.value || null));
