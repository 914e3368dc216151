import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode, totpStep } from '../../lib/totp.ts';
import { createUser, login, loginAdmin, type Session, type TestApp, testApp } from '../../test/app.ts';
import { countRows, createMember, createOrg, numbers, rows } from '../../test/fixtures.ts';
import { csvFile, importMembers } from '../../test/spreadsheet.ts';

let t: TestApp;
let admin: Session;
let chiBo: { id: string };

async function lastSeq(): Promise<number> {
  const [r] = await rows<{ seq: number | null }>(t.database, sql`select max(seq)::int as seq from audit_log`);
  return Number(r!.seq ?? 0);
}

async function actionsSince(seq: number): Promise<string[]> {
  const r = await rows<{ action: string }>(
    t.database,
    sql`select action from audit_log where seq > ${seq} order by seq`,
  );
  return r.map((x) => x.action);
}

/** Runs a change and returns the audit actions it wrote. */
async function audited(change: () => Promise<{ status: number }>, expectedStatus: number): Promise<string[]> {
  const from = await lastSeq();
  const r = await change();
  expect(r.status).toBe(expectedStatus);
  return actionsSince(from);
}

/** The database's own message for a refused statement (drizzle wraps it). */
async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    const err = e as Error & { cause?: Error };
    return `${err.message} ${err.cause?.message ?? ''}`;
  }
  throw new Error('the statement was not refused');
}

async function verify() {
  const r = await admin.get('/api/audit/verify');
  expect(r.status).toBe(200);
  return r.body as { rows: number; ok: boolean; brokenAt: number | null; reason: string | null };
}

beforeAll(async () => {
  t = await testApp();
  admin = await loginAdmin(t);
  chiBo = await createOrg(admin, t.root.id, 'Chi bộ thôn Nà Hẩu');
});
afterAll(() => t.close());

