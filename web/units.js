/* global document, localStorage, fetch, FormData, URL, URLSearchParams, setTimeout */
// The unit directory page ("Đơn vị"): find a unit, view its record and history, and, for monitors and admins, add,
// rename, merge and retire units, edit heads and contacts, export and upload the directory file. Before a rename,
// merge or retirement it says which running assignments point at the unit. Talks only to /directories (the same
// routes the CLI's edits go through); every value from the API is rendered as text.
import { currentLang } from './i18n.js';

const WORDS = {
  vi: {
    directory: 'Danh bạ đơn vị',
    dirLabel: 'Danh bạ',
    search: 'Tìm đơn vị (tên, mã, tên gọi khác, người đứng đầu)',
    find: 'Tìm',
    kindAll: 'Mọi loại',
    found: '{n} đơn vị',
    foundSome: '{shown}/{n} đơn vị (thu hẹp tìm kiếm để thấy thêm)',
    id: 'Mã',
    name: 'Tên',
    kind: 'Loại',
    head: 'Người đứng đầu',
    parent: 'Trực thuộc',
    supervisor: 'Cấp trên xử lý',
    contacts: 'Liên hệ',
    aliases: 'Tên gọi khác',
    validity: 'Hiệu lực',
    code: 'Mã hành chính',
    open: 'Xem',
    openAssignments: 'Nhiệm vụ đang chạy trỏ đến đơn vị',
    none: '—',
    history: 'Lịch sử thay đổi',
    noHistory: 'Chưa có thay đổi nào được ghi (danh bạ đi kèm, chưa sửa).',
    chainOk: 'Chuỗi băm còn nguyên ({n} thay đổi).',
    chainBroken: 'Chuỗi băm bị hỏng tại #{seq}: {problem}',
    rename: 'Đổi tên',
    newName: 'Tên mới',
    newHeadTitle: 'Chức danh người đứng đầu (tuỳ chọn)',
    merge: 'Sáp nhập vào đơn vị khác',
    into: 'Sáp nhập vào (mã đơn vị)',
    lastDay: 'Ngày cuối hoạt động',
    retire: 'Giải thể / ngừng hoạt động',
    headEdit: 'Người đứng đầu',
    headTitle: 'Chức danh',
    headName: 'Họ tên',
    headPhone: 'Điện thoại',
    save: 'Lưu',
    contactsEdit: 'Địa chỉ nhận nhắc việc',
    emails: 'E-mail (cách nhau bởi dấu phẩy)',
    webhooks: 'Webhook (mỗi dòng: URL và mã bí mật; để URL cũ thì giữ mã cũ)',
    add: 'Thêm đơn vị',
    parentId: 'Trực thuộc (mã đơn vị)',
    aliasesInput: 'Tên gọi khác (cách nhau bởi dấu chấm phẩy)',
    files: 'Tệp danh bạ',
    export: 'Tải về',
    upload: 'Nạp tệp danh bạ',
    uploaded: 'Đã nạp {name}: {units} đơn vị (thay đổi #{seq})',
    confirm: 'Xác nhận',
    cancel: 'Thôi',
    affects: 'Trước khi {what}: {summary}',
    affectsNone: 'không có nhiệm vụ đang chạy nào trỏ đến {units}.',
    affectsSome: '{n} nhiệm vụ đang chạy của {p} kế hoạch trỏ đến {units}: {list}.',
    affectsKeep: ' Mã đơn vị không đổi: các nhiệm vụ vẫn chạy, nhắc việc và báo cáo vượt cấp vẫn đến đúng nơi.',
    done: '#{seq} {description} — {summary}',
    readOnly: 'Mã truy cập của đơn vị: chỉ xem hồ sơ của chính đơn vị mình.',
    loading: 'Đang tải…',
  },
  en: {
    directory: 'Unit directory',
    dirLabel: 'Directory',
    search: 'Find a unit (name, id, alias, head)',
    find: 'Find',
    kindAll: 'All kinds',
    found: '{n} units',
    foundSome: '{shown} of {n} units (narrow the search to see more)',
    id: 'Id',
    name: 'Name',
    kind: 'Kind',
    head: 'Head',
    parent: 'Part of',
    supervisor: 'Escalates to',
    contacts: 'Contacts',
    aliases: 'Also called',
    validity: 'Valid',
    code: 'Official code',
    open: 'View',
    openAssignments: 'Running assignments pointing at the unit',
    none: '—',
    history: 'History',
    noHistory: 'No change recorded yet (the shipped directory, never edited).',
    chainOk: 'Hash chain intact ({n} changes).',
    chainBroken: 'Hash chain broken at #{seq}: {problem}',
    rename: 'Rename',
    newName: 'New name',
    newHeadTitle: 'Head title (optional)',
    merge: 'Merge into another unit',
    into: 'Merge into (unit id)',
    lastDay: 'Last day',
    retire: 'Retire',
    headEdit: 'Head',
    headTitle: 'Title',
    headName: 'Name',
    headPhone: 'Phone',
    save: 'Save',
    contactsEdit: 'Where reminders go',
    emails: 'E-mails (comma separated)',
    webhooks: 'Webhooks (one a line: URL and secret; an unchanged URL keeps its secret)',
    add: 'Add a unit',
    parentId: 'Part of (unit id)',
    aliasesInput: 'Also called (separated by semicolons)',
    files: 'Directory file',
    export: 'Download',
    upload: 'Load a directory file',
    uploaded: 'Loaded {name}: {units} units (change #{seq})',
    confirm: 'Confirm',
    cancel: 'Cancel',
    affects: 'Before you {what}: {summary}',
    affectsNone: 'no running assignment points at {units}.',
    affectsSome: '{n} running assignments of {p} plans point at {units}: {list}.',
    affectsKeep: ' Unit ids do not change: the assignments keep running and reminders and escalations still arrive.',
    done: '#{seq} {description} — {summary}',
    readOnly: "A unit's token: its own record, read only.",
    loading: 'Loading…',
  },
};

