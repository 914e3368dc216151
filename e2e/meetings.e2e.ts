import fs from 'node:fs';
import mammoth from 'mammoth';
import type { Browser, Page } from 'playwright-core';
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
import { login, openTile, waitForHeading } from './support/flows.ts';
import { freshTotp } from './support/totp.ts';

const server = inject('server');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';

/** "19:32" now in Vietnam time, as the secretary would type it. */
const nowInVietnam = () =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date());

/** The code on the chi ủy's screen, as a member reads it off the wall. */
async function codeOnScreen(page: Page): Promise<string> {
  const digits = page.locator('[data-code]');
  await digits.waitFor({ timeout: 20_000 });
  const code = await digits.getAttribute('data-code');
  expect(code).toMatch(/^\d{6}$/);
  return code!;
}

/** A screenshot at phone size of a page opened on the desktop (then back to the desktop size). */
async function shotBoth(page: Page, name: string) {
  await shot(page, DESKTOP, name);
  await page.setViewportSize({ width: PHONE.width, height: PHONE.height });
  await page.waitForTimeout(300);
  await expectNoHorizontalScroll(page, `${name} (phone size)`);
  await shot(page, PHONE as Viewport, name);
  await page.setViewportSize({ width: DESKTOP.width, height: DESKTOP.height });
}

/** A request with the session of the page (cookie and CSRF token), as the app itself sends it. */
function apiFrom(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/me')).json();
      const r = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, body: await r.json().catch(() => null) };
    },
    { method, path, body },
  );
}

