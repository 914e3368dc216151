import crypto from 'node:crypto';
import type { Actor } from '@sotay/core';
import type { Deps } from '../../deps.ts';
import { AppError, conflict, notFound, unprocessable } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import { findMember, type MemberWithOrg } from '../members/repo.ts';
import { type EssayFileType, essayFileName } from './essay-file.ts';
import { type Answers, drawOrder, isCorrect, presentQuestions, scoreAnswers } from './quiz.ts';
import * as repo from './repo.ts';
import { vnToday } from './service.ts';

/** Members who take part in Party life see their chi bộ's topics (miễn sinh hoạt may study without being counted). */
const STUDY_VISIBLE = new Set(['chinh_thuc', 'du_bi', 'mien_sinh_hoat']);
const topicNotFound = () => notFound('Không tìm thấy chuyên đề học tập.');

async function ownMember(deps: Deps, actor: Actor): Promise<MemberWithOrg | null> {
  if (!actor.memberId) return null;
  const m = await findMember(deps.database.db, actor.memberId);
  return m && STUDY_VISIBLE.has(m.status) ? m : null;
}

export function progressOf(r: repo.MyTopicRow, today: string) {
  const essayDone = r.essaySubmitted || !r.essayRequired;
  const completed = r.documentsRead >= r.documentsTotal && r.passed && essayDone;
  return {
    documentsRead: r.documentsRead,
    documentsTotal: r.documentsTotal,
    attemptsUsed: r.attemptsUsed,
    attemptsLeft: r.maxAttempts == null ? null : Math.max(0, r.maxAttempts - r.attemptsUsed),
    bestScore: r.bestScore,
    passed: r.passed,
    essaySubmitted: r.essaySubmitted,
    completed,
    overdue: !completed && !!r.dueOn && r.dueOn < today,
  };
}

function item(r: repo.MyTopicRow, today: string) {
  return {
    id: r.id,
    kind: r.kind as 'chuyen_de' | 'nghi_quyet',
    title: r.title,
    orgName: r.orgName,
    dueOn: r.dueOn,
    passMark: r.passMark,
    essayRequired: r.essayRequired,
    status: r.status as 'draft' | 'assigned' | 'closed',
    progress: progressOf(r, today),
  };
}