/** The kinds of unit (domain/units/unit.ts UnitKindSchema) and how the page names them. */
export const KINDS = {
  ubnd: ['UBND tỉnh/thành phố', "People's committee"],
  so: ['Sở, ban, ngành', 'Department'],
  'quan-huyen': ['Quận, huyện (đến 30/6/2025)', 'District (until 30/6/2025)'],
  'phuong-xa': ['Xã, phường, đặc khu', 'Commune, ward'],
  phong: ['Phòng', 'Division'],
  'ban-chi-dao': ['Ban chỉ đạo', 'Steering committee'],
  'don-vi-su-nghiep': ['Đơn vị sự nghiệp', 'Public service unit'],
  'nganh-doc': ['Cơ quan ngành dọc', 'Line agency'],
  'doan-the': ['Mặt trận, đoàn thể', 'Mass organisation'],
  'co-quan-dang': ['Cơ quan Đảng', 'Party body'],
  hdnd: ['HĐND', "People's council"],
  bo: ['Bộ, cơ quan ngang bộ', 'Ministry'],
  'vu-cuc': ['Vụ, cục', 'Department of a ministry'],
  other: ['Khác', 'Other'],
};

const $ = (id) => document.getElementById(id);
const w = (key, vars = {}) =>
  (WORDS[currentLang()][key] ?? WORDS.vi[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
const kindName = (k) => (KINDS[k] ?? [k, k])[currentLang() === 'en' ? 1 : 0];
const token = () => localStorage.getItem('dondoc.token') ?? '';
const enc = encodeURIComponent;

const state = {
  role: null,
  ownUnit: null,
  directory: '',
  units: new Map(),
  names: new Map(),
  unit: null,
  pending: null,
};
const canEdit = () => state.role === 'admin' || state.role === 'monitor';

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === undefined || v === null) continue;
    node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

async function api(method, url, body, type = 'application/json') {
  const res = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token()}`,
      ...(body !== undefined ? { 'content-type': type } : {}),
    },
    body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.message ?? `${res.status} ${res.statusText}`);
  return json;
}

function say(text, error = false) {
  const s = $('dir-status');
  s.textContent = text;
  s.className = error ? 'error' : 'hint';
}

/** Runs an action and shows its error instead of throwing. */
const guarded = (f) => async (ev) => {
  ev?.preventDefault?.();
  try {
    await f(ev);
  } catch (err) {
    say(err.message, true);
  }
};

function translate() {
  for (const node of document.querySelectorAll('[data-d18n]')) node.textContent = w(node.dataset.d18n);
  for (const node of document.querySelectorAll('[data-d18n-label]'))
    node.setAttribute('aria-label', w(node.dataset.d18nLabel));
  const kind = $('dir-kind');
  const add = $('dir-add-kind');
  for (const select of [kind, add]) {
    if (!select) continue;
    const chosen = select.value;
    select.replaceChildren(
      ...(select === kind ? [el('option', { value: '' }, w('kindAll'))] : []),
      ...Object.keys(KINDS).map((k) => el('option', { value: k }, kindName(k))),
    );
    select.value = chosen || (select === add ? 'so' : '');
  }
  if (state.unit) renderUnit(state.unit);
}

// ---- Finding units ----------------------------------------------------------------------------------------------

async function loadDirectories() {
  const { directories } = await api('GET', '/directories');
  const select = $('dir-select');
  let ids = directories.map((d) => d.id);
  if (state.role === 'unit') {
    // A unit token sees the directory that holds its own unit.
    const holding = [];
    for (const id of ids) {
      const found = await api('GET', `/directories/${enc(id)}/units?limit=1`).catch(() => ({ total: 0 }));
      if (found.total > 0) holding.push(id);
    }
    ids = holding;
  }
  select.replaceChildren(
    ...directories
      .filter((d) => ids.includes(d.id))
      .map((d) => el('option', { value: d.id }, `${d.name} (${d.id}, ${d.units})`)),
  );
  const remembered = localStorage.getItem('dondoc.directory');
  if (remembered && ids.includes(remembered)) select.value = remembered;
  state.directory = select.value;
}

/** Switches to another directory: a new search, no unit open. */
function chooseDirectory(id) {
  $('dir-select').value = id;
  state.directory = id;
  localStorage.setItem('dondoc.directory', id);
  $('dir-q').value = '';
  $('dir-kind').value = '';
  $('dir-unit').hidden = true;
  state.unit = null;
  state.names.clear();
}

async function search() {
  if (!state.directory) return;
  const q = new URLSearchParams({ limit: '200' });
  const text = $('dir-q').value.trim();
  if (text) q.set('q', text);
  if ($('dir-kind').value) q.set('kind', $('dir-kind').value);
  const { total, units } = await api('GET', `/directories/${enc(state.directory)}/units?${q}`);
  state.units = new Map(units.map((u) => [u.id, u]));
  const body = $('dir-table').querySelector('tbody');
  body.replaceChildren(
    ...units.map((u) =>
      el(
        'tr',
        { 'data-unit-id': u.id, class: u.validTo ? 'retired' : false },
        el('td', {}, el('button', { type: 'button', class: 'link-button', 'data-open': u.id }, u.name)),
        el('td', { class: 'hash' }, u.id),
        el('td', {}, kindName(u.kind)),
        el('td', {}, [u.headTitle, u.headName].filter(Boolean).join(' — ')),
        el('td', {}, u.validTo ? `→ ${u.validTo}${u.mergedInto ? ` (${u.mergedInto})` : ''}` : ''),
      ),
    ),
  );
  $('dir-unit-ids').replaceChildren(...units.map((u) => el('option', { value: u.id }, u.name)));
  $('dir-found').textContent =
    units.length < total ? w('foundSome', { shown: units.length, n: total }) : w('found', { n: total });
  if (state.role === 'unit' && units[0]) await openUnit(units[0].id);
}

// ---- One unit ---------------------------------------------------------------------------------------------------

async function openUnit(unitId) {
  const [detail, hist] = await Promise.all([
    api('GET', `/directories/${enc(state.directory)}/units/${enc(unitId)}`),
    api('GET', `/directories/${enc(state.directory)}/units/${enc(unitId)}/history`),
  ]);
  // The names of the units it points at, when the search did not list them (a unit token reads only its own).
  const linked = [detail.unit.parentId, detail.unit.supervisorId, detail.unit.mergedInto].filter(
    (id) => id && !state.units.has(id) && !state.names.has(id),
  );
  if (canEdit())
    for (const id of new Set(linked)) {
      const other = await api('GET', `/directories/${enc(state.directory)}/units/${enc(id)}`).catch(() => null);
      if (other) state.names.set(id, other.unit.name);
    }
  state.unit = { ...detail, history: hist.history, chain: hist.chain };
  state.pending = null;
  renderUnit(state.unit);
  $('dir-unit').hidden = false;
  $('dir-unit-name').focus();
}

const contactsText = (c) =>
  c ? [...(c.emails ?? []), ...(c.webhooks ?? []).map((h) => h.url)].join(', ') || w('none') : w('none');

function fact(key, value) {
  return [el('dt', {}, w(key)), el('dd', { 'data-field': key }, value || w('none'))];
}

function field(label, input) {
  return el('label', { class: 'field' }, el('span', {}, label), input);
}

function actionForm(name, title, fields, submitLabel) {
  return el(
    'form',
    { 'data-action': name, autocomplete: 'off' },
    el('h4', {}, title),
    ...fields,
    el('div', { class: 'row' }, el('button', { type: 'submit' }, submitLabel)),
  );
}

function renderUnit({ unit, openAssignments, history, chain }) {
  const name = (id) => (id ? `${state.units.get(id)?.name ?? state.names.get(id) ?? id} (${id})` : '');
  $('dir-unit-name').textContent = unit.name;
  $('dir-unit-facts').replaceChildren(
    ...fact('id', unit.id),
    ...fact('kind', kindName(unit.kind)),
    ...(unit.code ? fact('code', unit.code) : []),
    ...fact('parent', name(unit.parentId)),
    ...fact('supervisor', name(unit.supervisorId)),
    ...fact('head', [unit.headTitle, unit.headName, unit.headPhone].filter(Boolean).join(' — ')),
    ...fact('contacts', contactsText(unit.channels)),
    ...fact('aliases', (unit.aliases ?? []).join('; ')),
    ...fact(
      'validity',
      [unit.validFrom ?? '', unit.validTo ?? ''].some(Boolean)
        ? `${unit.validFrom ?? '…'} → ${unit.validTo ?? '…'}${unit.mergedInto ? ` (${unit.mergedInto})` : ''}`
        : '',
    ),
    ...fact('openAssignments', String(openAssignments.length)),
  );
  $('dir-unit-open').replaceChildren(
    ...openAssignments.map((a) => el('li', {}, `${a.planId} · ${a.taskRef}: ${a.title} (${a.status})`)),
  );
  $('dir-history').replaceChildren(
    ...history.map((h) =>
      el(
        'li',
        { 'data-seq': h.seq, 'data-type': h.change.type },
        el('div', {}, h.description),
        el('div', { class: 'meta' }, `#${h.seq} · ${h.at} · ${h.actor}`),
      ),
    ),
  );
  $('dir-history-note').textContent =
    history.length === 0
      ? w('noHistory')
      : chain.ok
        ? w('chainOk', { n: history.length })
        : w('chainBroken', { seq: chain.seq, problem: chain.problem });
  renderActions(unit);
}

