import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUser,
  login,
  loginAdmin,
  type Session,
  type TestApp,
  type TestUser,
  testApp,
} from '../../test/app.ts';
import { countRows, createOrg, rows } from '../../test/fixtures.ts';
import { type CellValue, csvFile, importMembers, xlsxFile } from '../../test/spreadsheet.ts';

let t: TestApp;
let admin: Session;
let sinChai: { id: string };
let naHau: { id: string };
let moSi: { id: string };
let chiUyA: TestUser;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = [
  'HỌ VÀ TÊN',
  'ngay sinh',
  'Giới  tính',
  'so the dang vien',
  'Số  CCCD',
  'SĐT',
  'Ngày vào Đảng',
  'NGÀY CHÍNH THỨC',
  ' Chi bộ ',
  'Trạng thái',
];
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** A member as the admin sees it, found by số thẻ. */
async function byCard(card: string) {
  const list = await admin.get(`/api/members?q=${card}`);
  expect(list.body.total).toBe(1);
  const r = await admin.get(`/api/members/${list.body.items[0].id}`);
  return r.body.member;
}

async function state() {
  return {
    members: await countRows(t.database, 'members'),
    orgs: await countRows(t.database, 'org_units'),
    history: await countRows(t.database, 'member_status_history'),
    audit: await countRows(t.database, 'audit_log'),
  };
}

beforeAll(async () => {
  t = await testApp();
  admin = await loginAdmin(t);
  sinChai = await createOrg(admin, t.root.id, 'Chi bộ bản Sín Chải');
  naHau = await createOrg(admin, t.root.id, 'Chi bộ thôn Nà Hẩu');
  moSi = await createOrg(admin, t.root.id, 'Chi bộ thôn Mồ Sỉ San');
  chiUyA = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: naHau.id }] });
});
afterAll(() => t.close());

