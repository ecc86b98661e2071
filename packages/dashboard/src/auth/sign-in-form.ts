import { h } from '../dom.js';
import type { Credentials } from './credentials.js';

/**
 * The sign-in form, shown when neither the URL fragment nor the session holds credentials, or
 * when the collector refused them (`problem`; the application ID is kept, only the key is asked again).
 */
export function signInForm(
  onSubmit: (credentials: Credentials) => void,
  problem?: string,
  appIdValue = '',
): HTMLElement {
  const appId = h('input', {
    name: 'appId',
    required: true,
    autocomplete: 'username',
    spellcheck: 'false',
    value: appIdValue,
  });
  const apiKey = h('input', {
    name: 'apiKey',
    type: 'password',
    required: true,
    autocomplete: 'current-password',
  });
  const submit = (event: Event) => {
    event.preventDefault();
    onSubmit({ appId: appId.value.trim(), apiKey: apiKey.value.trim() });
  };
  return h(
    'form',
    { class: 'sign-in', onsubmit: submit },
    h('h1', {}, 'Sightline'),
    h(
      'p',
      { class: 'muted' },
      'Sign in with an application ID and an API key that has the analytics ACL (the admin key works).',
    ),
    problem ? h('p', { class: 'problem', role: 'alert' }, problem) : null,
    h('label', {}, 'Application ID', appId),
    h('label', {}, 'API key', apiKey),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
    h(
      'p',
      { class: 'hint' },
      'Tip: "npm start" prints a dashboard link that signs you in. Credentials stay in this tab (sessionStorage).',
    ),
  );
}
