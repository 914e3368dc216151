import { type Actor, can, cleanText, normalizePhone } from '@sotay/core';
import { supportContacts } from '@sotay/db';
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { badRequest, forbidden, notFound } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import { rows } from '../documents/repo.ts';
import { findOrg } from '../orgs/repo.ts';

export interface ContactInput {
  fullName: string;
  role: string;
  phone: string;
}

/** The people to call for help, from the member's own chi bộ up to the root (closest first). */
export async function contactsFor(deps: Deps, actor: Actor) {
  const own = actor.roles.map((r) => r.orgPath);
  const paths = actor.memberId
    ? [
        ...own,
        ...(
          await rows<{ path: string }>(
            deps.database.db,
            sql`select o.path::text as path from members m join org_units o on o.id = m.org_id where m.id = ${actor.memberId}`,
          )
        ).map((r) => r.path),
      ]
    : own;
  if (!paths.length) return { items: [] };
  const items = await rows<{
    id: string;
    orgId: string;
    orgName: string;
    fullName: string;
    role: string;
    phone: string;
  }>(
    deps.database.db,
    sql`select distinct on (c.id) c.id, c.org_id as "orgId", o.name as "orgName", c.full_name as "fullName", c.role, c.phone,
        nlevel(o.path) as depth, c.position
      from support_contacts c join org_units o on o.id = c.org_id
      where o.path @> array[${sql.join(
        paths.map((p) => sql`${p}::ltree`),
        sql`, `,
      )}]
      order by c.id`,
  );
  const sorted = (items as ((typeof items)[number] & { depth: number; position: number })[]).sort(
    (a, b) => b.depth - a.depth || a.position - b.position,
  );
  return { items: sorted.map(({ depth: _d, position: _p, ...c }) => c) };
}

export async function unitContacts(deps: Deps, orgId: string) {
  const list = await deps.database.db
    .select()
    .from(supportContacts)
    .where(eq(supportContacts.orgId, orgId))
    .orderBy(supportContacts.position);
  return { items: list.map(({ position: _p, ...c }) => c) };
}

/** Replaces the unit's list (seed 000 names two people: the office clerk and the building-the-Party clerk). */
export async function setContacts(deps: Deps, actor: Actor, orgId: string, input: ContactInput[]) {
  const org = await findOrg(deps.database.db, orgId);
  if (!org) throw notFound('Không tìm thấy đơn vị.');
  if (!can(actor, 'support.manage', { orgPath: org.path }))
    throw forbidden('Bạn không có quyền sửa danh sách hỗ trợ của đơn vị này.');
  const clean = input.map((c, position) => {
    const phone = normalizePhone(c.phone);
    if (!phone) throw badRequest(`Số điện thoại "${c.phone}" không hợp lệ.`);
    const fullName = cleanText(c.fullName);
    const role = cleanText(c.role);
    if (!fullName || !role) throw badRequest('Mỗi người hỗ trợ cần có họ tên và chức năng.');
    return { orgId, fullName, role, phone, position };
  });
  await deps.database.db.transaction(async (tx) => {
    await tx.delete(supportContacts).where(eq(supportContacts.orgId, orgId));
    if (clean.length) await tx.insert(supportContacts).values(clean);
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: 'support.contacts',
      entity: 'org_unit',
      entityId: orgId,
      orgPath: org.path,
      after: clean,
    });
  });
  return unitContacts(deps, orgId);
}
