/* global document, location, navigator, fetch, EventSource, URLSearchParams, performance, setInterval, setTimeout, clearTimeout */
// The QA console: plain DOM, no build step. The mock inlines this file into the page it serves.
// At /worlds/{name}/__mock/ it is the console of that world: every call goes through the prefix.
// Everything time-related reads the mock clock (GET /__mock/clock and `clock` events), never the
// browser's, so moving the clock marks messages expired.

const MAX_MESSAGES = 200;
const MAX_REQUESTS = 50;
const WORLDS_EVERY_MS = 5000;
const adminToken = new URLSearchParams(location.search).get('adminToken');

// The page of one world is /worlds/{name}/__mock/: every call it makes goes through that prefix.
const DEFAULT_WORLD = 'default';
const worldPrefix = /^\/worlds\/([^/]+)\/__mock(?:\/|$)/.exec(location.pathname)?.[1];
const world = worldPrefix === undefined ? DEFAULT_WORLD : decodeURIComponent(worldPrefix);
const prefix = worldPrefix === undefined ? '' : `/worlds/${worldPrefix}`;

/** The admin token the page was opened with, as a query string to pass on (or ''). */
function withToken(path) {
  return adminToken ? `${path}${path.includes('?') ? '&' : '?'}adminToken=${encodeURIComponent(adminToken)}` : path;
}

/** A control API URL in this page's world, with the admin token when the page was opened with one. */
function url(path) {
  return withToken(`${prefix}${path}`);
}

/** Where the console of a world is. */
function consoleOf(name) {
  return withToken(name === DEFAULT_WORLD ? '/__mock/' : `/worlds/${encodeURIComponent(name)}/__mock/`);
}

const $ = (id) => document.getElementById(id);
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const state = { outbox: [], clock: { now: Date.now(), at: performance.now(), offsetMs: 0 } };
const mockNow = () => state.clock.now + (performance.now() - state.clock.at);

// ---- the mock's answers -------------------------------------------------------------------

function showProblem(text) {
  $('problem').textContent = text;
  $('problem').hidden = !text;
}

async function call(method, path, body) {
  const init = { method, headers: body ? { 'Content-Type': 'application/json' } : {} };
  if (body) init.body = JSON.stringify(body);
  const response = await fetch(url(path), init);
  if (!response.ok) {
    showProblem(
      `${method} ${path} answered ${response.status}${response.status === 401 ? ': open the console with ?adminToken=<the admin token>' : ''}`,
    );
    throw new Error(`${method} ${path}: ${response.status}`);
  }
  showProblem('');
  return response.status === 204 ? undefined : response.json();
}

// ---- times -------------------------------------------------------------------------------------

function pad(value) {
  return String(value).padStart(2, '0');
}

