import type { DebuggerEntry } from '../api/types.js';
import { h } from '../dom.js';
import { formatTime } from '../format-time.js';
import { describeEntry } from './describe-entry.js';

// The reason sits before agent and device: on a narrow screen it is what must stay in view.
/** The column heads, in order (the e2e tests list the labels CSS may upper-case from it). */
export const COLUMNS = [
  'Status',
  'Received',
  'Event type',
  'Event name',
  'Index',
  'User token',
  'Reason',
  'Agent',
  'Device',
];

/** The table's skeleton; rows go into its tbody. */
export function entryTable(): { table: HTMLTableElement; body: HTMLTableSectionElement } {
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'entries' },
    h('thead', {}, h('tr', {}, ...COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
    body,
  );
  return { table, body };
}

/** One row; `fresh` rows flash once so new arrivals catch the eye. */
export function entryRow(
  entry: DebuggerEntry,
  fresh: boolean,
  onOpen: (entry: DebuggerEntry) => void,
): HTMLTableRowElement {
  const row = describeEntry(entry);
  const statusClass = row.accepted ? 'status-accepted' : 'status-rejected';
  return h(
    'tr',
    {
      'data-entry-id': row.id,
      class: [statusClass, fresh ? 'fresh' : ''].filter(Boolean).join(' '),
      tabindex: 0,
      onclick: () => onOpen(entry),
      onkeydown: (event: Event) => {
        if ((event as KeyboardEvent).key === 'Enter') onOpen(entry);
      },
    },
    h(
      'td',
      {},
      h('span', { class: `pill ${statusClass}` }, row.statusLabel),
      h('span', { class: 'http' }, row.httpCode),
    ),
    h('td', { title: row.receivedAt.toISOString() }, formatTime(row.receivedAt)),
    h('td', {}, row.eventType),
    h('td', { title: row.eventName }, row.eventName),
    h('td', { title: row.index }, row.index),
    h('td', { class: 'token', title: row.userToken }, row.userToken),
    h('td', { class: 'reason' }, row.reason),
    h('td', { title: row.agentFull }, row.agent),
    h('td', {}, row.device),
  );
}
