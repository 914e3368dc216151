import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DESKTOP, expectNoAxeViolations, launch, newContext, PHONE, shot } from './support/browser.ts';
import { login, logoutFromHome, openTile, waitForHeading } from './support/flows.ts';
import { freshTotp } from './support/totp.ts';

const server = inject('server');
const NEW_PASSWORD = 'Mot-cau-de-nho-2026';
const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';
let totpSecret = '';
let recoveryCodes: string[] = [];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.sequential('admin', () => {
  test('first login on a desktop: new password, two-step verification, roles, audit log, org tree', async () => {
    const vp = DESKTOP;
    const context = await newContext(browser, vp);
    const page = await context.newPage();
    try {
      // the printed password must be replaced first
      await login(page, server.base, server.admin);
      await waitForHeading(page, 'Đặt mật khẩu mới');
      await expectNoAxeViolations(page, 'forced password change');
      await page.getByLabel('Mật khẩu hiện tại', { exact: true }).fill(server.admin.password);
      await page.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill('khac-hoan-toan');
      await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
      await expect.poll(() => main(page)).toContain('Hai lần nhập mật khẩu mới chưa giống nhau.');
      await shot(page, vp, 'password-forced');
      await page.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();

      // then a second factor, before any committee screen
      await waitForHeading(page, 'Bật xác thực hai bước');
      await page.getByRole('button', { name: 'Bắt đầu' }).click();
      const secret = page.getByTestId('totp-secret');
      await secret.waitFor();
      totpSecret = ((await secret.textContent()) ?? '').replace(/\s/g, '');
      await page.getByRole('img', { name: 'Mã QR để thêm tài khoản vào ứng dụng xác thực' }).waitFor();
      await expectNoAxeViolations(page, 'TOTP enrolment');
      await shot(page, vp, 'totp-enroll');
      await page.getByLabel('Mã xác thực (6 chữ số)').fill(await freshTotp(totpSecret, server.dataDir));
      await page.getByRole('button', { name: 'Xác nhận' }).click();
      await waitForHeading(page, 'Xin chào');
      for (const tile of ['Quản lý đảng viên', 'Nhập danh sách', 'Tổ chức đảng', 'Vai trò', 'Nhật ký']) {
        expect(await page.getByRole('link', { name: new RegExp(`^${tile}`) }).count(), tile).toBe(1);
      }
      await expectNoAxeViolations(page, 'home (admin)');
      await shot(page, vp, 'admin-home');

      // backup codes for a lost phone: ten, shown once, printable
      await openTile(page, 'Cài đặt');
      await page.getByRole('link', { name: 'Mã dự phòng' }).click();
      await waitForHeading(page, 'Mã dự phòng');
      await page.getByRole('button', { name: 'Tạo 10 mã dự phòng' }).click();
      const codes = page.getByTestId('recovery-codes').locator('li');
      await expect.poll(() => codes.count()).toBe(10);
      recoveryCodes = (await codes.allTextContents()).map((c) => c.trim());
      expect(recoveryCodes.every((c) => /^[a-z0-9]{4}-[a-z0-9]{4}$/.test(c))).toBe(true);
      expect(await main(page)).toContain('Mã chỉ hiện lần này');
      await expectNoAxeViolations(page, 'backup codes');
      await shot(page, vp, 'recovery-codes');
      await page.emulateMedia({ media: 'print' });
      await shot(page, vp, 'recovery-codes-print');
      await page.emulateMedia({ media: null });
      await page.goto(`${server.base}/`);
      await waitForHeading(page, 'Xin chào');

      // roles: grant the demo member "chi ủy" on their chi bộ, found by name without diacritics, then revoke
      await openTile(page, 'Vai trò');
      await waitForHeading(page, 'Vai trò');
      const person = page.getByRole('textbox', { name: 'Đảng viên nhận vai trò' });
      await person.fill(
        server.member.name
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/đ/gi, 'd'),
      );
      await page.getByRole('option', { name: new RegExp(`^${server.member.name} — `) }).click();
      await expect.poll(() => main(page)).toContain(`Tài khoản: ${server.member.username}`);
      await expectNoAxeViolations(page, 'roles');
      await page.getByRole('button', { name: 'Giao vai trò' }).click();
      await expect.poll(() => main(page)).toContain('Đã giao vai trò.');
      const revoke = page.getByRole('button', {
        name: `Thu hồi vai trò Chi ủy của ${server.member.name} tại Chi bộ thôn Nà Lằng`,
      });
      await revoke.waitFor();
      await shot(page, vp, 'roles');
      await revoke.click();
      const question = page.getByRole('dialog', {
        name: `Thu hồi vai trò Chi ủy của ${server.member.name} tại Chi bộ thôn Nà Lằng?`,
      });
      await question.getByRole('button', { name: 'Thu hồi' }).click();
      await expect.poll(() => main(page)).toContain('Đã thu hồi vai trò.');
      expect(await revoke.count()).toBe(0);

      // the audit log shows both, newest first
      await page.goto(`${server.base}/audit`);
      await waitForHeading(page, 'Nhật ký thao tác');
      await expect.poll(() => main(page)).toContain('Thu hồi vai trò');
      expect(await main(page)).toContain('Giao vai trò');
      await page.getByText('Chi tiết').first().click();
      await expectNoAxeViolations(page, 'audit log');
      await shot(page, vp, 'audit');

      // the whole commune's tree, and a transfer between two chi bộ
      await page.goto(`${server.base}/orgs`);
      await waitForHeading(page, 'Tổ chức đảng');
      await expect.poll(() => main(page)).toContain('Chi bộ bản Sín Chải');
      await expectNoAxeViolations(page, 'orgs (admin)');
      await shot(page, vp, 'orgs-admin');
      await page.getByRole('link', { name: 'Xem đảng viên: Chi bộ bản Sín Chải' }).click();
      await waitForHeading(page, 'Quản lý đảng viên');
      const first = page.locator('main ul li a').first();
      await first.waitFor();
      const name = ((await first.locator('span').first().textContent()) ?? '').trim();
      await first.click();
      await waitForHeading(page, name);
      await page.getByRole('textbox', { name: 'Chuyển đến chi bộ' }).fill('pac nam');
      await page.getByRole('option', { name: 'Chi bộ thôn Pác Nặm' }).click();
      await page.getByRole('button', { name: 'Chuyển sinh hoạt' }).click();
      await expect.poll(() => main(page)).toContain('Đã chuyển sinh hoạt.');
      await expect.poll(() => main(page)).toMatch(/Chi bộ thôn Pác Nặm: \d\d\/\d\d\/\d{4} – nay/);
      await expectNoAxeViolations(page, 'member detail (transferred)');
      await shot(page, vp, 'member-transferred');
      await logoutFromHome(page, server.base);
    } finally {
      await context.close();
    }
  });

  test('the console on a phone, signed in with a backup code: roles, audit log, members, a second factor removed', async () => {
    const vp = PHONE;
    const context = await newContext(browser, vp);
    const page = await context.newPage();
    try {
      // the phone with the authenticator app is "lost": a backup code instead of the 6-digit code
      await login(page, server.base, { username: 'admin', password: NEW_PASSWORD });
      await page.getByLabel('Mã xác thực (6 chữ số)').waitFor();
      await page.getByRole('button', { name: 'Dùng mã dự phòng' }).click();
      await page.getByLabel('Mã dự phòng').fill(recoveryCodes[0]!);
      await expectNoAxeViolations(page, 'login with a backup code');
      await shot(page, vp, 'login-recovery-code');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await waitForHeading(page, 'Xin chào');
      await shot(page, vp, 'admin-home');

      // the cấp ủy lost both phone and codes: the admin removes their second factor after a confirmation
      await page.goto(`${server.base}/roles`);
      await waitForHeading(page, 'Vai trò');
      const remove = page.getByRole('button', { name: `Xoá xác thực hai bước của ${server.capUy.name}` });
      await remove.click();
      const dialog = page.getByRole('dialog', { name: `Xoá xác thực hai bước của ${server.capUy.name}?` });
      await dialog.waitFor();
      await expectNoAxeViolations(page, 'roles: remove two-step verification');
      await shot(page, vp, 'roles-totp-reset');
      await dialog.getByRole('button', { name: 'Xoá xác thực hai bước' }).click();
      await expect.poll(() => main(page)).toContain(`Đã xoá xác thực hai bước của ${server.capUy.name}.`);
      // their password alone signs in again (and they must enrol anew before any committee screen)
      const relogin = await fetch(`${server.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: server.capUy.username, password: server.capUy.password }),
      });
      expect(relogin.status).toBe(200);

      for (const [path, title] of [
        ['/roles', 'Vai trò'],
        ['/audit', 'Nhật ký thao tác'],
        ['/members', 'Quản lý đảng viên'],
        ['/change-password', 'Đổi mật khẩu'],
      ] as const) {
        await page.goto(`${server.base}${path}`);
        await waitForHeading(page, title);
        await page.waitForLoadState('networkidle');
        await expectNoAxeViolations(page, `${path} on a phone`);
        await shot(page, vp, `admin${path.replace('/', '-')}`);
      }
      await logoutFromHome(page, server.base);
    } finally {
      await context.close();
    }
  });
});
