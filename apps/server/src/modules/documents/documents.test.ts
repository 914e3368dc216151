import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textToDocx } from '../../lib/text-docx.ts';
import { createUser, login, loginAdmin, type Session, type TestApp, testApp } from '../../test/app.ts';
import { createMember, createOrg, numbers, rows } from '../../test/fixtures.ts';
import { multipart } from '../../test/multipart.ts';
import { xlsxFile } from '../../test/spreadsheet.ts';

const FIXTURES = new URL('../../../test-fixtures/documents/', import.meta.url);
const fixture = (name: string) => fs.readFileSync(new URL(name, FIXTURES));

let t: TestApp;
let admin: Session;

async function upload(s: Session, name: string, content: Buffer, fields: Record<string, string> = {}) {
  return s.request('POST', '/api/documents', undefined, multipart(fields, { name, content }));
}

async function uploadFixture(s: Session, name: string, fields: Record<string, string> = {}) {
  const r = await upload(s, name, fixture(name), fields);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.document as {
    id: string;
    number: string;
    type: string;
    issuer: string;
    issuedOn: string;
    title: string;
  };
}

const detail = async (s: Session, id: string) => (await s.get(`/api/documents/${id}`)).body.document;
const search = async (s: Session, q: string) =>
  (await s.get(`/api/documents?q=${encodeURIComponent(q)}`)).body as {
    items: { id: string; number: string; snippet: { text: string; highlights: [number, number][] } | null }[];
    total: number;
  };

beforeAll(async () => {
  t = await testApp();
  admin = await loginAdmin(t);
});
afterAll(() => t.close());

describe('upload reads the number, type, issuer, date and trích yếu from the file', () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ids.A = (await uploadFixture(admin, 'nghi-quyet-26-NQ-TU.pdf')).id;
    ids.B = (await uploadFixture(admin, 'ke-hoach-73-KH-DU.pdf')).id;
    ids.C = (await uploadFixture(admin, 'thong-bao-19-TB-DU.docx')).id;
  });

  it('PDF and DOCX without metadata', async () => {
    const [a, b, c] = [await detail(admin, ids.A!), await detail(admin, ids.B!), await detail(admin, ids.C!)];
    expect([a.number, a.type, a.issuer, a.issuedOn]).toEqual(['26-NQ/TU', 'NQ', 'TU', '2025-11-18']);
    expect(a.title).toContain('chuyển đổi số trong công tác xây dựng Đảng');
    expect([b.number, b.type, b.issuer, b.issuedOn]).toEqual(['73-KH/ĐU', 'KH', 'ĐU', '2026-02-09']);
    expect(b.title).toContain('đảng viên cao tuổi');
    expect([c.number, c.type, c.issuer, c.issuedOn]).toEqual(['19-TB/ĐU', 'TB', 'ĐU', '2026-03-16']);
    expect(c.title).toContain('kết quả đợt 1');
    expect(a.status).toBe('draft');
    expect(a.text).toContain('Ban Chấp hành Đảng bộ tỉnh quyết nghị');
  });

  it('fields given with the upload win over the file', async () => {
    const d = await uploadFixture(admin, 'cong-van-bao-cao-so-lieu.pdf', {
      number: '14 - CV/DU',
      title: 'V/v báo cáo số đảng viên đã có tài khoản',
      issuedOn: '05/02/2026',
    });
    expect([d.number, d.type, d.issuer, d.issuedOn, d.title]).toEqual([
      '14-CV/ĐU',
      'CV',
      'ĐU',
      '2026-02-05',
      'V/v báo cáo số đảng viên đã có tài khoản',
    ]);
  });

  it('the citation graph: references resolved to library documents, others left by number', async () => {
    const [a, b, c] = [await detail(admin, ids.A!), await detail(admin, ids.B!), await detail(admin, ids.C!)];
    expect(
      b.references.map((r: { number: string; documentId: string | null }) => [r.number, r.documentId]),
    ).toEqual([
      ['26-NQ/TU', ids.A],
      ['21-HD/BTCTW', null],
    ]);
    expect(b.references[0].issuedOn).toBe('2025-11-18');
    expect(
      c.references.map((r: { number: string; documentId: string | null }) => [r.number, r.documentId]),
    ).toEqual([['73-KH/ĐU', ids.B]]);
    expect(a.referencedBy.map((r: { documentId: string }) => r.documentId)).toEqual([ids.B]);
    expect(
      b.referencedBy.map((r: { documentId: string; number: string }) => [r.documentId, r.number]),
    ).toEqual([[ids.C, '19-TB/ĐU']]);
  });

  it.each([
    ['ke hoach 73', 'B'],
    ['73-KH/ĐU', 'B'],
    ['73 kh du', 'B'],
    ['26 nq tu', 'A'],
    ['Nghị quyết 26', 'A'],
    ['hoi truong thon khe cat', 'C'],
    ['chuyen doi so', 'A'],
    ['cao tuoi su dung ung dung', 'B'],
  ])('search "%s" finds %s first', async (q, first) => {
    const r = await search(admin, q);
    expect(r.items[0]?.id).toBe(ids[first]);
    expect(r.total).toBeGreaterThanOrEqual(1);
  });

  it('snippets show the original text with the matched words marked', async () => {
    const r = await search(admin, 'hoi truong thon khe cat');
    const s = r.items[0]!.snippet!;
    const marked = s.highlights.map(([a, b]) => s.text.slice(a, b));
    expect(marked).toEqual(['hội', 'trường', 'thôn', 'Khe', 'Cát']);
  });

  it('a query that finds nothing answers an empty list', async () => {
    expect(await search(admin, 'xyz không có')).toEqual({ items: [], total: 0 });
    expect(await search(admin, '  ')).toMatchObject({ total: 4 });
  });
});

