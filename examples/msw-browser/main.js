/* global document, fetch */
// The page's script: MSW's worker answers the Pocketm8 API and the mock's control API from
// pocketm8-mock/msw, in this tab. Bundle it with your tool (Vite, esbuild, ...); see README.md.
import { setupWorker } from 'msw/browser';
import { createHandlers } from 'pocketm8-mock/msw';

// Where the app thinks the API is: nothing listens there, the worker answers.
const API = 'http://localhost:4010';
// A ready session of the fixture user Alice (fixtures/default/db.json).
const TOKEN = 'pm8_fixture_alice_0000000000000000';

const worker = setupWorker(...createHandlers({ baseUrl: API }));
await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: './mockServiceWorker.js' } });

const $ = (selector) => document.querySelector(selector);
const status = (text) => ($('#status').textContent = text);

async function api(method, path, body) {
  const res = await fetch(`${API}${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(answer)}`);
  return answer;
}

async function showProfile() {
  const profile = await api('GET', '/api/profile');
  $('#profile').textContent = `Phone: ${profile.phone} (${profile.phoneVerified ? 'verified' : 'not verified'})`;
}

$('#change').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await api('PUT', '/api/profile/phone', { phone: $('#change [name=phone]').value });
    status('Code sent.');
  } catch (error) {
    status(error.message);
  }
});

// What a tester does by hand: the mock's control API keeps every SMS it "sent".
$('#read-code').addEventListener('click', async () => {
  const to = encodeURIComponent($('#change [name=phone]').value);
  const res = await fetch(`${API}/__mock/outbox/latest?to=${to}&purpose=phone-change`);
  const message = await res.json();
  if (res.ok) $('#verify [name=code]').value = message.code;
  status(res.ok ? `The mock sent: ${message.body}` : `No code yet (${res.status}).`);
});

$('#verify').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await api('POST', '/api/profile/verify-code', { type: 'phone', code: $('#verify [name=code]').value });
    status('Phone changed.');
    await showProfile();
  } catch (error) {
    status(error.message);
  }
});

await showProfile();
document.body.dataset.ready = 'true';
