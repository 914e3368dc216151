import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ROOT } from './server.ts';

export const ARTIFACTS = path.join(ROOT, 'e2e/artifacts');

export interface Viewport {
  name: 'phone' | 'desktop';
  width: number;
  height: number;
  mobile: boolean;
}
export const PHONE: Viewport = { name: 'phone', width: 390, height: 844, mobile: true };
export const DESKTOP: Viewport = { name: 'desktop', width: 1280, height: 800, mobile: false };
export const VIEWPORTS = [PHONE, DESKTOP];

export async function launch(): Promise<Browser> {
  const executablePath = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

export async function newContext(browser: Browser, vp: Viewport): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: vp.width, height: vp.height },
    isMobile: vp.mobile,
    hasTouch: vp.mobile,
    deviceScaleFactor: vp.mobile ? 2 : 1,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
}

/** A full-page screenshot in e2e/artifacts/ (git-ignored), named <viewport>-<step>.png. */
export async function shot(page: Page, vp: Viewport, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${vp.name}-${name}.png`), fullPage: true });
}

/** axe-core with the WCAG 2.x A/AA rules and best practices (plus AAA contrast when asked): no violations. */
export async function expectNoAxeViolations(
  page: Page,
  where: string,
  opts: { aaa?: boolean } = {},
): Promise<void> {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
  if (opts.aaa) tags.push('wcag2aaa');
  const result = await new AxeBuilder({ page }).withTags(tags).analyze();
  const summary = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`).join('\n')}`,
  );
  expect(summary, `axe violations on ${where}`).toEqual([]);
}

/** No sideways scrolling: the layout reflows at large text sizes instead of overflowing. */
export async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `horizontal overflow on ${where}`).toBeLessThanOrEqual(1);
}
