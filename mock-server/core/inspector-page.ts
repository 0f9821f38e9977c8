// The inspector page at /__admin/: what is loaded, a scenario switcher, reset,
// the quirks, the fault rules and a live request journal, all through the
// control API. One self-contained HTML string: inline CSS and vanilla JS, no
// external assets (the machine running the mock is often offline).
//
// Every value from the API reaches the DOM through textContent or an attribute,
// never innerHTML. The strings below are String.raw templates without `${`, so
// what is written here is exactly what the browser gets.

const STYLE = String.raw`
:root {
  --bg: #f6f7f9; --panel: #fff; --ink: #1d232b; --muted: #5c6672; --line: #dde1e6;
  --accent: #2457c5; --ok: #17663a; --ok-bg: #e3f4e9; --warn: #8a4b00; --warn-bg: #fdf0dc;
  --bad: #a4161a; --bad-bg: #fde4e4; --info-bg: #e8eefb;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; }
header { background: #1d2a3a; color: #fff; padding: 12px 20px; display: flex; flex-wrap: wrap; gap: 8px 32px; align-items: flex-start; }
header .title { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: #aab8c8; margin: 0 0 2px; }
header h1 { font-size: 20px; margin: 0; font-weight: 600; overflow-wrap: anywhere; }
header .scenario { flex: 1 1 420px; min-width: 0; }
header .description { margin: 4px 0 0; color: #d6dee8; max-width: 90ch; }
header .expects { margin: 4px 0 0; color: #aab8c8; font-size: 12px; }
header dl { display: grid; grid-template-columns: auto auto; gap: 2px 12px; margin: 0; font-size: 13px; }
header dt { color: #aab8c8; }
header dd { margin: 0; font-variant-numeric: tabular-nums; }
/* The journal is what one watches: it gets the width; rules and quirks sit beside it. */
main { padding: 16px 20px 32px; display: grid; gap: 16px; grid-template-columns: minmax(0, 1fr) 340px; align-items: start; }
.side { display: grid; gap: 16px; min-width: 0; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; min-width: 0; }
.wide { grid-column: 1 / -1; }
h2 { font-size: 15px; margin: 0 0 8px; display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
h2 small { font-weight: normal; color: var(--muted); font-size: 12px; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.controls label { font-weight: 600; }
select, button { font: inherit; padding: 4px 10px; border-radius: 4px; border: 1px solid #b9c0c8; background: #fff; color: var(--ink); }
select { min-width: 18em; max-width: 100%; }
button { cursor: pointer; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button:disabled, select:disabled { opacity: .55; cursor: default; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
#errors { grid-column: 1 / -1; background: var(--bad-bg); color: var(--bad); border: 1px solid #f3b4b4; border-radius: 6px; padding: 8px 12px; display: flex; gap: 12px; align-items: flex-start; }
#errors[hidden] { display: none; }
#errors ul { margin: 0; padding-left: 18px; flex: 1; white-space: pre-wrap; overflow-wrap: anywhere; }
ul.quirks, ul.faults { list-style: none; margin: 0; padding: 0; }
.quirks li, .faults li { padding: 5px 0; border-top: 1px solid var(--line); }
.quirks li:first-child, .faults li:first-child { border-top: 0; padding-top: 0; }
.quirks label { display: flex; gap: 6px; align-items: center; font-family: var(--mono); font-size: 13px; cursor: pointer; }
.quirks .about { display: block; color: var(--muted); font-size: 12px; margin-left: 22px; }
.faults .top { display: flex; gap: 8px; justify-content: space-between; align-items: baseline; }
.faults .name { font-family: var(--mono); font-weight: 600; overflow-wrap: anywhere; }
.faults .matched { color: var(--muted); font-size: 12px; white-space: nowrap; }
.faults .about { color: var(--muted); font-size: 12px; margin: 0; }
.faults dl { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 0 8px; margin: 2px 0 0; font-size: 12px; }
.faults dt { color: var(--muted); }
.faults dd { margin: 0; font-family: var(--mono); overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top; white-space: nowrap; }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: #fafbfc; position: sticky; top: 0; }
/* Fixed column widths; the path column takes what is left and wraps. Narrow windows scroll sideways. */
.journal-table { table-layout: fixed; min-width: 720px; }
.c-seq { width: 4.5em; } .c-time { width: 7.5em; } .c-method { width: 5em; } .c-status { width: 4.5em; } .c-latency { width: 6.5em; } .c-answered { width: 26%; }
td.path, td.answered { white-space: normal; overflow-wrap: anywhere; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.mono { font-family: var(--mono); font-size: 12px; }
.empty { color: var(--muted); font-style: italic; margin: 6px 0 0; }
.empty[hidden] { display: none; }
.journal-wrap { max-height: calc(100vh - 120px); overflow: auto; border: 1px solid var(--line); border-radius: 4px; }
td.status { font-weight: 600; text-align: center; font-variant-numeric: tabular-nums; }
.s2xx { color: var(--ok); background: var(--ok-bg); }
.s3xx { color: var(--accent); background: var(--info-bg); }
.s4xx { color: var(--warn); background: var(--warn-bg); }
.s5xx, .sfail { color: var(--bad); background: var(--bad-bg); }
.rule { display: inline-block; padding: 0 5px; border-radius: 3px; background: #eef0f3; color: #3a4450; font-size: 11px; font-family: var(--mono); }
.op { font-family: var(--mono); font-size: 12px; }
.op + .rule { margin-left: 6px; }
@media (max-width: 1000px) { main { grid-template-columns: minmax(0, 1fr); } }
`;