/** The member's assigned topics: unfinished first (nearest due date first), then finished ones. */
export async function myTopics(deps: Deps, actor: Actor, page: number, pageSize: number) {
  const m = await ownMember(deps, actor);
  if (!m) return { items: [], total: 0, notCompleted: 0 };
  const today = vnToday(deps.now());
  const rows = await repo.topicsOfMember(deps.database.db, { userId: actor.userId, memberPath: m.orgPath });
  const items = rows
    .map((r) => ({ ...item(r, today), createdMs: r.createdMs }))
    .sort(
      (a, b) =>
        Number(a.progress.completed) - Number(b.progress.completed) ||
        (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') ||
        b.createdMs - a.createdMs,
    )
    .map(({ createdMs: _c, ...rest }) => rest);
  return {
    items: items.slice((page - 1) * pageSize, page * pageSize),
    total: items.length,
    notCompleted: items.filter((i) => !i.progress.completed).length,
  };
}

async function myTopicRow(deps: Deps, actor: Actor, topicId: string) {
  const m = await ownMember(deps, actor);
  if (!m) throw topicNotFound();
  const [row] = await repo.topicsOfMember(deps.database.db, {
    userId: actor.userId,
    memberPath: m.orgPath,
    topicId,
  });
  if (!row) throw topicNotFound();
  return { row, member: m };
}

export function presentEssay(e: Awaited<ReturnType<typeof repo.findEssay>>) {
  if (!e) return null;
  const x = e.essay;
  return {
    body: x.body,
    file: x.fileKey ? { name: x.fileName ?? 'tep', type: x.fileType ?? '', size: x.fileSize ?? 0 } : null,
    submittedAt: x.submittedAt.toISOString(),
    comment: x.comment,
    commentedAt: x.commentedAt?.toISOString() ?? null,
    commentedBy: x.comment ? e.commentedBy : null,
  };
}

export const attemptSummaries = (attempts: repo.AttemptRow[]) =>
  attempts.map((a, i) => ({
    id: a.id,
    number: i + 1,
    startedAt: a.startedAt.toISOString(),
    submittedAt: a.submittedAt?.toISOString() ?? null,
    score: a.score,
    passed: a.passed,
  }));

export async function myTopic(deps: Deps, actor: Actor, topicId: string) {
  const { row } = await myTopicRow(deps, actor, topicId);
  const db = deps.database.db;
  const [docs, attempts, essay, reads] = await Promise.all([
    repo.topicDocuments(db, topicId),
    repo.attemptsOf(db, topicId, actor.userId),
    repo.findEssay(db, topicId, actor.userId),
    repo.readDocumentIds(db, topicId, actor.userId),
  ]);
  return {
    ...item(row, vnToday(deps.now())),
    description: row.description,
    maxAttempts: row.maxAttempts,
    questionCount: row.questionCount,
    // a withdrawn or replaced document stays listed for reference but is no longer asked for
    documents: docs.map((d) => ({ ...d, read: reads.has(d.id) })),
    attempts: attemptSummaries(attempts),
    openAttemptId: attempts.find((a) => !a.submittedAt)?.id ?? null,
    essay: presentEssay(essay),
  };
}

function requireOpen(status: string) {
  if (status !== 'assigned')
    throw unprocessable('study_topic_closed', 'Chuyên đề đã kết thúc, không làm bài hay nộp bài được nữa.');
}

const exhausted = (max: number) =>
  unprocessable(
    'study_attempts_exhausted',
    `Đồng chí đã làm đủ ${max} lần kiểm tra được phép của chuyên đề này. Kết quả cao nhất đã được ghi nhận.`,
  );

/**
 * Shows one attempt. The right answers come back only once the member has passed or has no attempt
 * left (or the topic is closed); before that the review says which answers were wrong, so trying
 * again is still a test rather than copying.
 */
async function presentAttempt(
  deps: Deps,
  row: repo.MyTopicRow,
  attempt: repo.AttemptRow,
  all: repo.AttemptRow[],
) {
  const bank = await repo.topicQuestions(deps.database.db, row.id);
  const order = repo.attemptOrder(attempt);
  const used = all.filter((a) => a.submittedAt).length;
  const attemptsLeft = row.maxAttempts == null ? null : Math.max(0, row.maxAttempts - used);
  const questions = presentQuestions(bank, order);
  let result = null;
  if (attempt.submittedAt) {
    const answers = (attempt.answers ?? {}) as Answers;
    const reveal = all.some((a) => a.passed) || attemptsLeft === 0 || row.status !== 'assigned';
    const byId = new Map(bank.map((q) => [q.id, q]));
    result = {
      score: attempt.score ?? 0,
      correctCount: attempt.correctCount ?? 0,
      questionCount: attempt.questionCount,
      passed: attempt.passed ?? false,
      review: questions.map((q) => {
        const b = byId.get(q.id)!;
        const chosen = answers[q.id] ?? [];
        return {
          questionId: q.id,
          kind: q.kind,
          prompt: q.prompt,
          options: q.options,
          chosen,
          isCorrect: isCorrect(b, chosen),
          correct: reveal ? b.correct : null,
          explanation: reveal ? b.explanation : null,
        };
      }),
    };
  }
  return {
    id: attempt.id,
    topicId: row.id,
    number: all.findIndex((a) => a.id === attempt.id) + 1,
    startedAt: attempt.startedAt.toISOString(),
    submittedAt: attempt.submittedAt?.toISOString() ?? null,
    passMark: row.passMark,
    questions,
    result,
    attemptsUsed: used,
    attemptsLeft,
  };
}

/** Starts an attempt in a fresh random order, or hands back the one still open (a reload resumes it). */
export async function startAttempt(deps: Deps, actor: Actor, topicId: string) {
  const { row, member } = await myTopicRow(deps, actor, topicId);
  requireOpen(row.status);
  const db = deps.database.db;
  const now = deps.now();
  const { attempt, created } = await db.transaction(async (tx) => {
    await repo.lockUser(tx, actor.userId);
    const open = await repo.openAttempt(tx, topicId, actor.userId);
    if (open) return { attempt: open, created: false };
    const used = await repo.submittedCount(tx, topicId, actor.userId);
    if (row.maxAttempts != null && used >= row.maxAttempts) throw exhausted(row.maxAttempts);
    const bank = await repo.topicQuestions(tx, topicId);
    const a = await repo.insertAttempt(tx, {
      topicId,
      userId: actor.userId,
      memberId: member.id,
      questionOrder: drawOrder(bank),
      questionCount: bank.length,
      startedAt: now,
    });
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'study.attempt.start',
        entity: 'study_attempt',
        entityId: a.id,
        orgPath: member.orgPath,
        after: { topicId, number: used + 1 },
      },
      now,
    );
    return { attempt: a, created: true };
  });
  const all = await repo.attemptsOf(db, topicId, actor.userId);
  return { created, attempt: await presentAttempt(deps, row, attempt, all) };
}

