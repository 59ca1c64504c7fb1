/* global document, localStorage, fetch */
// Import a plan file, review what was read, correct cells, then save and start: the dashboard side of
// `dondoc import FILE --review`. Its own module and section, so web/app.js stays as it is.

const TOKEN_KEY = 'dondoc.token';
// Which of the review sheet's columns fit on screen; their labels and which are editable come from the server
// (REVIEW_COLUMNS in domain/plans/review.ts), with every response.
const SHOWN = ['ref', 'title', 'lead', 'lead_resolved', 'support', 'deadline', 'status', 'reading', 'due', 'flags'];

const $ = (id) => document.getElementById(id);
const state = { planId: null, rows: [], columns: [] };
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