function renderActions(unit) {
  const box = $('dir-unit-actions');
  box.replaceChildren();
  $('dir-readonly').hidden = canEdit();
  if (!canEdit()) return;
  const input = (name, attrs = {}) => el('input', { name, ...attrs });
  const webhooks = (unit.channels?.webhooks ?? []).map((h) => h.url).join('\n');
  box.append(
    actionForm(
      'rename',
      w('rename'),
      [
        field(w('newName'), input('name', { required: true, value: unit.name })),
        field(w('newHeadTitle'), input('headTitle')),
      ],
      w('rename'),
    ),
    actionForm(
      'head',
      w('headEdit'),
      [
        field(w('headTitle'), input('headTitle', { value: unit.headTitle })),
        field(w('headName'), input('headName', { value: unit.headName ?? '' })),
        field(w('headPhone'), input('headPhone', { value: unit.headPhone ?? '', type: 'tel' })),
      ],
      w('save'),
    ),
    actionForm(
      'contacts',
      w('contactsEdit'),
      [
        field(w('emails'), input('emails', { value: (unit.channels?.emails ?? []).join(', ') })),
        field(w('webhooks'), el('textarea', { name: 'webhooks', rows: 2 }, webhooks)),
      ],
      w('save'),
    ),
    actionForm(
      'merge',
      w('merge'),
      [
        field(w('into'), input('into', { required: true, list: 'dir-unit-ids' })),
        field(w('lastDay'), input('lastDay', { type: 'date' })),
      ],
      w('merge'),
    ),
    actionForm('retire', w('retire'), [field(w('lastDay'), input('lastDay', { type: 'date' }))], w('retire')),
  );
  for (const form of box.querySelectorAll('form'))
    form.addEventListener(
      'submit',
      guarded(() => onAction(form)),
    );
}

