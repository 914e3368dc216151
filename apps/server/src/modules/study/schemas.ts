import { z } from 'zod';
import { isoDate, pageQuery, uuid } from '../../http/schemas.ts';

export const TOPIC_KINDS = ['chuyen_de', 'nghi_quyet'] as const;
export const QUESTION_KINDS = ['single', 'multiple'] as const;
export const TOPIC_STATUSES = ['draft', 'assigned', 'closed'] as const;

const optionIn = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'Mã phương án chỉ gồm chữ, số, "-" hoặc "_"'),
  text: z.string().trim().min(1, 'Phương án không được để trống').max(500),
});

const questionIn = z
  .object({
    kind: z.enum(QUESTION_KINDS),
    prompt: z.string().trim().min(3, 'Câu hỏi quá ngắn').max(1000),
    options: z
      .array(optionIn)
      .min(2, 'Mỗi câu hỏi cần ít nhất 2 phương án')
      .max(6, 'Mỗi câu hỏi có tối đa 6 phương án'),
    correct: z.array(z.string()).min(1, 'Hãy chọn đáp án đúng'),
    explanation: z.string().trim().max(1000).nullable().optional(),
  })
  .superRefine((q, ctx) => {
    const ids = q.options.map((o) => o.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Hai phương án trùng mã' });
    const texts = q.options.map((o) => o.text.toLowerCase());
    if (new Set(texts).size !== texts.length)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Hai phương án trùng nội dung' });
    if (q.correct.some((c) => !ids.includes(c)))
      ctx.addIssue({
        code: 'custom',
        path: ['correct'],
        message: 'Đáp án đúng phải là một trong các phương án',
      });
    if (new Set(q.correct).size !== q.correct.length)
      ctx.addIssue({ code: 'custom', path: ['correct'], message: 'Một đáp án được chọn hai lần' });
    if (q.kind === 'single' && q.correct.length !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['correct'],
        message: 'Câu hỏi một lựa chọn cần đúng một đáp án đúng',
      });
    if (q.kind === 'multiple' && q.correct.length >= q.options.length)
      ctx.addIssue({
        code: 'custom',
        path: ['correct'],
        message: 'Câu hỏi nhiều lựa chọn phải có ít nhất một phương án sai',
      });
  });
export type QuestionInput = z.infer<typeof questionIn>;

const topicFields = {
  orgId: uuid,
  kind: z.enum(TOPIC_KINDS),
  title: z.string().trim().min(5, 'Tên chuyên đề quá ngắn').max(300),
  description: z.string().trim().max(5000).default(''),
  dueOn: isoDate.nullable().default(null),
  passMark: z
    .number()
    .int()
    .min(1, 'Điểm đạt từ 1 đến 100 (%)')
    .max(100, 'Điểm đạt từ 1 đến 100 (%)')
    .default(80),
  /** null: unlimited. */
  maxAttempts: z.number().int().min(1).max(20).nullable().default(null),
  essayRequired: z.boolean().default(true),
  documentIds: z
    .array(uuid)
    .max(50)
    .default([])
    .refine((ids) => new Set(ids).size === ids.length, 'Một văn bản được chọn hai lần'),
  questions: z.array(questionIn).max(100, 'Tối đa 100 câu hỏi').default([]),
};
export const createTopicBody = z.object(topicFields);
export type CreateTopicInput = z.infer<typeof createTopicBody>;
/** Everything optional; `questions` left out keeps the question bank as it is. */
export const updateTopicBody = z.object({
  kind: topicFields.kind.optional(),
  title: topicFields.title.optional(),
  description: z.string().trim().max(5000).optional(),
  dueOn: isoDate.nullable().optional(),
  passMark: z.number().int().min(1).max(100).optional(),
  maxAttempts: z.number().int().min(1).max(20).nullable().optional(),
  essayRequired: z.boolean().optional(),
  documentIds: topicFields.documentIds.optional(),
  questions: z.array(questionIn).max(100).optional(),
});
export type UpdateTopicInput = z.infer<typeof updateTopicBody>;

export const topicListQuery = z.object({
  status: z.enum(TOPIC_STATUSES).optional(),
  ...pageQuery,
});

const option = z.object({ id: z.string(), text: z.string() });
const questionOut = z.object({
  id: uuid,
  kind: z.enum(QUESTION_KINDS),
  prompt: z.string(),
  options: z.array(option),
  correct: z.array(z.string()),
  explanation: z.string().nullable(),
});
const documentOut = z.object({
  id: uuid,
  number: z.string().nullable(),
  title: z.string(),
  issuedOn: z.string().nullable(),
  status: z.string(),
});

