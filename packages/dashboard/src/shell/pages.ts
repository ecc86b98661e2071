import type { ApiClient } from '../api/client.js';

/** What a page gets when it is shown. */
export interface PageContext {
  api: ApiClient;
  /** Called when the collector refuses the credentials (401/403): back to the sign-in form. */
  onAuthFailure(message: string): void;
}

/** One page of the dashboard, listed in the nav bar. */
export interface DashboardPage {
  /** The route: the page lives at `#/<id>`. */
  id: string;
  title: string;
  /** Draws the page into `root`; returns a function that stops its timers. */
  mount(root: HTMLElement, ctx: PageContext): () => void;
}