async function ownAttempt(deps: Deps, actor: Actor, topicId: string, attemptId: string) {
  const a = await repo.findAttempt(deps.database.db, attemptId);
  if (!a || a.topicId !== topicId || a.userId !== actor.userId)
    throw notFound('Không tìm thấy lần làm bài này.');
  return a;
}

export async function getAttempt(deps: Deps, actor: Actor, topicId: string, attemptId: string) {
  const { row } = await myTopicRow(deps, actor, topicId);
  const a = await ownAttempt(deps, actor, topicId, attemptId);
  return presentAttempt(deps, row, a, await repo.attemptsOf(deps.database.db, topicId, actor.userId));
}

export async function submitAttempt(
  deps: Deps,
  actor: Actor,
  topicId: string,
  attemptId: string,
  input: { questionId: string; optionIds: string[] }[],
) {
  const { row, member } = await myTopicRow(deps, actor, topicId);
  await ownAttempt(deps, actor, topicId, attemptId);
  const db = deps.database.db;
  const now = deps.now();
  const finished = await db.transaction(async (tx) => {
    await repo.lockUser(tx, actor.userId);
    const a = (await repo.findAttempt(tx, attemptId))!;
    if (a.submittedAt) throw conflict('study_attempt_submitted', 'Bài kiểm tra này đã được nộp rồi.');
    requireOpen(row.status);
    const used = await repo.submittedCount(tx, topicId, actor.userId);
    if (row.maxAttempts != null && used >= row.maxAttempts) throw exhausted(row.maxAttempts);
    const bank = await repo.topicQuestions(tx, topicId);
    const order = repo.attemptOrder(a);
    const answers = checkAnswers(bank, order, input);
    const s = scoreAnswers(bank, order, answers, row.passMark);
    const done = await repo.finishAttempt(tx, attemptId, {
      answers,
      correctCount: s.correctCount,
      score: s.score,
      passed: s.passed,
      submittedAt: now,
    });
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'study.attempt.submit',
        entity: 'study_attempt',
        entityId: attemptId,
        orgPath: member.orgPath,
        after: { topicId, score: s.score, passed: s.passed, correct: s.correctCount, of: s.questionCount },
      },
      now,
    );
    return done;
  });
  return presentAttempt(deps, row, finished, await repo.attemptsOf(db, topicId, actor.userId));
}

/** Answers must name questions of this attempt and options of those questions; a skipped question is wrong. */
function checkAnswers(
  bank: Awaited<ReturnType<typeof repo.topicQuestions>>,
  order: ReturnType<typeof repo.attemptOrder>,
  input: { questionId: string; optionIds: string[] }[],
): Answers {
  const inAttempt = new Set(order.map((o) => o.questionId));
  const byId = new Map(bank.map((q) => [q.id, q]));
  const answers: Answers = {};
  const invalid = (message: string) => unprocessable('study_answer_invalid', message);
  for (const { questionId, optionIds } of input) {
    const q = byId.get(questionId);
    if (!q || !inAttempt.has(questionId))
      throw invalid('Câu trả lời cho một câu hỏi không có trong bài này.');
    if (questionId in answers) throw invalid('Một câu hỏi được trả lời hai lần.');
    const ids = new Set(q.options.map((o) => o.id));
    if (optionIds.some((id) => !ids.has(id))) throw invalid('Phương án đã chọn không thuộc câu hỏi.');
    if (new Set(optionIds).size !== optionIds.length) throw invalid('Một phương án được chọn hai lần.');
    if (q.kind === 'single' && optionIds.length > 1)
      throw invalid('Câu hỏi một lựa chọn chỉ được chọn một phương án.');
    answers[questionId] = optionIds;
  }
  return answers;
}

