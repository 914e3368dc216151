import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  launch,
  newContext,
  shot,
  VIEWPORTS,
} from './support/browser.ts';
import { loginCommittee, openTile, waitForHeading } from './support/flows.ts';
import { ROOT } from './support/server.ts';
import { freshTotp } from './support/totp.ts';

const server = inject('server');
const ANNEX = path.join(ROOT, 'apps/server/test-fixtures/rollout/seed-003-annex.tsv');
const STEPS = [
  'Đủ điều kiện',
  'Có VNeID mức 2',
  'Đã cài đặt',
  'Đã đăng ký',
  'Được duyệt',
  'Đã đăng nhập',
  'Hoạt động 30 ngày',
  'Thành thạo',
];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';

describe.each(VIEWPORTS)('roll-out, cấp ủy on $name', (vp) => {
  test('the funnel, a chi bộ, who needs support, the roster preview (saved on desktop), the report', async () => {
    const context = await newContext(browser, vp);
    const page = await context.newPage();
    const { capUy } = server;
    try {
      // admin.e2e may have cleared this account's second factor: enrol again if so
      await loginCommittee(page, server.base, capUy, (secret) => freshTotp(secret, server.dataDir));
      await waitForHeading(page, `Xin chào đồng chí ${capUy.name}`);
      // the tile gives the proficiency rate of the unit
      const tile = page.getByRole('link', { name: /^Triển khai ứng dụng/ });
      await expect.poll(() => tile.textContent()).toMatch(/Thành thạo \d+(,\d)?\s?% \(\d+\/\d+\)/);

      // dashboard: the funnel with every step, the table per unit with the rate in words
      await openTile(page, 'Triển khai ứng dụng');
      await waitForHeading(page, 'Triển khai ứng dụng');
      const funnel = page.locator('.sotay-funnel li');
      await funnel.first().waitFor();
      expect((await funnel.allTextContents()).map((s) => STEPS.find((x) => s.startsWith(x)))).toEqual(STEPS);
      expect(await funnel.first().textContent()).toMatch(/100\s?%/);
      const table = page.getByRole('table', { name: 'Theo đơn vị trực thuộc' });
      await table.waitFor();
      const rows = table.locator('tbody tr');
      expect(await rows.count()).toBeGreaterThan(1);
      expect(await rows.first().textContent()).toMatch(/Đạt|Khá|Cần hỗ trợ/);
      expect(await main(page)).toMatch(/Thành thạo \d+(,\d)?\s?% \(\d+\/\d+\)/);
      await expectNoAxeViolations(page, 'roll-out dashboard');
      await expectNoHorizontalScroll(page, 'roll-out dashboard');
      await shot(page, vp, 'rollout-dashboard');

      // drill into a chi bộ and back up by the breadcrumb
      const first = rows.first().locator('th a');
      const chiBo = ((await first.textContent()) ?? '').trim();
      expect(chiBo).toMatch(/^Chi bộ/);
      await first.click();
      await expect.poll(() => page.locator('main p').first().textContent()).toBe(chiBo);
      expect(page.url()).toContain('orgId=');
      expect(await main(page)).toContain('Đơn vị này không có đơn vị trực thuộc.');
      const crumbs = page.getByRole('navigation', { name: 'Các cấp đơn vị' });
      expect(await crumbs.locator('[aria-current="page"]').textContent()).toBe(chiBo);
      await expectNoAxeViolations(page, 'roll-out dashboard (chi bộ)');
      await shot(page, vp, 'rollout-chibo');

      // who needs support in that chi bộ: printable, with phone links
      await page.getByRole('link', { name: 'Đảng viên cần hỗ trợ' }).click();
      await waitForHeading(page, 'Đảng viên cần hỗ trợ');
      await expect.poll(() => main(page)).toMatch(/đảng viên chưa dùng thành thạo|đã dùng thành thạo/);
      const text = await main(page);
      if (/chưa dùng thành thạo/.test(text)) {
        expect(await page.getByRole('heading', { level: 2, name: new RegExp(`^${chiBo}`) }).count()).toBe(1);
        expect(text).toMatch(/Tại nhà|Cá nhân|Nhóm nhỏ/);
        expect(await page.locator('a[href^="tel:"]').count()).toBeGreaterThan(0);
      }
      expect(await page.getByRole('button', { name: 'In danh sách' }).count()).toBe(1);
      await expectNoAxeViolations(page, 'needs support');
      await expectNoHorizontalScroll(page, 'needs support');
      await shot(page, vp, 'rollout-needs-support');
      // whole commune: grouped by chi bộ
      await page.goto(`${server.base}/rollout/needs-support`);
      await waitForHeading(page, 'Đảng viên cần hỗ trợ');
      await expect.poll(() => page.getByRole('heading', { level: 2 }).count()).toBeGreaterThan(1);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header').first().isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'In danh sách' }).isVisible()).toBe(false);
      await page.emulateMedia({ media: 'screen' });

      // roster: the seed 003 annex, previewed; saved to a new plan on desktop
      await page.goto(`${server.base}/rollout/roster`);
      await waitForHeading(page, 'Nhập tổ công tác');
      await page.getByRole('textbox', { name: /^Số kế hoạch/ }).fill('142-KH/ĐU');
      await page
        .getByRole('textbox', { name: /^Tên kế hoạch/ })
        .fill('Hỗ trợ trực tiếp đảng viên cài đặt ứng dụng');
      await page.locator('input[type="file"]').setInputFiles({
        name: 'to-cong-tac.tsv',
        mimeType: 'text/tab-separated-values',
        buffer: fs.readFileSync(ANNEX),
      });
      await page.getByRole('button', { name: 'Xem trước' }).click();
      await page.getByRole('heading', { level: 2, name: /^Xem trước: 4 tổ công tác/ }).waitFor();
      const teams = page.getByRole('heading', { level: 3 });
      expect(await teams.allTextContents()).toEqual([
        'Tổ công tác số 1 (8 người)',
        'Tổ công tác số 2 (10 người)',
        'Tổ công tác số 3 (14 người)',
        'Tổ công tác số 4 (11 người)',
      ]);
      const warnings = page.locator('.sotay-roster-warnings');
      expect(await warnings.textContent()).toMatch(/Có \d+ điểm cần xem lại/);
      expect(await warnings.textContent()).toContain('Láo San');
      expect(await warnings.textContent()).toMatch(/dòng \d+/);
      expect(await main(page)).toContain('Tổ trưởng');
      expect(await main(page)).toContain('05/05/2026');
      await expectNoAxeViolations(page, 'roster preview');
      await shot(page, vp, 'rollout-roster-preview');
      await expectNoHorizontalScroll(page, 'roster preview');
      if (vp.name !== 'desktop') return;

      await page.getByRole('button', { name: 'Lưu vào kế hoạch' }).click();
      await expect.poll(() => main(page)).toContain('Đã lưu 4 tổ công tác vào kế hoạch');
      expect(await main(page)).toContain('142-KH/ĐU — Hỗ trợ trực tiếp đảng viên cài đặt ứng dụng');
      expect(await main(page)).toContain('Tổ công tác số 3: 14 người');
      await shot(page, vp, 'rollout-roster-saved');

      // the report: a DOCX with the figures, downloaded
      await page.getByRole('link', { name: 'Về trang triển khai' }).click();
      await waitForHeading(page, 'Triển khai ứng dụng');
      await page.getByRole('button', { name: 'Lập báo cáo' }).click();
      const dialog = page.getByRole('dialog', { name: 'Lập báo cáo kết quả triển khai' });
      await dialog.waitFor();
      await dialog.getByRole('textbox', { name: /^Số báo cáo/ }).fill('35-BC/ĐU');
      await dialog
        .getByRole('textbox', { name: 'Khó khăn, vướng mắc' })
        .fill('Sóng điện thoại yếu ở các bản vùng cao.');
      await dialog.getByRole('textbox', { name: 'Họ và tên người ký' }).fill(capUy.name);
      await expectNoAxeViolations(page, 'report dialog');
      await shot(page, vp, 'rollout-report');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        dialog.getByRole('button', { name: 'Tạo báo cáo (DOCX)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      const file = await download.path();
      expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
      const { value: docx } = await mammoth.extractRawText({ path: file });
      expect(docx).toContain('BÁO CÁO');
      expect(docx).toContain('Sóng điện thoại yếu ở các bản vùng cao.');
      await expect.poll(() => main(page)).toContain('Đã tạo báo cáo');

      // the workbook
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Tải XLSX' }).click(),
      ]);
      expect(
        fs
          .readFileSync(await xlsx.path())
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');
    } finally {
      await context.close();
    }
  });
});