describe('every change writes its audit row', () => {
  it('one row per change, with the reads of a full CCCD', async () => {
    const org = await (async () => {
      const from = await lastSeq();
      const o = await createOrg(admin, t.root.id, 'Chi bộ thôn Sín Chải');
      expect(await actionsSince(from)).toEqual(['org.create']);
      return o;
    })();
    expect(
      await audited(
        () => admin.request('PATCH', `/api/orgs/${org.id}`, { name: 'Chi bộ bản Sín Chải' }),
        200,
      ),
    ).toEqual(['org.rename']);

    let memberId = '';
    expect(
      await audited(async () => {
        const r = await admin.post('/api/members', { orgId: chiBo.id, fullName: 'Thào A Chư', ...numbers() });
        memberId = r.body.member.id;
        return r;
      }, 201),
    ).toEqual(['member.create', 'member.cccd.read']);
    expect(
      await audited(() => admin.request('PATCH', `/api/members/${memberId}`, { phone: '0912 000 001' }), 200),
    ).toEqual(['member.update', 'member.cccd.read']);
    expect(
      await audited(() => admin.post(`/api/members/${memberId}/status`, { status: 'du_bi' }), 200),
    ).toEqual(['member.status', 'member.cccd.read']);
    expect(
      await audited(() => admin.post(`/api/members/${memberId}/transfer`, { orgId: org.id }), 200),
    ).toEqual(['member.transfer', 'member.cccd.read']);
    // list views never show the full CCCD and are not audited
    expect(await audited(() => admin.get('/api/members'), 200)).toEqual([]);

    const other = await createUser(t.database, {});
    let roleId = '';
    expect(
      await audited(async () => {
        const r = await admin.post('/api/roles', { userId: other.id, role: 'member', orgId: chiBo.id });
        roleId = r.body.assignment.id;
        return r;
      }, 201),
    ).toEqual(['role.assign']);
    expect(await audited(() => admin.request('DELETE', `/api/roles/${roleId}`), 204)).toEqual([
      'role.revoke',
    ]);

    const file = csvFile([
      ['Họ và tên', 'Số thẻ đảng viên', 'Chi bộ'],
      ['Thào Thị Mỷ', numbers().partyCardNumber, 'Chi bộ thôn Nà Hẩu'],
    ]);
    expect(
      await audited(() => importMembers(admin, { orgId: t.root.id }, { name: 'ds.csv', content: file }), 200),
    ).toEqual(['member.import']);
    expect(
      await audited(
        () => importMembers(admin, { orgId: t.root.id, dryRun: 'true' }, { name: 'ds.csv', content: file }),
        200,
      ),
    ).toEqual([]);

    const holder = await createOrg(admin, t.root.id, 'Đảng bộ cụm bản', 'dang_bo_co_so');
    const empty = await createOrg(admin, t.root.id, 'Chi bộ trống');
    expect(
      await audited(() => admin.post(`/api/orgs/${empty.id}/move`, { parentId: holder.id }), 200),
    ).toEqual(['org.move']);
    expect(await audited(() => admin.post(`/api/orgs/${empty.id}/close`), 200)).toEqual(['org.close']);

    // account changes: password, then a second factor
    const u = await createUser(t.database, { password: 'Mật-khẩu-cũ-2026' });
    const s = await login(t, u);
    expect(
      await audited(
        () =>
          s.post('/api/auth/change-password', {
            currentPassword: 'Mật-khẩu-cũ-2026',
            newPassword: 'Mật-khẩu-mới-2026',
          }),
        204,
      ),
    ).toEqual(['user.password.change']);
    const enroll = await s.post('/api/auth/totp/enroll');
    const code = totpCode(enroll.body.secret, totpStep(t.clock.now.getTime()));
    expect(await audited(() => s.post('/api/auth/totp/confirm', { code }), 204)).toEqual([
      'user.totp.enable',
    ]);
  });

  it('a refused or failed change writes no audit row', async () => {
    const m = await createMember(admin, {
      orgId: chiBo.id,
      fullName: 'Thào A Dính',
      ...numbers(),
      cccd: null,
    });
    const card = (await admin.get(`/api/members/${m.id}`)).body.member.partyCardNumber;
    const chiUy = await login(
      t,
      await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBo.id }] }),
    );
    const before = await countRows(t.database, 'audit_log');
    const failures: [() => Promise<{ status: number }>, number][] = [
      [
        () => admin.post('/api/members', { orgId: chiBo.id, fullName: 'Trùng Thẻ', partyCardNumber: card }),
        409,
      ],
      [() => admin.post('/api/members', { orgId: chiBo.id, fullName: 'Sai Máy', phone: '123' }), 400],
      [() => admin.post(`/api/orgs/${chiBo.id}/close`), 422],
      [
        () =>
          admin.post('/api/roles', {
            userId: '00000000-0000-4000-8000-000000000000',
            role: 'member',
            orgId: chiBo.id,
          }),
        422,
      ],
      [() => chiUy.post('/api/orgs', { parentId: chiBo.id, name: 'Tổ mới', kind: 'chi_bo' }), 403],
      [
        () =>
          importMembers(
            admin,
            { orgId: t.root.id },
            {
              name: 'ds.csv',
              content: csvFile([
                ['Họ và tên', 'Số thẻ đảng viên', 'Ngày sinh'],
                ['Sai Ngày', '987654', '31/02/1970'],
              ]),
            },
          ),
        422,
      ],
    ];
    for (const [change, status] of failures) {
      const r = await change();
      expect(r.status).toBe(status);
    }
    expect(await countRows(t.database, 'audit_log')).toBe(before);
  });

  it('writes the change and its audit row in one transaction: when the audit insert fails, the change is gone', async () => {
    await t.database.db.execute(sql`
      create function audit_log_refuse_org_create() returns trigger language plpgsql as $$
      begin
        if new.action = 'org.create' then raise exception 'thử: nhật ký không ghi được'; end if;
        return new;
      end $$`);
    await t.database.db.execute(sql`
      create trigger audit_log_test_refuse before insert on audit_log
      for each row execute function audit_log_refuse_org_create()`);
    try {
      const before = {
        orgs: await countRows(t.database, 'org_units'),
        events: await countRows(t.database, 'org_unit_events'),
      };
      const r = await admin.post('/api/orgs', {
        parentId: t.root.id,
        name: 'Chi bộ không được ghi',
        kind: 'chi_bo',
      });
      expect(r.status).toBe(500);
      expect(r.body.error.code).toBe('internal_error');
      expect(JSON.stringify(r.body)).not.toContain('nhật ký không ghi được');
      expect({
        orgs: await countRows(t.database, 'org_units'),
        events: await countRows(t.database, 'org_unit_events'),
      }).toEqual(before);
    } finally {
      await t.database.db.execute(sql`drop trigger audit_log_test_refuse on audit_log`);
      await t.database.db.execute(sql`drop function audit_log_refuse_org_create()`);
    }
    expect(
      (await admin.post('/api/orgs', { parentId: t.root.id, name: 'Chi bộ được ghi', kind: 'chi_bo' }))
        .status,
    ).toBe(201);
  });
});