describe('bad uploads are refused and leave nothing behind', () => {
  it('a text file named .pdf → 415, no document, no stored file', async () => {
    const before = await rows(t.database, sql`select count(*)::int as n from documents`);
    const r = await upload(admin, 'not-a-pdf.pdf', fixture('not-a-pdf.pdf'));
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('unsupported_file_type');
    expect(await rows(t.database, sql`select count(*)::int as n from documents`)).toEqual(before);
  });

  it('a spreadsheet (a ZIP that is not a DOCX) → 415', async () => {
    const xlsx = await xlsxFile([['Họ và tên'], ['Giàng A Tủa']]);
    const r = await upload(admin, 'bang.docx', xlsx);
    expect(r.status).toBe(415);
  });

  it('a malformed number → 400 with the expected form, nothing stored', async () => {
    const r = await upload(admin, 'a.pdf', fixture('ke-hoach-73-KH-DU.pdf'), { number: 'kế hoạch' });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('18-KH/ĐU');
  });

  it('no file → 400; unknown document → 404', async () => {
    expect((await admin.request('POST', '/api/documents', undefined, multipart({}))).status).toBe(400);
    const r = await admin.get('/api/documents/00000000-0000-4000-8000-000000000000');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
  });
});

describe('the seed plans as Word files', () => {
  it('18-KH/ĐU cites 24-KH/TU, 339-QĐ/TW and 168-KH/VPTW; 142-KH/ĐU (number from its annex) cites 27-KH/ĐU', async () => {
    const seed000 = await textToDocx(fixture('seed-000-ke-hoach-18-KH-DU.txt').toString('utf8'));
    const seed003 = await textToDocx(fixture('seed-003-ke-hoach-142-KH-DU.txt').toString('utf8'));
    const k18 = (await upload(admin, 'ke-hoach-18.docx', seed000)).body.document;
    const k142 = (await upload(admin, 'ke-hoach-142.docx', seed003)).body.document;
    expect([k18.number, k18.issuedOn]).toEqual(['18-KH/ĐU', null]);
    expect([k142.number, k142.issuedOn]).toEqual(['142-KH/ĐU', '2026-04-22']);
    const refs18 = (await detail(admin, k18.id)).references.map((r: { number: string }) => r.number);
    expect(refs18).toEqual(expect.arrayContaining(['24-KH/TU', '339-QĐ/TW', '168-KH/VPTW']));
    expect(refs18).not.toContain('18-KH/ĐU');
    const refs142 = (await detail(admin, k142.id)).references.map((r: { number: string }) => r.number);
    expect(refs142).toContain('27-KH/ĐU');
    expect(refs142).not.toContain('142-KH/ĐU');
  });
});

