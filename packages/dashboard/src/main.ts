import { analyticsPage } from './analytics/analytics-page.js';
import { createApiClient } from './api/client.js';
import {
  type Credentials,
  forgetCredentials,
  resolveCredentials,
  saveCredentials,
} from './auth/credentials.js';
import { signInForm } from './auth/sign-in-form.js';
import { debuggerPage } from './debugger/debugger-page.js';
import { h } from './dom.js';
import { navBar } from './shell/nav-bar.js';
import type { DashboardPage } from './shell/pages.js';

/** Every page of the dashboard, in nav-bar order; the first is the default. */
const PAGES: readonly DashboardPage[] = [debuggerPage, analyticsPage];

const app = document.getElementById('app')!;
let unmount: (() => void) | undefined;

const { credentials, fromFragment } = resolveCredentials(location.hash, sessionStorage);
if (fromFragment) {
  // Keep the key out of the address bar, history and screenshots; the session has it now.
  history.replaceState(null, '', `${location.pathname}${location.search}#/${PAGES[0]!.id}`);
}
if (credentials) showApp(credentials);
else showSignIn();

window.addEventListener('hashchange', () => {
  const stored = resolveCredentials(location.hash, sessionStorage);
  if (stored.fromFragment) history.replaceState(null, '', `${location.pathname}#/${PAGES[0]!.id}`);
  if (stored.credentials) showApp(stored.credentials);
});

function showApp(credentials: Credentials): void {
  unmount?.();
  const id = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  const page = PAGES.find((p) => p.id === id) ?? PAGES[0]!;
  const root = h('main', { class: 'page' });
  app.replaceChildren(navBar(PAGES, page.id, credentials.appId, signOut), root);
  unmount = page.mount(root, {
    api: createApiClient(credentials),
    onAuthFailure: (message) => {
      forgetCredentials(sessionStorage);
      showSignIn(`The collector refused these credentials: ${message}`, credentials.appId);
    },
  });
}

function showSignIn(problem?: string, appId?: string): void {
  unmount?.();
  unmount = undefined;
  app.replaceChildren(
    signInForm(
      (credentials) => {
        saveCredentials(sessionStorage, credentials);
        showApp(credentials);
      },
      problem,
      appId,
    ),
  );
}

function signOut(): void {
  forgetCredentials(sessionStorage);
  showSignIn();
}
