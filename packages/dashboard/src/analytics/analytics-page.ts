import { ApiError } from '../api/client.js';
import { h } from '../dom.js';
import { formatTime } from '../format-time.js';
import type { DashboardPage } from '../shell/pages.js';
import { describeRefusal, type RefusedField } from './describe-refusal.js';
import { decimal, defaultRange, money, percent, plural, positionLabel } from './format.js';
import type {
  AverageResponse,
  NoClickResponse,
  NoClickSearch,
  PositionsResponse,
  RateResponse,
  RevenueResponse,
  TopSearch,
} from './responses.js';
import { barChart, lineChart } from './svg-charts.js';

/** The index shown first: the last one looked at, else the demo shop's. */
const INDEX_KEY = 'sightline.analytics.index';
const DEFAULT_INDEX = 'demo_products';

function card(id: string, label: string, value: string, note: string): HTMLElement {
  return h(
    'div',
    { class: 'card', id },
    h('div', { class: 'card-label' }, label),
    h('div', { class: 'card-value' }, value),
    h('div', { class: 'card-note muted' }, note),
  );
}

function panel(title: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'panel' }, h('h3', {}, title), ...children);
}

/** A table with a header row and one row of cells per item (every cell is text, never HTML). */
function table(id: string, headers: string[], rows: string[][]): HTMLElement {
  return h(
    'table',
    { class: 'grid-table', id },
    h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', {}, t)))),
    h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((c) => h('td', {}, c))))),
  );
}

/**
 * `#/analytics`: search analytics of one index over a date range (optionally an analytics-tags
 * segment), from the collector's Analytics API: headline rates, daily charts (SVG), the
 * click-position histogram, revenue, the top searches and the searches without clicks.
 */
