import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

export async function waitForHeading(page: Page, name: string | RegExp): Promise<void> {
  await heading(page, name).waitFor({ state: 'visible', timeout: 20_000 });
}

/** Signs in through the form; a second factor is typed when the server asks for it. */
export async function login(
  page: Page,
  base: string,
  account: { username: string; password: string },
  totp?: () => Promise<string>,
): Promise<void> {
  await page.goto(`${base}/`);
  await waitForHeading(page, 'Đăng nhập');
  await page.getByLabel('Số điện thoại hoặc số thẻ đảng viên').fill(account.username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  if (totp) {
    const code = page.getByLabel('Mã xác thực (6 chữ số)');
    await code.waitFor({ state: 'visible' });
    await code.fill(await totp());
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  }
}

export async function expectLoggedOut(page: Page): Promise<void> {
  await waitForHeading(page, 'Đăng nhập');
  expect(await page.locator('input[type="password"]').count()).toBe(1);
}

export async function logoutFromHome(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expectLoggedOut(page);
}

export async function openTile(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: new RegExp(`^${name}`) }).click();
}

/**
 * Signs in a committee account whatever state its second factor is in: the code is typed when the
 * server asks for it; when an administrator has cleared it (admin.e2e does), the account enrols a new
 * one, and `account.totpSecret` is updated for the next sign-in of this test file.
 */
export async function loginCommittee(
  page: Page,
  base: string,
  account: { username: string; password: string; totpSecret: string | null },
  code: (secret: string) => Promise<string>,
): Promise<void> {
  await page.goto(`${base}/`);
  await waitForHeading(page, 'Đăng nhập');
  await page.getByLabel('Số điện thoại hoặc số thẻ đảng viên').fill(account.username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  const field = page.getByLabel('Mã xác thực (6 chữ số)');
  const enrol = heading(page, 'Bật xác thực hai bước');
  await Promise.race([field.waitFor({ state: 'visible' }), enrol.waitFor({ state: 'visible' })]);
  if (await enrol.isVisible()) {
    await page.getByRole('button', { name: 'Bắt đầu' }).click();
    const secret = page.getByTestId('totp-secret');
    await secret.waitFor();
    account.totpSecret = ((await secret.textContent()) ?? '').replace(/\s/g, '');
    await field.fill(await code(account.totpSecret));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    return;
  }
  await field.fill(await code(account.totpSecret!));
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}