describe('meetings', () => {
  test('the bí thư shows the code, members check in (one offline), attendance updates live, minutes go out as DOCX', async () => {
    const { member, biThu } = server;
    const desk = await newContext(browser, DESKTOP);
    const phone = await newContext(browser, PHONE);
    try {
      // the bí thư creates a meeting for now in their chi bộ
      const c = await desk.newPage();
      await login(c, server.base, biThu, () => freshTotp(biThu.totpSecret!, server.dataDir));
      await waitForHeading(c, `Xin chào đồng chí ${biThu.name}`);
      await openTile(c, 'Tổ chức sinh hoạt');
      await waitForHeading(c, 'Tổ chức sinh hoạt');
      await expect.poll(() => main(c)).toContain('Sinh hoạt chi bộ định kỳ'); // the demo's meetings
      await expectNoAxeViolations(c, 'meetings (bí thư)');
      await c.getByRole('link', { name: 'Tạo cuộc họp' }).click();
      await waitForHeading(c, 'Tạo cuộc họp');
      const title = 'Sinh hoạt chuyên đề chuyển đổi số';
      await c.getByRole('textbox', { name: 'Loại cuộc họp' }).click();
      await c.getByRole('option', { name: 'Sinh hoạt chuyên đề' }).click();
      await c.getByLabel('Tên cuộc họp').fill(title);
      await c.getByLabel('Giờ bắt đầu').fill(nowInVietnam());
      await c.getByLabel('Địa điểm').fill('Nhà văn hóa thôn Nà Lằng');
      await c.getByRole('textbox', { name: 'Nội dung 1' }).fill('Quán triệt Nghị quyết về chuyển đổi số');
      await c.getByRole('button', { name: 'Thêm nội dung' }).click();
      await c.getByRole('textbox', { name: 'Nội dung 2' }).fill('Hướng dẫn điểm danh bằng điện thoại');
      await c.getByRole('textbox', { name: 'Chủ trì' }).click();
      await c.getByRole('option', { name: biThu.name }).click();
      await expectNoAxeViolations(c, 'new meeting form');
      await shot(c, DESKTOP, 'meetings-new');
      await c.getByRole('button', { name: 'Tạo cuộc họp' }).click();
      await waitForHeading(c, title);
      const id1 = /\/meetings\/([0-9a-f-]{36})$/.exec(c.url())?.[1];
      expect(id1).toBeTruthy();
      await expect.poll(() => main(c)).toContain('Hướng dẫn điểm danh bằng điện thoại');
      const meeting1 = (await apiFrom(c, 'GET', `/api/meetings/${id1}`)).body.meeting;
      expect(meeting1.chair.fullName).toBe(biThu.name);

      // … and shows the code
      await c.getByRole('link', { name: 'Chiếu mã điểm danh' }).click();
      await waitForHeading(c, 'Mã điểm danh');
      await codeOnScreen(c);
      const count = c.locator('.sotay-code-count');
      await expect.poll(() => count.textContent()).toBe(`Có mặt 0/${meeting1.invited}`);
      await expectNoAxeViolations(c, 'code screen');
      expect(await c.getByRole('img', { name: /Mã QR để điểm danh/ }).count()).toBe(1);

      // the member, on their phone: the home tile says today, the list, the meeting, the check-in
      const p = await phone.newPage();
      await login(p, server.base, member);
      await waitForHeading(p, `Xin chào đồng chí ${member.name}`);
      const tile = p.getByRole('link', { name: /^Sinh hoạt chi bộ/ });
      await expect.poll(() => tile.textContent()).toContain('Hôm nay');
      expect(await tile.textContent()).toContain(title);
      await openTile(p, 'Sinh hoạt chi bộ');
      await waitForHeading(p, 'Sinh hoạt chi bộ');
      await expect.poll(() => main(p)).toContain(title);
      // "Thứ Năm, 03/12/2026, 19:30"
      await expect
        .poll(() => main(p))
        .toMatch(/(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}/);
      await expectNoAxeViolations(p, 'meetings list (member)');
      await shot(p, PHONE, 'meetings-list');
      await p.getByRole('link', { name: new RegExp(title) }).click();
      await waitForHeading(p, title);
      await p.getByRole('button', { name: 'Tôi sẽ dự' }).click();
      await expect.poll(() => main(p)).toContain('Đồng chí đã báo sẽ dự.');
      await expectNoAxeViolations(p, 'meeting page (member)');
      await shot(p, PHONE, 'meetings-meeting');
      await p.getByRole('link', { name: 'Điểm danh', exact: true }).click();
      await waitForHeading(p, 'Điểm danh');
      const codeField = p.getByLabel('Mã điểm danh (6 chữ số)');
      expect(await codeField.getAttribute('inputmode')).toBe('numeric');
      expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');
      await expectNoAxeViolations(p, 'check-in screen');
      await shot(p, PHONE, 'meetings-check-in');
      await codeField.fill(await codeOnScreen(c));
      await p.getByRole('button', { name: 'Điểm danh', exact: true }).click();
      await expect.poll(() => main(p)).toMatch(/Đã điểm danh lúc \d{2}:\d{2}/);
      await shot(p, PHONE, 'meetings-check-in-done');

      // the bí thư's screen counts them without a reload, with the name
      await expect.poll(() => count.textContent(), { timeout: 15_000 }).toBe(`Có mặt 1/${meeting1.invited}`);
      await expect.poll(() => main(c)).toContain(member.name);
      await shotBoth(c, 'meetings-code');
      // for the projector: only the code, the QR and the count
      const full = c.getByRole('button', { name: 'Toàn màn hình' });
      if (await full.count()) {
        await full.click();
        await c.waitForFunction(() => !!document.fullscreenElement);
        await c.screenshot({ path: 'e2e/artifacts/desktop-meetings-code-fullscreen.png' });
        await c.evaluate(() => document.exitFullscreen());
      }

      // a second meeting; the member's phone has no signal in the hall
      const created = await apiFrom(c, 'POST', '/api/meetings', {
        orgId: meeting1.orgId,
        title: 'Sinh hoạt bất thường: phòng chống bão',
        kind: 'bat_thuong',
        startsAt: new Date().toISOString(),
        location: 'Nhà văn hóa thôn',
      });
      expect(created.status).toBe(201);
      const id2: string = created.body.meeting.id;
      const c2 = await desk.newPage();
      await c2.goto(`${server.base}/meetings/${id2}/code`);
      await waitForHeading(c2, 'Mã điểm danh');
      await p.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
      await phone.setOffline(true);
      await p.goto(`${server.base}/meetings/${id2}/check-in`);
      await waitForHeading(p, 'Điểm danh');
      await p.getByLabel('Mã điểm danh (6 chữ số)').fill(await codeOnScreen(c2));
      await p.getByRole('button', { name: 'Điểm danh', exact: true }).click();
      await expect.poll(() => main(p)).toContain('Đã lưu, sẽ gửi khi có mạng');
      await expectNoAxeViolations(p, 'check-in saved offline');
      await shot(p, PHONE, 'meetings-check-in-offline');
      // still offline, the meeting opened before is there from the saved copy
      await p.goto(`${server.base}/meetings/${id1}`);
      await waitForHeading(p, title);
      await expect.poll(() => main(p)).toContain('bản lưu trên máy');
      await expect.poll(() => main(p)).toContain('Có 1 lượt điểm danh đã lưu trên máy');
      await p.goto(`${server.base}/meetings/${id2}/check-in`);
      await waitForHeading(p, 'Điểm danh');
      await expect.poll(() => main(p)).toContain('Đã lưu, sẽ gửi khi có mạng');

      // the network is back: sent by itself, accepted
      await phone.setOffline(false);
      await expect.poll(() => main(p), { timeout: 45_000 }).toMatch(/Đã điểm danh lúc \d{2}:\d{2}/);
      await expect
        .poll(() => c2.locator('.sotay-code-count').textContent(), { timeout: 15_000 })
        .toMatch(/^Có mặt 1\//);
      const attendance2 = (await apiFrom(c, 'GET', `/api/meetings/${id2}/attendance`)).body;
      const mine = attendance2.items.find((r: { fullName: string }) => r.fullName === member.name);
      expect(mine.state).toBe('present');
      await c2.close();

      // attendance: the bí thư marks a member without a smartphone, then undoes it
      await c.goto(`${server.base}/meetings/${id1}/attendance`);
      await waitForHeading(c, 'Danh sách điểm danh');
      await expect.poll(() => main(c)).toContain(member.name);
      const absent = (await apiFrom(c, 'GET', `/api/meetings/${id1}/attendance`)).body.items.find(
        (r: { state: string; fullName: string }) => r.state === 'absent' && r.fullName !== biThu.name,
      );
      const toggle = c.getByRole('switch', { name: `Có mặt: ${absent.fullName}` });
      await toggle.check({ force: true }); // the track over the input takes the tap, as on a phone
      await expect.poll(() => main(c)).toContain(`Đã điểm danh hộ đồng chí ${absent.fullName}.`);
      await expect.poll(() => main(c)).toContain('Chi ủy điểm danh hộ');
      await expectNoAxeViolations(c, 'attendance');
      await shotBoth(c, 'meetings-attendance');
      await toggle.uncheck({ force: true });
      await expect.poll(() => main(c)).toContain(`Đã bỏ điểm danh của đồng chí ${absent.fullName}.`);
      // the member's own check-in asks before it is removed
      await c.getByRole('switch', { name: `Có mặt: ${member.name}` }).click({ force: true });
      await c.getByRole('dialog', { name: `Bỏ điểm danh của đồng chí ${member.name}?` }).waitFor();
      await c.getByRole('button', { name: 'Huỷ' }).click();
      expect(await c.getByRole('switch', { name: `Có mặt: ${member.name}` }).isChecked()).toBe(true);

      // minutes: written, saved, finalised, downloaded as a real DOCX
      await c.goto(`${server.base}/meetings/${id1}/minutes`);
      await waitForHeading(c, 'Biên bản');
      expect(await c.getByLabel('Chủ trì').inputValue()).toBe(biThu.name);
      await c
        .getByLabel('Diễn biến')
        .fill('Đồng chí Bí thư quán triệt nội dung chuyên đề.\nCác đồng chí thảo luận.');
      await c
        .getByLabel('Kết luận')
        .fill('Chi bộ thống nhất mỗi đảng viên cài và dùng Sổ tay đảng viên điện tử.');
      await c.getByLabel('Tán thành', { exact: true }).fill('2');
      await c.getByLabel('Không tán thành').fill('0');
      await c.getByLabel('Ý kiến khác').fill('0');
      await c.getByRole('button', { name: 'Lưu', exact: true }).click();
      await expect.poll(() => main(c)).toContain('Đã lưu biên bản.');
      await expectNoAxeViolations(c, 'minutes editor');
      await shotBoth(c, 'meetings-minutes');
      await c.getByRole('button', { name: 'Hoàn tất biên bản' }).click();
      const dialog = c.getByRole('dialog', { name: 'Hoàn tất biên bản?' });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Hoàn tất' }).click();
      await expect.poll(() => main(c), { timeout: 15_000 }).toContain('Biên bản đã được hoàn tất lúc');
      const [download] = await Promise.all([
        c.waitForEvent('download'),
        c.getByRole('link', { name: 'Tải biên bản (DOCX)' }).click(),
      ]);
      const file = await download.path();
      expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
      const { value: text } = await mammoth.extractRawText({ path: file });
      expect(text).toContain('BIÊN BẢN');
      expect(text.toUpperCase()).toContain(meeting1.orgName.toUpperCase());
      expect(text).toContain('Chi bộ thống nhất mỗi đảng viên cài và dùng Sổ tay đảng viên điện tử.');

      // the member reads the finalised minutes on the meeting page
      await p.goto(`${server.base}/meetings/${id1}`);
      await waitForHeading(p, title);
      await expect.poll(() => main(p)).toContain('Biên bản cuộc họp');
      // the minutes load after the meeting: wait for their text too
      await expect.poll(() => main(p)).toContain('Chi bộ thống nhất mỗi đảng viên');

      // statistics
      await c.goto(`${server.base}/meetings/stats`);
      await waitForHeading(c, 'Thống kê sinh hoạt');
      await expect.poll(() => main(c)).toContain('Tỷ lệ có mặt');
      await c.getByRole('heading', { name: 'Vắng nhiều' }).waitFor();
      await expectNoAxeViolations(c, 'meeting statistics');
      await shotBoth(c, 'meetings-stats');
      const xlsx = await c.request.get(
        `${server.base}${await c.getByRole('link', { name: 'Tải thống kê (Excel)' }).getAttribute('href')}`,
      );
      expect(xlsx.status()).toBe(200);
      expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
    } finally {
      await desk.close();
      await phone.close();
    }
  });
});
