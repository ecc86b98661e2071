import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import { collectPageErrors, currentUserToken } from './helpers/browser.js';

const UMD = new URL('../../packages/insights/dist/search-insights.min.js', import.meta.url);

/**
 * A page whose cookies are unusable: `Content-Security-Policy: sandbox allow-scripts` gives it an
 * opaque origin, where reading or writing `document.cookie` throws a SecurityError. It loads the
 * Sightline UMD with the standard snippet.
 */
function sandboxedPage(): Server {
  const html = `<!doctype html><meta charset="utf-8"><title>no cookies</title>
<script>
  window.AlgoliaAnalyticsObject = 'aa';
  window.aa = window.aa || function () { (window.aa.queue = window.aa.queue || []).push(arguments); };
</script>
<script src="/insights.js"></script>`;
  return createServer((req, res) => {
    if (req.url === '/insights.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(readFileSync(UMD));
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': 'sandbox allow-scripts',
    });
    res.end(html);
  });
}

describe('cookies blocked, in Chromium', () => {
  let server: Server;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    server = sandboxedPage();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('setAnonymousUserToken() changes nothing and never breaks the page; the in-memory form still works', async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${origin}/`);
    // The premise: this page really cannot touch cookies.
    expect(
      await page.evaluate(() => {
        try {
          return typeof document.cookie;
        } catch (error) {
          return (error as Error).name;
        }
      }),
    ).toBe('SecurityError');

    await page.evaluate(() => {
      window.aa('init', { appId: 'APP', apiKey: 'KEY', useCookie: true, anonymousUserToken: false });
      window.aa('setUserToken', 'before');
    });
    let calls = 0;
    await page.exposeFunction('tokenChanged', () => calls++);
    await page.evaluate(() =>
      window.aa('onUserTokenChange', (window as unknown as { tokenChanged: () => void }).tokenChanged),
    );
    await page.evaluate(() => window.aa('setAnonymousUserToken'));
    expect(await currentUserToken(page)).toBe('before');
    expect(calls).toBe(0);

    await page.evaluate(() => window.aa('setAnonymousUserToken', true));
    expect(await currentUserToken(page)).toMatch(/^anonymous-[0-9a-f-]{36}$/);
    expect(errors).toEqual([]);
  });
});
