import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, loginAdmin, type Session, type TestApp, testApp } from '../../test/app.ts';
import { createMember, createOrg, numbers, rows } from '../../test/fixtures.ts';

let t: TestApp;
let admin: Session;

interface TreeItem {
  id: string;
  parentId: string | null;
  name: string;
  kind: string;
  closedAt: string | null;
  memberCount: number;
  subtreeMemberCount: number;
}

async function tree(s: Session, query = ''): Promise<Map<string, TreeItem>> {
  const r = await s.get(`/api/orgs/tree${query}`);
  expect(r.status).toBe(200);
  return new Map((r.body.items as TreeItem[]).map((i) => [i.id, i]));
}

async function events(id: string) {
  const r = await admin.get(`/api/orgs/${id}`);
  expect(r.status).toBe(200);
  return r.body.events as {
    event: string;
    oldName: string | null;
    newName: string | null;
    oldParentId: string | null;
    newParentId: string | null;
  }[];
}

beforeAll(async () => {
  t = await testApp();
  admin = await loginAdmin(t);
});
afterAll(() => t.close());

describe('create and rename', () => {
  it('creates a unit below a parent and records the event', async () => {
    const r = await admin.post('/api/orgs', {
      parentId: t.root.id,
      name: 'Chi bộ thôn Nà Hẩu',
      kind: 'chi_bo',
    });
    expect(r.status).toBe(201);
    expect(r.body.org).toMatchObject({
      parentId: t.root.id,
      name: 'Chi bộ thôn Nà Hẩu',
      kind: 'chi_bo',
      closedAt: null,
    });
    const d = await admin.get(`/api/orgs/${r.body.org.id}`);
    expect(d.body.org).toEqual(r.body.org);
    expect(d.body.events).toMatchObject([
      { event: 'created', newName: 'Chi bộ thôn Nà Hẩu', newParentId: t.root.id },
    ]);
    const [audit] = await rows<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from audit_log where action = 'org.create' and entity_id = ${r.body.org.id}`,
    );
    expect(audit!.n).toBe(1);
  });

  it('refuses bad input', async () => {
    const short = await admin.post('/api/orgs', { parentId: t.root.id, name: 'X', kind: 'chi_bo' });
    expect(short.status).toBe(400);
    const kind = await admin.post('/api/orgs', {
      parentId: t.root.id,
      name: 'Chi bộ Lạ',
      kind: 'to_dan_pho',
    });
    expect(kind.status).toBe(400);
    const parent = await admin.post('/api/orgs', {
      parentId: '00000000-0000-4000-8000-000000000000',
      name: 'Chi bộ Lạ',
      kind: 'chi_bo',
    });
    expect(parent.status).toBe(404);
    expect(parent.body.error.code).toBe('not_found');
  });

  it('renames and keeps the old name in the history', async () => {
    const org = await createOrg(admin, t.root.id, 'Xã Mồ Sỉ San');
    const r = await admin.request('PATCH', `/api/orgs/${org.id}`, { name: 'Chi bộ xã Mồ Sỉ San (cũ)' });
    expect(r.status).toBe(200);
    expect(r.body.org.name).toBe('Chi bộ xã Mồ Sỉ San (cũ)');
    expect((await tree(admin)).get(org.id)!.name).toBe('Chi bộ xã Mồ Sỉ San (cũ)');
    expect(await events(org.id)).toMatchObject([
      { event: 'created', newName: 'Xã Mồ Sỉ San' },
      { event: 'renamed', oldName: 'Xã Mồ Sỉ San', newName: 'Chi bộ xã Mồ Sỉ San (cũ)' },
    ]);
  });
});

describe('move', () => {
  let school: { id: string };
  let dept: { id: string };
  let branch: { id: string };
  let target: { id: string };
  let member: { id: string };

  beforeAll(async () => {
    school = await createOrg(admin, t.root.id, 'Đảng bộ Trường THCS', 'dang_bo_co_so');
    dept = await createOrg(admin, school.id, 'Đảng bộ bộ phận Tổ Tự nhiên', 'dang_bo_bo_phan');
    branch = await createOrg(admin, dept.id, 'Chi bộ Tổ Toán', 'chi_bo');
    target = await createOrg(admin, t.root.id, 'Đảng bộ Cụm trường', 'dang_bo_co_so');
    member = await createMember(admin, { orgId: branch.id, fullName: 'Nguyễn Văn Toán', ...numbers() });
  });

  it('re-paths the whole subtree: a grandchild’s members are listed under the new parent', async () => {
    const chiUy = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: branch.id }] });
    const r = await admin.post(`/api/orgs/${school.id}/move`, { parentId: target.id });
    expect(r.status).toBe(200);
    expect(r.body.org).toMatchObject({ id: school.id, parentId: target.id });

    const underTarget = await admin.get(`/api/members?orgId=${target.id}`);
    expect(underTarget.status).toBe(200);
    expect(underTarget.body.items.map((i: { id: string }) => i.id)).toEqual([member.id]);
    for (const id of [school.id, dept.id, branch.id]) {
      const l = await admin.get(`/api/members?orgId=${id}`);
      expect(l.body.total).toBe(1);
    }

    const paths = await rows<{ id: string; path: string }>(
      t.database,
      sql`select id, path::text as path from org_units where id in (${target.id}, ${school.id}, ${dept.id}, ${branch.id})`,
    );
    const pathOf = new Map(paths.map((p) => [p.id, p.path]));
    expect(pathOf.get(school.id)!.startsWith(`${pathOf.get(target.id)}.`)).toBe(true);
    expect(pathOf.get(dept.id)!.startsWith(`${pathOf.get(school.id)}.`)).toBe(true);
    expect(pathOf.get(branch.id)!.startsWith(`${pathOf.get(dept.id)}.`)).toBe(true);

    const tr = await tree(admin);
    expect(tr.get(school.id)!.parentId).toBe(target.id);
    expect(tr.get(target.id)!.subtreeMemberCount).toBe(1);
    expect(await events(school.id)).toMatchObject([
      { event: 'created' },
      { event: 'moved', oldParentId: t.root.id, newParentId: target.id },
    ]);

    // a role held below the moved unit keeps working
    const s = await login(t, chiUy);
    const own = await s.get('/api/members');
    expect(own.body.items.map((i: { id: string }) => i.id)).toEqual([member.id]);
  });

  it('refuses to move a unit into itself or its own descendant, and the root anywhere', async () => {
    for (const parentId of [branch.id, dept.id, school.id]) {
      const r = await admin.post(`/api/orgs/${school.id}/move`, { parentId });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('org_cycle');
    }
    const root = await admin.post(`/api/orgs/${t.root.id}/move`, { parentId: target.id });
    expect(root.status).toBe(422);
    expect((await tree(admin)).get(school.id)!.parentId).toBe(target.id);
  });
});

describe('close', () => {
  it('refuses a unit with members or open children, closes an empty one and keeps its history', async () => {
    const parent = await createOrg(admin, t.root.id, 'Đảng bộ xã Cũ', 'dang_bo_co_so');
    const child = await createOrg(admin, parent.id, 'Chi bộ thôn Cũ');
    const m = await createMember(admin, { orgId: child.id, fullName: 'Sùng A Cũ', ...numbers() });

    const withMembers = await admin.post(`/api/orgs/${child.id}/close`);
    expect(withMembers.status).toBe(422);
    expect(withMembers.body.error.code).toBe('org_has_members');
    const withChildren = await admin.post(`/api/orgs/${parent.id}/close`);
    expect(withChildren.status).toBe(422);
    expect(withChildren.body.error.code).toBe('org_has_children');

    const other = await createOrg(admin, t.root.id, 'Chi bộ thôn Mới');
    expect((await admin.post(`/api/members/${m.id}/transfer`, { orgId: other.id })).status).toBe(200);
    await admin.request('PATCH', `/api/orgs/${child.id}`, { name: 'Chi bộ thôn Cũ (đã sáp nhập)' });
    const closed = await admin.post(`/api/orgs/${child.id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.org.closedAt).not.toBeNull();

    const d = await admin.get(`/api/orgs/${child.id}`);
    expect(d.status).toBe(200);
    expect(d.body.org).toMatchObject({
      name: 'Chi bộ thôn Cũ (đã sáp nhập)',
      closedAt: closed.body.org.closedAt,
    });
    expect(d.body.events.map((e: { event: string }) => e.event)).toEqual(['created', 'renamed', 'closed']);
    expect((await tree(admin)).has(child.id)).toBe(false);
    expect((await tree(admin, '?includeClosed=true')).get(child.id)!.closedAt).toBe(closed.body.org.closedAt);
    // the member's history still names the closed unit
    const h = await admin.get(`/api/members/${m.id}/history`);
    expect(h.body.orgs.map((o: { orgId: string }) => o.orgId)).toEqual([other.id, child.id]);

    const again = await admin.post(`/api/orgs/${child.id}/close`);
    expect(again.status).toBe(200);
    expect(await events(child.id)).toHaveLength(3);
    const under = await admin.post('/api/orgs', { parentId: child.id, name: 'Chi bộ Con', kind: 'chi_bo' });
    expect(under.status).toBe(422);
    const into = await admin.post(`/api/members/${m.id}/transfer`, { orgId: child.id });
    expect(into.status).toBe(422);

    // with its last child closed, the parent may close too
    expect((await admin.post(`/api/orgs/${parent.id}/close`)).status).toBe(200);
    expect((await admin.post(`/api/orgs/${t.root.id}/close`)).status).toBe(422);
  });
});