/** What a rename, merge or retirement would touch, from the open assignments the API lists for the unit. */
function affectsText(what, unit, open) {
  const units = `${unit.name} (${unit.id})`;
  const plans = new Set(open.map((a) => a.planId));
  const summary =
    open.length === 0
      ? w('affectsNone', { units })
      : w('affectsSome', {
          n: open.length,
          p: plans.size,
          units,
          list: open.map((a) => `${a.planId} · ${a.taskRef}`).join(', '),
        }) + w('affectsKeep');
  return w('affects', { what: what.toLowerCase(), summary });
}

const dir = () => `/directories/${enc(state.directory)}`;

/** Sends an edit; a rename, merge or retirement first shows what it affects and waits for a confirmation. */
async function onAction(form) {
  const unit = state.unit.unit;
  const data = Object.fromEntries(new FormData(form).entries());
  const trimmed = (k) => (typeof data[k] === 'string' ? data[k].trim() : '');
  const day = trimmed('lastDay') ? { lastDay: trimmed('lastDay') } : {};
  const uid = enc(unit.id);
  let run;
  switch (form.dataset.action) {
    case 'rename':
      run = () =>
        api('POST', `${dir()}/units/${uid}/rename`, {
          name: trimmed('name'),
          ...(trimmed('headTitle') ? { headTitle: trimmed('headTitle') } : {}),
        });
      break;
    case 'merge':
      run = () => api('POST', `${dir()}/merge`, { into: trimmed('into'), from: [unit.id], ...day });
      break;
    case 'retire':
      run = () => api('POST', `${dir()}/units/${uid}/retire`, day);
      break;
    case 'head': {
      const body = {};
      for (const k of ['headTitle', 'headName', 'headPhone']) if (trimmed(k)) body[k] = trimmed(k);
      return finish(await api('PUT', `${dir()}/units/${uid}/head`, body));
    }
    case 'contacts': {
      const old = new Map((unit.channels?.webhooks ?? []).map((h) => [h.url, h.secret]));
      const emails = trimmed('emails')
        .split(/[,;\s]+/)
        .filter(Boolean);
      const webhooks = trimmed('webhooks')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((line) => {
          const [url, secret] = line.split(/\s+/);
          return { url, secret: secret ?? old.get(url) ?? '' };
        });
      return finish(await api('PUT', `${dir()}/units/${uid}/channels`, { emails, webhooks }));
    }
    default:
      return;
  }
  // Ask first: the open assignments are read fresh, the change is sent only on confirmation.
  const fresh = await api('GET', `${dir()}/units/${uid}`);
  state.pending = run;
  $('dir-affects-text').textContent = affectsText(
    form.querySelector('h4').textContent,
    fresh.unit,
    fresh.openAssignments,
  );
  $('dir-affects').hidden = false;
  $('dir-confirm').focus();
}

