import crypto from 'node:crypto';
import {
  type Executor,
  type members,
  roleAssignments,
  studyAttempts,
  studyEssays,
  studyQuestions,
  studyTopics,
  users,
} from '@sotay/db';
import { hashPassword } from '../lib/password.ts';
import type { OrgRow } from '../modules/orgs/repo.ts';
import { type BankQuestion, drawOrder, scoreAnswers } from '../modules/study/quiz.ts';
import { vnToday } from '../modules/study/service.ts';
import { DEMO_ESSAYS, DEMO_STUDY_QUESTIONS, DEMO_STUDY_TITLE } from './study-content.ts';

type MemberRow = typeof members.$inferSelect;

const DAY_MS = 86_400_000;
interface Plan {
  m: MemberRow;
  userId: string;
  outcome: 'completed' | 'passedNoEssay' | 'failed';
}

/**
 * The demo's study topic for the whole commune — Nghị quyết 26-NQ/TU on chuyển đổi số — assigned, due
 * in 30 days, with five questions; the bí thư and a few members of the first chi bộ have done it (or
 * part of it), the cấp ủy member failed once. It links no documents: the library's demo seed can add
 * them (a topic without documents needs only the quiz and the essay).
 */
export async function seedStudy(
  tx: Executor,
  opts: {
    root: OrgRow;
    chiBo: OrgRow[];
    /** Members with a phone and số thẻ, the kind that register accounts. */
    active: MemberRow[];
    accounts: { biThu: { userId: string; memberId: string }; capUy: { userId: string; memberId: string } };
    /** Members left untouched (the demo member signs in and takes the quiz first-hand). */
    skipMemberIds: string[];
    now: Date;
  },
): Promise<{ topicId: string }> {
  const { root, now } = opts;
  const [topic] = await tx
    .insert(studyTopics)
    .values({
      orgId: root.id,
      kind: 'nghi_quyet',
      title: DEMO_STUDY_TITLE,
      description:
        'Quán triệt Nghị quyết số 26-NQ/TU của Tỉnh ủy về đẩy mạnh chuyển đổi số trong công tác xây dựng Đảng. Đồng chí đọc các văn bản kèm theo (nếu có), làm bài kiểm tra (đạt từ 80% trở lên) và viết bài thu hoạch liên hệ bản thân.',
      dueOn: vnToday(new Date(now.getTime() + 30 * DAY_MS)),
      passMark: 80,
      maxAttempts: null,
      essayRequired: true,
      status: 'assigned',
      createdAt: new Date(now.getTime() - 7 * DAY_MS),
      updatedAt: new Date(now.getTime() - 7 * DAY_MS),
    })
    .returning();
  const bank: BankQuestion[] = (
    await tx
      .insert(studyQuestions)
      .values(DEMO_STUDY_QUESTIONS.map((q, position) => ({ ...q, topicId: topic!.id, position })))
      .returning()
  ).map((q) => ({
    ...q,
    kind: q.kind as BankQuestion['kind'],
    options: q.options as BankQuestion['options'],
  }));

  // a few members of the first chi bộ registered accounts (no password is known: they never sign in here)
  const first = opts.chiBo[0]!;
  const skip = new Set([...opts.skipMemberIds, opts.accounts.biThu.memberId, opts.accounts.capUy.memberId]);
  const candidates = opts.active.filter((m) => m.orgId === first.id && !skip.has(m.id)).slice(0, 6);
  const unusable = await hashPassword(crypto.randomBytes(24).toString('base64'));
  const created = candidates.length
    ? await tx
        .insert(users)
        .values(
          candidates.map((m) => ({
            username: m.partyCardNumber!,
            memberId: m.id,
            passwordHash: unusable,
            state: 'active',
          })),
        )
        .returning()
    : [];
  if (created.length)
    await tx
      .insert(roleAssignments)
      .values(created.map((u) => ({ userId: u.id, role: 'member', orgId: first.id })));
  const outcomes: Plan['outcome'][] = [
    'completed',
    'completed',
    'passedNoEssay',
    'failed',
    'completed',
    'failed',
  ];
  const plans: Plan[] = created.map((u, i) => ({ m: candidates[i]!, userId: u.id, outcome: outcomes[i]! }));
  const biThu = opts.active.find((m) => m.id === opts.accounts.biThu.memberId)!;
  const capUy = opts.active.find((m) => m.id === opts.accounts.capUy.memberId)!;
  plans.push({ m: biThu, userId: opts.accounts.biThu.userId, outcome: 'completed' });
  plans.push({ m: capUy, userId: opts.accounts.capUy.userId, outcome: 'failed' });

  const attempts: (typeof studyAttempts.$inferInsert)[] = [];
  const essays: (typeof studyEssays.$inferInsert)[] = [];
  plans.forEach((p, i) => {
    const day = new Date(now.getTime() - (6 - (i % 5)) * DAY_MS);
    const take = (right: boolean, at: Date) => {
      const order = drawOrder(bank);
      // a failed attempt misses the two multiple-choice questions (picks only the first right option)
      const answers = Object.fromEntries(
        bank.map((q) => [q.id, right || q.kind === 'single' ? q.correct : q.correct.slice(0, 1)]),
      );
      const s = scoreAnswers(bank, order, answers, 80);
      attempts.push({
        topicId: topic!.id,
        userId: p.userId,
        memberId: p.m.id,
        questionOrder: order,
        answers,
        correctCount: s.correctCount,
        questionCount: s.questionCount,
        score: s.score,
        passed: s.passed,
        startedAt: at,
        submittedAt: new Date(at.getTime() + 6 * 60_000),
      });
    };
    if (p.outcome === 'failed') take(false, day);
    else {
      if (i % 2) take(false, day);
      take(true, new Date(day.getTime() + 3_600_000));
    }
    if (p.outcome === 'completed')
      essays.push({
        topicId: topic!.id,
        userId: p.userId,
        memberId: p.m.id,
        body: DEMO_ESSAYS[i % DEMO_ESSAYS.length]!,
        submittedAt: new Date(day.getTime() + 2 * 3_600_000),
        ...(i === 0
          ? {
              comment:
                'Bài thu hoạch liên hệ sát thực tế, đề nghị đồng chí giúp đỡ các đảng viên cao tuổi trong thôn.',
              commentedBy: opts.accounts.biThu.userId,
              commentedAt: new Date(day.getTime() + DAY_MS),
            }
          : {}),
      });
  });
  if (attempts.length) await tx.insert(studyAttempts).values(attempts);
  if (essays.length) await tx.insert(studyEssays).values(essays);
  return { topicId: topic!.id };
}
