import { ApiError } from '../api/client.js';
import { type DebuggerEntry, type FeedFilters, NO_FILTERS } from '../api/types.js';
import { h } from '../dom.js';
import { formatTime } from '../format-time.js';
import type { DashboardPage } from '../shell/pages.js';
import { entryDetail } from './entry-detail.js';
import { entryRow, entryTable } from './entry-table.js';
import { eventInsights } from './event-insights.js';
import { appendOlder, type FeedState, newestId, prependNewer } from './feed-state.js';
import { filterBar } from './filter-bar.js';

/** How often the feed asks for new entries while live, in ms. */
const POLL_INTERVAL_MS = 1500;
/** After a failed poll, in ms. */
const RETRY_INTERVAL_MS = 5000;
/** Entries per request; a full page means more are waiting, so the next poll follows at once. */
const PAGE_SIZE = 100;

/**
 * The events debugger: the latest events, accepted and rejected, newest first, updating while
 * you watch; filters; a detail panel per event.
 */
export const debuggerPage: DashboardPage = {
  id: 'debugger',
  title: 'Debugger',
  mount(root, ctx) {
    let filters: FeedFilters = NO_FILTERS;
    let state: FeedState = { entries: [], nextBefore: null };
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let generation = 0;
    let openId: number | undefined;

    const { table, body } = entryTable();
    const status = h('span', { class: 'feed-status', role: 'status' }, 'Loading…');
    const pause = h('button', { type: 'button', class: 'ghost', onclick: () => setLive(!live) }, 'Pause');
    const older = h(
      'button',
      { type: 'button', class: 'ghost', onclick: () => void loadOlder() },
      'Load older',
    );
    const empty = h('p', { class: 'empty' });
    const detailSlot = h('div', { class: 'detail-slot' });
    const split = h(
      'div',
      { class: 'split' },
      h('div', { class: 'table-wrap' }, table, empty, older),
      detailSlot,
    );

    root.replaceChildren(
      h(
        'section',
        { class: 'debugger' },
        h(
          'div',
          { class: 'toolbar' },
          h('h1', {}, 'Events debugger'),
          filterBar(filters, (next) => {
            filters = next;
            restart();
          }),
          h('span', { class: 'spacer' }),
          status,
          pause,
        ),
        split,
      ),
    );

    function render(freshIds: ReadonlySet<number> = new Set()) {
      body.replaceChildren(...state.entries.map((e) => entryRow(e, freshIds.has(e.id), open)));
      empty.hidden = state.entries.length > 0;
      empty.textContent = filtered()
        ? 'No events match these filters. Index and user token match the start of the value, case-sensitive: "user-1" finds "user-1" and "user-12", not "User-1" or "my-user-1".'
        : 'No events yet. Send some from the demo shop or your site: they show up here within seconds.';
      older.hidden = state.nextBefore === null;
      if (openId !== undefined) body.querySelector(`[data-entry-id="${openId}"]`)?.classList.add('selected');
    }

    function filtered(): boolean {
      return Object.values(filters).some((value) => value !== '' && value !== undefined);
    }

    function open(entry: DebuggerEntry) {
      openId = entry.id;
      const siblings = state.entries.filter((e) => e.requestId === entry.requestId && e.id !== entry.id);
      const detail = entryDetail(entry, siblings, open, close);
      // After the request section: what the event feeds, then the user's other events.
      detail.lastElementChild?.before(...eventInsights(entry, ctx.api, open));
      detailSlot.replaceChildren(detail);
      split.classList.add('with-detail');
      for (const row of body.querySelectorAll('.selected')) row.classList.remove('selected');
      body.querySelector(`[data-entry-id="${entry.id}"]`)?.classList.add('selected');
      // Lists carry a {"truncated":true,…} stub for payloads over 64 kB: the detail shows the whole one.
      const event = entry.event as { truncated?: unknown } | null;
      if (event?.truncated === true) {
        ctx.api.getEvent(entry.id).then(
          (full) => {
            if (openId === entry.id) open(full);
          },
          () => {},
        );
      }
    }

    function close() {
      openId = undefined;
      detailSlot.replaceChildren();
      split.classList.remove('with-detail');
      for (const row of body.querySelectorAll('.selected')) row.classList.remove('selected');
    }

    /** One poll: the newest page on the first call, then everything after the newest id. */
    async function poll(mine: number) {
      try {
        const after = newestId(state);
        const page = await ctx.api.listEvents(filters, { after, limit: PAGE_SIZE });
        if (mine !== generation) return;
        const first = after === undefined && state.entries.length === 0;
        const before = new Set(state.entries.map((e) => e.id));
        state = prependNewer(state, page.entries);
        if (first) state = { ...state, nextBefore: page.nextBefore };
        render(first ? new Set() : new Set(state.entries.filter((e) => !before.has(e.id)).map((e) => e.id)));
        status.textContent = `${live ? 'Live' : 'Paused'} · updated ${formatTime(new Date())}`;
        status.classList.remove('error');
        schedule(mine, page.entries.length === PAGE_SIZE && after !== undefined ? 0 : POLL_INTERVAL_MS);
      } catch (error) {
        if (mine !== generation) return;
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
          ctx.onAuthFailure(error.message);
          return;
        }
        status.textContent = `Cannot reach the collector (${error instanceof Error ? error.message : error}); retrying…`;
        status.classList.add('error');
        schedule(mine, RETRY_INTERVAL_MS);
      }
    }

    function schedule(mine: number, delay: number) {
      clearTimeout(timer);
      if (live && mine === generation) timer = setTimeout(() => void poll(mine), delay);
    }

    async function loadOlder() {
      if (state.nextBefore === null) return;
      const mine = generation;
      const page = await ctx.api.listEvents(filters, { before: state.nextBefore, limit: PAGE_SIZE });
      if (mine !== generation) return;
      state = appendOlder(state, page.entries, page.nextBefore);
      render();
    }

    function restart() {
      generation++;
      clearTimeout(timer);
      state = { entries: [], nextBefore: null };
      close();
      render();
      // Until the first page answers there is nothing to say "no events" about.
      empty.hidden = true;
      status.textContent = 'Loading…';
      void poll(generation);
    }

    function setLive(next: boolean) {
      live = next;
      pause.textContent = live ? 'Pause' : 'Resume';
      status.textContent = live ? 'Live' : 'Paused';
      if (live) void poll(generation);
      else clearTimeout(timer);
    }

    restart();
    return () => {
      generation++;
      clearTimeout(timer);
    };
  },
};
