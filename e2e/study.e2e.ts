import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DEMO_STUDY_QUESTIONS, DEMO_STUDY_TITLE } from '../apps/server/src/demo/study-content.ts';
import {
  DESKTOP,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  launch,
  newContext,
  PHONE,
  shot,
} from './support/browser.ts';
import { login, loginCommittee, openTile, waitForHeading } from './support/flows.ts';
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

/** The question on screen, found in the demo's bank by its prompt. */
async function currentQuestion(page: Page) {
  const heading = page.getByRole('heading', { level: 2 }).first();
  await heading.waitFor();
  const text = (await heading.textContent()) ?? '';
  const q = DEMO_STUDY_QUESTIONS.find((x) => text.includes(x.prompt));
  expect(q, `question on screen: ${text}`).toBeDefined();
  return q!;
}

/**
 * Answers the five questions one screen at a time; `skip` leaves those prompts unanswered. Answers are
 * given by the options' words (the screen shuffles them), as a person would.
 */
async function takeQuiz(page: Page, skip: string[] = [], shots?: () => Promise<void>) {
  for (let n = 1; n <= DEMO_STUDY_QUESTIONS.length; n++) {
    await expect.poll(() => main(page)).toContain(`Câu ${n}/${DEMO_STUDY_QUESTIONS.length}`);
    const q = await currentQuestion(page);
    if (!skip.includes(q.prompt)) {
      const role = q.kind === 'single' ? 'radio' : 'checkbox';
      for (const id of q.correct) {
        const text = q.options.find((o) => o.id === id)!.text;
        await page.getByRole(role, { name: text, exact: true }).click();
      }
      const first = q.options.find((o) => o.id === q.correct[0])!.text;
      expect(await page.getByRole(role, { name: first, exact: true }).getAttribute('aria-checked')).toBe(
        'true',
      );
    }
    if (n === 2 && shots) await shots();
    const last = n === DEMO_STUDY_QUESTIONS.length;
    await page.getByRole('button', { name: last ? 'Nộp bài' : 'Câu tiếp theo' }).click();
  }
}

async function completedCount(page: Page): Promise<number> {
  const status = page.getByRole('status').filter({ hasText: 'Đã hoàn thành:' });
  await status.waitFor();
  const m = /Đã hoàn thành: (\d+)\/(\d+)/.exec((await status.textContent()) ?? '');
  expect(m).not.toBeNull();
  return Number(m![1]);
}