export const analyticsPage: DashboardPage = {
  id: 'analytics',
  title: 'Analytics',
  mount(root, ctx) {
    const range = defaultRange(Date.now());
    const index = h('input', {
      id: 'analytics-index',
      value: localStorage.getItem(INDEX_KEY) ?? DEFAULT_INDEX,
      'aria-label': 'Index',
    });
    const start = h('input', {
      id: 'analytics-start',
      type: 'date',
      value: range.startDate,
      'aria-label': 'From',
    });
    const end = h('input', { id: 'analytics-end', type: 'date', value: range.endDate, 'aria-label': 'To' });
    const tags = h('input', {
      id: 'analytics-tags',
      placeholder: 'e.g. platform:mobile',
      'aria-label': 'Tags',
      title: 'Analytics tags: tags joined by AND / OR, with parentheses',
    });
    const status = h('span', { class: 'status muted', id: 'analytics-status' });
    const notUpdated = h('p', { class: 'problem', id: 'analytics-not-updated', role: 'alert', hidden: true });
    const body = h('div', { class: 'analytics-body', id: 'analytics-body' });
    const fields: Record<Exclude<RefusedField, null>, HTMLInputElement[]> = {
      tags: [tags],
      dates: [start, end],
      index: [index],
    };
    let generation = 0;

    root.replaceChildren(
      h(
        'div',
        { class: 'analytics' },
        h(
          'form',
          {
            class: 'toolbar',
            onsubmit: (event: Event) => {
              event.preventDefault();
              void load();
            },
          },
          h('label', {}, 'Index ', index),
          h('label', {}, 'From ', start),
          h('label', {}, 'To ', end),
          h('label', {}, 'Tags ', tags),
          h('button', { type: 'submit', class: 'primary' }, 'Show'),
          status,
        ),
        notUpdated,
        body,
      ),
    );

    async function load() {
      const mine = ++generation;
      const indexName = index.value.trim();
      const segment = tags.value.trim();
      const params: Record<string, string> = {
        index: indexName,
        startDate: start.value,
        endDate: end.value,
        ...(segment === '' ? {} : { tags: segment }),
      };
      localStorage.setItem(INDEX_KEY, indexName);
      status.textContent = 'Loading…';
      status.classList.remove('error');
      try {
        const get = <T>(path: string, extra: Record<string, string> = {}) =>
          ctx.api.analytics<T>(path, { ...params, ...extra });
        // One request first: every route refuses a bad parameter (a malformed Tags rule, a date)
        // alike, so the other nine wait for its answer instead of each getting the same 400.
        const ctr = await get<RateResponse>('/2/clicks/clickThroughRate');
        if (mine !== generation) return;
        const [cr, atc, pr, avg, noClick, positions, revenue, top, noClicks] = await Promise.all([
          get<RateResponse>('/2/conversions/conversionRate'),
          get<RateResponse>('/2/conversions/addToCartRate'),
          get<RateResponse>('/2/conversions/purchaseRate'),
          get<AverageResponse>('/2/clicks/averageClickPosition'),
          get<NoClickResponse>('/2/searches/noClickRate'),
          get<PositionsResponse>('/2/clicks/positions'),
          get<RevenueResponse>('/2/conversions/revenue'),
          get<{ searches: TopSearch[] }>('/2/searches', {
            clickAnalytics: 'true',
            revenueAnalytics: 'true',
            limit: '10',
          }),
          get<{ searches: NoClickSearch[] }>('/2/searches/noClicks', { limit: '10' }),
        ]);
        if (mine !== generation) return;
        render({
          ctr,
          cr,
          atc,
          pr,
          avg,
          noClick,
          positions,
          revenue,
          top: top.searches,
          noClicks: noClicks.searches,
        });
        showUpdated();
        status.textContent = `Updated ${formatTime(new Date())}`;
      } catch (error) {
        if (mine !== generation) return;
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
          ctx.onAuthFailure(error.message);
          return;
        }
        const message = error instanceof Error ? error.message : String(error);
        status.textContent = message;
        status.classList.add('error');
        showNotUpdated(message);
      }
    }

    /**
     * The figures on screen are for the last request that succeeded, not for the values now in the
     * toolbar: they are greyed out (and out of reach of clicks and screen readers) under a banner
     * that names the field to fix, until a request succeeds again.
     */
    function showNotUpdated(message: string) {
      const refusal = describeRefusal(message);
      notUpdated.textContent =
        body.childElementCount === 0
          ? refusal.notice
          : `${refusal.notice} The greyed-out figures are from the last request that worked.`;
      notUpdated.hidden = false;
      body.classList.add('stale');
      body.setAttribute('inert', '');
      body.setAttribute('aria-hidden', 'true');
      for (const [field, inputs] of Object.entries(fields)) {
        for (const input of inputs) {
          if (field === refusal.field) input.setAttribute('aria-invalid', 'true');
          else input.removeAttribute('aria-invalid');
        }
      }
    }

    function showUpdated() {
      notUpdated.hidden = true;
      body.classList.remove('stale');
      body.removeAttribute('inert');
      body.removeAttribute('aria-hidden');
      for (const input of Object.values(fields).flat()) input.removeAttribute('aria-invalid');
    }

    function render(data: {
      ctr: RateResponse;
      cr: RateResponse;
      atc: RateResponse;
      pr: RateResponse;
      avg: AverageResponse;
      noClick: NoClickResponse;
      positions: PositionsResponse;
      revenue: RevenueResponse;
      top: TopSearch[];
      noClicks: NoClickSearch[];
    }) {
      const { ctr, cr, atc, pr, avg, noClick, positions, revenue, top, noClicks } = data;
      const labels = ctr.dates.map((d) => d.date.slice(5));
      body.replaceChildren(
        h(
          'div',
          { class: 'cards' },
          card(
            'card-searches',
            'Tracked searches',
            String(ctr.trackedSearchCount),
            plural(ctr.clickCount ?? 0, 'click'),
          ),
          card('card-ctr', 'Click-through rate', percent(ctr.rate), 'searches with ≥ 1 click'),
          card('card-cr', 'Conversion rate', percent(cr.rate), plural(cr.conversionCount ?? 0, 'conversion')),
          card(
            'card-atc',
            'Add-to-cart rate',
            percent(atc.rate),
            plural(atc.addToCartCount ?? 0, 'add-to-cart'),
          ),
          card('card-pr', 'Purchase rate', percent(pr.rate), plural(pr.purchaseCount ?? 0, 'purchase')),
          card(
            'card-avg',
            'Average click position',
            decimal(avg.average),
            plural(avg.clickCount, 'clicked position'),
          ),
          card('card-noclick', 'No-click rate', percent(noClick.rate), 'searches with results, no click'),
          card('card-revenue', 'Revenue', money(revenue.currencies), 'purchases tied to searches'),
        ),
        h(
          'div',
          { class: 'charts' },
          panel(
            'Rates per day',
            lineChart(
              'Click-through, conversion and purchase rate per day',
              labels,
              [
                { name: 'CTR', className: 's-ctr', values: ctr.dates.map((d) => d.rate) },
                { name: 'Conversion', className: 's-cr', values: cr.dates.map((d) => d.rate) },
                { name: 'Purchase', className: 's-pr', values: pr.dates.map((d) => d.rate) },
              ],
              (v) => `${Math.round(v * 100)}%`,
              'rate',
            ),
            h(
              'p',
              { class: 'legend' },
              h('span', { class: 'key s-ctr' }, 'CTR'),
              h('span', { class: 'key s-cr' }, 'Conversion'),
              h('span', { class: 'key s-pr' }, 'Purchase'),
              h('span', { class: 'muted' }, ' · gaps are days without tracked searches'),
            ),
          ),
          panel(
            'Tracked searches per day',
            barChart(
              'Tracked searches per day',
              labels,
              ctr.dates.map((d) => d.trackedSearchCount),
              (v) => String(Math.round(v)),
              'bar searches',
            ),
          ),
          panel(
            'Click positions',
            barChart(
              'Clicks per result position',
              positions.positions.map((p) => positionLabel(p.position)),
              positions.positions.map((p) => p.clickCount),
              (v) => String(Math.round(v)),
              'bar positions',
            ),
          ),
          panel(
            'Revenue per day',
            h(
              'table',
              { class: 'grid-table', id: 'revenue-table' },
              h('thead', {}, h('tr', {}, h('th', {}, 'Day'), h('th', {}, 'Revenue'))),
              h(
                'tbody',
                {},
                ...revenue.dates.map((d) =>
                  h('tr', {}, h('td', {}, d.date), h('td', {}, money(d.currencies))),
                ),
              ),
            ),
          ),
        ),
        panel(
          'Top searches',
          top.length === 0
            ? h('p', { class: 'muted' }, 'No tracked searches in this range.')
            : h(
                'table',
                { class: 'grid-table', id: 'top-searches' },
                h(
                  'thead',
                  {},
                  h(
                    'tr',
                    {},
                    ...[
                      'Search',
                      'Count',
                      'Hits',
                      'CTR',
                      'Avg. position',
                      'Conversion',
                      'Purchase',
                      'Revenue',
                    ].map((t) => h('th', {}, t)),
                  ),
                ),
                h(
                  'tbody',
                  {},
                  ...top.map((s) =>
                    h(
                      'tr',
                      {},
                      h('td', {}, s.search || '(empty query)'),
                      h('td', {}, String(s.count)),
                      h('td', {}, String(s.nbHits)),
                      h('td', {}, percent(s.clickThroughRate)),
                      h('td', {}, decimal(s.averageClickPosition)),
                      h('td', {}, percent(s.conversionRate)),
                      h('td', {}, percent(s.purchaseRate)),
                      h('td', {}, money(s.currencies)),
                    ),
                  ),
                ),
              ),
        ),
        panel(
          'Searches without clicks',
          noClicks.length === 0
            ? h('p', { class: 'muted' }, 'No searches with results and no click in this range.')
            : table(
                'no-click-searches',
                ['Search', 'Searches without a click', 'Hits'],
                noClicks.map((s) => [s.search || '(empty query)', String(s.count), String(s.nbHits)]),
              ),
        ),
      );
    }

    void load();
    return () => {
      generation++;
    };
  },
};
