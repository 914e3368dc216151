import { documentReads, documents } from '@sotay/db';
import { sql } from 'drizzle-orm';
import type { Session, TestApp } from './app.ts';

/** A library document inserted directly (the study tests need documents, not the upload pipeline). */
export async function insertDocument(
  t: TestApp,
  d: {
    orgId: string;
    audienceOrgId: string;
    title: string;
    number?: string;
    status?: 'draft' | 'published' | 'withdrawn' | 'replaced';
    audienceRoles?: string[];
  },
) {
  const [row] = await t.database.db
    .insert(documents)
    .values({
      orgId: d.orgId,
      audienceOrgId: d.audienceOrgId,
      audienceRoles: d.audienceRoles ?? [],
      number: d.number ?? null,
      title: d.title,
      status: d.status ?? 'published',
      searchHead: d.title.toLowerCase(),
      searchVector: sql`to_tsvector('simple'::regconfig, ${d.title.toLowerCase()})`,
      publishedAt: d.status === 'draft' ? null : new Date(),
    })
    .returning();
  return row!;
}

/** "Đã đọc": what the documents module records when a member opens a document. */
export async function markRead(t: TestApp, documentId: string, userId: string, memberId: string | null) {
  await t.database.db.insert(documentReads).values({ documentId, userId, memberId }).onConflictDoNothing();
}

export interface QuestionBody {
  kind: 'single' | 'multiple';
  prompt: string;
  options: { id: string; text: string }[];
  correct: string[];
  explanation?: string | null;
}

const opts = (...texts: string[]) => texts.map((text, i) => ({ id: 'abcdef'[i]!, text }));

/** Five questions on Nghị quyết 57 (single and multiple choice); answers are the letters in `correct`. */
export const QUESTIONS: QuestionBody[] = [
  {
    kind: 'single',
    prompt: 'Nghị quyết số 57-NQ/TW do cơ quan nào ban hành?',
    options: opts('Bộ Chính trị', 'Quốc hội', 'Chính phủ', 'Mặt trận Tổ quốc'),
    correct: ['a'],
    explanation: 'Nghị quyết 57-NQ/TW là nghị quyết của Bộ Chính trị.',
  },
  {
    kind: 'multiple',
    prompt: 'Những lĩnh vực nào được Nghị quyết 57 coi là đột phá?',
    options: opts('Khoa học, công nghệ', 'Đổi mới sáng tạo', 'Chuyển đổi số', 'Khai thác khoáng sản'),
    correct: ['a', 'b', 'c'],
    explanation: 'Khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia.',
  },
  {
    kind: 'single',
    prompt: 'Đảng viên cài ứng dụng Sổ tay đảng viên điện tử để làm gì?',
    options: opts('Đọc văn bản, học tập, sinh hoạt chi bộ', 'Chơi trò chơi', 'Mua sắm trực tuyến'),
    correct: ['a'],
  },
  {
    kind: 'multiple',
    prompt: 'Những việc nào giúp bảo vệ tài khoản?',
    options: opts(
      'Không cho người khác biết mật khẩu',
      'Bật xác thực hai bước',
      'Ghi mật khẩu lên điện thoại',
      'Đăng xuất khi dùng máy chung',
    ),
    correct: ['a', 'b', 'd'],
  },
  {
    kind: 'single',
    prompt: 'Định danh điện tử mức 2 (VNeID) có cần cho đảng viên không?',
    options: opts('Có, để dùng các dịch vụ số', 'Không cần'),
    correct: ['a'],
  },
];

export function topicBody(orgId: string, extra: Record<string, unknown> = {}) {
  return {
    orgId,
    kind: 'nghi_quyet',
    title: 'Học tập Nghị quyết số 57-NQ/TW về khoa học, công nghệ và chuyển đổi số',
    description: 'Đọc nghị quyết, làm bài kiểm tra và viết bài thu hoạch liên hệ bản thân.',
    dueOn: null,
    passMark: 80,
    maxAttempts: null,
    essayRequired: true,
    documentIds: [],
    questions: QUESTIONS,
    ...extra,
  };
}

/** Creates and assigns a topic; returns it as the manager sees it (with the re-keyed answers). */
export async function assignedTopic(s: Session, orgId: string, extra: Record<string, unknown> = {}) {
  const created = await s.post('/api/study/topics', topicBody(orgId, extra));
  if (created.status !== 201)
    throw new Error(`create topic → ${created.status} ${JSON.stringify(created.body)}`);
  const assigned = await s.post(`/api/study/topics/${created.body.topic.id}/assign`);
  if (assigned.status !== 200)
    throw new Error(`assign → ${assigned.status} ${JSON.stringify(assigned.body)}`);
  return assigned.body.topic as ManagedTopic;
}

export interface ManagedTopic {
  id: string;
  status: string;
  questions: {
    id: string;
    kind: string;
    prompt: string;
    options: { id: string; text: string }[];
    correct: string[];
  }[];
}

/** Answers for an attempt: every question right, or as `pick` says (given the bank question). */
export function answersFor(
  topic: ManagedTopic,
  questions: { id: string }[],
  pick: (q: ManagedTopic['questions'][number], index: number) => string[] = (q) => q.correct,
) {
  const bank = new Map(topic.questions.map((q) => [q.id, q]));
  return questions.map((q, i) => ({ questionId: q.id, optionIds: pick(bank.get(q.id)!, i) }));
}