describe('xlsx import', () => {
  const sheet: CellValue[][] = [
    HEADER,
    [
      'Vàng A Dính',
      '04/08/1962',
      'Nam',
      '300001',
      '011062000001',
      '+84 912 345 678',
      utc(1985, 3, 3),
      '3/2/1986',
      'chi bộ bản sín chải  ',
      'Chính thức',
    ],
    [
      'Giàng Thị Mai',
      utc(1990, 12, 25),
      'Nữ',
      '300002',
      '011190000002',
      '0912 000 222',
      '19/5/2023',
      null,
      'Chi bộ thôn Mới',
      'Dự bị',
    ],
    [
      'Lò Văn Sáng',
      '1/1/1970',
      'nam',
      300003,
      '011070000003',
      912000333,
      '2/9/1995',
      '2/9/1996',
      'Chi bộ bản Sín Chải'.normalize('NFD'),
      'Đảng viên chính thức',
    ],
  ];

  it('a dry run reports what would happen and saves nothing', async () => {
    const before = await state();
    const file = await xlsxFile(sheet);
    const r = await importMembers(
      admin,
      { orgId: t.root.id, dryRun: 'true' },
      { name: 'danh-sach.xlsx', content: file, contentType: XLSX },
    );
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ created: 3, updated: 0, unchanged: 0, errors: [] });
    expect(await state()).toEqual(before);
  });

  it('imports: headers matched loosely, dates in every form, phones normalised, chi bộ matched or created', async () => {
    const before = await state();
    const file = await xlsxFile(sheet);
    const r = await importMembers(
      admin,
      { orgId: t.root.id },
      { name: 'danh-sach.xlsx', content: file, contentType: XLSX },
    );
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ created: 3, updated: 0, unchanged: 0, errors: [] });
    const after = await state();
    expect(after.members).toBe(before.members + 3);
    expect(after.orgs).toBe(before.orgs + 1);

    expect(await byCard('300001')).toMatchObject({
      fullName: 'Vàng A Dính',
      birthDate: '1962-08-04',
      gender: 'nam',
      cccd: '011062000001',
      phone: '0912345678',
      joinedOn: '1985-03-03',
      officialOn: '1986-02-03',
      orgId: sinChai.id,
      status: 'chinh_thuc',
    });
    const mai = await byCard('300002');
    expect(mai).toMatchObject({
      birthDate: '1990-12-25',
      gender: 'nu',
      phone: '0912000222',
      joinedOn: '2023-05-19',
      officialOn: null,
      status: 'du_bi',
    });
    expect(mai.orgName).toBe('Chi bộ thôn Mới');
    expect(await byCard('300003')).toMatchObject({
      birthDate: '1970-01-01',
      phone: '0912000333',
      joinedOn: '1995-09-02',
      officialOn: '1996-09-02',
      orgId: sinChai.id,
    });

    const tree = await admin.get('/api/orgs/tree');
    const created = tree.body.items.find((o: { name: string }) => o.name === 'Chi bộ thôn Mới');
    expect(created).toMatchObject({ parentId: t.root.id, kind: 'chi_bo', memberCount: 1 });
    expect(tree.body.items.find((o: { id: string }) => o.id === sinChai.id).memberCount).toBe(2);

    const [audit] = await rows<{ after: { created: number; createdUnits: string[] } }>(
      t.database,
      sql`select after from audit_log where action = 'member.import' order by seq desc limit 1`,
    );
    expect(audit!.after).toMatchObject({ created: 3, createdUnits: ['Chi bộ thôn Mới'] });
  });

  it('re-importing the same file changes nothing', async () => {
    const before = await state();
    const r = await importMembers(
      admin,
      { orgId: t.root.id },
      { name: 'danh-sach.xlsx', content: await xlsxFile(sheet) },
    );
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ created: 0, updated: 0, unchanged: 3, errors: [] });
    const after = await state();
    expect({ ...after, audit: before.audit }).toEqual(before);
  });

  it('a changed phone is one update', async () => {
    const changed = sheet.map((row) => [...row]);
    changed[1]![5] = '0912 345 679';
    const r = await importMembers(
      admin,
      { orgId: t.root.id },
      { name: 'danh-sach.xlsx', content: await xlsxFile(changed) },
    );
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ created: 0, updated: 1, unchanged: 2, errors: [] });
    expect((await byCard('300001')).phone).toBe('0912345679');
    expect((await admin.get('/api/members?q=0912345679')).body.total).toBe(1);
  });

  it('reports the progress of an import sent with a progressId', async () => {
    const progressId = 'tien-do-0001';
    const r = await importMembers(
      admin,
      { orgId: t.root.id, progressId },
      { name: 'danh-sach.xlsx', content: await xlsxFile(sheet) },
    );
    expect(r.status).toBe(200);
    const p = await admin.get(`/api/imports/progress/${progressId}`);
    expect(p.status).toBe(200);
    const saved = r.body.created + r.body.updated;
    expect(p.body).toMatchObject({ phase: 'done', processed: saved, total: saved });
    expect(Number.isNaN(Date.parse(p.body.updatedAt))).toBe(false);

    const dry = await importMembers(
      admin,
      { orgId: t.root.id, progressId: 'tien-do-0002', dryRun: '1' },
      { name: 'danh-sach.xlsx', content: await xlsxFile(sheet) },
    );
    expect(dry.status).toBe(200);
    expect((await admin.get('/api/imports/progress/tien-do-0002')).body).toMatchObject({
      phase: 'done',
      processed: 3,
      total: 3,
    });

    // somebody else's progress, or none at all
    const other = await login(t, chiUyA);
    expect((await other.get(`/api/imports/progress/${progressId}`)).status).toBe(404);
    const none = await admin.get('/api/imports/progress/khong-co-ma-nay');
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('not_found');
  });
});

