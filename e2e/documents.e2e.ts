import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { textToDocx } from '../apps/server/src/lib/text-docx.ts';
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
import { login, loginCommittee, openTile, waitForHeading } from './support/flows.ts';
import { ROOT } from './support/server.ts';
import { freshTotp } from './support/totp.ts';

const server = inject('server');
const FIXTURES = path.join(ROOT, 'apps/server/test-fixtures/documents');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface Upload {
  name: string;
  mimeType: string;
  buffer: () => Promise<Buffer>;
  number: string;
  /** Fields the file does not tell (highlighted "Chưa đọc được, hãy nhập"). */
  missing: number;
  annex?: boolean;
  issuingBody?: string;
}
const pdf = (file: string) => async () => fs.readFileSync(path.join(FIXTURES, file));
const docx = (file: string) => async () => textToDocx(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
// 26-NQ/TU first: 73-KH/ĐU cites it, and the link is made whichever comes first
const UPLOADS: Upload[] = [
  {
    name: 'nghi-quyet-26-NQ-TU.pdf',
    mimeType: 'application/pdf',
    buffer: pdf('nghi-quyet-26-NQ-TU.pdf'),
    number: '26-NQ/TU',
    missing: 0,
  },
  {
    name: 'ke-hoach-73-KH-DU.pdf',
    mimeType: 'application/pdf',
    buffer: pdf('ke-hoach-73-KH-DU.pdf'),
    number: '73-KH/ĐU',
    missing: 0,
  },
  {
    name: 'ke-hoach-18-KH-DU.docx',
    mimeType: DOCX,
    buffer: docx('seed-000-ke-hoach-18-KH-DU.txt'),
    number: '18-KH/ĐU',
    // no issuing body the parser recognises, no date line
    missing: 2,
    issuingBody: 'Đảng ủy phường Quy Nhơn',
  },
  {
    name: 'ke-hoach-142-KH-DU.docx',
    mimeType: DOCX,
    buffer: docx('seed-003-ke-hoach-142-KH-DU.txt'),
    number: '142-KH/ĐU',
    missing: 1,
    annex: true,
  },
];

let browser: Browser;
/** The committee's desktop session, kept from the upload test for the statistics (one TOTP login). */
let committee: { context: BrowserContext; page: Page } | null = null;
/** Ids of the documents uploaded here, by number: the demo library may hold others with the same numbers. */
const uploaded: Record<string, string> = {};
const linkTo = (page: Page, number: string) => page.locator(`main a[href="/documents/${uploaded[number]}"]`);
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await committee?.context.close();
  await browser?.close();
});

const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';

/** The same screen at phone width too (the committee's context is a desktop one). */
async function shotBoth(page: Page, name: string) {
  await shot(page, DESKTOP, name);
  await page.setViewportSize({ width: PHONE.width, height: PHONE.height });
  await expectNoHorizontalScroll(page, `${name} at phone width`);
  await shot(page, PHONE, name);
  await page.setViewportSize({ width: DESKTOP.width, height: DESKTOP.height });
}

async function search(page: Page, q: string) {
  const box = page.getByRole('textbox', { name: 'Tìm văn bản' });
  await box.fill(q);
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(q);
}

/** Headless Chromium has no voices: speech is observed, not heard. */
async function observeSpeech(context: BrowserContext) {
  await context.addInitScript(() => {
    const w = window as unknown as { __spoken: string[]; speechSynthesis?: SpeechSynthesis };
    w.__spoken = [];
    if (w.speechSynthesis) {
      w.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        w.__spoken.push(u.text);
      };
    }
  });
}
const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);

