import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayTraffic } from '../../packages/collector/src/index.js';
import { launchChromium } from '../helpers/chromium.js';
import { collectPageErrors, screenshot, waitForToken } from './helpers/browser.js';
import { payload, waitForEntry } from './helpers/feed.js';
import { type Stack, startStack } from './helpers/stack.js';
import { caseTransformedTexts, UPPER_CASED_LABELS } from './helpers/text-transform.js';

/** The dashboard's percent format: one decimal and a thin space before %. */
const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)} %`);

// The analytics page and the debugger's analytics detail, after a replay and a real shop visit.
describe('analytics dashboard, in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let shop: Page;
  let dashboard: Page;
  let errors: string[];
  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${stack.collector.url}${path}`, {
      headers: { 'x-algolia-application-id': stack.appId, 'x-algolia-api-key': stack.adminKey },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    stack = await startStack();
    await replayTraffic({
      url: stack.collector.url,
      appId: stack.appId,
      apiKey: stack.searchKey,
      shoppers: 30,
      searchesPerShopper: 4,
      conversionRate: 0.3,
      seed: 21,
    });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(10_000);
    shop = await context.newPage();
    await shop.goto(`${stack.demo.url}/search?q=cooktop`);
    await waitForToken(shop);
    dashboard = await context.newPage();
    errors = collectPageErrors(dashboard);
    const fragment = new URLSearchParams({ appId: stack.appId, apiKey: stack.adminKey });
    await dashboard.goto(`${stack.collector.url}/dashboard/#${fragment}`);
    await dashboard.waitForSelector('#app-id');
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('the debugger tells which analytics a shop click feeds, and shows the user timeline', async () => {
    await shop.locator('.hit a').first().click();
    const click = await waitForEntry(stack, { eventType: 'click', index: 'demo_products' }, (e) =>
      String(payload(e).userToken).startsWith('anonymous-'),
    );
    const row = dashboard.locator(`tr[data-entry-id="${click.id}"]`);
    await row.waitFor();
    await row.click();
    const detail = dashboard.locator('#detail');
    const clickUse = detail.locator('li[data-feature="Click analytics"]');
    await clickUse.waitFor();
    // The demo's backend reported the search, so the click's queryID matches a tracked search.
    expect(await clickUse.getAttribute('class')).toBe('use-yes');
    expect(await clickUse.textContent()).toContain('"cooktop"');
    expect(await detail.locator('li[data-feature="Revenue"]').getAttribute('class')).toBe('use-no');
    const timeline = detail.locator('.timeline li');
    await timeline.first().waitFor();
    // innerText is what the reader sees and copies: the heading's label is upper-cased, the token
    // (case-sensitive) is not.
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered case is what this checks.
    const heading = await detail.locator('.timeline h3').innerText();
    expect(heading).toContain(String(payload(click).userToken));
    expect(heading).toMatch(/^USER TIMELINE · /);
    expect(
      await detail.locator('.timeline h3 code').evaluate((el) => getComputedStyle(el).textTransform),
    ).toBe('none');
    const transformed = await caseTransformedTexts(dashboard);
    expect(transformed.filter((text) => !UPPER_CASED_LABELS.includes(text))).toEqual([]);
    expect(await detail.locator('.timeline li.current').count()).toBe(1);
    await screenshot(dashboard, 'debugger-analytics-detail');
  });

  it('the analytics page shows the same numbers as the Analytics API', async () => {
    await dashboard.goto(`${stack.collector.url}/dashboard/#/analytics`);
    await dashboard.waitForSelector('#card-ctr .card-value');
    const q = 'index=demo_products';
    const ctr = await api<{ rate: number; trackedSearchCount: number }>(`/2/clicks/clickThroughRate?${q}`);
    const cr = await api<{ rate: number }>(`/2/conversions/conversionRate?${q}`);
    const pr = await api<{ rate: number }>(`/2/conversions/purchaseRate?${q}`);
    const avg = await api<{ average: number }>(`/2/clicks/averageClickPosition?${q}`);
    const positions = await api<{ positions: { clickCount: number }[] }>(`/2/clicks/positions?${q}`);
    const top = await api<{ searches: { search: string; count: number }[] }>(
      `/2/searches?${q}&clickAnalytics=true`,
    );
    expect(ctr.trackedSearchCount).toBeGreaterThan(120); // the replay's 120 plus the shop's
    const value = (id: string) => dashboard.locator(`#${id} .card-value`).textContent();
    expect(await value('card-searches')).toBe(String(ctr.trackedSearchCount));
    expect(await value('card-ctr')).toBe(percent(ctr.rate));
    expect(await value('card-cr')).toBe(percent(cr.rate));
    expect(await value('card-pr')).toBe(percent(pr.rate));
    expect(await value('card-avg')).toBe(String(Math.round(avg.average * 100) / 100));
    expect(await value('card-revenue')).toMatch(/USD$/);
    const bars = await dashboard
      .locator('svg[aria-label="Clicks per result position"] rect')
      .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-value'))));
    expect(bars).toEqual(positions.positions.map((p) => p.clickCount));
    const firstRow = await dashboard
      .locator('#top-searches tbody tr')
      .first()
      .locator('td')
      .allTextContents();
    expect(firstRow.slice(0, 2)).toEqual([top.searches[0]!.search, String(top.searches[0]!.count)]);
    // Eight days, the last one today: the chart has one bar per day.
    expect(await dashboard.locator('svg[aria-label="Tracked searches per day"] rect').count()).toBe(8);
    // Show is styled as the form's action, like Sign in, not left as the browser's default button.
    const show = await dashboard.locator('.toolbar button[type="submit"]').evaluate((el) => {
      const style = getComputedStyle(el);
      return { background: style.backgroundColor, color: style.color, radius: style.borderRadius };
    });
    expect(show).toEqual({ background: 'rgb(74, 92, 240)', color: 'rgb(255, 255, 255)', radius: '6px' });
    expect(await caseTransformedTexts(dashboard)).toEqual([]);
    await screenshot(dashboard, 'analytics');
  });

  it('lists searches without clicks, and segments on the tags the shop gives its searches', async () => {
    const q = 'index=demo_products';
    const noClicks = await api<{ searches: { search: string; count: number }[] }>(
      `/2/searches/noClicks?${q}&limit=10`,
    );
    expect(noClicks.searches.length).toBeGreaterThan(0);
    const rows = await dashboard.locator('#no-click-searches tbody tr').count();
    expect(rows).toBe(noClicks.searches.length);
    const firstRow = await dashboard
      .locator('#no-click-searches tbody tr')
      .first()
      .locator('td')
      .allTextContents();
    expect(firstRow.slice(0, 2)).toEqual([noClicks.searches[0]!.search, String(noClicks.searches[0]!.count)]);
    // The replay reports untagged searches; the shop's backend tags Chromium's searches platform:desktop.
    const all = await api<{ count: number }>(`/2/searches/count?${q}`);
    const desktop = await api<{ count: number }>(`/2/searches/count?${q}&tags=platform:desktop`);
    expect(desktop.count).toBeGreaterThan(0);
    expect(desktop.count).toBeLessThan(all.count);
    await dashboard.fill('#analytics-tags', 'platform:desktop');
    await dashboard.click('.toolbar button[type="submit"]');
    await dashboard.waitForFunction(
      (n) => document.querySelector('#card-searches .card-value')?.textContent === n,
      String(desktop.count),
    );
    const desktopFigures = await dashboard.locator('#analytics-body').textContent();
    expect(await dashboard.locator('#analytics-not-updated').isHidden()).toBe(true);

    // A malformed rule costs one request (the collector refuses every route alike), and the figures
    // of the last good request are greyed out under a banner: they are not for this rule.
    const analyticsRequests: string[] = [];
    dashboard.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/2/')) analyticsRequests.push(request.url());
    });
    for (const bad of ['platform:desktop OR', '(platform:desktop']) {
      analyticsRequests.length = 0;
      await dashboard.fill('#analytics-tags', bad);
      await dashboard.click('.toolbar button[type="submit"]');
      await dashboard.waitForSelector('#analytics-status.error');
      expect(await dashboard.locator('#analytics-status').textContent()).toContain(' tags: ');
      expect(analyticsRequests).toHaveLength(1);
      expect(await dashboard.locator('#analytics-not-updated').textContent()).toBe(
        'Not updated: fix the Tags rule, then press Show. The greyed-out figures are from the last request that worked.',
      );
      expect(await dashboard.locator('#analytics-tags').getAttribute('aria-invalid')).toBe('true');
      const body = dashboard.locator('#analytics-body');
      expect(await body.getAttribute('class')).toContain('stale');
      expect(await body.getAttribute('inert')).toBe('');
      expect(Number(await body.evaluate((el) => getComputedStyle(el).opacity))).toBeLessThan(0.5);
      expect(await body.textContent()).toBe(desktopFigures);
    }
    expect(analyticsRequests[0]).toContain('/2/clicks/clickThroughRate?');
    await screenshot(dashboard, 'analytics-tags-invalid');

    // A valid rule again: fresh figures, the banner and the marks gone.
    await dashboard.fill('#analytics-tags', 'platform:desktop');
    await dashboard.click('.toolbar button[type="submit"]');
    await dashboard.waitForSelector('#analytics-not-updated', { state: 'hidden' });
    expect(await dashboard.locator('#card-searches .card-value').textContent()).toBe(String(desktop.count));
    expect(await dashboard.locator('#analytics-body').getAttribute('class')).not.toContain('stale');
    expect(await dashboard.locator('#analytics-body').getAttribute('inert')).toBeNull();
    expect(await dashboard.locator('#analytics-tags').getAttribute('aria-invalid')).toBeNull();
    expect(await dashboard.locator('#analytics-status').getAttribute('class')).not.toContain('error');
    await dashboard.fill('#analytics-tags', '');
    expect(errors).toEqual([]);
  });

  it('another range with no data shows dashes, not zeros', async () => {
    await dashboard.fill('#analytics-start', '2020-01-01');
    await dashboard.fill('#analytics-end', '2020-01-03');
    await dashboard.click('.toolbar button[type="submit"]');
    await dashboard.waitForFunction(
      () => document.querySelector('#card-searches .card-value')?.textContent === '0',
    );
    expect(await dashboard.locator('#card-ctr .card-value').textContent()).toBe('—');
    expect(await dashboard.locator('#top-searches').count()).toBe(0);
    expect(await dashboard.locator('#no-click-searches').count()).toBe(0);
    await screenshot(dashboard, 'analytics-empty-range');
    expect(errors).toEqual([]);
  });
});