describe('study', () => {
  test('a member completes the demo topic (quiz failed once, then passed, essay) and the bí thư sees it', async () => {
    const { member, biThu } = server;
    const committee = await newContext(browser, DESKTOP);
    const phone = await newContext(browser, PHONE);
    try {
      // the bí thư's count before
      const c = await committee.newPage();
      await login(c, server.base, biThu, () => freshTotp(biThu.totpSecret!, server.dataDir));
      await waitForHeading(c, `Xin chào đồng chí ${biThu.name}`);
      await openTile(c, 'Chuyên đề học tập');
      await waitForHeading(c, 'Chuyên đề học tập');
      await expect.poll(() => main(c)).toContain(DEMO_STUDY_TITLE);
      await expectNoAxeViolations(c, 'study topics (bí thư)');
      await c.getByRole('link', { name: `Kết quả học tập: ${DEMO_STUDY_TITLE}` }).click();
      await waitForHeading(c, 'Kết quả học tập');
      const before = await completedCount(c);
      expect(before).toBeGreaterThanOrEqual(1); // the demo seeds a few finished members
      await expect.poll(() => main(c)).toContain('Chi bộ thôn Nà Lằng');

      // the member: home tile, list, topic
      const page = await phone.newPage();
      await login(page, server.base, member);
      await waitForHeading(page, `Xin chào đồng chí ${member.name}`);
      const tile = page.getByRole('link', { name: /^Học tập/ });
      await expect.poll(() => tile.textContent()).toContain('1 chuyên đề chưa hoàn thành');
      await openTile(page, 'Học tập');
      await waitForHeading(page, 'Học tập');
      await expect.poll(() => main(page)).toContain('Còn 1 chuyên đề chưa hoàn thành');
      await expectNoAxeViolations(page, 'study list');
      await shot(page, PHONE, 'study-list');
      await page.getByRole('link', { name: new RegExp(DEMO_STUDY_TITLE) }).click();
      await waitForHeading(page, DEMO_STUDY_TITLE);
      // step 1 lists the documents to read (the demo library links the resolution, if it is seeded)
      await page.getByRole('heading', { name: '1. Đọc văn bản' }).waitFor();
      expect(await main(page)).toContain('5 câu hỏi. Đạt khi trả lời đúng từ 80% trở lên.');
      await expectNoAxeViolations(page, 'study topic');
      await shot(page, PHONE, 'study-topic');

      // first attempt: two questions left unanswered → asked to confirm → 60 points, not passed
      await page.getByRole('link', { name: 'Làm bài kiểm tra' }).click();
      await waitForHeading(page, 'Bài kiểm tra');
      const skipped = DEMO_STUDY_QUESTIONS.filter((q) => q.kind === 'multiple').map((q) => q.prompt);
      await takeQuiz(page, skipped, async () => {
        await expectNoAxeViolations(page, 'quiz question');
        await expectNoHorizontalScroll(page, 'quiz question');
        await shot(page, PHONE, 'study-quiz-question');
      });
      await page.getByRole('dialog').getByText('Còn 2 câu chưa trả lời').waitFor();
      await page.getByRole('button', { name: 'Vẫn nộp bài' }).click();
      await waitForHeading(page, 'Bài kiểm tra');
      await expect.poll(() => main(page)).toContain('60 điểm');
      const failed = await main(page);
      expect(failed).toContain('Chưa đạt');
      expect(failed).toContain('2 câu trả lời chưa đúng');
      expect(failed).toContain('Đồng chí chưa trả lời câu này.');
      // attempts remain: the right answers stay hidden
      expect(failed).toContain('Đáp án đúng sẽ hiện khi đồng chí đạt');
      await expectNoAxeViolations(page, 'quiz result (failed)');
      await shot(page, PHONE, 'study-quiz-failed');

      // again, all right (a new shuffled attempt)
      await page.getByRole('button', { name: 'Làm lại' }).click();
      await takeQuiz(page);
      await expect.poll(() => main(page)).toContain('100 điểm');
      expect(await main(page)).toContain('Chúc mừng đồng chí đã đạt');
      expect(await main(page)).toContain('Đồng chí trả lời đúng tất cả các câu.');
      await expectNoAxeViolations(page, 'quiz result (passed)');
      await shot(page, PHONE, 'study-quiz-passed');

      // bài thu hoạch
      await page.getByRole('link', { name: 'Viết bài thu hoạch' }).click();
      await waitForHeading(page, 'Bài thu hoạch');
      await page
        .getByLabel('Nội dung bài thu hoạch')
        .fill(
          'Qua học tập Nghị quyết 26-NQ/TU, tôi sẽ dùng Sổ tay đảng viên điện tử để đọc văn bản và giúp các đồng chí cao tuổi trong chi bộ.',
        );
      await expectNoAxeViolations(page, 'essay');
      await shot(page, PHONE, 'study-essay');
      await page.getByRole('button', { name: 'Nộp bài thu hoạch' }).click();
      await expect.poll(() => main(page)).toContain('Đã nộp bài thu hoạch.');
      await page.getByRole('link', { name: 'Về trang chuyên đề' }).click();
      await waitForHeading(page, DEMO_STUDY_TITLE);
      await expect.poll(() => main(page)).toContain('Đồng chí đã hoàn thành chuyên đề này.');
      await shot(page, PHONE, 'study-topic-done');

      // the bí thư sees one more completed, and the member among those completed
      await c.reload();
      await waitForHeading(c, 'Kết quả học tập');
      await expect.poll(() => completedCount(c)).toBe(before + 1);
      // the filter is a segmented control: its radios are hidden behind their labels
      await c.locator('label.mantine-SegmentedControl-label', { hasText: 'Đã hoàn thành' }).click();
      expect(await c.getByRole('radio', { name: 'Đã hoàn thành' }).isChecked()).toBe(true);
      await expect.poll(() => main(c)).toContain(member.name);
      await expectNoAxeViolations(c, 'completion');
      await expectNoHorizontalScroll(c, 'completion');
      await shot(c, DESKTOP, 'study-completion');

      // the member's essay, read by the bí thư, with a comment
      await c.getByRole('link', { name: new RegExp(member.name) }).click();
      await waitForHeading(c, `Kết quả của đồng chí ${member.name}`);
      expect(await main(c)).toContain('Qua học tập Nghị quyết 26-NQ/TU');
      await c
        .getByLabel('Nhận xét của chi ủy')
        .fill('Bài viết ngắn gọn, có liên hệ bản thân. Đề nghị đồng chí giúp tổ công tác.');
      await c.getByRole('button', { name: 'Gửi nhận xét' }).click();
      await expect.poll(() => main(c)).toContain('Đã gửi nhận xét.');
      await expectNoAxeViolations(c, 'member review');
      await shot(c, DESKTOP, 'study-member-review');
    } finally {
      await phone.close();
      await committee.close();
    }
  });

  test('the cấp ủy composes a topic with the question editor, assigns it, and reads the commune by chi bộ', async () => {
    const { capUy } = server;
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    try {
      await loginCommittee(page, server.base, capUy, (secret) => freshTotp(secret, server.dataDir));
      await waitForHeading(page, `Xin chào đồng chí ${capUy.name}`);
      await openTile(page, 'Chuyên đề học tập');
      await waitForHeading(page, 'Chuyên đề học tập');
      await page.getByRole('link', { name: 'Soạn chuyên đề mới' }).click();
      await waitForHeading(page, 'Soạn chuyên đề mới');
      await page.getByRole('textbox', { name: 'Giao cho đơn vị' }).fill('tram y te');
      await page.getByRole('option', { name: 'Chi bộ Trạm Y tế xã' }).click();
      await page.getByRole('radio', { name: 'Chuyên đề', exact: true }).check();
      const title = 'Chuyên đề: Phòng, chống dịch bệnh mùa mưa lũ';
      await page.getByLabel('Tên chuyên đề').fill(title);
      const due = page.getByRole('group', { name: 'Hạn hoàn thành' });
      await due.getByLabel('Ngày').fill('31');
      await due.getByLabel('Tháng').fill('12');
      await due.getByLabel('Năm').fill(String(new Date().getFullYear() + 1));

      const q1 = page.getByRole('group', { name: 'Câu 1' });
      await q1.getByLabel('Nội dung câu hỏi').fill('Khi có người sốt cao sau lũ, cần làm gì trước tiên?');
      await q1.getByLabel('Phương án A', { exact: true }).fill('Tự mua thuốc về uống');
      await q1.getByLabel('Phương án B', { exact: true }).fill('Đưa đến Trạm Y tế xã để khám');
      await q1.getByLabel('Phương án C', { exact: true }).fill('Chờ vài ngày cho khỏi');
      await q1.getByRole('button', { name: 'Bỏ phương án D' }).click();
      await page.getByRole('button', { name: 'Thêm câu hỏi' }).click();
      const q2 = page.getByRole('group', { name: 'Câu 2' });
      await q2.getByRole('radio', { name: 'Nhiều đáp án đúng' }).check();
      await q2.getByLabel('Nội dung câu hỏi').fill('Những việc nào giúp phòng bệnh sau lũ?');
      await q2.getByLabel('Phương án A', { exact: true }).fill('Ăn chín, uống sôi');
      await q2.getByLabel('Phương án B', { exact: true }).fill('Dọn vệ sinh, khử khuẩn nhà cửa');
      await q2.getByLabel('Phương án C', { exact: true }).fill('Dùng nước lũ để nấu ăn');
      await q2.getByLabel('Phương án D', { exact: true }).fill('Ngủ màn');
      for (const letter of ['A', 'B', 'D']) await q2.getByLabel(`Phương án ${letter} là đáp án đúng`).check();

      // question 1 has no right answer yet: said in words before anything is sent
      await page.getByRole('button', { name: 'Lưu', exact: true }).click();
      await expect
        .poll(() => page.getByRole('alert').allTextContents())
        .toContain('Câu 1: câu hỏi một đáp án cần đúng một đáp án đúng.');
      await q1.getByLabel('Phương án B là đáp án đúng').check();
      await page.getByRole('button', { name: 'Lưu', exact: true }).click();
      await waitForHeading(page, 'Sửa chuyên đề');
      await expect.poll(() => main(page)).toContain('Đã lưu chuyên đề.');
      await expectNoAxeViolations(page, 'topic editor');
      await expectNoHorizontalScroll(page, 'topic editor');
      await shot(page, DESKTOP, 'study-topic-editor');

      await page.getByRole('button', { name: 'Giao cho đảng viên' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Đảng viên của Chi bộ Trạm Y tế xã sẽ thấy chuyên đề').waitFor();
      await dialog.getByRole('button', { name: 'Giao cho đảng viên' }).click();
      await expect.poll(() => main(page)).toContain('Đã giao chuyên đề.');
      await expect.poll(() => main(page)).toContain('Đang giao học');

      // the commune-wide demo topic, as the cấp ủy sees it: every chi bộ, then one of them
      await page.goto(`${server.base}/study-topics`);
      await waitForHeading(page, 'Chuyên đề học tập');
      await expect.poll(() => main(page)).toContain(title);
      await page.getByRole('link', { name: `Kết quả học tập: ${DEMO_STUDY_TITLE}` }).click();
      await waitForHeading(page, 'Kết quả học tập');
      await page.getByRole('heading', { name: 'Theo chi bộ' }).waitFor();
      await expect.poll(() => main(page)).toContain('Chi bộ Trạm Y tế xã');
      await expectNoAxeViolations(page, 'completion (commune)');
      await shot(page, DESKTOP, 'study-completion-commune');
      await page.getByRole('button', { name: /^Chi bộ thôn Nà Lằng/ }).click();
      await expect
        .poll(() => page.getByRole('textbox', { name: 'Đơn vị' }).inputValue())
        .toBe('Chi bộ thôn Nà Lằng');
      await expect.poll(() => main(page)).toContain(server.member.name);
    } finally {
      await context.close();
    }
  });
});
