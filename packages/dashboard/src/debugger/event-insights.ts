import type { ApiClient } from '../api/client.js';
import { type DebuggerEntry, NO_FILTERS, type TrackedSearch } from '../api/types.js';
import { h } from '../dom.js';
import { formatTime } from '../format-time.js';
import { analyticsUses, queryIdsOf } from './describe-analytics.js';

/** Events of the user timeline: the latest ones of the same user token. */
const TIMELINE_SIZE = 20;

function userTokenOf(entry: DebuggerEntry): string | null {
  const e = (typeof entry.event === 'object' && entry.event !== null ? entry.event : {}) as Record<
    string,
    unknown
  >;
  const token = e.userToken ?? e.authenticatedUserToken;
  return typeof token === 'string' || typeof token === 'number' ? String(token) : null;
}

/**
 * The detail's two extra sections, filled once their data arrives: which analytics the event can
 * feed (its queryIDs are looked up among tracked searches) and the user's other events.
 */
export function eventInsights(
  entry: DebuggerEntry,
  api: ApiClient,
  onOpen: (entry: DebuggerEntry) => void,
): HTMLElement[] {
  const uses = h(
    'section',
    { class: 'analytics-uses' },
    h('h3', {}, 'Feeds analytics'),
    h('p', { class: 'muted' }, 'Checking…'),
  );
  const timeline = h(
    'section',
    { class: 'timeline' },
    h('h3', {}, 'User timeline'),
    h('p', { class: 'muted' }, 'Loading…'),
  );

  void (async () => {
    const searches = new Map<string, TrackedSearch | null>();
    try {
      await Promise.all(queryIdsOf(entry).map(async (id) => searches.set(id, await api.getSearch(id))));
      uses.replaceChildren(
        h('h3', {}, 'Feeds analytics'),
        h(
          'ul',
          {},
          ...analyticsUses(entry, searches).map((use) =>
            h(
              'li',
              { class: use.usable ? 'use-yes' : 'use-no', 'data-feature': use.feature },
              h('strong', {}, `${use.usable ? '✓' : '✗'} ${use.feature}`),
              h('span', {}, ` ${use.reason}`),
            ),
          ),
        ),
      );
    } catch (error) {
      uses.replaceChildren(h('h3', {}, 'Feeds analytics'), h('p', { class: 'error' }, String(error)));
    }
  })();

  void (async () => {
    const token = userTokenOf(entry);
    if (token === null) {
      timeline.replaceChildren(h('h3', {}, 'User timeline'), h('p', { class: 'muted' }, 'No user token.'));
      return;
    }
    try {
      const { entries } = await api.listEvents({ ...NO_FILTERS, userToken: token }, { limit: TIMELINE_SIZE });
      timeline.replaceChildren(
        // The heading's style upper-cases its label; the token is case-sensitive and must read (and
        // copy) as sent, so it sits in its own element that keeps its case.
        h('h3', {}, 'User timeline · ', h('code', { class: 'heading-value' }, token)),
        h(
          'ol',
          {},
          ...entries.map((other) => {
            const e = (other.event ?? {}) as Record<string, unknown>;
            const current = other.id === entry.id;
            // Every entry has the same parts; only the current one is not a link.
            const parts = [
              h('time', { datetime: other.receivedAt }, formatTime(new Date(other.receivedAt))),
              h(
                'span',
                { class: 'what' },
                `${String(e.eventType ?? '?')}${e.eventSubtype ? ` · ${String(e.eventSubtype)}` : ''} — ${String(e.eventName ?? '')}${current ? ' (this event)' : ''}`,
              ),
            ];
            return h(
              'li',
              { class: current ? 'current' : undefined },
              current
                ? h('span', { class: 'timeline-entry' }, ...parts)
                : h(
                    'button',
                    { type: 'button', class: 'link timeline-entry', onclick: () => onOpen(other) },
                    ...parts,
                  ),
            );
          }),
        ),
      );
    } catch (error) {
      timeline.replaceChildren(h('h3', {}, 'User timeline'), h('p', { class: 'error' }, String(error)));
    }
  })();
  return [uses, timeline];
}
