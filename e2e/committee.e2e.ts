import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  launch,
  newContext,
  shot,
  VIEWPORTS,
  type Viewport,
} from './support/browser.ts';
import { login, logoutFromHome, openTile, waitForHeading } from './support/flows.ts';
import { membersXlsx, newMembers } from './support/members-xlsx.ts';
import { freshTotp } from './support/totp.ts';

const server = inject('server');
// the demo bí thư's chi bộ: the first name of CHI_BO_NAMES (apps/server/src/demo/names.ts)
const CHI_BO = 'Chi bộ thôn Nà Lằng';
const NAMES: Record<Viewport['name'], [string, string, string]> = {
  phone: ['Hoàng Thị Ngọc Lụa', 'Lường Văn Khánh Toàn', 'Ma Thị Thu Hằng'],
  desktop: ['Đặng Quốc Đức Thịnh', 'Nông Thị Bích Ngà', 'Sầm Văn Hữu Lộc'],
};
const GENDERS: Record<Viewport['name'], ['Nam' | 'Nữ', 'Nam' | 'Nữ', 'Nam' | 'Nữ']> = {
  phone: ['Nữ', 'Nam', 'Nữ'],
  desktop: ['Nam', 'Nữ', 'Nam'],
};
const SEARCH: Record<Viewport['name'], string> = {
  phone: 'hoang thi ngoc lua',
  desktop: 'dang quoc duc thinh',
};

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';

describe.each(VIEWPORTS)('bí thư on $name', (vp) => {
  test('imports a list with a bad row, fixes it, finds a member without diacritics, logs out', async () => {
    const context = await newContext(browser, vp);
    const page = await context.newPage();
    const { biThu } = server;
    const rows = newMembers(vp.name === 'phone' ? 1 : 2, NAMES[vp.name], GENDERS[vp.name]);
    try {
      await login(page, server.base, biThu, () => freshTotp(biThu.totpSecret!, server.dataDir));
      await waitForHeading(page, `Xin chào đồng chí ${biThu.name}`);
      for (const tile of ['Quản lý đảng viên', 'Nhập danh sách', 'Tổ chức đảng']) {
        expect(await page.getByRole('link', { name: new RegExp(`^${tile}`) }).count(), tile).toBe(1);
      }
      expect(await page.getByRole('link', { name: /^Nhật ký/ }).count()).toBe(0);
      await expectNoAxeViolations(page, 'home (bí thư)');
      await shot(page, vp, 'committee-home');

      // import: a file with an impossible date is refused with a table of row errors
      await openTile(page, 'Nhập danh sách');
      await waitForHeading(page, 'Nhập danh sách đảng viên');
      await expect
        .poll(() => page.getByRole('textbox', { name: 'Nhập vào đơn vị' }).inputValue())
        .toBe(CHI_BO);
      await expectNoAxeViolations(page, 'import');
      await shot(page, vp, 'import-start');
      const file = page.locator('input[type="file"]');
      await file.setInputFiles({
        name: 'danh-sach-loi.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await membersXlsx(CHI_BO, rows, '31/02/1970'),
      });
      await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      const table = page.getByRole('table', { name: 'Danh sách lỗi trong tệp' });
      await table.waitFor();
      const cells = await table.locator('tbody tr').first().locator('td').allTextContents();
      expect(cells[0]).toBe('3');
      expect(cells[1]).toBe('Ngày sinh');
      expect(cells[2]).toContain('31/02/1970');
      expect(await main(page)).toContain('Tệp có 1 lỗi — chưa nhập gì');
      await expectNoAxeViolations(page, 'import (row errors)');
      await shot(page, vp, 'import-errors');

      // the corrected file: preview, then the import itself
      await file.setInputFiles({
        name: 'danh-sach.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await membersXlsx(CHI_BO, rows),
      });
      await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      await expect.poll(() => main(page)).toContain('Sẽ thêm mới 3, cập nhật 0, giữ nguyên 0 đảng viên.');
      await expectNoAxeViolations(page, 'import (preview)');
      await shot(page, vp, 'import-preview');
      await page.getByRole('button', { name: 'Nhập vào hệ thống' }).click();
      await expect.poll(() => main(page)).toContain('Đã thêm mới 3, cập nhật 0, giữ nguyên 0 đảng viên.');
      await expectNoAxeViolations(page, 'import (done)');
      await shot(page, vp, 'import-done');

      // find a new member by typing the name without diacritics
      await page.getByRole('link', { name: 'Xem danh sách đảng viên' }).click();
      await waitForHeading(page, 'Quản lý đảng viên');
      await page.getByLabel('Tìm theo tên, số điện thoại hoặc số thẻ').fill(SEARCH[vp.name]);
      const hit = page.getByRole('link', { name: new RegExp(NAMES[vp.name][0]) });
      await hit.waitFor();
      await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Tìm thấy 1 đảng viên');
      await expectNoAxeViolations(page, 'members (search)');
      await expectNoHorizontalScroll(page, 'members');
      await shot(page, vp, 'members-search');
      // opened from the import result, the list is already filtered to the unit (so the filters show)
      const filters = page.getByRole('button', { name: /^Lọc danh sách/ });
      if ((await filters.getAttribute('aria-expanded')) !== 'true') await filters.click();
      await page.getByRole('textbox', { name: 'Trạng thái', exact: true }).click();
      await page.getByRole('option', { name: 'Chính thức' }).click();
      await hit.waitFor();
      await shot(page, vp, 'members-filters');

      // member detail: status change with a reason, kept in the history
      await hit.click();
      await waitForHeading(page, NAMES[vp.name][0]);
      await expect.poll(() => main(page)).toContain(rows[0]!.cccd);
      await expectNoAxeViolations(page, 'member detail');
      await page.getByRole('textbox', { name: 'Trạng thái mới' }).click();
      await page.getByRole('option', { name: 'Miễn sinh hoạt' }).click();
      await page.getByLabel('Lý do (không bắt buộc)').first().fill('Tuổi cao, sức yếu');
      await page.getByRole('button', { name: 'Lưu trạng thái' }).click();
      await expect.poll(() => main(page)).toContain('Đã đổi trạng thái.');
      await expect.poll(() => main(page)).toContain('Miễn sinh hoạt — Tuổi cao, sức yếu');
      await shot(page, vp, 'member-detail');

      // the org tree with member counts
      await page.goto(`${server.base}/orgs`);
      await waitForHeading(page, 'Tổ chức đảng');
      await expect.poll(() => main(page)).toMatch(new RegExp(`${CHI_BO}\\s*Chi bộ · \\d+ đảng viên`));
      await expectNoAxeViolations(page, 'orgs');
      await shot(page, vp, 'orgs');

      await logoutFromHome(page, server.base);
    } finally {
      await context.close();
    }
  });
});
