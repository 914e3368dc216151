import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  launch,
  newContext,
  shot,
  VIEWPORTS,
} from './support/browser.ts';
import { expectLoggedOut, heading, login, openTile, waitForHeading } from './support/flows.ts';

const server = inject('server');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(VIEWPORTS)('member on $name', (vp) => {
  test('logs in, enlarges the text, checks and corrects the profile, logs out', async () => {
    const context = await newContext(browser, vp);
    const page = await context.newPage();
    const { member } = server;
    try {
      // login screen: labelled fields, show/hide password, a clear error for a wrong password
      await page.goto(`${server.base}/`);
      await waitForHeading(page, 'Đăng nhập');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
      await expectNoAxeViolations(page, 'login');
      await page.getByLabel('Số điện thoại hoặc số thẻ đảng viên').fill(member.username);
      await page.getByLabel('Mật khẩu', { exact: true }).fill('sai-mat-khau');
      await page.getByRole('button', { name: 'Hiện mật khẩu' }).click();
      expect(await page.getByLabel('Mật khẩu', { exact: true }).getAttribute('type')).toBe('text');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toContain('Sai tên đăng nhập hoặc mật khẩu');
      await shot(page, vp, 'login-error');
      await expectNoAxeViolations(page, 'login with error');

      await login(page, server.base, member);
      await waitForHeading(page, `Xin chào đồng chí ${member.name}`);
      await expect.poll(() => page.getByRole('link', { name: /^Thông tin sơ lược/ }).count()).toBe(1);
      expect(await page.getByRole('link', { name: /^Quản lý đảng viên/ }).count()).toBe(0);
      await expectNoAxeViolations(page, 'home (member)');
      await shot(page, vp, 'member-home');

      // settings: the largest text, then high contrast (AAA) and back
      await openTile(page, 'Cài đặt');
      await waitForHeading(page, 'Cài đặt');
      await page.getByRole('radio', { name: 'Rất lớn' }).check();
      expect(await page.evaluate(() => document.documentElement.style.fontSize)).toBe('150%');
      await expectNoAxeViolations(page, 'settings');
      await expectNoHorizontalScroll(page, 'settings at 150 %');
      await shot(page, vp, 'settings-large-text');
      await page.getByRole('switch', { name: 'Bật tương phản cao' }).check({ force: true });
      expect(await page.evaluate(() => document.documentElement.dataset.contrast)).toBe('high');
      await expectNoAxeViolations(page, 'settings (high contrast)', { aaa: true });
      await shot(page, vp, 'settings-high-contrast');
      await page.getByRole('switch', { name: 'Bật tương phản cao' }).uncheck({ force: true });

      // profile at the enlarged size
      await page.getByRole('button', { name: 'Quay lại' }).click();
      await openTile(page, 'Thông tin sơ lược');
      await waitForHeading(page, 'Thông tin sơ lược');
      const body = async () => (await page.locator('main').textContent()) ?? '';
      expect(await body()).toContain(member.name);
      expect(await body()).toContain('Chi bộ thôn Nà Lằng');
      expect(await body()).toContain('Chính thức');
      await expectNoAxeViolations(page, 'profile');
      await expectNoHorizontalScroll(page, 'profile at 150 %');
      await shot(page, vp, 'profile-large-text');

      // the full CCCD on request, then phone and e-mail corrected by the member
      await page.getByRole('button', { name: 'Hiện số đầy đủ' }).click();
      await expect.poll(() => body()).not.toContain('******');
      await page.getByRole('button', { name: 'Sửa số điện thoại, email' }).click();
      const email = `dang.vien.${vp.name}@example.vn`;
      await page.getByLabel('Thư điện tử (email)').fill('khong-phai-email');
      await page.getByRole('button', { name: 'Lưu' }).click();
      await expect.poll(() => body()).toContain('Địa chỉ email chưa đúng');
      await page.getByLabel('Số điện thoại', { exact: true }).fill('12345');
      await page.getByLabel('Thư điện tử (email)').fill(email);
      await page.getByRole('button', { name: 'Lưu' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toContain('Số điện thoại "12345" không hợp lệ');
      await page.getByLabel('Số điện thoại', { exact: true }).fill(member.username);
      await expectNoAxeViolations(page, 'profile (editing contact)');
      await shot(page, vp, 'profile-edit-contact');
      await page.getByRole('button', { name: 'Lưu' }).click();
      await expect.poll(() => body()).toContain('Đã lưu.');
      expect(await body()).toContain(email);

      // browser text size at 200 %: still one column, no sideways scrolling
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '200%';
      });
      await expectNoHorizontalScroll(page, 'profile at 200 %');
      await shot(page, vp, 'profile-200-percent');
      await page.getByRole('button', { name: 'Quay lại' }).click();
      await waitForHeading(page, /Xin chào/);
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '200%';
      });
      await expectNoHorizontalScroll(page, 'home at 200 %');
      await shot(page, vp, 'home-200-percent');

      // back to the normal size, then log out
      await openTile(page, 'Cài đặt');
      await page.getByRole('radio', { name: 'Vừa' }).check();
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await expectLoggedOut(page);
      expect(await heading(page, 'Đăng nhập').count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});