async function confirmPending() {
  const run = state.pending;
  state.pending = null;
  $('dir-affects').hidden = true;
  if (run) await finish(await run());
}

async function finish(out) {
  const id = state.unit.unit.id;
  state.names.clear();
  await search();
  await openUnit(id);
  say(w('done', { seq: out.seq, description: out.description, summary: out.affects?.summary ?? '' }));
}

// ---- Adding, files ------------------------------------------------------------------------------------------------

async function addUnit(ev) {
  const form = ev.currentTarget;
  const data = Object.fromEntries(new FormData(form).entries());
  const body = {
    id: data.id.trim(),
    name: data.name.trim(),
    kind: data.kind,
    aliases: data.aliases
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean),
  };
  if (data.parentId.trim()) body.parentId = data.parentId.trim();
  if (data.headTitle.trim()) body.headTitle = data.headTitle.trim();
  const out = await api('POST', `${dir()}/units`, body);
  form.reset();
  $('dir-q').value = body.id;
  await search();
  await openUnit(body.id);
  say(w('done', { seq: out.seq, description: out.description, summary: '' }));
}

async function download(format) {
  const res = await fetch(`${dir()}/export?format=${format}`, { headers: { authorization: `Bearer ${token()}` } });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw new Error(body.message ?? res.statusText);
  }
  const name =
    /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `${state.directory}.${format}`;
  const url = URL.createObjectURL(await res.blob());
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function upload() {
  const file = $('dir-upload-file').files?.[0];
  if (!file) return;
  const out = await api('POST', `/directories/upload?fileName=${enc(file.name)}`, file, 'application/octet-stream');
  await loadDirectories();
  chooseDirectory(out.directory);
  await search();
  say(w('uploaded', { name: file.name, units: out.units, seq: out.seq }));
}