describe('who may manage units', () => {
  it('a cap_uy on the root manages units strictly below but not the root itself', async () => {
    const u = await createUser(t.database, { roles: [{ role: 'cap_uy', orgId: t.root.id }] });
    const s = await login(t, u);
    const created = await s.post('/api/orgs', {
      parentId: t.root.id,
      name: 'Chi bộ thôn Lao Chải',
      kind: 'chi_bo',
    });
    expect(created.status).toBe(201);
    const id = created.body.org.id;
    expect((await s.request('PATCH', `/api/orgs/${id}`, { name: 'Chi bộ thôn Lao Chải 1' })).status).toBe(
      200,
    );
    const holder = await s.post('/api/orgs', {
      parentId: t.root.id,
      name: 'Đảng bộ cụm Lao Chải',
      kind: 'dang_bo_co_so',
    });
    expect((await s.post(`/api/orgs/${id}/move`, { parentId: holder.body.org.id })).status).toBe(200);
    expect((await s.post(`/api/orgs/${id}/close`)).status).toBe(200);

    const rootName = (await tree(admin)).get(t.root.id)!.name;
    const renameRoot = await s.request('PATCH', `/api/orgs/${t.root.id}`, { name: 'Đảng bộ xã Đổi Tên' });
    expect(renameRoot.status).toBe(403);
    expect(renameRoot.body.error.code).toBe('forbidden');
    expect((await s.post(`/api/orgs/${t.root.id}/close`)).status).toBe(403);
    expect((await tree(admin)).get(t.root.id)!.name).toBe(rootName);
    // the admin may rename the root
    const byAdmin = await admin.request('PATCH', `/api/orgs/${t.root.id}`, {
      name: 'Đảng bộ xã Thử Nghiệm Mới',
    });
    expect(byAdmin.status).toBe(200);
    expect((await admin.request('PATCH', `/api/orgs/${t.root.id}`, { name: rootName })).status).toBe(200);
  });

  it('a cap_uy of one unit cannot manage a sibling unit', async () => {
    const a = await createOrg(admin, t.root.id, 'Đảng bộ thôn A', 'dang_bo_co_so');
    const b = await createOrg(admin, t.root.id, 'Đảng bộ thôn B', 'dang_bo_co_so');
    const bChild = await createOrg(admin, b.id, 'Chi bộ B1');
    const u = await createUser(t.database, { roles: [{ role: 'cap_uy', orgId: a.id }] });
    const s = await login(t, u);
    expect((await s.post('/api/orgs', { parentId: a.id, name: 'Chi bộ A1', kind: 'chi_bo' })).status).toBe(
      201,
    );
    const sibling = await s.post('/api/orgs', { parentId: b.id, name: 'Chi bộ B2', kind: 'chi_bo' });
    expect([403, 404]).toContain(sibling.status);
    expect([403, 404]).toContain(
      (await s.request('PATCH', `/api/orgs/${bChild.id}`, { name: 'Chi bộ B1 mới' })).status,
    );
    expect([403, 404]).toContain((await s.post(`/api/orgs/${bChild.id}/move`, { parentId: a.id })).status);
  });

  it('a chi_uy gets 403 on every change', async () => {
    const chiBo = await createOrg(admin, t.root.id, 'Chi bộ thôn Phìn Hồ');
    const u = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBo.id }] });
    const s = await login(t, u);
    const before = await tree(admin, '?includeClosed=true');
    for (const r of [
      await s.post('/api/orgs', { parentId: chiBo.id, name: 'Tổ đảng 1', kind: 'chi_bo' }),
      await s.request('PATCH', `/api/orgs/${chiBo.id}`, { name: 'Chi bộ đổi tên' }),
      await s.post(`/api/orgs/${chiBo.id}/move`, { parentId: t.root.id }),
      await s.post(`/api/orgs/${chiBo.id}/close`),
    ]) {
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    expect(await tree(admin, '?includeClosed=true')).toEqual(before);
    // reading its own part of the tree is fine, and shows nothing else
    const own = await tree(s);
    expect([...own.keys()]).toEqual([chiBo.id]);
  });
});