const topicSummary = {
  id: uuid,
  orgId: uuid,
  orgName: z.string(),
  kind: z.enum(TOPIC_KINDS),
  title: z.string(),
  description: z.string(),
  dueOn: z.string().nullable(),
  passMark: z.number().int(),
  maxAttempts: z.number().int().nullable(),
  essayRequired: z.boolean(),
  status: z.enum(TOPIC_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
};
export const topicListItem = z.object({
  ...topicSummary,
  documentCount: z.number().int(),
  questionCount: z.number().int(),
  canManage: z.boolean(),
});
export const topicList = z.object({ items: z.array(topicListItem), total: z.number().int() });
export const topicOut = z.object({
  ...topicSummary,
  canManage: z.boolean(),
  attemptCount: z.number().int(),
  documents: z.array(documentOut),
  /** The question bank with its answers: only for those who may manage the topic. */
  questions: z.array(questionOut).nullable(),
});
export const topicEnvelope = z.object({ topic: topicOut });

// ---- member side

export const progressOut = z.object({
  documentsRead: z.number().int(),
  documentsTotal: z.number().int(),
  attemptsUsed: z.number().int(),
  /** null: unlimited. */
  attemptsLeft: z.number().int().nullable(),
  bestScore: z.number().int().nullable(),
  passed: z.boolean(),
  essaySubmitted: z.boolean(),
  completed: z.boolean(),
  overdue: z.boolean(),
});
export const myTopicItem = z.object({
  id: uuid,
  kind: z.enum(TOPIC_KINDS),
  title: z.string(),
  orgName: z.string(),
  dueOn: z.string().nullable(),
  passMark: z.number().int(),
  essayRequired: z.boolean(),
  status: z.enum(TOPIC_STATUSES),
  progress: progressOut,
});
export const myTopicList = z.object({
  items: z.array(myTopicItem),
  total: z.number().int(),
  /** Assigned topics the member has not completed yet (the home tile's number). */
  notCompleted: z.number().int(),
});
export const myListQuery = z.object({ ...pageQuery });

const attemptSummary = z.object({
  id: uuid,
  number: z.number().int(),
  startedAt: z.string(),
  submittedAt: z.string().nullable(),
  score: z.number().int().nullable(),
  passed: z.boolean().nullable(),
});
export const essayOut = z.object({
  body: z.string(),
  file: z.object({ name: z.string(), type: z.string(), size: z.number().int() }).nullable(),
  submittedAt: z.string(),
  comment: z.string().nullable(),
  commentedAt: z.string().nullable(),
  commentedBy: z.string().nullable(),
});
export const myTopicOut = z.object({
  ...myTopicItem.shape,
  description: z.string(),
  maxAttempts: z.number().int().nullable(),
  questionCount: z.number().int(),
  documents: z.array(documentOut.extend({ read: z.boolean() })),
  attempts: z.array(attemptSummary),
  openAttemptId: uuid.nullable(),
  essay: essayOut.nullable(),
});
export const myTopicEnvelope = z.object({ topic: myTopicOut });

export const quizQuestion = z.object({
  id: uuid,
  kind: z.enum(QUESTION_KINDS),
  prompt: z.string(),
  options: z.array(option),
});
const reviewItem = z.object({
  questionId: uuid,
  kind: z.enum(QUESTION_KINDS),
  prompt: z.string(),
  options: z.array(option),
  chosen: z.array(z.string()),
  isCorrect: z.boolean(),
  /** Shown once the member has passed or has no attempt left; null before, so a retry is still a test. */
  correct: z.array(z.string()).nullable(),
  explanation: z.string().nullable(),
});
export const attemptOut = z.object({
  id: uuid,
  topicId: uuid,
  number: z.number().int(),
  startedAt: z.string(),
  submittedAt: z.string().nullable(),
  passMark: z.number().int(),
  questions: z.array(quizQuestion),
  result: z
    .object({
      score: z.number().int(),
      correctCount: z.number().int(),
      questionCount: z.number().int(),
      passed: z.boolean(),
      review: z.array(reviewItem),
    })
    .nullable(),
  attemptsUsed: z.number().int(),
  attemptsLeft: z.number().int().nullable(),
});
export const attemptEnvelope = z.object({ attempt: attemptOut });
export const attemptParams = z.object({ id: uuid, attemptId: uuid });
export const submitBody = z.object({
  answers: z.array(z.object({ questionId: uuid, optionIds: z.array(z.string().max(40)).max(6) })).max(100),
});
export const essayEnvelope = z.object({ essay: essayOut });

// ---- review side

export const unitQuery = z.object({ orgId: uuid.optional() });
export const completionOut = z.object({
  topic: z.object({
    id: uuid,
    title: z.string(),
    dueOn: z.string().nullable(),
    status: z.enum(TOPIC_STATUSES),
  }),
  org: z.object({ id: uuid, name: z.string() }),
  members: z.number().int(),
  completed: z.number().int(),
  rate: z.number(),
  units: z.array(
    z.object({
      orgId: uuid,
      name: z.string(),
      members: z.number().int(),
      readAll: z.number().int(),
      passed: z.number().int(),
      essays: z.number().int(),
      completed: z.number().int(),
      rate: z.number(),
    }),
  ),
});
export const memberProgressQuery = z.object({
  orgId: uuid.optional(),
  completed: z.enum(['true', 'false']).optional(),
  ...pageQuery,
});
export const memberProgressItem = z.object({
  memberId: uuid,
  fullName: z.string(),
  orgId: uuid,
  orgName: z.string(),
  status: z.string(),
  hasAccount: z.boolean(),
  documentsRead: z.number().int(),
  documentsTotal: z.number().int(),
  attempts: z.number().int(),
  bestScore: z.number().int().nullable(),
  passed: z.boolean(),
  passedAt: z.string().nullable(),
  essaySubmittedAt: z.string().nullable(),
  commented: z.boolean(),
  completed: z.boolean(),
});
export const memberProgressList = z.object({
  items: z.array(memberProgressItem),
  total: z.number().int(),
});
export const memberParams = z.object({ id: uuid, memberId: uuid });
export const memberStudyOut = z.object({
  topic: z.object({ id: uuid, title: z.string(), passMark: z.number().int(), essayRequired: z.boolean() }),
  member: memberProgressItem,
  attempts: z.array(attemptSummary),
  essay: essayOut.nullable(),
});
export const commentBody = z.object({ comment: z.string().trim().min(2, 'Nhận xét quá ngắn').max(2000) });