// ---- bài thu hoạch

export interface EssayInput {
  body: string;
  /** A checked upload (type by content) to attach, replacing any earlier file. */
  file: { path: string; name: string; size: number; type: EssayFileType } | null;
  removeFile: boolean;
}

export async function saveEssay(deps: Deps, actor: Actor, topicId: string, input: EssayInput) {
  const { row, member } = await myTopicRow(deps, actor, topicId);
  requireOpen(row.status);
  const db = deps.database.db;
  const before = await repo.findEssay(db, topicId, actor.userId);
  const old = before?.essay ?? null;
  const body = input.body.trim();
  const keepOld = !input.file && !input.removeFile && !!old?.fileKey;
  if (!body && !input.file && !keepOld)
    throw unprocessable('study_essay_empty', 'Bài thu hoạch cần có nội dung viết hoặc một tệp đính kèm.');

  let newKey: string | null = null;
  if (input.file) {
    newKey = `study/essays/${topicId}/${actor.userId}/${crypto.randomUUID()}.${input.file.type.extension}`;
    await deps.files.putFile(newKey, input.file.path, input.file.type.contentType);
  }
  const now = deps.now();
  try {
    await db.transaction(async (tx) => {
      await repo.lockUser(tx, actor.userId);
      const saved = await repo.saveEssay(tx, {
        topicId,
        userId: actor.userId,
        memberId: member.id,
        body,
        ...(input.file
          ? {
              fileKey: newKey,
              fileName: essayFileName(input.file.name, input.file.type),
              fileType: input.file.type.contentType,
              fileSize: input.file.size,
            }
          : keepOld
            ? {
                fileKey: old!.fileKey,
                fileName: old!.fileName,
                fileType: old!.fileType,
                fileSize: old!.fileSize,
              }
            : { fileKey: null, fileName: null, fileType: null, fileSize: null }),
        submittedAt: now,
      });
      await appendAudit(
        tx,
        {
          actorUserId: actor.userId,
          action: old ? 'study.essay.update' : 'study.essay.submit',
          entity: 'study_essay',
          entityId: saved.id,
          orgPath: member.orgPath,
          before: old ? { length: old.body.length, file: old.fileName } : undefined,
          after: { topicId, length: body.length, file: saved.fileName },
        },
        now,
      );
    });
  } catch (e) {
    if (newKey) await deps.files.remove(newKey).catch(() => undefined);
    throw e;
  }
  // the replaced file goes only once the new essay is saved
  if (old?.fileKey && !keepOld) await deps.files.remove(old.fileKey).catch(() => undefined);
  return presentEssay(await repo.findEssay(db, topicId, actor.userId))!;
}

export async function myEssayFile(deps: Deps, actor: Actor, topicId: string) {
  await myTopicRow(deps, actor, topicId);
  return essayFile(deps, await repo.findEssay(deps.database.db, topicId, actor.userId));
}

export async function essayFile(deps: Deps, e: Awaited<ReturnType<typeof repo.findEssay>>) {
  const x = e?.essay;
  if (!x?.fileKey) throw notFound('Bài thu hoạch không có tệp đính kèm.');
  try {
    return {
      stream: await deps.files.read(x.fileKey),
      name: x.fileName ?? 'bai-thu-hoach',
      type: x.fileType ?? 'application/octet-stream',
      size: x.fileSize,
    };
  } catch {
    throw new AppError(404, 'not_found', 'Không tìm thấy tệp bài thu hoạch trong kho lưu trữ.');
  }
}