describe('documents', () => {
  test('the committee uploads four documents, checks what was read from each and publishes them', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    committee = { context, page };
    const { capUy } = server;
    await loginCommittee(page, server.base, capUy, (secret) => freshTotp(secret, server.dataDir));
    await waitForHeading(page, `Xin chào đồng chí ${capUy.name}`);
    await openTile(page, 'Tài liệu');
    await waitForHeading(page, 'Tài liệu');
    await page.getByRole('link', { name: 'Tải văn bản lên' }).click();
    await waitForHeading(page, 'Tải văn bản lên');
    await expectNoAxeViolations(page, 'upload');

    for (const [i, u] of UPLOADS.entries()) {
      if (i > 0) await page.getByRole('button', { name: 'Tải văn bản khác' }).click();
      // the committee's own unit is the default receiver
      await expect
        .poll(() => page.getByRole('textbox', { name: 'Đơn vị nhận văn bản' }).inputValue())
        .not.toBe('');
      await page.locator('input[type="file"]').setInputFiles({
        name: u.name,
        mimeType: u.mimeType,
        buffer: await u.buffer(),
      });
      await page.getByRole('button', { name: 'Tải lên' }).click();
      await page.getByRole('heading', { name: 'Kiểm tra thông tin văn bản' }).waitFor();
      expect(await page.getByLabel('Số/ký hiệu').inputValue(), u.name).toBe(u.number);
      expect(await page.getByText('Chưa đọc được, hãy nhập.').count(), u.name).toBe(u.missing);
      expect((await main(page)).includes('lấy từ phần phụ lục'), u.name).toBe(!!u.annex);
      expect(await main(page)).toContain(u.number.includes('NQ') ? 'Nghị quyết' : 'Kế hoạch');
      if (u.annex) {
        await expectNoAxeViolations(page, 'upload confirmation');
        await shotBoth(page, 'documents-upload-confirm');
      }
      if (u.issuingBody) await page.getByLabel('Cơ quan ban hành').fill(u.issuingBody);
      await page.getByRole('button', { name: 'Lưu và ban hành' }).click();
      await expect.poll(() => main(page)).toContain(`Đã ban hành văn bản ${u.number}.`);
      const href = await page.getByRole('link', { name: 'Mở văn bản' }).getAttribute('href');
      uploaded[u.number] = href!.split('/').pop()!;
    }

    // the library as the committee sees it: receiving unit on every document, the upload button
    await page.goto(`${server.base}/documents`);
    await waitForHeading(page, 'Tài liệu');
    await linkTo(page, '142-KH/ĐU').waitFor();
    expect(await main(page)).toContain('Gửi: ');
    await expectNoAxeViolations(page, 'library (committee)');
    await shotBoth(page, 'documents-library-committee');
  });

  test('a member finds documents by number and by words without diacritics, reads, listens, saves and reads offline', async () => {
    const vp: Viewport = PHONE;
    const context = await newContext(browser, vp);
    await observeSpeech(context);
    const page = await context.newPage();
    const { member } = server;
    try {
      await login(page, server.base, member);
      await waitForHeading(page, `Xin chào đồng chí ${member.name}`);
      await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
      // the tile counts what is not read yet: the four new documents at least
      const unread = await page.evaluate(async () => {
        const r = await fetch('/api/documents?unread=true&pageSize=1');
        return ((await r.json()) as { total: number }).total;
      });
      expect(unread).toBeGreaterThanOrEqual(4);
      const tile = page.getByRole('link', { name: /^Tài liệu/ });
      await expect.poll(() => tile.textContent()).toContain(`${unread} văn bản chưa đọc`);
      await openTile(page, 'Tài liệu');
      await waitForHeading(page, 'Tài liệu');
      const status = page.getByRole('status').filter({ hasText: /văn bản$/ });
      await expect.poll(() => status.textContent()).toMatch(/^Có \d+ văn bản$/);
      expect(await page.getByRole('link', { name: 'Tải văn bản lên' }).count()).toBe(0);
      expect(await page.getByText('Chưa đọc', { exact: true }).count()).toBeGreaterThanOrEqual(4);
      await expectNoAxeViolations(page, 'library');
      await expectNoHorizontalScroll(page, 'library');
      await shot(page, vp, 'documents-library');

      // by number, as written and as typed in a hurry: that number comes first
      const first = () => page.locator('main ul li').first().textContent();
      await search(page, '18-KH/ĐU');
      await expect.poll(first).toContain('18-KH/ĐU');
      await linkTo(page, '18-KH/ĐU').waitFor();
      await search(page, '142 kh du');
      await expect.poll(first).toContain('142-KH/ĐU');
      await linkTo(page, '142-KH/ĐU').waitFor();
      // by words of the text, without diacritics: the snippet marks them
      await search(page, 'ho tro truc tiep dang vien cai dat');
      await expect
        .poll(async () => (await page.locator('main mark').allTextContents()).map((m) => m.toLowerCase()))
        .toEqual(expect.arrayContaining(['hỗ', 'trợ', 'trực', 'tiếp', 'cài', 'đặt']));
      await expect.poll(first).toContain('142-KH/ĐU');
      await linkTo(page, '142-KH/ĐU').waitFor();
      await expectNoAxeViolations(page, 'library (search)');
      await shot(page, vp, 'documents-search');

      // the reader: 73-KH/ĐU, its citation of 26-NQ/TU followed and back
      await search(page, '73-KH/ĐU');
      await linkTo(page, '73-KH/ĐU').click();
      await waitForHeading(page, /hỗ trợ đảng viên cao tuổi/);
      await expect.poll(() => main(page)).toContain('Mỗi chi bộ phân công đảng viên trẻ kèm cặp');
      expect(await main(page)).toContain('Đảng ủy xã Hòa Mẫu');
      expect(await main(page)).toContain('09/02/2026');
      // a link when the library holds one 26-NQ/TU; a choice ("có thể là") when it holds several
      expect(await main(page)).toContain('Nghị quyết số 26-NQ/TU');
      const cited = page.locator(`main li a[href="/documents/${uploaded['26-NQ/TU']}"]`);
      await cited.waitFor();
      // 21-HD/BTCTW is cited too, and is not in the library
      expect(await main(page)).toContain('chưa có trong thư viện');
      await expectNoAxeViolations(page, 'reader');
      await shot(page, vp, 'documents-reader');
      const resolved = !(await main(page)).includes('có thể là:');
      await cited.click();
      await waitForHeading(page, /đẩy mạnh chuyển đổi số/);
      if (resolved) {
        // a resolved citation shows from the other side too
        await page.getByRole('heading', { name: 'Văn bản dẫn chiếu đến văn bản này' }).waitFor();
        await linkTo(page, '73-KH/ĐU').click();
      } else {
        await page.goBack();
      }
      await waitForHeading(page, /hỗ trợ đảng viên cao tuổi/);

      // read aloud, paragraph by paragraph; the phone has no Vietnamese voice and says so
      await page.getByRole('button', { name: 'Đọc to' }).click();
      await page.getByRole('button', { name: 'Tạm dừng' }).waitFor();
      await expect.poll(() => spoken(page)).not.toEqual([]);
      expect((await spoken(page))[0]).toBe('ĐẢNG BỘ XÃ HÒA MẪU');
      expect(await main(page)).toMatch(/Đang đọc đoạn 1 \/ \d+/);
      expect(await main(page)).toContain('chưa có giọng đọc tiếng Việt');
      expect(await page.locator('[data-speaking]').count()).toBe(1);
      await shot(page, vp, 'documents-read-aloud');
      await page.getByRole('button', { name: 'Tạm dừng' }).click();
      await page.getByRole('button', { name: 'Tiếp tục' }).waitFor();
      await page.getByRole('button', { name: 'Dừng' }).click();
      await page.getByRole('button', { name: 'Đọc to' }).waitFor();

      // counted as read after a few seconds on screen
      await expect.poll(() => main(page), { timeout: 15_000 }).toMatch(/Đã đọc ngày \d\d\/\d\d\/\d{4}/);

      // "Xem sau": kept on the phone for reading without a network
      await page.getByRole('button', { name: 'Xem sau' }).click();
      await expect
        .poll(() => main(page), { timeout: 30_000 })
        .toContain('Đã lưu trên máy: đọc được cả khi không có mạng.');
      expect(await page.getByRole('button', { name: 'Đã lưu xem sau' }).getAttribute('aria-pressed')).toBe(
        'true',
      );

      // larger text and high contrast: the reader still fits the phone, at AAA contrast
      await page.evaluate(() =>
        localStorage.setItem(
          'sotay.settings',
          JSON.stringify({ textSize: 3, highContrast: true, language: 'vi' }),
        ),
      );
      await page.reload();
      await waitForHeading(page, /hỗ trợ đảng viên cao tuổi/);
      await expectNoHorizontalScroll(page, 'reader at 150 %');
      await expectNoAxeViolations(page, 'reader (high contrast)', { aaa: true });
      await shot(page, vp, 'documents-reader-large-text');
      const readerUrl = page.url();
      await page.goto(`${server.base}/documents`);
      await waitForHeading(page, 'Tài liệu');
      await expectNoHorizontalScroll(page, 'library at 150 %');
      await expectNoAxeViolations(page, 'library (high contrast)', { aaa: true });
      await shot(page, vp, 'documents-library-large-text');
      await page.evaluate(() => localStorage.removeItem('sotay.settings'));
      await page.goto(readerUrl);
      await waitForHeading(page, /hỗ trợ đảng viên cao tuổi/);

      // offline: the saved document opens with its text, then its PDF
      const url = page.url();
      await context.setOffline(true);
      await page.reload();
      await waitForHeading(page, /hỗ trợ đảng viên cao tuổi/);
      await expect.poll(() => main(page)).toContain('Mỗi chi bộ phân công đảng viên trẻ kèm cặp');
      expect(await main(page)).toContain('Đang xem bản lưu ngoại tuyến');
      await shot(page, vp, 'documents-offline');
      await page.getByText('Xem bản PDF').click();
      const canvas = page.getByRole('img', { name: 'Trang 1 / 1' });
      await canvas.waitFor({ timeout: 30_000 });
      // drawn, not just laid out: some pixels are dark
      await expect
        .poll(
          () =>
            canvas.evaluate((c: HTMLCanvasElement) => {
              if (!c.width || !c.height) return 0;
              const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
              let ink = 0;
              for (let i = 0; i < px.length; i += 4 * 97) if (px[i]! < 128) ink++;
              return ink;
            }),
          { timeout: 30_000 },
        )
        .toBeGreaterThan(50);
      await expectNoAxeViolations(page, 'reader (PDF, offline)');
      await shot(page, vp, 'documents-pdf');

      // the app opened offline lists what can be read
      await page.goto(`${server.base}/`);
      await waitForHeading(page, 'Chưa có kết nối mạng');
      await page.getByRole('heading', { name: 'Văn bản đã lưu trên máy' }).waitFor();
      await expectNoAxeViolations(page, 'offline (saved documents)');
      await shot(page, vp, 'documents-offline-home');
      await linkTo(page, '73-KH/ĐU').click();
      await waitForHeading(page, /hỗ trợ đảng viên cao tuổi/);
      expect(page.url()).toBe(url);
      await context.setOffline(false);

      // removing the bookmark removes the copy
      await page.reload();
      await page.getByRole('button', { name: 'Đã lưu xem sau' }).click();
      await expect.poll(() => main(page), { timeout: 30_000 }).toContain('Đã bỏ khỏi danh sách xem sau.');
      await expect
        .poll(() =>
          page.evaluate(
            (id) => caches.match(`/api/documents/${id}`, { cacheName: 'sotay-documents' }).then((r) => !!r),
            uploaded['73-KH/ĐU'],
          ),
        )
        .toBe(false);
    } finally {
      await context.close();
    }
  });

  test('the committee sees who has read a document, per unit and by name', async () => {
    expect(committee).not.toBeNull();
    const { page } = committee!;
    await page.goto(`${server.base}/documents/${uploaded['73-KH/ĐU']}`);
    await waitForHeading(page, /hỗ trợ đảng viên cao tuổi/);
    await page.getByRole('heading', { name: 'Việc của cấp ủy' }).waitFor();
    await expectNoAxeViolations(page, 'reader (committee)');
    await shotBoth(page, 'documents-reader-committee');
    // withdrawing asks first (native dialog); cancelled here
    await page.getByRole('button', { name: 'Thu hồi' }).click();
    const dialog = page.getByRole('dialog', { name: /Thu hồi văn bản 73-KH\/ĐU/ });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Huỷ' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('link', { name: 'Thống kê đọc' }).click();
    await waitForHeading(page, 'Thống kê đọc văn bản');
    await expect.poll(() => main(page)).toMatch(/Đã đọc 1 \/ \d+ đảng viên \([\d,]+ ?%\)/);
    const table = page.getByRole('table', { name: 'Tỷ lệ đã đọc theo đơn vị' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(1);
    await expect.poll(() => main(page)).toMatch(/\d+ đảng viên chưa đọc/);
    const xlsx = await page.getByRole('link', { name: 'Tải bảng thống kê (XLSX)' }).getAttribute('href');
    const res = await page.request.get(`${server.base}${xlsx}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('spreadsheetml');
    await expectNoAxeViolations(page, 'stats');
    await shotBoth(page, 'documents-stats');
  });
});
