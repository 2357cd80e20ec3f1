// Signing in. The service asks for a login unless it allows public reading;
// a login sets an HttpOnly session cookie that every later request (tiles
// included) carries, so the app never holds the secret itself.

import { withLanguage } from './api.js';

const $ = (id) => document.getElementById(id);

/**
 * Who the user is ({signed_in, user, role, region, csrf_token}; user null
 * when anonymous under public read), or null when a login is needed. The
 * app asks this first and loads nothing before: GET /api/v1/auth/me is
 * public and answers 200 with signed_in false and no role to a browser
 * without a session, so that opening a page before login fails no request.
 */
export async function whoAmI() {
  const r = await fetch('/api/v1/auth/me', { headers: withLanguage() });
  if (r.status === 401) return null;
  if (!r.ok) throw new Error(`${r.status} ${r.statusText} (/api/v1/auth/me)`);
  const me = await r.json();
  return me.role ? me : null;
}

/** Shows the login form until a login succeeds. */
export function askLogin(strings) {
  const box = $('login');
  const form = $('login-form');
  const error = $('login-error');
  box.hidden = false;
  error.textContent = '';
  $('login-user').focus();
  return new Promise((resolve) => {
    form.onsubmit = async (e) => {
      e.preventDefault();
      const t = strings();
      const submit = form.querySelector('button[type=submit]');
      submit.disabled = true;
      try {
        const r = await fetch('/api/v1/auth/login', {
          method: 'POST', headers: withLanguage({ 'Content-Type': 'application/json' }),
          body: JSON.stringify({ username: $('login-user').value.trim(), password: $('login-pass').value }),
        });
        if (r.ok) {
          $('login-pass').value = '';
          box.hidden = true;
          form.onsubmit = null;
          resolve();
          return;
        }
        error.textContent = r.status === 429 ? t.tooMany(Number(r.headers.get('Retry-After')) || 60) : t.badLogin;
      } catch {
        error.textContent = t.failed;
      } finally {
        submit.disabled = false;
      }
    };
  });
}

/** Signs out (the CSRF token proves the request comes from this page). */
export async function signOut(csrf) {
  await fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': csrf || '' } });
}

/**
 * The header's sign button: signs out whoever is signed in (current() says
 * who, at the time of the click), or asks for a login; then reloads the page.
 */
export function wireSignButton(button, current, strings) {
  button.addEventListener('click', async () => {
    const me = current();
    if (me?.user) await signOut(me.csrf_token);
    else await askLogin(strings);
    location.reload();
  });
}