/** `10:05:03`, with the date in front when it is not the mock clock's day. */
function clockTime(iso) {
  const date = new Date(iso);
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const today = new Date(mockNow()).toDateString() === date.toDateString();
  return today ? time : `${date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
}

/** `9:57`, `3 h 12 min`, `2 d 1 h`. */
function span(ms) {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)}:${pad(seconds % 60)}`;
  const hours = Math.floor(seconds / 3600);
  if (hours < 48) return `${hours} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** How far the mock clock runs ahead: `1 min`, `11 min 30 s`, `24 h`, `3 d 2 h`. */
function ahead(ms) {
  let rest = Math.round(ms / 1000);
  const units =
    rest >= 172_800
      ? [
          [86_400, 'd'],
          [3600, 'h'],
        ]
      : [
          [3600, 'h'],
          [60, 'min'],
          [1, 's'],
        ];
  const parts = [];
  for (const [size, unit] of units) {
    if (rest >= size) parts.push(`${Math.floor(rest / size)} ${unit}`);
    rest %= size;
  }
  return parts.slice(0, 2).join(' ') || `${ms} ms`;
}

function setClock(clock) {
  state.clock = { now: Date.parse(clock.now), at: performance.now(), offsetMs: clock.offsetMs };
  tick();
}

/** Runs every second: the clock display and the expiry of every message. */
function tick() {
  const now = mockNow();
  $('clock-now').textContent = clockTime(new Date(now).toISOString());
  $('clock-now').dateTime = new Date(now).toISOString();
  $('clock-offset').textContent = state.clock.offsetMs > 0 ? `${ahead(state.clock.offsetMs)} ahead of real time` : '';
  for (const item of $('outbox').children) {
    const left = Date.parse(item.dataset.expiresAt) - now;
    const expiry = item.querySelector('.expiry');
    item.dataset.state = left <= 0 ? 'expired' : 'valid';
    expiry.textContent = left <= 0 ? `expired ${span(left)} ago` : `expires in ${span(left)}`;
    expiry.classList.toggle('soon', left > 0 && left < 60_000);
  }
}

// ---- outbox ------------------------------------------------------------------------------------

async function copy(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Outside a secure context (the console opened over the LAN from a phone) there is no
    // navigator.clipboard: copy through a selected text field instead.
    const field = el('textarea');
    field.value = text;
    document.body.append(field);
    field.select();
    document.execCommand('copy');
    field.remove();
  }
  button.textContent = 'Copied';
  button.classList.add('done');
  setTimeout(() => {
    button.textContent = 'Copy';
    button.classList.remove('done');
  }, 1500);
}

function renderMessage(entry, fresh) {
  const item = el('li', `message${fresh ? ' fresh' : ''}`);
  item.dataset.id = entry.id;
  item.dataset.expiresAt = entry.expiresAt;
  const head = el('div', 'head');
  head.append(el('span', `channel ${entry.channel}`, entry.channel), el('span', 'to', entry.to), el('span', 'purpose', entry.purpose));
  item.append(head);
  const secret = entry.code ?? entry.token;
  if (secret) {
    const row = el('div', 'secret-row');
    const button = el('button', 'copy', 'Copy');
    button.type = 'button';
    button.title = `Copy the ${entry.code ? 'code' : 'token'}`;
    button.addEventListener('click', () => copy(secret, button));
    row.append(el('span', entry.code ? 'secret code' : 'secret token', secret), button);
    item.append(row);
  }
  if (entry.confirmUrl) {
    const link = el('a', 'link', entry.confirmUrl);
    link.href = entry.confirmUrl;
    link.target = '_blank';
    link.rel = 'noopener';
    const row = el('div', 'text', 'Confirmation link: ');
    row.append(link);
    item.append(row);
  }
  item.append(el('p', 'text', entry.subject ? `${entry.subject}: ${entry.body}` : entry.body));
  // The APIs answer a send with VERIFICATION_CODE_SENT only: when the next one may go is shown here.
  const resend = entry.resendAvailableAt ? ` · resend from ${clockTime(entry.resendAvailableAt)}` : '';
  const times = el('div', 'times', `sent ${clockTime(entry.sentAt)}${resend} · expires ${clockTime(entry.expiresAt)} · `);
  times.title = `sent ${entry.sentAt}${entry.resendAvailableAt ? `, resend from ${entry.resendAvailableAt}` : ''}, expires ${entry.expiresAt} (mock clock)`;
  times.append(el('span', 'expiry'));
  item.append(times);
  return item;
}

function showOutbox(freshId) {
  const shown = state.outbox.slice(0, MAX_MESSAGES);
  $('outbox').replaceChildren(...shown.map((entry) => renderMessage(entry, entry.id === freshId)));
  $('outbox-empty').hidden = shown.length > 0;
  $('outbox-count').textContent = state.outbox.length > 0 ? `(${state.outbox.length})` : '';
  tick();
}

function addMessage(entry) {
  if (state.outbox.some((known) => known.id === entry.id)) return;
  state.outbox.unshift(entry);
  showOutbox(entry.id);
}

// ---- users ---------------------------------------------------------------------------------------

function pendingOf(user) {
  const pending = [];
  if (user.pendingEmail) pending.push(`email → ${user.pendingEmail} (waiting for the code)`);
  if (user.pendingPhone) pending.push(`phone → ${user.pendingPhone} (waiting for the code)`);
  if (user.pacePending) {
    const stage = user.pacePending.stage === 'awaiting-confirmation' ? 'waiting for the email link' : 'waiting for the SMS code';
    pending.push(`PACE phone → ${user.pacePending.phone} (${stage}, cancelled ${clockTime(user.pacePending.expiresAt)})`);
  }
  return pending;
}

function renderUser(user, pending) {
  const item = el('li', 'user');
  item.dataset.id = user.id;
  item.append(el('div', 'name', `${user.displayName} `));
  item.firstChild.append(el('span', 'purpose', user.id));
  const contact = [
    user.email && `${user.email}${user.emailVerified ? ' ✓' : ' (unverified)'}`,
    user.phone && `${user.phone}${user.phoneVerified ? ' ✓' : ' (unverified)'}`,
  ];
  item.append(el('div', 'contact', contact.filter(Boolean).join(' · ') || 'no email or phone'));
  for (const text of pending) item.append(el('span', 'pending', text));
  return item;
}

function showUsers(users) {
  const withPending = users.map((user) => ({ user, pending: pendingOf(user) }));
  const pending = withPending.filter((row) => row.pending.length > 0);
  const others = withPending.filter((row) => row.pending.length === 0);
  $('users-pending').replaceChildren(...pending.map((row) => renderUser(row.user, row.pending)));
  $('users-others').replaceChildren(...others.map((row) => renderUser(row.user, [])));
  $('users-none').hidden = pending.length > 0;
  $('users-rest-count').textContent = String(others.length);
}

let usersTimer;
/** Several events in a row (a request and the message it sent) read the users once. */
function refreshUsers() {
  clearTimeout(usersTimer);
  usersTimer = setTimeout(() => call('GET', '/__mock/users').then(showUsers, () => undefined), 150);
}

// ---- requests ------------------------------------------------------------------------------------

function renderRequest(entry) {
  const row = el('tr');
  row.append(
    el('td', 'when', clockTime(entry.time)),
    el('td', 'method', entry.method),
    el('td', 'path', entry.path),
    el('td', `status status-${String(entry.status)[0]}`, String(entry.status)),
    el('td', 'num', String(entry.durationMs)),
  );
  return row;
}

function showRequests(entries) {
  $('requests').replaceChildren(...entries.slice(0, MAX_REQUESTS).map(renderRequest));
  $('requests-empty').hidden = entries.length > 0;
}

function addRequest(entry) {
  const rows = $('requests');
  rows.prepend(renderRequest(entry));
  while (rows.children.length > MAX_REQUESTS) rows.lastChild.remove();
  $('requests-empty').hidden = true;
}

// ---- worlds --------------------------------------------------------------------------------------

/** The picker: every world, most recently used first; this page's world always among them. */
function showWorlds(worlds) {
  const picker = $('world');
  const names = worlds.map((known) => known.name);
  if (!names.includes(world)) names.unshift(world);
  const options = names.map((name) => {
    const option = el('option', '', name);
    option.value = name;
    option.selected = name === world;
    return option;
  });
  picker.replaceChildren(...options);
}

function refreshWorlds() {
  // Not while the list is open in front of someone.
  if (document.activeElement === $('world')) return Promise.resolve();
  return call('GET', '/__mock/worlds').then(showWorlds, () => undefined);
}

function setUpWorlds() {
  const picker = $('world');
  showWorlds([]);
  picker.toggleAttribute('data-named', world !== DEFAULT_WORLD);
  picker.setAttribute('aria-label', `World (this page: ${world})`);
  if (world !== DEFAULT_WORLD) document.title = `${world} · ${document.title}`;
  $('reset-scope').textContent = world === DEFAULT_WORLD ? 'of the default world' : `of the world ${world}`;
  picker.addEventListener('change', () => {
    if (picker.value !== world) location.assign(consoleOf(picker.value));
  });
  // Worlds come and go with other clients' requests (their first request makes them): read the
  // list every few seconds, when the page comes back into view, and after a call to /__mock/worlds here.
  refreshWorlds();
  setInterval(refreshWorlds, WORLDS_EVERY_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') refreshWorlds();
  });
}

// ---- wiring --------------------------------------------------------------------------------------

async function loadAll() {
  const [outbox, users, clock, requests] = await Promise.all([
    call('GET', '/__mock/outbox'),
    call('GET', '/__mock/users'),
    call('GET', '/__mock/clock'),
    call('GET', `/__mock/requests?limit=${MAX_REQUESTS}`),
  ]);
  setClock(clock);
  state.outbox = outbox;
  showOutbox();
  showUsers(users);
  showRequests(requests);
}

for (const button of document.querySelectorAll('[data-advance]')) {
  button.addEventListener('click', () =>
    call('POST', '/__mock/clock', { advance: button.dataset.advance }).then(setClock, () => undefined),
  );
}
$('clock-reset').addEventListener('click', () => call('POST', '/__mock/clock', { reset: true }).then(setClock, () => undefined));
$('reset-all').addEventListener('click', () => $('reset-dialog').showModal());
$('reset-dialog').addEventListener('close', () => {
  if ($('reset-dialog').returnValue === 'reset')
    call('POST', '/__mock/reset')
      .then(loadAll)
      .catch(() => undefined);
});

function listen() {
  const live = $('live');
  const events = new EventSource(url('/__mock/events'));
  let dropped = false;
  events.addEventListener('open', () => {
    live.dataset.state = 'live';
    live.textContent = 'live';
    // Events are not replayed: after a dropped connection, read everything again.
    if (dropped) loadAll().catch(() => undefined);
  });
  events.addEventListener('error', () => {
    dropped = true;
    live.dataset.state = 'reconnecting';
    live.textContent = 'reconnecting…';
  });
  events.addEventListener('outbox', (event) => {
    addMessage(JSON.parse(event.data));
    refreshUsers();
  });
  events.addEventListener('clock', (event) => {
    setClock(JSON.parse(event.data));
    refreshUsers();
  });
  events.addEventListener('reset', () => loadAll().catch(() => undefined));
  events.addEventListener('request', (event) => {
    const entry = JSON.parse(event.data);
    addRequest(entry);
    if (entry.method !== 'GET') refreshUsers();
    if (entry.path.startsWith('/__mock/worlds')) refreshWorlds();
  });
}

setUpWorlds();
loadAll().catch(() => undefined);
listen();
setInterval(tick, 1000);