describe('audience, publishing and who sees what', () => {
  let chiBoA: { id: string };
  let chiBoB: { id: string };
  let memberA: Session;
  let memberB: Session;
  let chiUyB: Session;
  let docId: string;

  beforeAll(async () => {
    chiBoA = await createOrg(admin, t.root.id, 'Chi bộ thôn Nà Hẩu');
    chiBoB = await createOrg(admin, t.root.id, 'Chi bộ thôn Khe Cát');
    const mA = await createMember(admin, { orgId: chiBoA.id, fullName: 'Giàng A Tủa', ...numbers() });
    const mB = await createMember(admin, { orgId: chiBoB.id, fullName: 'Vàng Thị Sở', ...numbers() });
    memberA = await login(t, await createUser(t.database, { memberId: mA.id }));
    memberB = await login(t, await createUser(t.database, { memberId: mB.id }));
    chiUyB = await login(t, await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBoB.id }] }));
    docId = (
      await uploadFixture(admin, 'nghi-quyet-26-NQ-TU.pdf', { audienceOrgId: chiBoA.id, number: '27-NQ/TU' })
    ).id;
  });

  it('a draft is seen by its managers only', async () => {
    expect((await memberA.get(`/api/documents/${docId}`)).status).toBe(404);
    expect((await memberA.get('/api/documents?q=27-NQ/TU')).body.total).toBe(0);
  });

  it('once published, members of the audience see it; a member of another chi bộ does not', async () => {
    expect((await admin.post(`/api/documents/${docId}/publish`)).body.document.status).toBe('published');
    expect((await memberA.get(`/api/documents/${docId}`)).status).toBe(200);
    expect((await search(memberA, '27 nq tu')).items.map((i) => i.id)).toEqual([docId]);
    expect((await memberB.get(`/api/documents/${docId}`)).status).toBe(404);
    expect((await search(memberB, '27 nq tu')).total).toBe(0);
    const fileId = (await detail(admin, docId)).files[0].id;
    expect((await memberB.get(`/api/documents/${docId}/files/${fileId}`)).status).toBe(404);
    expect((await memberB.post(`/api/documents/${docId}/read`)).status).toBe(404);
  });

  it('documents addressed to the root reach every member', async () => {
    const root = await uploadFixture(admin, 'ke-hoach-73-KH-DU.pdf', { number: '74-KH/ĐU', publish: 'true' });
    expect((await memberB.get(`/api/documents/${root.id}`)).status).toBe(200);
    expect((await memberA.get(`/api/documents/${root.id}`)).status).toBe(200);
  });

  it('a chi ủy cannot publish to or change another chi bộ', async () => {
    const up = await upload(chiUyB, 'x.pdf', fixture('ke-hoach-73-KH-DU.pdf'), { audienceOrgId: chiBoA.id });
    expect(up.status).toBe(403);
    expect((await chiUyB.post(`/api/documents/${docId}/withdraw`)).status).toBe(404);
    expect((await chiUyB.request('PATCH', `/api/documents/${docId}`, { title: 'Đổi' })).status).toBe(404);
    expect((await memberA.request('PATCH', `/api/documents/${docId}`, { title: 'Đổi' })).status).toBe(403);
    expect((await detail(admin, docId)).title).not.toBe('Đổi');
  });

  it('a chi ủy publishes to their own chi bộ', async () => {
    const up = await upload(chiUyB, 'x.pdf', fixture('ke-hoach-73-KH-DU.pdf'), {
      number: '3-TB/CB',
      publish: 'true',
    });
    expect(up.status).toBe(201);
    expect(up.body.document.audienceOrgId).toBe(chiBoB.id);
    expect((await memberB.get(`/api/documents/${up.body.document.id}`)).status).toBe(200);
    expect((await memberA.get(`/api/documents/${up.body.document.id}`)).status).toBe(404);
  });

  it('đã đọc and xem sau are per user and filter the list', async () => {
    expect((await memberA.get(`/api/documents/${docId}`)).body.document.readAt).toBeNull();
    expect((await memberA.post(`/api/documents/${docId}/read`)).status).toBe(204);
    expect((await memberA.get(`/api/documents/${docId}`)).body.document.readAt).not.toBeNull();
    const unread = (await memberA.get('/api/documents?unread=true')).body.items.map(
      (i: { id: string }) => i.id,
    );
    expect(unread).not.toContain(docId);
    expect((await memberA.request('PUT', `/api/documents/${docId}/bookmark`)).status).toBe(204);
    const saved = (await memberA.get('/api/documents?bookmarked=true')).body.items;
    expect(saved.map((i: { id: string }) => i.id)).toEqual([docId]);
    expect(saved[0].bookmarked).toBe(true);
    await memberA.request('DELETE', `/api/documents/${docId}/bookmark`);
    expect((await memberA.get('/api/documents?bookmarked=true')).body.total).toBe(0);
  });

  it('read statistics per unit, who has not read, and the XLSX', async () => {
    const root = await uploadFixture(admin, 'ke-hoach-73-KH-DU.pdf', { number: '90-KH/ĐU', publish: 'true' });
    await memberA.post(`/api/documents/${root.id}/read`);
    const stats = (await admin.get(`/api/documents/${root.id}/stats`)).body;
    const byName = Object.fromEntries(stats.units.map((u: { name: string }) => [u.name, u]));
    expect(byName['Chi bộ thôn Nà Hẩu']).toMatchObject({ members: 1, read: 1 });
    expect(byName['Chi bộ thôn Khe Cát']).toMatchObject({ members: 1, read: 0 });
    const unread = (await admin.get(`/api/documents/${root.id}/unread`)).body;
    expect(unread.items.map((m: { fullName: string }) => m.fullName)).toContain('Vàng Thị Sở');
    expect(unread.items.map((m: { fullName: string }) => m.fullName)).not.toContain('Giàng A Tủa');
    // a chi ủy sees their own chi bộ inside a commune-wide document, and nothing of the neighbour
    const own = (await chiUyB.get(`/api/documents/${root.id}/stats`)).body;
    expect(own.org.id).toBe(chiBoB.id);
    expect((await chiUyB.get(`/api/documents/${root.id}/stats?orgId=${chiBoA.id}`)).status).toBe(403);
    expect((await memberA.get(`/api/documents/${root.id}/stats`)).status).toBe(403);
    const xlsx = await admin.get(`/api/documents/${root.id}/stats.xlsx`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Chưa đọc')!;
    const names = sheet.getColumn(2).values.filter((v) => typeof v === 'string');
    expect(names).toContain('Vàng Thị Sở');
    expect(names).not.toContain('Giàng A Tủa');
  });

  it('withdrawn: gone for members, still listed for its managers', async () => {
    await admin.post(`/api/documents/${docId}/withdraw`);
    expect((await memberA.get(`/api/documents/${docId}`)).status).toBe(404);
    expect(
      (await admin.get(`/api/documents?status=withdrawn`)).body.items.map((i: { id: string }) => i.id),
    ).toContain(docId);
    expect((await memberA.get('/api/documents?status=withdrawn')).status).toBe(403);
  });
});