describe('csv import', () => {
  it('reads UTF-8 with BOM, comma-delimited', async () => {
    const file = csvFile([
      [
        'Họ và tên',
        'Ngày sinh',
        'Giới tính',
        'Số thẻ đảng viên',
        'Số CCCD',
        'Số điện thoại',
        'Chi bộ',
        'Trạng thái',
      ],
      [
        'Đinh Thị Hằng',
        '5/6/1975',
        'Nữ',
        '400001',
        '011075000001',
        '+84 912 345 001',
        'Chi bộ thôn Nà Hẩu',
        'chính thức',
      ],
      [
        'Phạm Văn Đông',
        '15/10/1958',
        'Nam',
        '400002',
        '011058000002',
        '0084912345002',
        'CHI BỘ THÔN NÀ HẨU',
        'miễn sinh hoạt',
      ],
    ]);
    const r = await importMembers(
      admin,
      { orgId: t.root.id },
      { name: 'danh sach.csv', content: file, contentType: 'text/csv' },
    );
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ created: 2, updated: 0, unchanged: 0, errors: [] });
    expect(await byCard('400001')).toMatchObject({
      fullName: 'Đinh Thị Hằng',
      birthDate: '1975-06-05',
      gender: 'nu',
      phone: '0912345001',
      orgId: naHau.id,
      status: 'chinh_thuc',
    });
    expect(await byCard('400002')).toMatchObject({
      birthDate: '1958-10-15',
      phone: '0912345002',
      orgId: naHau.id,
      status: 'mien_sinh_hoat',
    });

    const again = await importMembers(admin, { orgId: t.root.id }, { name: 'danh sach.csv', content: file });
    expect(again.body).toEqual({ created: 0, updated: 0, unchanged: 2, errors: [] });
  });

  it('reads semicolon-delimited files (what Excel writes in a Vietnamese locale)', async () => {
    const file = csvFile(
      [
        ['STT', 'Họ tên', 'Ngày sinh', 'Số thẻ ĐV', 'CCCD', 'Điện thoại', 'Quê quán', 'Chi bộ'],
        [
          '1',
          'Hoàng Văn Thụ',
          '04/11/1909',
          '400011',
          '011009000011',
          '0912 345 011',
          'Thôn Nà Hẩu, xã Thử Nghiệm',
          'Chi bộ thôn Mồ Sỉ San',
        ],
        [
          '2',
          'Nông Thị Xuân',
          '1/12/1980',
          '400012',
          '011080000012',
          '',
          'Bản Sín Chải; xã Thử Nghiệm',
          'Chi bộ thôn Mồ Sỉ San',
        ],
      ],
      { delimiter: ';' },
    );
    const r = await importMembers(admin, { orgId: t.root.id }, { name: 'ds.csv', content: file });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ created: 2, updated: 0, unchanged: 0, errors: [] });
    expect(await byCard('400011')).toMatchObject({
      fullName: 'Hoàng Văn Thụ',
      birthDate: '1909-11-04',
      phone: '0912345011',
      hometown: 'Thôn Nà Hẩu, xã Thử Nghiệm',
      orgId: moSi.id,
      status: 'chinh_thuc',
    });
    expect(await byCard('400012')).toMatchObject({
      birthDate: '1980-12-01',
      phone: null,
      hometown: 'Bản Sín Chải; xã Thử Nghiệm',
    });
  });

  it('reads a csv without BOM too', async () => {
    const file = csvFile(
      [
        ['Ho va ten', 'So the dang vien', 'Chi bo'],
        ['Lường Văn Ba', '400021', 'Chi bộ thôn Mồ Sỉ San'],
      ],
      { bom: false },
    );
    const r = await importMembers(admin, { orgId: t.root.id }, { name: 'ds.csv', content: file });
    expect(r.status).toBe(200);
    expect(r.body.created).toBe(1);
    expect((await byCard('400021')).fullName).toBe('Lường Văn Ba');
  });
});

