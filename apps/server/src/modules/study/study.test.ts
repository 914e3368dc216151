import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, loginAdmin, type Session, type TestApp, testApp } from '../../test/app.ts';
import { createMember, createOrg, numbers, rows } from '../../test/fixtures.ts';
import { multipart } from '../../test/multipart.ts';
import {
  answersFor,
  assignedTopic,
  insertDocument,
  type ManagedTopic,
  markRead,
  QUESTIONS,
  topicBody,
} from '../../test/study.ts';

let t: TestApp;
let admin: Session;
let capUy: Session;
let chiUyA: Session;
let chiBoA: { id: string; name: string };
let chiBoB: { id: string; name: string };
/** Signs in a member of a chi bộ with an account (a fresh session each call). */
let memberLogin: Record<string, () => Promise<Session>> = {};
const memberIds: Record<string, string> = {};
const userIds: Record<string, string> = {};

async function addMember(key: string, orgId: string, fullName: string, status = 'chinh_thuc') {
  const m = await createMember(admin, { orgId, fullName, status, ...numbers() });
  const u = await createUser(t.database, { memberId: m.id, roles: [{ role: 'member', orgId }] });
  memberIds[key] = m.id;
  userIds[key] = u.id;
  memberLogin[key] = () => login(t, u);
}

async function auditActions(entityId: string) {
  return (
    await rows<{ action: string; actor_user_id: string | null }>(
      t.database,
      sql`select action, actor_user_id from audit_log where entity_id = ${entityId} order by seq`,
    )
  ).map((r) => r.action);
}

beforeAll(async () => {
  t = await testApp();
  admin = await loginAdmin(t);
  chiBoA = await createOrg(admin, t.root.id, 'Chi bộ thôn Nà Lằng');
  chiBoB = await createOrg(admin, t.root.id, 'Chi bộ thôn Sín Chải');
  memberLogin = {};
  await addMember('pao', chiBoA.id, 'Giàng A Páo');
  await addMember('mai', chiBoA.id, 'Lò Thị Mai');
  await addMember('lan', chiBoA.id, 'Vàng Thị Lan');
  await addMember('seo', chiBoB.id, 'Lý Seo Chứ');
  await addMember('di', chiBoA.id, 'Sùng A Đi', 'chuyen_di');
  capUy = await login(t, await createUser(t.database, { roles: [{ role: 'cap_uy', orgId: t.root.id }] }));
  chiUyA = await login(t, await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBoA.id }] }));
});
afterAll(() => t.close());