describe('versions', () => {
  it('publishing a new version marks the old one replaced and links both ways', async () => {
    const old = await uploadFixture(admin, 'cong-van-bao-cao-so-lieu.pdf', {
      number: '15-CV/ĐU',
      publish: 'true',
    });
    const r = await admin.request(
      'POST',
      `/api/documents/${old.id}/versions`,
      undefined,
      multipart(
        { number: '15-CV/ĐU', title: 'Bản sửa' },
        { name: 'v2.pdf', content: fixture('cong-van-bao-cao-so-lieu.pdf') },
      ),
    );
    expect(r.status).toBe(201);
    const next = r.body.document;
    expect(next.previousVersion.id).toBe(old.id);
    expect((await detail(admin, old.id)).status).toBe('published');
    await admin.post(`/api/documents/${next.id}/publish`);
    const before = await detail(admin, old.id);
    expect(before.status).toBe('replaced');
    expect(before.replacedBy.id).toBe(next.id);
    const list = (await search(admin, '15-CV/ĐU')).items.map((i) => i.id);
    expect(list).toEqual([next.id]);
  });
});

describe('files are streamed with byte ranges', () => {
  let url: string;
  let whole: Buffer;
  beforeAll(async () => {
    const d = await uploadFixture(admin, 'ke-hoach-73-KH-DU.pdf', { number: '80-KH/ĐU' });
    url = (await detail(admin, d.id)).files[0].url;
    whole = fixture('ke-hoach-73-KH-DU.pdf');
  });

  it('the whole file, then a range → 206 with exactly those bytes', async () => {
    const all = await admin.get(url);
    expect(all.status).toBe(200);
    expect(all.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(all.raw.rawPayload, whole)).toBe(0);
    const part = await admin.request('GET', url, undefined, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${whole.length}`);
    expect(Buffer.compare(part.raw.rawPayload, whole.subarray(100, 200))).toBe(0);
    const tail = await admin.request('GET', url, undefined, { headers: { range: 'bytes=-10' } });
    expect(Buffer.compare(tail.raw.rawPayload, whole.subarray(whole.length - 10))).toBe(0);
  });

  it('a range past the end → 416; a cached copy → 304', async () => {
    const r = await admin.request('GET', url, undefined, { headers: { range: `bytes=${whole.length}-` } });
    expect(r.status).toBe(416);
    expect(r.headers['content-range']).toBe(`bytes */${whole.length}`);
    const etag = (await admin.get(url)).headers.etag as string;
    expect((await admin.request('GET', url, undefined, { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );
  });

  it('attachments: a video is accepted by its content, a disguised text file is not', async () => {
    const id = url.split('/')[3]!;
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(2048, 1)]);
    const ok = await admin.request(
      'POST',
      `/api/documents/${id}/attachments`,
      undefined,
      multipart({}, { name: 'huong-dan.mp4', content: mp4 }),
    );
    expect(ok.status).toBe(201);
    expect(ok.body.file.contentType).toBe('video/mp4');
    const bad = await admin.request(
      'POST',
      `/api/documents/${id}/attachments`,
      undefined,
      multipart({}, { name: 'video.mp4', content: 'không phải video' }),
    );
    expect(bad.status).toBe(415);
    expect((await detail(admin, id)).files.map((f: { role: string }) => f.role)).toEqual([
      'main',
      'attachment',
    ]);
  });
});