describe('rows with errors', () => {
  const rowsWithErrors: CellValue[][] = [
    HEADER,
    [
      'Hà Văn Tốt',
      '01/01/1970',
      'Nam',
      '500001',
      '012070000001',
      '0912 500 001',
      null,
      null,
      'Chi bộ thôn Nà Hẩu',
      'Chính thức',
    ],
    [
      'Hà Văn Sai Ngày',
      '29/02/1971',
      'Nam',
      '500002',
      '012071000002',
      null,
      null,
      null,
      'Chi bộ thôn Nà Hẩu',
      'Chính thức',
    ],
    [
      'Hà Văn Sai Trạng Thái',
      '01/01/1971',
      'Nam',
      '500003',
      '012071000003',
      null,
      null,
      null,
      'Chi bộ thôn Nà Hẩu',
      'Đang công tác',
    ],
    [
      'Hà Văn Trùng Thẻ',
      '01/01/1972',
      'Nam',
      '500001',
      '012072000004',
      null,
      null,
      null,
      'Chi bộ thôn Nà Hẩu',
      'Chính thức',
    ],
    [
      'Hà Văn Sai Dấu',
      '01/01/1973',
      'Nam',
      '500005',
      '012073000005',
      null,
      null,
      null,
      'Chi bộ bản Sin Chải',
      'Chính thức',
    ],
    [
      'Hà Văn Đơn Vị Mới',
      '01/01/1974',
      'Nam',
      '500006',
      '012074000006',
      null,
      null,
      null,
      'Chi bộ thôn Khác',
      'Dự bị',
    ],
  ];

  it('answer 422 with every row error and write nothing', async () => {
    const before = await state();
    const r = await importMembers(
      admin,
      { orgId: t.root.id },
      { name: 'loi.xlsx', content: await xlsxFile(rowsWithErrors) },
    );
    expect(r.status).toBe(422);
    expect(Object.keys(r.body).sort()).toEqual(['created', 'error', 'errors', 'unchanged', 'updated']);
    expect(r.body.error.code).toBe('import_rows_invalid');
    expect(r.body.error.message).toMatch(/4 dòng lỗi/);
    expect(r.body).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
    const errors = r.body.errors as { row: number; field: string; message: string }[];
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'Ngày sinh'],
      [4, 'Trạng thái'],
      [5, 'Số thẻ đảng viên'],
      [6, 'Chi bộ'],
    ]);
    expect(errors[0]!.message).toMatch(/29\/02\/1971.*không tồn tại/);
    expect(errors[1]!.message).toContain('Đang công tác');
    expect(errors[2]!.message).toMatch(/500001.*dòng 2/);
    expect(errors[3]!.message).toContain('"Chi bộ bản Sín Chải"');
    expect(await state()).toEqual(before);
    expect(
      (await admin.get('/api/orgs/tree')).body.items.some(
        (o: { name: string }) => o.name === 'Chi bộ thôn Khác',
      ),
    ).toBe(false);

    // a dry run answers the same
    const dry = await importMembers(
      admin,
      { orgId: t.root.id, dryRun: 'true' },
      { name: 'loi.xlsx', content: await xlsxFile(rowsWithErrors) },
    );
    expect(dry.status).toBe(422);
    expect(dry.body.errors).toEqual(r.body.errors);
  });

  it('numbers rows as the sheet does, also below a title', async () => {
    const titled: CellValue[][] = [
      ['DANH SÁCH ĐẢNG VIÊN CHI BỘ THÔN NÀ HẨU'],
      [],
      ['Họ và tên', 'Ngày sinh', 'Số thẻ đảng viên', 'Chi bộ'],
      ['Hà Thị Đúng', '01/02/1980', '500101', 'Chi bộ thôn Nà Hẩu'],
      ['Hà Thị Sai', '31/04/1980', '500102', 'Chi bộ thôn Nà Hẩu'],
    ];
    const x = await importMembers(
      admin,
      { orgId: t.root.id },
      { name: 'ds.xlsx', content: await xlsxFile(titled) },
    );
    expect(x.status).toBe(422);
    expect(x.body.errors).toEqual([
      { row: 5, field: 'Ngày sinh', message: expect.stringContaining('31/04/1980') },
    ]);

    const c = await importMembers(
      admin,
      { orgId: t.root.id },
      { name: 'ds.csv', content: csvFile(titled.map((r) => r.map((v) => (v === null ? null : String(v))))) },
    );
    expect(c.status).toBe(422);
    expect(c.body.errors).toEqual([
      { row: 5, field: 'Ngày sinh', message: expect.stringContaining('31/04/1980') },
    ]);
  });

  it('a row without số thẻ or CCCD, or with an impossible phone, is an error', async () => {
    const file = csvFile([
      ['Họ và tên', 'Số thẻ đảng viên', 'Số CCCD', 'Số điện thoại', 'Chi bộ'],
      ['Không Có Số', '', '', '', 'Chi bộ thôn Nà Hẩu'],
      ['Sai Điện Thoại', '500201', '', '12345', 'Chi bộ thôn Nà Hẩu'],
    ]);
    const r = await importMembers(admin, { orgId: t.root.id }, { name: 'ds.csv', content: file });
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [2, 'Số thẻ đảng viên'],
      [3, 'Số điện thoại'],
    ]);
  });
});

