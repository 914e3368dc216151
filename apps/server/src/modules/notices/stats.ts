import { type Actor, can, formatDateVi, isAncestorOrSelf } from '@sotay/core';
import { orgUnits } from '@sotay/db';
import { inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Deps } from '../../deps.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { rows } from '../documents/repo.ts';
import { findOrg } from '../orgs/repo.ts';
import { noticeForSender } from './service.ts';

/** Read rate of a notice per unit: the children of `orgId` (default: the sender's unit). */
export async function noticeStats(deps: Deps, actor: Actor, id: string, orgId?: string) {
  const n = await noticeForSender(deps, actor, id);
  const db = deps.database.db;
  const audience = await db.select().from(orgUnits).where(inArray(orgUnits.id, n.audienceOrgIds));
  // default: the one audience unit, or the sending unit when the notice went to several
  const unit = orgId
    ? await findOrg(db, orgId)
    : audience.length === 1
      ? audience[0]!
      : await findOrg(db, (await senderOrg(deps, id)) ?? '');
  if (!unit) throw notFound('Không tìm thấy đơn vị.');
  if (!can(actor, 'notice.send', { orgPath: unit.path }))
    throw forbidden('Bạn không có quyền xem đơn vị này.');
  const units = await rows<{ orgId: string; name: string; recipients: number; read: number }>(
    db,
    sql`with r as (
        select r.member_id, r.read_at, o.path from notice_recipients r
        join members m on m.id = r.member_id join org_units o on o.id = m.org_id
        where r.notice_id = ${id} and o.path <@ ${unit.path}::ltree
      ), kids as (
        select id, name, path from org_units where parent_id = ${unit.id} and closed_at is null
        union all select id, name, path from org_units where id = ${unit.id}
          and not exists (select 1 from org_units c where c.parent_id = ${unit.id} and c.closed_at is null)
      )
      select k.id as "orgId", k.name, count(r.member_id)::int as recipients,
        (count(*) filter (where r.read_at is not null))::int as read
      from kids k left join r on r.path <@ k.path group by k.id, k.name order by k.name`,
  );
  return {
    notice: { id: n.id, title: n.title, sentAt: n.sentAt },
    org: { id: unit.id, name: unit.name },
    recipients: units.reduce((s, u) => s + u.recipients, 0),
    read: units.reduce((s, u) => s + u.read, 0),
    units: units.filter((u) => u.recipients > 0 || audience.some((a) => isAncestorOrSelf(a.path, unit.path))),
  };
}

async function senderOrg(deps: Deps, id: string) {
  const [r] = await rows<{ orgId: string }>(
    deps.database.db,
    sql`select org_id as "orgId" from notices where id = ${id}`,
  );
  return r?.orgId ?? null;
}

/** Recipients who have not read the notice yet. */
export async function noticeUnread(deps: Deps, actor: Actor, id: string, page: number, pageSize: number) {
  await noticeForSender(deps, actor, id);
  const where = sql`r.notice_id = ${id} and r.read_at is null`;
  const [items, [total]] = await Promise.all([
    rows<{ memberId: string; fullName: string; orgName: string }>(
      deps.database.db,
      sql`select m.id as "memberId", m.full_name as "fullName", o.name as "orgName"
        from notice_recipients r join members m on m.id = r.member_id join org_units o on o.id = m.org_id
        where ${where} order by o.name, m.name_sort, m.id limit ${pageSize} offset ${(page - 1) * pageSize}`,
    ),
    rows<{ n: number }>(
      deps.database.db,
      sql`select count(*)::int as n from notice_recipients r where ${where}`,
    ),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function noticeStatsWorkbook(deps: Deps, actor: Actor, id: string): Promise<Buffer> {
  const stats = await noticeStats(deps, actor, id);
  const unread = await noticeUnread(deps, actor, id, 1, 200_000);
  const wb = new ExcelJS.Workbook();
  const when = stats.notice.sentAt ? ` (gửi ngày ${formatDateVi(stats.notice.sentAt.slice(0, 10))})` : '';
  const rates = wb.addWorksheet('Tỷ lệ đã đọc');
  rates.addRow([`Thông báo: ${stats.notice.title}${when}`]).font = { bold: true, size: 13 };
  rates.addRow([`Đơn vị: ${stats.org.name}`]);
  rates.addRow([]);
  rates.addRow(['Đơn vị', 'Người nhận', 'Đã đọc', 'Chưa đọc', 'Tỷ lệ đã đọc (%)']).font = { bold: true };
  const pct = (r: number, of: number) => (of ? Math.round((r / of) * 1000) / 10 : 0);
  for (const u of stats.units)
    rates.addRow([u.name, u.recipients, u.read, u.recipients - u.read, pct(u.read, u.recipients)]);
  rates.addRow([
    'Tổng cộng',
    stats.recipients,
    stats.read,
    stats.recipients - stats.read,
    pct(stats.read, stats.recipients),
  ]).font = {
    bold: true,
  };
  rates.columns.forEach((c, i) => {
    c.width = i === 0 ? 42 : 16;
  });
  const list = wb.addWorksheet('Chưa đọc');
  list.addRow([`Đảng viên chưa đọc thông báo: ${stats.notice.title}`]).font = { bold: true, size: 13 };
  list.addRow([]);
  list.addRow(['STT', 'Họ và tên', 'Chi bộ']).font = { bold: true };
  for (const [i, m] of unread.items.entries()) list.addRow([i + 1, m.fullName, m.orgName]);
  list.columns.forEach((c, i) => {
    c.width = [6, 32, 40][i] ?? 16;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