const BODY = String.raw`
<header>
  <div class="scenario">
    <p class="title">WellSky mock · scenario</p>
    <h1 data-testid="scenario-name">…</h1>
    <p class="description" data-testid="scenario-description"></p>
    <p class="expects" data-testid="scenario-expects" hidden></p>
  </div>
  <dl data-testid="status-facts" aria-label="What is loaded">
    <dt>profile</dt><dd data-testid="status-profile">…</dd>
    <dt>seed</dt><dd data-testid="status-seed">…</dd>
    <dt>size</dt><dd data-testid="status-size">…</dd>
    <dt>today</dt><dd data-testid="status-today">…</dd>
    <dt>people</dt><dd data-testid="status-people">…</dd>
  </dl>
</header>
<main>
  <div id="errors" role="alert" data-testid="error-area" hidden>
    <ul data-testid="error-list"></ul>
    <button type="button" data-testid="error-dismiss">Dismiss</button>
  </div>
  <section class="wide controls" aria-label="Scenario and reset">
    <label for="scenario-select">Scenario</label>
    <select id="scenario-select" data-testid="scenario-select"></select>
    <button type="button" class="primary" data-testid="scenario-load">Load scenario</button>
    <button type="button" data-testid="reset" title="Fresh data, no tokens, empty journal; the same scenario">Reset</button>
  </section>
  <section class="journal" aria-labelledby="h-journal">
    <h2 id="h-journal">Request journal <small data-testid="journal-count"></small></h2>
    <div class="journal-wrap">
      <table class="journal-table">
        <colgroup><col class="c-seq"><col class="c-time"><col class="c-method"><col><col class="c-status"><col class="c-latency"><col class="c-answered"></colgroup>
        <thead><tr>
          <th scope="col" class="num">seq</th><th scope="col">time</th><th scope="col">method</th><th scope="col">path</th>
          <th scope="col">status</th><th scope="col" class="num">latency ms</th><th scope="col">answered by</th>
        </tr></thead>
        <tbody data-testid="journal-body"></tbody>
      </table>
    </div>
    <p class="empty" data-testid="journal-empty">No requests yet. Send one to the mock and it shows here within a second.</p>
  </section>
  <div class="side">
    <section aria-labelledby="h-faults">
      <h2 id="h-faults">Fault rules</h2>
      <ul class="faults" data-testid="fault-list"></ul>
      <p class="empty" data-testid="fault-empty">None: every request gets the ordinary answer.</p>
    </section>
    <section aria-labelledby="h-quirks">
      <h2 id="h-quirks">Quirks <small data-testid="quirks-profile"></small></h2>
      <ul class="quirks" data-testid="quirk-list"></ul>
    </section>
  </div>
</main>
`;

