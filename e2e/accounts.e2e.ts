import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  DESKTOP,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  launch,
  newContext,
  PHONE,
  shot,
  type Viewport,
} from './support/browser.ts';
import { expectLoggedOut, login, waitForHeading } from './support/flows.ts';
import { freshTotp } from './support/totp.ts';

/**
 * Onboarding as the roll-out plan has it (seed 000 §II.3, §III.4): members register on their phone and the
 * chi ủy approves; the chi ủy creates accounts and prints slips for those who cannot; reset codes for
 * forgotten passwords; members confirm or ask to correct their brief profile. The bí thư works on a
 * desktop (one sign-in for the whole file), the members on phones.
 */
const server = inject('server');
const main = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

interface DemoMember {
  id: string;
  fullName: string;
  partyCardNumber: string;
  birthDate: string;
  phone: string | null;
}

let browser: Browser;
let committee: BrowserContext;
let bt: Page;
/** Members of the bí thư's chi bộ without an account, read through the API as the bí thư. */
let registrant: DemoMember;
let refused: DemoMember;
let withSlip: DemoMember;
/** Phone numbers no demo member has: the two registrations give them. */
const NEW_PHONES = ['0968 123 457', '0968 123 458'];
const REGISTRANT_PASSWORD = 'nha toi co 3 cay cau';
const REFUSED_PASSWORD = 'ga gay o nha ba noi';
const REJECT_REASON = 'Số điện thoại không phải của đồng chí, đề nghị đăng ký lại';
const SLIP_NEW_PASSWORD = 'Nuoc suoi chay qua ban 2026';
const RESET_PASSWORD = 'Doi che xanh tren nui cao';
let slipUsername = '';

async function getJson<T>(path: string): Promise<T> {
  const r = await committee.request.get(`${server.base}${path}`);
  expect(r.status(), path).toBe(200);
  return (await r.json()) as T;
}

/** `dd/mm/yyyy` of a `YYYY-MM-DD` date, as the app shows it. */
const vnDate = (iso: string) => iso.split('-').reverse().join('/');
const digitsOf = (s: string) => s.replace(/\D/g, '');

async function member(vp: Viewport = PHONE): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, vp);
  return { context, page: await context.newPage() };
}

/** The bí thư's screens at phone size too (a village bí thư often has only a phone): axe and a screenshot. */
async function alsoOnPhone(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: PHONE.width, height: PHONE.height });
  await expectNoAxeViolations(page, `${name} (phone size)`);
  await expectNoHorizontalScroll(page, `${name} (phone size)`);
  await shot(page, PHONE, `bi-thu-${name}`);
  await page.setViewportSize({ width: DESKTOP.width, height: DESKTOP.height });
}

beforeAll(async () => {
  browser = await launch();
  committee = await newContext(browser, DESKTOP);
  bt = await committee.newPage();
  await login(bt, server.base, server.biThu, () => freshTotp(server.biThu.totpSecret!, server.dataDir));
  await waitForHeading(bt, `Xin chào đồng chí ${server.biThu.name}`);

  const me = await getJson<{ roles: { role: string; orgId: string }[] }>('/api/me');
  const chiBo = me.roles.find((r) => r.role === 'chi_uy')!.orgId;
  const list = await getJson<{ items: (DemoMember & { status: string })[] }>(
    `/api/members?orgId=${chiBo}&status=chinh_thuc&pageSize=200`,
  );
  const free: DemoMember[] = [];
  for (const m of list.items) {
    if (!m.partyCardNumber || !m.birthDate) continue;
    const account = await getJson<{ state: string }>(`/api/members/${m.id}/account`);
    // the number and birth date the member types, read from the record as the brief asks
    if (account.state === 'none')
      free.push((await getJson<{ member: DemoMember }>(`/api/members/${m.id}`)).member);
    if (free.length === 3) break;
  }
  expect(free).toHaveLength(3);
  [registrant, refused, withSlip] = free as [DemoMember, DemoMember, DemoMember];
  for (const phone of NEW_PHONES) {
    const found = await getJson<{ total: number }>(`/api/members?q=${digitsOf(phone)}`);
    expect(found.total, `${phone} is nobody's yet`).toBe(0);
  }
});

