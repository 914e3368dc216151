import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { expectNoAxeViolations, launch, newContext, PHONE, shot } from './support/browser.ts';
import { login, waitForHeading } from './support/flows.ts';

const server = inject('server');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test('installable: manifest with icons (maskable too), theme colour, apple touch icon', async () => {
  const html = await (await fetch(`${server.base}/`, { headers: { accept: 'text/html' } })).text();
  expect(html).toMatch(/<html lang="vi">/);
  expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest"');
  expect(html).toContain('rel="apple-touch-icon"');
  const manifest = await (await fetch(`${server.base}/manifest.webmanifest`)).json();
  expect(manifest.name).toBe('Sổ tay đảng viên điện tử');
  expect(manifest.display).toBe('standalone');
  expect(manifest.theme_color).toBe('#b71c1c');
  expect(manifest.icons.map((i: { purpose: string }) => i.purpose)).toContain('maskable');
  for (const icon of manifest.icons) {
    const r = await fetch(`${server.base}${icon.src}`);
    expect(r.status, icon.src).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^image\//);
  }
});

test('the service worker precaches the shell: the app reopens offline', async () => {
  const vp = PHONE;
  const context = await newContext(browser, vp);
  const page = await context.newPage();
  try {
    await login(page, server.base, server.member);
    await waitForHeading(page, /Xin chào/);
    // the worker installs on the first visit and takes control of the page (clients.claim)
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
    const precached = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      const names = await caches.keys();
      const cache = await caches.open(names.find((n) => n.startsWith('sotay-shell-'))!);
      return { active: !!reg.active, files: (await cache.keys()).length };
    });
    expect(precached.active).toBe(true);
    expect(precached.files).toBeGreaterThan(20);

    await context.setOffline(true);
    await page.reload();
    await waitForHeading(page, 'Chưa có kết nối mạng');
    expect(await page.locator('header').textContent()).toContain('Sổ tay đảng viên điện tử');
    await expectNoAxeViolations(page, 'offline');
    await shot(page, vp, 'offline');
    // a deep link opens offline too: every navigation is answered with the cached shell
    await page.goto(`${server.base}/profile`);
    await waitForHeading(page, 'Chưa có kết nối mạng');

    await context.setOffline(false);
    await page.getByRole('button', { name: 'Thử lại' }).click();
    await waitForHeading(page, 'Thông tin sơ lược');
  } finally {
    await context.close();
  }
});