const SCRIPT = String.raw`
'use strict';
const MAX_ROWS = 500;      // rows kept in the journal table
// How often to ask for news: ?poll=<ms> (100 to 10000) for a faster page, e.g. in tests.
const POLL_MS = Math.min(10000, Math.max(100, Number(new URLSearchParams(location.search).get('poll')) || 1000));
const byId = (id) => document.querySelector('[data-testid="' + id + '"]');

// Journal bookkeeping. The server's seq keeps counting across clears, so
// "since=lastSeq" is enough in one server process. The journal's generation
// says it was cleared elsewhere (another tab, a test, a reset); a newest seq
// below ours says the server was restarted.
let lastSeq = 0;
let serverGeneration;   // the journal's own generation, as the server last said it
let generation = 0;        // bumped on every clear, so a poll begun before it is dropped
let currentScenario = null;
let faultsShown = '';
const quirkBoxes = new Map();
const errors = new Map();

// Builds an element; text always goes in through textContent.
function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

// Beyond loopback the mock wants its control token: the page was opened as /__admin/?token=…
const CONTROL_TOKEN = new URLSearchParams(location.search).get('token');

// One control-API call; a failure becomes an Error carrying the API's own message.
async function api(method, path, body) {
  const init = { method: method, headers: { accept: 'application/json' } };
  // Every control write says application/json, body or not: the mock refuses any other.
  if (method !== 'GET') init.headers['content-type'] = 'application/json';
  if (CONTROL_TOKEN) init.headers['x-mock-control-token'] = CONTROL_TOKEN;
  if (body !== undefined) init.body = JSON.stringify(body);
  let res;
  try {
    res = await fetch(path, init);
  } catch (error) {
    throw new Error(method + ' ' + path + ': ' + error.message + ' (is the mock still running?)');
  }
  const text = await res.text();
  let data;
  try { data = JSON.parse(text); } catch (_) { data = undefined; }
  if (!res.ok) {
    const detail = data && typeof data.error === 'string' ? data.error : text.slice(0, 500);
    throw new Error(method + ' ' + path + ' answered ' + res.status + ': ' + detail);
  }
  if (data === undefined) throw new Error(method + ' ' + path + ': the answer is not JSON');
  return data;
}

// Errors stay visible until the same kind of call succeeds or they are dismissed.
function report(key, error) {
  if (error) errors.set(key, error.message || String(error));
  else errors.delete(key);
  const list = byId('error-list');
  list.replaceChildren(...[...errors.values()].map((message) => el('li', {}, message)));
  byId('error-area').hidden = errors.size === 0;
}

function renderStatus(s) {
  currentScenario = s.scenario ? s.scenario.name : null;
  byId('scenario-name').textContent = s.scenario ? s.scenario.name : '(no scenario)';
  byId('scenario-description').textContent = s.scenario ? s.scenario.description : 'Loaded from options, not from a scenario file.';
  const expects = byId('scenario-expects');
  const names = s.scenario && s.scenario.expect ? s.scenario.expect.map((e) => e.name) : [];
  expects.hidden = names.length === 0;
  expects.textContent = 'expects: ' + names.join(', ');
  byId('status-profile').textContent = s.profile;
  byId('status-seed').textContent = s.seed;
  byId('status-size').textContent = s.size;
  byId('status-today').textContent = s.today || 'the real today';
  const c = s.counts;
  byId('status-people').textContent = c.practitioners + ' practitioners, ' + c.patients + ' patients, ' + c.appointments + ' appointments';
  byId('quirks-profile').textContent = 'profile ' + s.profile + ' sets the defaults';
  for (const [name, box] of quirkBoxes) {
    if (!box.disabled && name in s.quirks) box.checked = s.quirks[name];
  }
  renderFaults(s.faults);
}

function renderFaults(faults) {
  const json = JSON.stringify(faults);
  if (json === faultsShown) return;   // unchanged: keep the user's text selection
  faultsShown = json;
  const short = (value) => {
    const text = JSON.stringify(value);
    return text.length > 200 ? text.slice(0, 199) + '…' : text;
  };
  byId('fault-list').replaceChildren(...faults.map((f) => {
    const li = el('li', { 'data-testid': 'fault-row', 'data-name': f.name });
    const top = el('div', { class: 'top' });
    const matched = el('span', { class: 'matched' }, 'matched calls: ');
    matched.append(el('b', { 'data-testid': 'fault-matched' }, f.matchedCalls));
    top.append(el('span', { class: 'name' }, f.name), matched);
    li.append(top);
    if (f.description) li.append(el('p', { class: 'about' }, f.description));
    const dl = el('dl');
    const when = f.when && Object.keys(f.when).length ? f.when : null;
    dl.append(
      el('dt', {}, 'when'), el('dd', { title: JSON.stringify(f.when || {}) }, when ? short(when) : 'every request'),
      el('dt', {}, 'then'), el('dd', { title: JSON.stringify(f.then) }, short(f.then)),
    );
    li.append(dl);
    return li;
  }));
  byId('fault-empty').hidden = faults.length > 0;
}

async function loadCatalogue() {
  const select = byId('scenario-select');
  const button = byId('scenario-load');
  try {
    const { scenarios } = await api('GET', '/__admin/scenarios');
    select.replaceChildren(...scenarios.map((s) => el('option', { value: s.name, title: s.description }, s.name)));
    if (scenarios.length === 0) select.append(el('option', { value: '' }, '(no scenarios in scenarios/)'));
    else if (currentScenario && scenarios.some((s) => s.name === currentScenario)) select.value = currentScenario;
    select.disabled = button.disabled = scenarios.length === 0;
    report('scenarios', null);
  } catch (error) {
    report('scenarios', error);
  }
}

async function loadQuirks() {
  try {
    const { quirks } = await api('GET', '/__admin/quirks');
    quirkBoxes.clear();
    byId('quirk-list').replaceChildren(...quirks.map((q) => {
      const box = el('input', { type: 'checkbox', 'data-testid': 'quirk-' + q.name, 'aria-describedby': 'quirk-about-' + q.name });
      box.checked = q.on;
      box.addEventListener('change', () => toggleQuirk(q.name, box));
      quirkBoxes.set(q.name, box);
      const label = el('label');
      label.append(box, el('span', {}, q.name));
      const li = el('li', { 'data-testid': 'quirk' });
      li.append(label, el('span', { class: 'about', id: 'quirk-about-' + q.name }, q.description));
      return li;
    }));
    report('quirks', null);
  } catch (error) {
    report('quirks', error);
  }
}

async function toggleQuirk(name, box) {
  const wanted = box.checked;
  box.disabled = true;   // a status poll must not flip it back while the PUT is out
  try {
    const { quirks } = await api('PUT', '/__admin/quirks', { [name]: wanted });
    box.checked = quirks[name];
    report('quirks', null);
  } catch (error) {
    box.checked = !wanted;
    report('quirks', error);
  } finally {
    box.disabled = false;
  }
}

function clearJournal() {
  generation++;
  lastSeq = 0;
  byId('journal-body').replaceChildren();
  showJournalCount();
}

function showJournalCount() {
  const rows = byId('journal-body').rows.length;
  byId('journal-empty').hidden = rows > 0;
  byId('journal-count').textContent = rows ? rows + ' shown, newest first (at most ' + MAX_ROWS + ')' : '';
}

function journalRow(e) {
  const tr = el('tr', { 'data-testid': 'journal-row', 'data-seq': e.seq });
  const failed = e.transport && e.transport !== 'respond' && !e.status;
  const statusClass = failed ? 'sfail' : 's' + Math.floor(e.status / 100) + 'xx';
  const answered = el('td', { class: 'answered', 'data-testid': 'journal-answered' });
  if (e.operationId) answered.append(el('span', { class: 'op' }, e.operationId));
  if (e.rule) answered.append(el('span', { class: 'rule' }, e.rule));
  if (!e.operationId && !e.rule) answered.textContent = '—';
  tr.append(
    el('td', { class: 'num' }, e.seq),
    el('td', { class: 'mono', title: e.time }, String(e.time).slice(11, 23)),
    el('td', {}, e.method),
    el('td', { class: 'mono path', title: e.auth ? 'Authorization: ' + e.auth : 'no Authorization header' }, e.path + (e.query ? '?' + e.query : '')),
    el('td', { class: 'status ' + statusClass, 'data-testid': 'journal-status', title: 'transport: ' + e.transport }, failed ? e.transport : e.status),
    el('td', { class: 'num' }, e.latencyMs),
    answered,
  );
  return tr;
}

function addJournalRows(entries) {
  if (!entries.length) return;
  const body = byId('journal-body');
  const fragment = document.createDocumentFragment();
  for (let i = entries.length - 1; i >= 0; i--) fragment.append(journalRow(entries[i]));   // newest first
  body.prepend(fragment);
  while (body.rows.length > MAX_ROWS) body.lastElementChild.remove();
  lastSeq = entries[entries.length - 1].seq;
  showJournalCount();
}

async function poll() {
  const started = generation;
  try {
    let journal = await api('GET', '/__admin/journal?since=' + lastSeq + '&limit=' + MAX_ROWS);
    if ((serverGeneration !== undefined && journal.generation !== serverGeneration) || journal.lastSeq < lastSeq) {
      clearJournal();   // cleared elsewhere (another tab, a test, a reset): start over next poll
    } else if (generation === started) {
      if (journal.lastSeq - lastSeq > MAX_ROWS) {
        // Too far behind (a page opened on a busy journal, a burst of traffic):
        // show the newest rows rather than catch up on old ones.
        journal = await api('GET', '/__admin/journal?limit=' + MAX_ROWS);
        byId('journal-body').replaceChildren();
      }
      addJournalRows(journal.entries);
    }
    serverGeneration = journal.generation;
    report('journal', null);
  } catch (error) {
    report('journal', error);
  }
  try {
    const status = await api('GET', '/__admin/status');
    renderStatus(status);
    report('status', null);
  } catch (error) {
    report('status', error);
  }
  setTimeout(poll, POLL_MS);
}

// Load and reset both rebuild the simulator and empty its journal.
async function act(button, method, path, body) {
  button.disabled = true;
  try {
    const status = await api(method, path, body);
    clearJournal();
    renderStatus(status);
    report('action', null);
    await loadQuirks();
  } catch (error) {
    report('action', error);
  } finally {
    button.disabled = false;
    await loadCatalogue();
  }
}

byId('scenario-load').addEventListener('click', (event) => {
  act(event.currentTarget, 'POST', '/__admin/scenario', { name: byId('scenario-select').value });
});
byId('reset').addEventListener('click', (event) => act(event.currentTarget, 'POST', '/__admin/reset'));
byId('error-dismiss').addEventListener('click', () => { errors.clear(); report('', null); });

(async () => {
  try {
    renderStatus(await api('GET', '/__admin/status'));
  } catch (error) {
    report('status', error);
  }
  await Promise.all([loadCatalogue(), loadQuirks()]);
  showJournalCount();
  poll();
})();
`;

// data: favicon: otherwise the browser asks the mock for /favicon.ico and the
// request lands in the journal. The CSP keeps the page from reaching anywhere else.
const PAGE = String.raw`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'">
<link rel="icon" href="data:,">
<title>WellSky mock · inspector</title>
<style>` + STYLE + `</style>
</head>
<body>` + BODY + `<script>` + SCRIPT + `</script>
</body>
</html>
`;

export function inspectorPage(): string {
  return PAGE;
}