// ---- Start --------------------------------------------------------------------------------------------------------

async function init() {
  if (!$('directory-section')) return;
  translate();
  $('lang-toggle')?.addEventListener('click', () => setTimeout(translate, 0));
  if (!token()) return;
  const res = await fetch('/dashboard/session', { headers: { authorization: `Bearer ${token()}` } });
  if (!res.ok) return;
  const session = await res.json();
  state.role = session.role;
  state.ownUnit = session.unitId;
  for (const id of ['dir-add-box', 'dir-files']) $(id).hidden = !canEdit();
  $('dir-readonly').hidden = canEdit();
  $('dir-search-form').addEventListener('submit', guarded(search));
  $('dir-kind').addEventListener('change', guarded(search));
  $('dir-select').addEventListener(
    'change',
    guarded(async () => {
      chooseDirectory($('dir-select').value);
      await search();
    }),
  );
  $('dir-table').addEventListener(
    'click',
    guarded(async (ev) => {
      const id = ev.target?.closest?.('[data-open]')?.dataset.open;
      if (id) await openUnit(id);
    }),
  );
  $('dir-confirm').addEventListener('click', guarded(confirmPending));
  $('dir-cancel').addEventListener('click', () => {
    state.pending = null;
    $('dir-affects').hidden = true;
  });
  $('dir-add').addEventListener('submit', guarded(addUnit));
  for (const b of document.querySelectorAll('[data-export]'))
    b.addEventListener(
      'click',
      guarded(() => download(b.dataset.export)),
    );
  $('dir-upload').addEventListener('click', guarded(upload));
  try {
    await loadDirectories();
    await search();
  } catch (err) {
    say(err.message, true);
  }
}

void init();
