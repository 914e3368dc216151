import { parsePhone } from '@sotay/core';
import type { Deps } from '../../deps.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import { presentMember } from '../members/presenter.ts';
import { findMember, updateMember } from '../members/repo.ts';
import { nameSort, searchText } from '../members/search-text.ts';

export interface ContactPatch {
  phone?: string | null | undefined;
  email?: string | null | undefined;
}

/** A member corrects their own phone and e-mail (DESIGN §1: "keep their brief profile correct"). */
export async function updateOwnContact(
  deps: Deps,
  userId: string,
  memberId: string | null,
  body: ContactPatch,
) {
  const db = deps.database.db;
  const m = memberId ? await findMember(db, memberId) : null;
  if (!m) throw notFound('Tài khoản này không gắn với hồ sơ đảng viên nào.');

  const patch: { phone?: string | null; email?: string | null } = {};
  if (body.phone !== undefined) {
    const p = parsePhone(body.phone);
    if (!p.ok) throw badRequest(p.message, 'invalid_phone');
    if (p.value !== m.phone) patch.phone = p.value;
  }
  if (body.email !== undefined) {
    const email = body.email?.trim() || null;
    if (email !== m.email) patch.email = email;
  }

  if (Object.keys(patch).length) {
    const next = { ...m, ...patch };
    const now = deps.now();
    await db.transaction(async (tx) => {
      await updateMember(tx, m.id, {
        ...patch,
        searchText: searchText(next),
        nameSort: nameSort(next.fullName),
        updatedAt: now,
      });
      await appendAudit(
        tx,
        {
          actorUserId: userId,
          action: 'member.contact.self',
          entity: 'member',
          entityId: m.id,
          orgPath: m.orgPath,
          before: Object.fromEntries(Object.keys(patch).map((k) => [k, m[k as keyof typeof patch]])),
          after: patch,
        },
        now,
      );
    });
  }
  const fresh = (await findMember(db, m.id))!;
  return presentMember(fresh, { personal: true, fullCccd: false });
}
