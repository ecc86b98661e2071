import type { FeedFilters } from '../api/types.js';
import { h } from '../dom.js';

/**
 * The filters form; `onChange` gets the whole filter set after each edit (text inputs debounced).
 * Index and user token match the start of the value (the collector answers prefixes from its
 * indexes), so a partly typed token already finds its events; the placeholders say so.
 */
export function filterBar(initial: FeedFilters, onChange: (filters: FeedFilters) => void): HTMLElement {
  const status = select('status', initial.status, [
    ['', 'Any status'],
    ['accepted', 'Accepted'],
    ['rejected', 'Rejected'],
  ]);
  const eventType = select('eventType', initial.eventType, [
    ['', 'Any type'],
    ['click', 'click'],
    ['conversion', 'conversion'],
    ['view', 'view'],
    ['instantsearch', 'instantsearch'],
  ]);
  const index = h('input', {
    name: 'index',
    placeholder: 'Index starts with…',
    'aria-label': 'Index starts with',
    title: 'Index names that start with this text (case-sensitive)',
    value: initial.indexPrefix,
    spellcheck: 'false',
  });
  const userToken = h('input', {
    name: 'userToken',
    placeholder: 'User token starts with…',
    'aria-label': 'User token starts with',
    title: 'User tokens (or authenticated user tokens) that start with this text (case-sensitive)',
    value: initial.userTokenPrefix,
    spellcheck: 'false',
  });
  const read = (): FeedFilters => ({
    status: status.value as FeedFilters['status'],
    eventType: eventType.value,
    indexPrefix: index.value.trim(),
    userTokenPrefix: userToken.value.trim(),
  });
  let typing: ReturnType<typeof setTimeout> | undefined;
  const form = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      onsubmit: (e: Event) => {
        e.preventDefault();
        onChange(read());
      },
    },
    status,
    eventType,
    index,
    userToken,
  );
  form.addEventListener('change', (event) => {
    // Text inputs also fire "change" on blur; they are handled, debounced, by "input".
    if (event.target instanceof HTMLSelectElement) onChange(read());
  });
  form.addEventListener('input', (event) => {
    if (!(event.target instanceof HTMLInputElement)) return;
    clearTimeout(typing);
    typing = setTimeout(() => onChange(read()), 300);
  });
  return form;
}

function select(name: string, value: string, options: readonly [string, string][]): HTMLSelectElement {
  const element = h(
    'select',
    { name, 'aria-label': name },
    ...options.map(([v, label]) => h('option', { value: v }, label)),
  );
  element.value = value;
  return element;
}