describe('tree counts', () => {
  it('memberCount counts a unit’s own members, subtreeMemberCount everything below it', async () => {
    const top = await createOrg(admin, t.root.id, 'Đảng bộ xã Đếm', 'dang_bo_co_so');
    const c1 = await createOrg(admin, top.id, 'Chi bộ Đếm 1');
    const c2 = await createOrg(admin, top.id, 'Chi bộ Đếm 2');
    const c3 = await createOrg(admin, top.id, 'Chi bộ Đếm 3');
    await createMember(admin, { orgId: top.id, fullName: 'Lê Văn Một', ...numbers() });
    for (const name of ['Lê Văn Hai', 'Lê Thị Ba'])
      await createMember(admin, { orgId: c1.id, fullName: name, ...numbers() });
    await createMember(admin, { orgId: c2.id, fullName: 'Lê Văn Bốn', status: 'du_bi', ...numbers() });

    const tr = await tree(admin);
    expect(tr.get(top.id)).toMatchObject({ memberCount: 1, subtreeMemberCount: 4 });
    expect(tr.get(c1.id)).toMatchObject({ memberCount: 2, subtreeMemberCount: 2 });
    expect(tr.get(c2.id)).toMatchObject({ memberCount: 1, subtreeMemberCount: 1 });
    expect(tr.get(c3.id)).toMatchObject({ memberCount: 0, subtreeMemberCount: 0 });
    const [all] = await rows<{ n: number }>(t.database, sql`select count(*)::int as n from members`);
    expect(tr.get(t.root.id)!.subtreeMemberCount).toBe(all!.n);
    const sum = [...tr.values()].reduce((n, i) => n + i.memberCount, 0);
    expect(sum).toBe(all!.n);

    // a cap_uy of the unit sees the same counts for its subtree, and only that
    const u = await createUser(t.database, { roles: [{ role: 'cap_uy', orgId: top.id }] });
    const own = await tree(await login(t, u));
    expect([...own.keys()].sort()).toEqual([top.id, c1.id, c2.id, c3.id].sort());
    expect(own.get(top.id)).toMatchObject({ memberCount: 1, subtreeMemberCount: 4 });
  });
});