describe('chi ủy imports', () => {
  it('into their own chi bộ, with or without a chi bộ column', async () => {
    const s = await login(t, chiUyA);
    const without = csvFile([
      ['Họ và tên', 'Số thẻ đảng viên', 'Trạng thái'],
      ['Mùa A Páo', '600001', 'Dự bị'],
    ]);
    const r1 = await importMembers(s, { orgId: naHau.id }, { name: 'ds.csv', content: without });
    expect(r1.status).toBe(200);
    expect(r1.body).toEqual({ created: 1, updated: 0, unchanged: 0, errors: [] });
    const named = csvFile([
      ['Họ và tên', 'Số thẻ đảng viên', 'Chi bộ'],
      ['Mùa A Sử', '600002', 'chi bộ thôn nà hẩu'],
    ]);
    const r2 = await importMembers(s, { orgId: naHau.id }, { name: 'ds.csv', content: named });
    expect(r2.status).toBe(200);
    expect(r2.body.created).toBe(1);
    for (const card of ['600001', '600002']) expect((await byCard(card)).orgId).toBe(naHau.id);
  });

  it('may not create units: a new chi bộ name is a row error', async () => {
    const s = await login(t, chiUyA);
    const before = await state();
    const file = csvFile([
      ['Họ và tên', 'Số thẻ đảng viên', 'Chi bộ'],
      ['Mùa A Dế', '600003', 'Chi bộ thôn Mới Lập'],
    ]);
    const r = await importMembers(s, { orgId: naHau.id }, { name: 'ds.csv', content: file });
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual([
      { row: 2, field: 'Chi bộ', message: expect.stringMatching(/không có quyền tạo/) },
    ]);
    expect(await state()).toEqual(before);
  });

  it('may not import into another chi bộ or the unit above (403)', async () => {
    const s = await login(t, chiUyA);
    const before = await state();
    const file = csvFile([
      ['Họ và tên', 'Số thẻ đảng viên'],
      ['Mùa A Chính', '600004'],
    ]);
    for (const orgId of [moSi.id, t.root.id]) {
      const r = await importMembers(s, { orgId }, { name: 'ds.csv', content: file });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    expect(await state()).toEqual(before);
  });
});

describe('files that are not member lists', () => {
  it('a PNG named .xlsx is 415', async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201' +
        'a3c5d3b20000000049454e44ae426082',
      'hex',
    );
    const r = await importMembers(
      admin,
      { orgId: t.root.id },
      { name: 'danh-sach.xlsx', content: png, contentType: XLSX },
    );
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('unsupported_file');
    expect(r.body.error.message).toMatch(/\.xlsx/);
  });

  it('a broken xlsx is 422 with the error shape, never 500', async () => {
    const before = await state();
    const garbage = Buffer.concat([
      Buffer.from('504b0304', 'hex'),
      Buffer.from('không phải bảng tính '.repeat(200)),
    ]);
    const good = await xlsxFile([HEADER, ['Tạ Văn Cắt', null, null, '700001']]);
    for (const content of [garbage, good.subarray(0, Math.floor(good.length / 2))]) {
      const r = await importMembers(
        admin,
        { orgId: t.root.id },
        { name: 'hong.xlsx', content, contentType: XLSX },
      );
      expect(r.status).toBe(422);
      expect(r.body.error.code).toMatch(/\S/);
      expect(r.body.error.message).toMatch(/\S/);
      // "any error → 422 with the same body and nothing imported"
      expect(r.body).toMatchObject({ created: 0, updated: 0, unchanged: 0, errors: [] });
      expect(JSON.stringify(r.body)).not.toMatch(/stack|at \w+ \(/);
    }
    expect(await state()).toEqual(before);
  });

  it('a sheet without a "Họ và tên" header, or with no rows, is 422', async () => {
    const noHeader = await importMembers(
      admin,
      { orgId: t.root.id },
      {
        name: 'x.csv',
        content: csvFile([
          ['Tên', 'Tuổi'],
          ['A', '1'],
        ]),
      },
    );
    expect(noHeader.status).toBe(422);
    expect(noHeader.body.error.code).toBe('no_header');
    const empty = await importMembers(
      admin,
      { orgId: t.root.id },
      { name: 'x.csv', content: csvFile([['Họ và tên', 'Số thẻ đảng viên']]) },
    );
    expect(empty.status).toBe(422);
    expect(empty.body.error.code).toBe('empty_file');
  });

  it('a missing file, an empty file or a missing orgId is 400; a JSON body is 415', async () => {
    const file = {
      name: 'ds.csv',
      content: csvFile([
        ['Họ và tên', 'Số thẻ đảng viên'],
        ['A B', '700002'],
      ]),
    };
    const noFile = await importMembers(admin, { orgId: t.root.id }, null);
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.code).toBe('invalid_request');
    const emptyFile = await importMembers(
      admin,
      { orgId: t.root.id },
      { name: 'ds.csv', content: Buffer.alloc(0) },
    );
    expect(emptyFile.status).toBe(400);
    const noOrg = await importMembers(admin, {}, file);
    expect(noOrg.status).toBe(400);
    const badOrg = await importMembers(admin, { orgId: 'xa-thu-nghiem' }, file);
    expect(badOrg.status).toBe(400);
    const unknownOrg = await importMembers(admin, { orgId: '00000000-0000-4000-8000-000000000000' }, file);
    expect(unknownOrg.status).toBe(422);
    expect(unknownOrg.body.error.code).toBe('unknown_org');
    const json = await admin.post('/api/imports/members', { orgId: t.root.id });
    expect(json.status).toBe(415);
    expect(json.body.error.code).toMatch(/\S/);
    expect(await byCardCount('700002')).toBe(0);
  });
});

async function byCardCount(card: string) {
  return (await admin.get(`/api/members?q=${card}`)).body.total as number;
}