describe('reading the log', () => {
  it('lists entries for the admin only', async () => {
    const r = await admin.get('/api/audit?entity=org_unit&pageSize=5');
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThan(0);
    expect(r.body.items.length).toBeLessThanOrEqual(5);
    expect(r.body.items.every((i: { entity: string }) => i.entity === 'org_unit')).toBe(true);
    const seqs = r.body.items.map((i: { seq: number }) => i.seq);
    expect([...seqs].sort((a: number, b: number) => b - a)).toEqual(seqs);

    const capUy = await login(
      t,
      await createUser(t.database, { roles: [{ role: 'cap_uy', orgId: t.root.id }] }),
    );
    expect((await capUy.get('/api/audit')).status).toBe(403);
    expect((await capUy.get('/api/audit/verify')).status).toBe(403);
  });
});

describe('tamper evidence', () => {
  it('verify reports an intact chain', async () => {
    const v = await verify();
    expect(v).toEqual({
      rows: await countRows(t.database, 'audit_log'),
      ok: true,
      brokenAt: null,
      reason: null,
    });
    expect(v.rows).toBeGreaterThan(10);
  });

  it('the database refuses to update or delete an audit row', async () => {
    // (seq has gaps: a rolled-back insert above consumed one number)
    const [{ seq }] = (await rows<{ seq: number }>(
      t.database,
      sql`select seq::int as seq from audit_log order by seq desc offset 1 limit 1`,
    )) as [{ seq: number }];
    expect(
      await refusal(() => t.database.db.execute(sql`update audit_log set action = 'sửa' where seq = ${seq}`)),
    ).toMatch(/append-only/);
    expect(await refusal(() => t.database.db.execute(sql`delete from audit_log where seq = ${seq}`))).toMatch(
      /append-only/,
    );
    expect(await refusal(() => t.database.db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
    expect((await verify()).ok).toBe(true);
  });

  it('with the trigger disabled, an edited or deleted row breaks the chain where it happened', async () => {
    await t.database.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    try {
      const [target] = await rows<{ seq: number; after: string }>(
        t.database,
        sql`select seq::int as seq, after::text as after from audit_log where action = 'org.rename' order by seq limit 1`,
      );
      await t.database.db.execute(
        sql`update audit_log set after = jsonb_set(after, '{name}', '"Chi bộ đã bị sửa"') where seq = ${target!.seq}`,
      );
      const edited = await verify();
      expect(edited.ok).toBe(false);
      expect(edited.brokenAt).toBe(target!.seq);
      expect(edited.reason).toMatch(/\S/);

      // put it back: the chain is whole again
      await t.database.db.execute(
        sql`update audit_log set after = ${target!.after}::jsonb where seq = ${target!.seq}`,
      );
      expect((await verify()).ok).toBe(true);

      const middle = await rows<{ seq: number }>(
        t.database,
        sql`select seq::int as seq from audit_log where seq > ${target!.seq} order by seq limit 2`,
      );
      await t.database.db.execute(sql`delete from audit_log where seq = ${middle[0]!.seq}`);
      const deleted = await verify();
      expect(deleted.ok).toBe(false);
      expect(deleted.brokenAt).toBe(middle[1]!.seq);
    } finally {
      await t.database.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    }
    expect(await refusal(() => t.database.db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
  });
});
