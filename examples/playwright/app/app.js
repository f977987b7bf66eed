/* global URLSearchParams, location, document, fetch, FormData */
// A tiny app against the Pocketm8 API. The API base URL comes from `?api=` (a real app takes it
// from its build configuration): that is all the app knows of the mock, or of its world.
const api = new URLSearchParams(location.search).get('api') ?? 'http://localhost:4010/api';
let token = '';

const $ = (id) => document.getElementById(id);
const say = (text) => ($('status').textContent = text);

async function call(method, path, body) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(json.message ?? String(res.status));
  return json;
}

$('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const session = await call('POST', '/auth/user/sign-in', { login: form.get('login'), password: form.get('password') });
    token = session.token;
    $('current').textContent = session.user.phone ?? 'none';
    $('sign-in').hidden = true;
    $('phone').hidden = false;
    say('Signed in');
  } catch (error) {
    say(`Sign-in failed: ${error.message}`);
  }
});

$('phone').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await call('PUT', '/profile/phone', { phone: new FormData(event.target).get('phone') });
    $('verify').hidden = false;
    say('Code sent');
  } catch (error) {
    say(`Could not send a code: ${error.message}`);
  }
});

$('verify').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const { profile } = await call('POST', '/profile/verify-code', { type: 'phone', code: new FormData(event.target).get('code') });
    $('current').textContent = profile.phone;
    $('verify').hidden = true;
    say('Phone updated');
  } catch (error) {
    say(`Wrong code: ${error.message}`);
  }
});