afterAll(async () => {
  await committee?.close();
  await browser?.close();
});

describe.sequential('accounts and onboarding', () => {
  test('a member registers on a phone, the bí thư approves (and rejects another), the first login works', async () => {
    const { context, page } = await member();
    const vp = PHONE;
    try {
      await page.goto(`${server.base}/`);
      await waitForHeading(page, 'Đăng nhập');
      await page.getByRole('link', { name: 'Quên mật khẩu?' }).waitFor();
      await expectNoAxeViolations(page, 'login with its new links');
      await shot(page, vp, 'login');
      await page.getByRole('link', { name: 'Đăng ký tài khoản' }).click();
      await waitForHeading(page, 'Đăng ký tài khoản');

      // 1: số thẻ (the default choice); an empty answer is explained
      expect(await main(page)).toContain('Bước 1/5: Số thẻ hoặc CCCD');
      expect(await page.getByRole('radio', { name: 'Số thẻ đảng viên' }).isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await expect.poll(() => main(page)).toContain('Số thẻ đảng viên gồm 6 đến 12 chữ số.');
      await expectNoAxeViolations(page, 'register: number (error)');
      await shot(page, vp, 'register-1-number');
      await page.getByRole('textbox', { name: 'Số thẻ đảng viên' }).fill(registrant.partyCardNumber);
      await page.getByRole('button', { name: 'Tiếp tục' }).click();

      // 2: the birth date as day / month / year; 31/2 does not exist
      await expect.poll(() => main(page)).toContain('Bước 2/5: Ngày sinh');
      const [y, mo, d] = registrant.birthDate.split('-') as [string, string, string];
      await page.getByRole('textbox', { name: 'Ngày', exact: true }).fill('31');
      await page.getByRole('textbox', { name: 'Tháng', exact: true }).fill('2');
      await page.getByRole('textbox', { name: 'Năm', exact: true }).fill(y);
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await expect.poll(() => main(page)).toContain(`Không có ngày 31/2/${y}.`);
      await expectNoAxeViolations(page, 'register: birth date (error)');
      await expectNoHorizontalScroll(page, 'register: birth date');
      await shot(page, vp, 'register-2-birth');
      // the browser's text at 200 %: the three fields wrap instead of running off the screen
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '200%';
      });
      await expectNoHorizontalScroll(page, 'register: birth date at 200 %');
      await shot(page, vp, 'register-2-birth-200-percent');
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '';
      });
      await page.getByRole('textbox', { name: 'Ngày', exact: true }).fill(String(Number(d)));
      await page.getByRole('textbox', { name: 'Tháng', exact: true }).fill(String(Number(mo)));
      await page.getByRole('button', { name: 'Tiếp tục' }).click();

      // 3: phone
      await expect.poll(() => main(page)).toContain('Bước 3/5: Số điện thoại');
      await page.getByRole('textbox', { name: 'Số điện thoại di động' }).fill('12345');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await expect.poll(() => main(page)).toContain('Số điện thoại gồm 10 chữ số');
      await page.getByRole('textbox', { name: 'Số điện thoại di động' }).fill(NEW_PHONES[0]!);
      await expectNoAxeViolations(page, 'register: phone');
      await shot(page, vp, 'register-3-phone');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();

      // 4: a guessable password passes the length check here, and the server's hint brings the member back
      await expect.poll(() => main(page)).toContain('Bước 4/5: Mật khẩu');
      await page.getByLabel('Mật khẩu', { exact: true }).fill('12345678');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await expect.poll(() => main(page)).toContain('Bước 5/5: Kiểm tra và gửi');
      await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
      await expect.poll(() => main(page)).toContain('Bước 4/5: Mật khẩu');
      expect(await main(page)).toContain('Mật khẩu này dễ đoán');
      await expectNoAxeViolations(page, 'register: password (weak)');
      await shot(page, vp, 'register-4-password-weak');
      await page.getByLabel('Mật khẩu', { exact: true }).fill(REGISTRANT_PASSWORD);
      await page.getByRole('button', { name: 'Tiếp tục' }).click();

      // 5: everything to check, each with its "Sửa"
      await expect.poll(() => main(page)).toContain('Bước 5/5: Kiểm tra và gửi');
      const review = await main(page);
      expect(review).toContain(registrant.partyCardNumber);
      expect(review).toContain(vnDate(registrant.birthDate));
      expect(review).toContain(NEW_PHONES[0]);
      expect(review).toContain(`${REGISTRANT_PASSWORD.length} ký tự (đang ẩn)`);
      expect(await page.getByRole('button', { name: 'Sửa ngày sinh' }).count()).toBe(1);
      await expectNoAxeViolations(page, 'register: review');
      await expectNoHorizontalScroll(page, 'register: review');
      await shot(page, vp, 'register-5-review');
      await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
      await expect.poll(() => main(page)).toContain('Đã gửi đăng ký, chờ chi ủy phê duyệt');
      expect(await main(page)).toContain(`số điện thoại ${NEW_PHONES[0]}`);
      await expectNoAxeViolations(page, 'register: sent');
      await shot(page, vp, 'register-done');

      // before approval the login (with the số thẻ: the new phone is the member's only once approved) says so
      await page.getByRole('link', { name: 'Về trang đăng nhập' }).click();
      await waitForHeading(page, 'Đăng nhập');
      await page.getByLabel('Số điện thoại hoặc số thẻ đảng viên').fill(registrant.partyCardNumber);
      await page.getByLabel('Mật khẩu', { exact: true }).fill(REGISTRANT_PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toContain('Tài khoản đang chờ chi ủy phê duyệt.');

      // a second member registers (through the API, as the form would) and will be refused
      const second = await fetch(`${server.base}/api/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          partyCardNumber: refused.partyCardNumber,
          birthDate: refused.birthDate,
          phone: NEW_PHONES[1],
          password: REFUSED_PASSWORD,
        }),
      });
      expect(second.status).toBe(202);

      // the bí thư: the home tile counts them, the list shows who, where, which phone, when
      await bt.goto(`${server.base}/`);
      const tile = bt.getByRole('link', { name: /^Duyệt đăng ký/ });
      await expect.poll(() => tile.textContent()).toContain('2 đăng ký đang chờ duyệt');
      await shot(bt, DESKTOP, 'bi-thu-home-pending');
      await tile.click();
      await waitForHeading(bt, 'Duyệt đăng ký');
      await expect.poll(() => main(bt)).toContain(registrant.fullName);
      const list = await main(bt);
      expect(list).toContain(refused.fullName);
      expect(list).toContain('Chi bộ thôn Nà Lằng');
      expect(list).toContain(NEW_PHONES[0]);
      await expectNoAxeViolations(bt, 'registrations');
      await shot(bt, DESKTOP, 'registrations');
      await alsoOnPhone(bt, 'registrations');

      // reject with a reason (asked for in a dialog), then approve
      await bt.getByRole('button', { name: `Từ chối đăng ký của ${refused.fullName}` }).click();
      const dialog = bt.getByRole('dialog', { name: `Từ chối đăng ký của ${refused.fullName}` });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Từ chối đăng ký' }).click();
      await expect.poll(() => dialog.textContent()).toContain('Hãy ghi lý do');
      await dialog.getByLabel('Lý do từ chối').fill(REJECT_REASON);
      await expectNoAxeViolations(bt, 'registrations: reject dialog');
      await shot(bt, DESKTOP, 'registrations-reject');
      await dialog.getByRole('button', { name: 'Từ chối đăng ký' }).click();
      await expect.poll(() => main(bt)).toContain(`Đã từ chối đăng ký của đồng chí ${refused.fullName}.`);
      await bt.getByRole('button', { name: `Phê duyệt đăng ký của ${registrant.fullName}` }).click();
      await expect
        .poll(() => main(bt))
        .toContain(`Đã phê duyệt đăng ký của đồng chí ${registrant.fullName}.`);
      expect(await main(bt)).toContain('Không có đăng ký nào đang chờ duyệt.');
      await expectNoAxeViolations(bt, 'registrations: approved');
      await shot(bt, DESKTOP, 'registrations-approved');

      // the member's first login with the phone they registered
      await login(page, server.base, { username: digitsOf(NEW_PHONES[0]!), password: REGISTRANT_PASSWORD });
      await waitForHeading(page, `Xin chào đồng chí ${registrant.fullName}`);
      await shot(page, vp, 'registered-member-home');
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await expectLoggedOut(page);

      // the refused member (with the số thẻ: the phone was never theirs) reads the reason and may register again
      await login(page, server.base, { username: refused.partyCardNumber, password: REFUSED_PASSWORD });
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toContain(`Đăng ký tài khoản đã bị từ chối: ${REJECT_REASON}.`);
      expect(await page.getByRole('link', { name: 'Đăng ký lại' }).count()).toBe(1);
      await expectNoAxeViolations(page, 'login: registration rejected');
      await shot(page, vp, 'login-rejected');
    } finally {
      await context.close();
    }
  });

  test('the bí thư creates an account and prints its slip; the first login asks for a new password', async () => {
    await bt.goto(`${server.base}/members/${withSlip.id}`);
    await waitForHeading(bt, withSlip.fullName);
    const account = bt.getByRole('region', { name: 'Tài khoản', exact: true });
    await expect.poll(() => account.textContent()).toContain('Chưa có tài khoản');
    await expectNoAxeViolations(bt, 'member detail: no account');
    await shot(bt, DESKTOP, 'member-account-none');
    await account.getByRole('button', { name: 'Tạo tài khoản' }).click();

    await waitForHeading(bt, 'Phiếu tài khoản');
    const slip = bt.getByRole('region', { name: 'Phiếu tài khoản' });
    await bt.getByRole('img', { name: /^Mã QR mở ứng dụng tại http/ }).waitFor();
    slipUsername = ((await bt.getByTestId('slip-username').textContent()) ?? '').trim();
    const password = ((await bt.getByTestId('slip-password').textContent()) ?? '').trim();
    expect(slipUsername).toBe(withSlip.phone ?? withSlip.partyCardNumber);
    expect(password.length).toBeGreaterThanOrEqual(8);
    const card = (await slip.textContent()) ?? '';
    expect(card).toContain(withSlip.fullName);
    expect(card).toContain('Chi bộ thôn Nà Lằng');
    expect(card).toContain('Thêm vào Màn hình chính');
    await expectNoAxeViolations(bt, 'account slip');
    await shot(bt, DESKTOP, 'slip');
    await alsoOnPhone(bt, 'slip');

    // printed: only the card, one A6 sheet (or one A4 sheet)
    // (page.pdf prints with print media unless screen media is being emulated: hence `media: null` below)
    const pdf = async () =>
      (await bt.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
    const pages = (doc: string) => doc.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
    /** The sheet's size in whole millimetres. */
    const sheet = (doc: string) =>
      (/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(doc)?.slice(1) ?? []).map((pt) =>
        Math.round((Number(pt) * 25.4) / 72),
      );
    const a6 = await pdf();
    expect(pages(a6)).toBe(1);
    expect(sheet(a6)).toEqual([105, 148]);
    await bt.emulateMedia({ media: 'print' });
    await bt.setViewportSize({ width: 397, height: 559 }); // A6 at 96 dpi
    await shot(bt, DESKTOP, 'slip-print-a6');
    await bt.emulateMedia({ media: null });
    await bt.setViewportSize({ width: DESKTOP.width, height: DESKTOP.height });
    await bt.getByRole('radio', { name: 'A4', exact: true }).check();
    const a4 = await pdf();
    expect(pages(a4)).toBe(1);
    expect(sheet(a4)).toEqual([210, 297]);
    await bt.emulateMedia({ media: 'print' });
    await bt.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await shot(bt, DESKTOP, 'slip-print-a4');
    await bt.emulateMedia({ media: null });
    await bt.setViewportSize({ width: DESKTOP.width, height: DESKTOP.height });

    // the member signs in with the slip on a phone and must choose a password of their own
    const { context, page } = await member();
    try {
      await login(page, server.base, { username: slipUsername, password });
      await waitForHeading(page, 'Đặt mật khẩu mới');
      await page.getByLabel('Mật khẩu hiện tại', { exact: true }).fill(password);
      await page.getByLabel('Mật khẩu mới', { exact: true }).fill(SLIP_NEW_PASSWORD);
      await page.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill(SLIP_NEW_PASSWORD);
      await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
      await waitForHeading(page, `Xin chào đồng chí ${withSlip.fullName}`);
      await shot(page, PHONE, 'slip-member-home');

      // the panel now shows the active account; locking signs the member out, unlocking lets them in again
      await bt.goto(`${server.base}/members/${withSlip.id}`);
      await expect.poll(() => account.textContent()).toContain('Đang hoạt động');
      expect(await account.textContent()).not.toContain('Chưa đăng nhập lần nào');
      await account.getByRole('button', { name: 'Khoá tài khoản' }).click();
      const lock = bt.getByRole('dialog', { name: `Khoá tài khoản của ${withSlip.fullName}?` });
      await lock.waitFor();
      await expectNoAxeViolations(bt, 'member detail: lock dialog');
      await shot(bt, DESKTOP, 'member-lock-dialog');
      await lock.getByRole('button', { name: 'Khoá tài khoản' }).click();
      await expect.poll(() => account.textContent()).toContain('Đang bị khoá');
      await page.reload();
      await expectLoggedOut(page);
      await login(page, server.base, { username: slipUsername, password: SLIP_NEW_PASSWORD });
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('Tài khoản đang bị khoá');
      await account.getByRole('button', { name: 'Mở khoá tài khoản' }).click();
      await expect.poll(() => account.textContent()).toContain('Đã mở khoá tài khoản.');
      await expectNoAxeViolations(bt, 'member detail: account active');
      await shot(bt, DESKTOP, 'member-account-active');
      await alsoOnPhone(bt, 'member-account');
    } finally {
      await context.close();
    }
  });

  test('a reset code from the bí thư lets the member set a new password through "Quên mật khẩu?"', async () => {
    await bt.goto(`${server.base}/members/${withSlip.id}`);
    const account = bt.getByRole('region', { name: 'Tài khoản', exact: true });
    await account.getByRole('button', { name: 'Cấp mã đặt lại mật khẩu' }).click();
    const codeBox = bt.getByTestId('reset-code');
    await codeBox.waitFor();
    const code = digitsOf((await codeBox.textContent()) ?? '');
    expect(code).toMatch(/^\d{8}$/);
    expect(await account.textContent()).toMatch(/Dùng được một lần, đến \d\d:\d\d \d\d\/\d\d\/\d{4}/);
    await expectNoAxeViolations(bt, 'member detail: reset code');
    await shot(bt, DESKTOP, 'member-reset-code');
    await account.getByRole('button', { name: 'In phiếu mã' }).click();
    await waitForHeading(bt, 'Phiếu mã đặt lại mật khẩu');
    expect(digitsOf((await bt.getByTestId('slip-code').textContent()) ?? '')).toBe(code);
    await expectNoAxeViolations(bt, 'reset code slip');
    await shot(bt, DESKTOP, 'reset-slip');

    const { context, page } = await member();
    try {
      await page.goto(`${server.base}/`);
      await waitForHeading(page, 'Đăng nhập');
      await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
      await waitForHeading(page, 'Quên mật khẩu');
      // no SMTP_URL on this server: no e-mail option
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('button', { name: 'Gửi mã qua thư điện tử' }).count()).toBe(0);
      await page.getByLabel('Số điện thoại hoặc số thẻ đảng viên').fill(slipUsername);
      await page.getByLabel('Mã đặt lại (8 chữ số)').fill('1234');
      await page.getByLabel('Mật khẩu mới', { exact: true }).fill(RESET_PASSWORD);
      await page.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill(RESET_PASSWORD);
      await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
      await expect.poll(() => main(page)).toContain('Mã gồm đúng 8 chữ số.');
      await expectNoAxeViolations(page, 'forgot password (error)');
      await shot(page, PHONE, 'reset-password');
      await page.getByLabel('Mã đặt lại (8 chữ số)').fill(`${code.slice(0, 4)} ${code.slice(4)}`);
      await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
      await expect.poll(() => main(page)).toContain('Đã đặt mật khẩu mới');
      await expectNoAxeViolations(page, 'forgot password (done)');
      await shot(page, PHONE, 'reset-password-done');
      await page.getByRole('link', { name: 'Đăng nhập' }).click();
      await login(page, server.base, { username: slipUsername, password: RESET_PASSWORD });
      await waitForHeading(page, `Xin chào đồng chí ${withSlip.fullName}`);

      // with e-mail configured, the same screen offers a code by e-mail
      await page.route('**/api/auth/forgot-password', (route) =>
        route.request().method() === 'GET'
          ? route.fulfill({ json: { enabled: true } })
          : route.fulfill({
              status: 202,
              json: { message: 'Nếu tài khoản có địa chỉ thư điện tử, mã đã được gửi.' },
            }),
      );
      await page.goto(`${server.base}/reset-password`);
      await waitForHeading(page, 'Quên mật khẩu');
      await page.getByRole('button', { name: 'Gửi mã qua thư điện tử' }).click();
      await expect.poll(() => main(page)).toContain('Hãy nhập số điện thoại hoặc số thẻ đảng viên.');
      await page.getByLabel('Số điện thoại hoặc số thẻ đảng viên').fill(slipUsername);
      await page.getByRole('button', { name: 'Gửi mã qua thư điện tử' }).click();
      await expect.poll(() => main(page)).toContain('mã đã được gửi');
      await expectNoAxeViolations(page, 'forgot password (e-mail)');
      await shot(page, PHONE, 'reset-password-mail');
    } finally {
      await context.close();
    }
  });

  test('the member confirms the profile, declares VNeID, asks for a correction; the bí thư approves it', async () => {
    const { context, page } = await member();
    const vp = PHONE;
    try {
      await login(page, server.base, { username: slipUsername, password: RESET_PASSWORD });
      await waitForHeading(page, `Xin chào đồng chí ${withSlip.fullName}`);
      await page.getByRole('link', { name: /^Thông tin sơ lược/ }).click();
      await waitForHeading(page, 'Thông tin sơ lược');
      await expectNoAxeViolations(page, 'profile (not confirmed)');
      await shot(page, vp, 'profile-confirm');
      await page.getByRole('button', { name: 'Xác nhận thông tin đúng' }).click();
      await expect
        .poll(() => main(page))
        .toMatch(/Đồng chí đã xác nhận thông tin đúng ngày \d\d\/\d\d\/\d{4}\./);
      await expectNoAxeViolations(page, 'profile (confirmed)');
      await shot(page, vp, 'profile-confirmed');

      // VNeID level 2 and a smartphone, declared by the member
      await page.getByRole('button', { name: 'Cập nhật VNeID, điện thoại' }).click();
      await page.getByRole('radio', { name: 'Mức 2' }).check();
      await page.getByRole('radio', { name: 'Có', exact: true }).check();
      await expectNoAxeViolations(page, 'profile (device)');
      await shot(page, vp, 'profile-device');
      await page.getByRole('button', { name: 'Lưu', exact: true }).click();
      await expect.poll(() => main(page)).toContain('Đã lưu.');

      // a correction: two fields and a note
      await page.getByRole('link', { name: 'Đề nghị sửa' }).click();
      await waitForHeading(page, 'Đề nghị sửa thông tin');
      await page.getByRole('button', { name: 'Gửi đề nghị' }).click();
      await expect.poll(() => main(page)).toContain('Hãy chọn ít nhất một thông tin cần sửa.');
      await page.getByRole('checkbox', { name: 'Quê quán' }).check();
      await page.getByRole('textbox', { name: 'Quê quán đúng là' }).fill('Xã Bản Lầu, tỉnh Lào Cai');
      await page.getByRole('checkbox', { name: 'Ngày vào Đảng' }).check();
      await page.getByRole('textbox', { name: 'Ngày', exact: true }).fill('3');
      await page.getByRole('textbox', { name: 'Tháng', exact: true }).fill('2');
      await page.getByRole('textbox', { name: 'Năm', exact: true }).fill('1990');
      await page.getByLabel('Ghi chú cho chi ủy (không bắt buộc)').fill('Theo quyết định kết nạp');
      await expectNoAxeViolations(page, 'correction request (filled)');
      await expectNoHorizontalScroll(page, 'correction request');
      await shot(page, vp, 'correction-request');
      await page.getByRole('button', { name: 'Gửi đề nghị' }).click();
      await expect.poll(() => main(page)).toContain('Đã gửi đề nghị.');
      await expect.poll(() => main(page)).toContain('Chờ chi ủy duyệt');
      expect(await main(page)).toContain('Sửa thành: Xã Bản Lầu, tỉnh Lào Cai');
      expect(await main(page)).toContain('Sửa thành: 03/02/1990');
      await shot(page, vp, 'correction-sent');

      // the bí thư sees the request with "Hiện tại" → "Sửa thành" and approves it
      await bt.goto(`${server.base}/`);
      const tile = bt.getByRole('link', { name: /^Đề nghị sửa thông tin/ });
      await expect.poll(() => tile.textContent()).toContain('1 đề nghị đang chờ duyệt');
      await tile.click();
      await waitForHeading(bt, 'Đề nghị sửa thông tin');
      await expect.poll(() => main(bt)).toContain(withSlip.fullName);
      const review = await main(bt);
      expect(review).toContain('Quê quán');
      expect(review).toContain('Sửa thành: Xã Bản Lầu, tỉnh Lào Cai');
      expect(review).toContain('Ghi chú của đảng viên: Theo quyết định kết nạp');
      await expectNoAxeViolations(bt, 'corrections');
      await shot(bt, DESKTOP, 'corrections');
      await alsoOnPhone(bt, 'corrections');
      await bt.getByRole('button', { name: `Duyệt đề nghị của ${withSlip.fullName}` }).click();
      await expect.poll(() => main(bt)).toContain(`Hồ sơ của đồng chí ${withSlip.fullName} đã được sửa.`);

      // the record changed; the bí thư sees who declared the VNeID level
      await bt.goto(`${server.base}/members/${withSlip.id}`);
      await expect.poll(() => main(bt)).toContain('Xã Bản Lầu, tỉnh Lào Cai');
      const device = bt.getByRole('region', { name: 'VNeID và điện thoại thông minh' });
      await expect.poll(() => device.textContent()).toContain('do đảng viên tự khai');
      expect(await device.getByRole('radio', { name: 'Mức 2' }).isChecked()).toBe(true);
      await expectNoAxeViolations(bt, 'member detail: device');
      await shot(bt, DESKTOP, 'member-device');

      // and the member reads the answer
      await page.reload();
      await waitForHeading(page, 'Đề nghị sửa thông tin');
      await expect.poll(() => main(page)).toContain('Đã duyệt, hồ sơ đã được sửa');
      await expectNoAxeViolations(page, 'correction request (approved)');
      await shot(page, vp, 'correction-approved');
    } finally {
      await context.close();
    }
  });

  test('signed-in devices: the member ends the session of another phone', async () => {
    const first = await member();
    const second = await member();
    try {
      await login(second.page, server.base, { username: slipUsername, password: RESET_PASSWORD });
      await waitForHeading(second.page, /Xin chào/);
      await login(first.page, server.base, { username: slipUsername, password: RESET_PASSWORD });
      await waitForHeading(first.page, /Xin chào/);
      await first.page.getByRole('link', { name: /^Cài đặt/ }).click();
      await first.page.getByRole('link', { name: 'Các phiên đăng nhập' }).click();
      await waitForHeading(first.page, 'Các phiên đăng nhập');
      // this phone first, then the others (the earlier tests' phones too: closing a browser does not sign out)
      const others = first.page.getByRole('button', { name: /^Kết thúc phiên trên/ });
      await expect.poll(() => others.count()).toBeGreaterThanOrEqual(1);
      expect(await main(first.page)).toContain('Thiết bị này');
      expect(await main(first.page)).toMatch(/Chrome trên (Linux|Android)/);
      await expectNoAxeViolations(first.page, 'sessions');
      await shot(first.page, PHONE, 'sessions');
      for (let n = await others.count(); n > 0; n--) {
        await others.first().click();
        await expect.poll(() => others.count()).toBe(n - 1);
      }
      expect(await main(first.page)).toContain('Đã kết thúc phiên trên');
      expect(await main(first.page)).toContain('Chỉ có thiết bị này đang đăng nhập.');
      await shot(first.page, PHONE, 'sessions-ended');
      await second.page.reload();
      await expectLoggedOut(second.page);
    } finally {
      await first.context.close();
      await second.context.close();
    }
  });

  test('the login screen: sign-in with VNeID when it is on, a message for each way back; the wizard in high contrast', async () => {
    const { context, page } = await member();
    try {
      await page.route('**/api/auth/oidc/config', (route) =>
        route.fulfill({ json: { enabled: true, label: 'VNeID' } }),
      );
      const messages: Record<string, string> = {
        'khong-khop': 'không có tài khoản nào gắn với số CCCD này',
        'cho-duyet': 'đang chờ chi ủy phê duyệt',
        'bi-khoa': 'đang bị khoá',
        'can-ma-xac-thuc': 'đăng nhập bằng mật khẩu và mã xác thực',
        huy: 'Đã huỷ đăng nhập bằng VNeID',
      };
      for (const [value, text] of Object.entries(messages)) {
        await page.goto(`${server.base}/?oidc=${value}`);
        await waitForHeading(page, 'Đăng nhập');
        await expect.poll(() => main(page)).toContain(text);
      }
      const vneid = page.getByRole('link', { name: 'Đăng nhập bằng VNeID' });
      expect(await vneid.getAttribute('href')).toBe('/api/auth/oidc/start');
      await expectNoAxeViolations(page, 'login with VNeID');
      await shot(page, PHONE, 'login-oidc');
      await page.goto(`${server.base}/?oidc=khong-khop`);
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('Đăng ký tài khoản');
      await expectNoAxeViolations(page, 'login after a refused VNeID sign-in');
      await shot(page, PHONE, 'login-oidc-refused');

      // in high contrast (Settings on this phone) the wizard is AAA too
      await page.evaluate(() =>
        localStorage.setItem(
          'sotay.settings',
          JSON.stringify({ textSize: 2, highContrast: true, language: 'vi' }),
        ),
      );
      await page.goto(`${server.base}/register`);
      await waitForHeading(page, 'Đăng ký tài khoản');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await expect.poll(() => main(page)).toContain('Số thẻ đảng viên gồm 6 đến 12 chữ số.');
      await expectNoAxeViolations(page, 'register in high contrast', { aaa: true });
      await expectNoHorizontalScroll(page, 'register in high contrast, large text');
      await shot(page, PHONE, 'register-high-contrast');
    } finally {
      await context.close();
    }
  });
});