describe('composing a topic', () => {
  it('refuses malformed question banks with Vietnamese messages (400)', async () => {
    const q0 = QUESTIONS[0]!;
    const q1 = QUESTIONS[1]!;
    const cases: [string, unknown, RegExp][] = [
      ['single with two answers', { ...q0, correct: ['a', 'b'] }, /một lựa chọn cần đúng một đáp án đúng/],
      [
        'multiple with every option right',
        { ...q1, correct: ['a', 'b', 'c', 'd'] },
        /ít nhất một phương án sai/,
      ],
      ['one option', { ...q0, options: [q0.options[0]], correct: ['a'] }, /ít nhất 2 phương án/],
      [
        'seven options',
        { ...q0, options: 'abcdefg'.split('').map((id) => ({ id, text: `Phương án ${id}` })) },
        /tối đa 6 phương án/,
      ],
      ['an answer that is no option', { ...q0, correct: ['z'] }, /phải là một trong các phương án/],
      ['no answer', { ...q0, correct: [] }, /chọn đáp án đúng/],
    ];
    for (const [what, question, message] of cases) {
      const r = await capUy.post('/api/study/topics', topicBody(t.root.id, { questions: [question] }));
      expect(r.status, what).toBe(400);
      expect(r.body.error.message, what).toMatch(message);
    }
    const badMark = await capUy.post('/api/study/topics', topicBody(t.root.id, { passMark: 120 }));
    expect(badMark.status).toBe(400);
    expect(badMark.body.error.message).toMatch(/Điểm đạt từ 1 đến 100/);
  });

  it('only a cấp ủy (or văn phòng, admin) of the unit composes; others get 403', async () => {
    const member = await memberLogin.pao!();
    expect((await member.post('/api/study/topics', topicBody(chiBoA.id))).status).toBe(403);
    // chi ủy review but do not assign topics
    expect((await chiUyA.post('/api/study/topics', topicBody(chiBoA.id))).status).toBe(403);
    const capUyB = await login(
      t,
      await createUser(t.database, { roles: [{ role: 'cap_uy', orgId: chiBoB.id }] }),
    );
    const r = await capUyB.post('/api/study/topics', topicBody(chiBoA.id));
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/không có quyền/);
  });

  it('links only documents published to the whole audience (422 otherwise)', async () => {
    const draft = await insertDocument(t, {
      orgId: t.root.id,
      audienceOrgId: t.root.id,
      title: 'Dự thảo kế hoạch',
      status: 'draft',
    });
    const onlyB = await insertDocument(t, {
      orgId: t.root.id,
      audienceOrgId: chiBoB.id,
      title: 'Văn bản riêng chi bộ B',
    });
    const forCommittee = await insertDocument(t, {
      orgId: t.root.id,
      audienceOrgId: t.root.id,
      title: 'Văn bản gửi cấp ủy',
      audienceRoles: ['cap_uy'],
    });
    const cases: [string, string, string][] = [
      [draft.id, 'study_document_unpublished', 'chưa được phát hành'],
      [onlyB.id, 'study_document_audience', 'không được gửi tới toàn bộ'],
      [forCommittee.id, 'study_document_audience', 'không được gửi tới toàn bộ'],
      ['00000000-0000-4000-8000-000000000000', 'study_document_unknown', 'Không tìm thấy'],
    ];
    for (const [id, code, message] of cases) {
      const r = await capUy.post('/api/study/topics', topicBody(t.root.id, { documentIds: [id] }));
      expect(r.status, code).toBe(422);
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.message).toContain(message);
    }
    // a document for chi bộ B is fine in a topic for chi bộ B
    const ok = await capUy.post('/api/study/topics', topicBody(chiBoB.id, { documentIds: [onlyB.id] }));
    expect(ok.status).toBe(201);
  });

  it('stores a draft with re-keyed option ids, assigns it, audits each step', async () => {
    const r = await capUy.post('/api/study/topics', topicBody(t.root.id, { dueOn: '2099-12-31' }));
    expect(r.status).toBe(201);
    const topic = r.body.topic as ManagedTopic & Record<string, unknown>;
    expect(topic).toMatchObject({ status: 'draft', canManage: true, orgName: t.root.name, passMark: 80 });
    expect(topic.questions).toHaveLength(5);
    const q1 = topic.questions[1]!;
    // the author's "a", "b"… are replaced by random ids; the right answers follow their options
    expect(q1.options.map((o) => o.id)).not.toContain('a');
    expect(q1.correct.map((id) => q1.options.find((o) => o.id === id)!.text).sort()).toEqual(
      ['Chuyển đổi số', 'Khoa học, công nghệ', 'Đổi mới sáng tạo'].sort(),
    );

    // a draft is invisible to members and to the chi ủy
    const member = await memberLogin.pao!();
    expect((await member.get('/api/me/study')).body.items.map((i: { id: string }) => i.id)).not.toContain(
      topic.id,
    );
    expect((await member.get(`/api/me/study/${topic.id}`)).status).toBe(404);
    expect((await chiUyA.get(`/api/study/topics/${topic.id}`)).status).toBe(404);
    expect((await member.post(`/api/me/study/${topic.id}/attempts`)).status).toBe(404);

    const assigned = await capUy.post(`/api/study/topics/${topic.id}/assign`);
    expect(assigned.status).toBe(200);
    expect(assigned.body.topic.status).toBe('assigned');
    const again = await capUy.post(`/api/study/topics/${topic.id}/assign`);
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('study_topic_not_draft');

    // the chi ủy sees it now, without the answers
    const seen = await chiUyA.get(`/api/study/topics/${topic.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.topic).toMatchObject({ canManage: false, questions: null });
    expect(JSON.stringify(seen.body)).not.toContain(q1.correct[0]);
    expect(await auditActions(topic.id)).toEqual(['study.topic.create', 'study.topic.assign']);
  });

  it('refuses to assign a topic without questions or with a past due date', async () => {
    const empty = await capUy.post('/api/study/topics', topicBody(t.root.id, { questions: [] }));
    const r = await capUy.post(`/api/study/topics/${empty.body.topic.id}/assign`);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('study_no_questions');
    const past = await capUy.post('/api/study/topics', topicBody(t.root.id, { dueOn: '2020-01-01' }));
    const p = await capUy.post(`/api/study/topics/${past.body.topic.id}/assign`);
    expect(p.status).toBe(422);
    expect(p.body.error.message).toMatch(/Hạn hoàn thành đã qua/);
  });
});

describe('a member studies', () => {
  let topic: ManagedTopic;
  let doc1: { id: string };
  let doc2: { id: string };
  beforeAll(async () => {
    doc1 = await insertDocument(t, {
      orgId: t.root.id,
      audienceOrgId: t.root.id,
      number: '57-NQ/TW',
      title:
        'Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia',
    });
    doc2 = await insertDocument(t, {
      orgId: t.root.id,
      audienceOrgId: t.root.id,
      number: '18-KH/ĐU',
      title: 'Kế hoạch thực hiện Nghị quyết 57',
    });
    topic = await assignedTopic(capUy, t.root.id, { documentIds: [doc1.id, doc2.id], dueOn: '2099-06-30' });
  });

  it('lists the topic for members of every chi bộ below, with their progress', async () => {
    for (const key of ['pao', 'seo']) {
      const r = await (await memberLogin[key]!()).get('/api/me/study');
      expect(r.status).toBe(200);
      const item = r.body.items.find((i: { id: string }) => i.id === topic.id);
      expect(item, key).toMatchObject({
        kind: 'nghi_quyet',
        dueOn: '2099-06-30',
        progress: {
          documentsRead: 0,
          documentsTotal: 2,
          attemptsUsed: 0,
          attemptsLeft: null,
          bestScore: null,
          passed: false,
          essaySubmitted: false,
          completed: false,
          overdue: false,
        },
      });
      expect(r.body.notCompleted).toBeGreaterThanOrEqual(1);
    }
    // a member who transferred out no longer studies here
    expect((await (await memberLogin.di!()).get('/api/me/study')).body).toEqual({
      items: [],
      total: 0,
      notCompleted: 0,
    });
  });

  it('shows the documents with "đã đọc" from the library’s read receipts', async () => {
    await markRead(t, doc1.id, userIds.pao!, memberIds.pao!);
    const r = await (await memberLogin.pao!()).get(`/api/me/study/${topic.id}`);
    expect(r.status).toBe(200);
    expect(r.body.topic.documents.map((d: { number: string; read: boolean }) => [d.number, d.read])).toEqual([
      ['57-NQ/TW', true],
      ['18-KH/ĐU', false],
    ]);
    expect(r.body.topic.progress).toMatchObject({ documentsRead: 1, documentsTotal: 2 });
    expect(r.body.topic.questionCount).toBe(5);
  });

  it('starts an attempt without the answers, and a second start resumes it', async () => {
    const s = await memberLogin.mai!();
    const r = await s.post(`/api/me/study/${topic.id}/attempts`);
    expect(r.status).toBe(201);
    const a = r.body.attempt;
    expect(a.questions).toHaveLength(5);
    expect(a.result).toBeNull();
    const text = JSON.stringify(r.body);
    expect(text).not.toMatch(/"correct"|"explanation"|"isCorrect"/);
    // nothing marks which options are right: every option has the same two keys
    for (const q of a.questions)
      for (const o of q.options) expect(Object.keys(o).sort()).toEqual(['id', 'text']);
    expect(text).not.toContain('Nghị quyết 57-NQ/TW là nghị quyết của Bộ Chính trị');

    const resumed = await s.post(`/api/me/study/${topic.id}/attempts`);
    expect(resumed.status).toBe(200);
    expect(resumed.body.attempt.id).toBe(a.id);
    expect(resumed.body.attempt.questions).toEqual(a.questions);
  });

  it('scores multiple choice as all right options and no wrong one; keeps every attempt', async () => {
    const s = await memberLogin.mai!();
    const a = (await s.post(`/api/me/study/${topic.id}/attempts`)).body.attempt;
    const multiple = topic.questions.filter((q) => q.kind === 'multiple');
    const [m1, m2] = [multiple[0]!, multiple[1]!];
    const wrongOf = (q: ManagedTopic['questions'][number]) =>
      q.options.find((o) => !q.correct.includes(o.id))!.id;
    const answers = answersFor(topic, a.questions, (q) => {
      if (q.id === m1.id) return q.correct.slice(0, -1); // missing one right option
      if (q.id === m2.id) return [...q.correct, wrongOf(q)]; // one wrong option too many
      return q.correct;
    });
    const r = await s.post(`/api/me/study/${topic.id}/attempts/${a.id}/submit`, { answers });
    expect(r.status).toBe(200);
    const result = r.body.attempt.result;
    expect(result).toMatchObject({ correctCount: 3, questionCount: 5, score: 60, passed: false });
    const wrong = result.review.filter((x: { isCorrect: boolean }) => !x.isCorrect);
    expect(wrong.map((x: { questionId: string }) => x.questionId).sort()).toEqual([m1.id, m2.id].sort());
    // not passed and attempts remain: which were wrong, but not the right answers yet
    expect(
      result.review.every(
        (x: { correct: unknown; explanation: unknown }) => x.correct === null && x.explanation === null,
      ),
    ).toBe(true);
    expect(r.body.attempt.attemptsUsed).toBe(1);

    // again a minute later, skipping a single-choice question: 4 of 5 = 80 % = the pass mark
    t.clock.advance(60_000);
    const b = (await s.post(`/api/me/study/${topic.id}/attempts`)).body.attempt;
    expect(b.id).not.toBe(a.id);
    const single = topic.questions.find((q) => q.kind === 'single')!;
    const second = await s.post(`/api/me/study/${topic.id}/attempts/${b.id}/submit`, {
      answers: answersFor(topic, b.questions).filter((x) => x.questionId !== single.id),
    });
    expect(second.body.attempt.result).toMatchObject({ correctCount: 4, score: 80, passed: true });
    expect(second.body.attempt.number).toBe(2);
    // passed: now the review shows the right answers and explanations
    const reviewed = second.body.attempt.result.review.find(
      (x: { questionId: string }) => x.questionId === single.id,
    );
    expect(reviewed).toMatchObject({ isCorrect: false, chosen: [], correct: single.correct });

    const detail = (await s.get(`/api/me/study/${topic.id}`)).body.topic;
    expect(detail.attempts.map((x: { score: number; passed: boolean }) => [x.score, x.passed])).toEqual([
      [60, false],
      [80, true],
    ]);
    expect(detail.progress).toMatchObject({ attemptsUsed: 2, bestScore: 80, passed: true, completed: false });
    expect(await auditActions(b.id)).toEqual(['study.attempt.start', 'study.attempt.submit']);

    // the first attempt read back later still shows its own result
    const first = await s.get(`/api/me/study/${topic.id}/attempts/${a.id}`);
    expect(first.body.attempt.result.score).toBe(60);
  });

  it('refuses a second submission, foreign attempts and answers that do not fit', async () => {
    const s = await memberLogin.lan!();
    const a = (await s.post(`/api/me/study/${topic.id}/attempts`)).body.attempt;
    const q = a.questions[0];
    const bad: [string, unknown][] = [
      ['unknown option', [{ questionId: q.id, optionIds: ['khong-co'] }]],
      [
        'same question twice',
        [
          { questionId: q.id, optionIds: [] },
          { questionId: q.id, optionIds: [] },
        ],
      ],
      ['question of no attempt', [{ questionId: '00000000-0000-4000-8000-000000000001', optionIds: [] }]],
    ];
    const single = a.questions.find((x: { kind: string }) => x.kind === 'single');
    bad.push([
      'two options on single choice',
      [{ questionId: single.id, optionIds: single.options.slice(0, 2).map((o: { id: string }) => o.id) }],
    ]);
    for (const [what, answers] of bad) {
      const r = await s.post(`/api/me/study/${topic.id}/attempts/${a.id}/submit`, { answers });
      expect(r.status, what).toBe(422);
      expect(r.body.error.code).toBe('study_answer_invalid');
    }
    const other = await memberLogin.pao!();
    expect(
      (await other.post(`/api/me/study/${topic.id}/attempts/${a.id}/submit`, { answers: [] })).status,
    ).toBe(404);
    expect((await other.get(`/api/me/study/${topic.id}/attempts/${a.id}`)).status).toBe(404);

    expect((await s.post(`/api/me/study/${topic.id}/attempts/${a.id}/submit`, { answers: [] })).status).toBe(
      200,
    );
    const twice = await s.post(`/api/me/study/${topic.id}/attempts/${a.id}/submit`, { answers: [] });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('study_attempt_submitted');
  });

  it('refuses to change the question bank once someone has answered it', async () => {
    const r = await capUy.request('PUT', `/api/study/topics/${topic.id}`, {
      questions: QUESTIONS.slice(0, 2),
    });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('study_questions_locked');
    const ok = await capUy.request('PUT', `/api/study/topics/${topic.id}`, { dueOn: '2099-07-31' });
    expect(ok.status).toBe(200);
    expect(ok.body.topic.dueOn).toBe('2099-07-31');
    expect(ok.body.topic.questions.map((q: { id: string }) => q.id)).toEqual(
      topic.questions.map((q) => q.id),
    );
  });
});

describe('shuffling', () => {
  it('gives questions and options a different order across attempts', async () => {
    const topic = await assignedTopic(capUy, chiBoA.id, {
      title: 'Chuyên đề xáo trộn câu hỏi',
      kind: 'chuyen_de',
    });
    const s = await memberLogin.pao!();
    const questionOrders = new Set<string>();
    const optionOrders = new Set<string>();
    const firstQuestion = new Set<string>();
    const multiple = topic.questions.find((q) => q.kind === 'multiple' && q.options.length === 4)!;
    for (let i = 0; i < 12; i++) {
      const a = (await s.post(`/api/me/study/${topic.id}/attempts`)).body.attempt;
      const ids = a.questions.map((q: { id: string }) => q.id);
      expect([...ids].sort()).toEqual(topic.questions.map((q) => q.id).sort());
      questionOrders.add(ids.join());
      firstQuestion.add(ids[0]);
      const shown = a.questions.find((q: { id: string }) => q.id === multiple.id);
      expect(shown.options.map((o: { id: string }) => o.id).sort()).toEqual(
        multiple.options.map((o) => o.id).sort(),
      );
      optionOrders.add(shown.options.map((o: { id: string }) => o.id).join());
      await s.post(`/api/me/study/${topic.id}/attempts/${a.id}/submit`, { answers: [] });
    }
    // 12 uniform draws of 5! = 120 orders: all equal has probability 120^-11; fewer than 4 distinct
    // orders, or fewer than 2 distinct first questions, is far below one in a million
    expect(questionOrders.size).toBeGreaterThanOrEqual(4);
    expect(firstQuestion.size).toBeGreaterThanOrEqual(2);
    expect(optionOrders.size).toBeGreaterThanOrEqual(3);
  });
});

describe('attempt limit', () => {
  it('stops at maxAttempts with a clear 422, then shows the right answers', async () => {
    const topic = await assignedTopic(capUy, chiBoA.id, {
      title: 'Chuyên đề làm tối đa hai lần',
      maxAttempts: 2,
    });
    const s = await memberLogin.lan!();
    let last = null;
    for (let i = 0; i < 2; i++) {
      const a = (await s.post(`/api/me/study/${topic.id}/attempts`)).body.attempt;
      expect(a.attemptsLeft).toBe(2 - i);
      last = (await s.post(`/api/me/study/${topic.id}/attempts/${a.id}/submit`, { answers: [] })).body
        .attempt;
    }
    expect(last.attemptsLeft).toBe(0);
    expect(last.result.passed).toBe(false);
    expect(last.result.review[0].correct).not.toBeNull();
    const r = await s.post(`/api/me/study/${topic.id}/attempts`);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('study_attempts_exhausted');
    expect(r.body.error.message).toMatch(/đã làm đủ 2 lần kiểm tra/);
    const detail = (await s.get(`/api/me/study/${topic.id}`)).body.topic;
    expect(detail.progress).toMatchObject({ attemptsUsed: 2, attemptsLeft: 0, passed: false });
  });
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);
/** What a .docx starts with: a ZIP local header naming `word/document.xml`. */
const DOCX = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.alloc(26),
  Buffer.from('word/document.xml'),
]);
const XLSX_AS_DOCX = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.alloc(26),
  Buffer.from('xl/workbook.xml'),
]);

describe('bài thu hoạch', () => {
  let topic: ManagedTopic;
  beforeAll(async () => {
    topic = await assignedTopic(capUy, chiBoA.id, { title: 'Chuyên đề có bài thu hoạch' });
  });
  const put = (
    s: Session,
    fields: Record<string, string>,
    file?: { name: string; content: Buffer; contentType?: string },
  ) => s.request('PUT', `/api/me/study/${topic.id}/essay`, undefined, multipart(fields, file));

  it('takes text, then a file checked by content; replaces the file; serves it back', async () => {
    const s = await memberLogin.pao!();
    const empty = await put(s, { body: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.body.error.code).toBe('study_essay_empty');

    const text = await put(s, { body: 'Qua học tập, bản thân nhận thức rõ vai trò của chuyển đổi số…' });
    expect(text.status).toBe(200);
    expect(text.body.essay).toMatchObject({ file: null, comment: null });

    const pdf = await put(s, { body: 'Bài thu hoạch kèm tệp' }, { name: 'bài thu hoạch.pdf', content: PDF });
    expect(pdf.status).toBe(200);
    expect(pdf.body.essay.file).toEqual({
      name: 'bài thu hoạch.pdf',
      type: 'application/pdf',
      size: PDF.length,
    });
    const firstKey = (
      await rows<{ file_key: string }>(
        t.database,
        sql`select file_key from study_essays where user_id = ${userIds.pao!} and topic_id = ${topic.id}`,
      )
    )[0]!.file_key;

    // a PNG sent as "scan.jpg" is stored as the PNG it is
    const png = await put(
      s,
      { body: 'Ảnh chụp bài viết tay' },
      { name: 'scan.jpg', content: PNG, contentType: 'image/jpeg' },
    );
    expect(png.status).toBe(200);
    expect(png.body.essay.file).toMatchObject({ name: 'scan.png', type: 'image/png' });
    // the replaced file is gone from the store
    await expect(t.deps.files.read(firstKey)).rejects.toThrow();

    const back = await s.request('GET', `/api/me/study/${topic.id}/essay/file`);
    expect(back.status).toBe(200);
    expect(back.headers['content-type']).toBe('image/png');
    expect(back.raw.rawPayload.equals(PNG)).toBe(true);
    expect(back.headers['content-disposition']).toContain("filename*=UTF-8''scan.png");

    // text only, file kept; then the file removed
    const kept = await put(s, { body: 'Sửa lại nội dung' });
    expect(kept.body.essay).toMatchObject({ body: 'Sửa lại nội dung', file: { type: 'image/png' } });
    const removed = await put(s, { body: 'Chỉ còn phần viết', removeFile: 'true' });
    expect(removed.body.essay.file).toBeNull();
    expect((await s.request('GET', `/api/me/study/${topic.id}/essay/file`)).status).toBe(404);

    const docx = await put(s, { body: '' }, { name: 'thu-hoach.docx', content: DOCX });
    expect(docx.status).toBe(200);
    expect(docx.body.essay.file.type).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });

  it('refuses other types by content (415) and files over 10 MB (413)', async () => {
    const s = await memberLogin.mai!();
    const cases: [string, Buffer][] = [
      ['ghi-chu.pdf', Buffer.from('Chỉ là văn bản thuần, không phải PDF')],
      ['bang-tinh.docx', XLSX_AS_DOCX],
      ['chuong-trinh.png', Buffer.from('MZ\x90\x00 executable')],
    ];
    for (const [name, content] of cases) {
      const r = await put(s, { body: 'Nội dung' }, { name, content });
      expect(r.status, name).toBe(415);
      expect(r.body.error.message).toMatch(/PDF, Word \(\.docx\) hoặc ảnh/);
    }
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const r = await put(s, { body: 'Nội dung' }, { name: 'lon.pdf', content: big });
    expect(r.status).toBe(413);
    expect(r.body.error.message).toMatch(/10 MB/);
    const detail = (await s.get(`/api/me/study/${topic.id}`)).body.topic;
    expect(detail.essay).toBeNull();
  });

  it('after the topic is closed: read-only (422 on essay and quiz)', async () => {
    const s = await memberLogin.pao!();
    expect((await capUy.post(`/api/study/topics/${topic.id}/close`)).status).toBe(200);
    const r = await put(s, { body: 'Sửa sau khi kết thúc' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('study_topic_closed');
    expect((await s.post(`/api/me/study/${topic.id}/attempts`)).status).toBe(422);
    const detail = await s.get(`/api/me/study/${topic.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.topic.status).toBe('closed');
    // closed topics leave the list of things to do
    expect((await s.get('/api/me/study')).body.items.map((i: { id: string }) => i.id)).not.toContain(
      topic.id,
    );
    const edit = await capUy.request('PUT', `/api/study/topics/${topic.id}`, {
      title: 'Đổi tên sau khi kết thúc',
    });
    expect(edit.status).toBe(422);
    expect(await auditActions(topic.id)).toContain('study.topic.close');
  });
});
