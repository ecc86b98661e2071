import type { DebuggerEntry } from '../api/types.js';
import { h } from '../dom.js';
import { formatTime } from '../format-time.js';
import { describeEntry } from './describe-entry.js';

/**
 * The detail of one entry: verdict, the issues with their fixes, the request it came with and
 * the payload as received. `siblings` are the other entries of the same request on screen.
 */
export function entryDetail(
  entry: DebuggerEntry,
  siblings: readonly DebuggerEntry[],
  onOpen: (entry: DebuggerEntry) => void,
  onClose: () => void,
): HTMLElement {
  const row = describeEntry(entry);
  const statusClass = row.accepted ? 'status-accepted' : 'status-rejected';
  return h(
    'aside',
    { id: 'detail', class: 'detail', 'aria-label': 'Event detail' },
    h(
      'div',
      { class: 'detail-head' },
      h('span', { class: `pill ${statusClass}` }, `${row.statusLabel} · HTTP ${row.httpCode}`),
      h('h2', {}, row.eventName),
      h('button', { type: 'button', class: 'ghost close', 'aria-label': 'Close', onclick: onClose }, '×'),
    ),
    issuesSection(entry),
    h(
      'section',
      {},
      h('h3', {}, 'Request'),
      definitionList([
        ['Entry', String(entry.id)],
        ['Request ID', entry.requestId],
        ['Received', `${formatTime(new Date(entry.receivedAt))} (${entry.receivedAt})`],
        ['Device', entry.device],
        ['Referer', entry.headers.referer ?? '—'],
        ['User-Agent', entry.headers.userAgent ?? '—'],
        ['Algolia agent', entry.headers.agent ?? '—'],
      ]),
      siblings.length > 0
        ? h(
            'p',
            { class: 'siblings' },
            'Same request: ',
            ...siblings.map((s) =>
              h('button', { type: 'button', class: 'link', onclick: () => onOpen(s) }, `#${s.id}`),
            ),
          )
        : null,
    ),
    h(
      'section',
      {},
      h('h3', {}, 'Payload'),
      h('pre', { class: 'payload' }, JSON.stringify(entry.event, null, 2) ?? 'null'),
    ),
  );
}

function issuesSection(entry: DebuggerEntry): HTMLElement | null {
  if (entry.accepted) return null;
  if (entry.errors.length === 0) {
    return h(
      'section',
      { class: 'issues' },
      h('h3', {}, 'Why it was refused'),
      h('p', {}, describeEntry(entry).reason),
    );
  }
  return h(
    'section',
    { class: 'issues' },
    h('h3', {}, 'Why it was refused'),
    h(
      'ul',
      {},
      ...entry.errors.map((issue) =>
        h(
          'li',
          {},
          h('code', {}, issue.code),
          ' ',
          h('span', { class: 'field' }, issue.field),
          h('p', {}, issue.message),
          h('p', { class: 'fix' }, h('strong', {}, 'Fix: '), issue.fix),
        ),
      ),
    ),
  );
}

function definitionList(items: readonly [string, string][]): HTMLElement {
  return h('dl', {}, ...items.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}
