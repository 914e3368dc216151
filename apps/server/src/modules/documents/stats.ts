import { type Actor, can, formatDateVi, isAncestorOrSelf } from '@sotay/core';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Deps } from '../../deps.ts';
import { forbidden, notFound, unprocessable } from '../../http/errors.ts';
import { findOrg, type OrgRow } from '../orgs/repo.ts';
import { findVisible, rows } from './repo.ts';
import { viewerOf } from './viewer.ts';

/** Members expected to read: chính thức and dự bị (miễn sinh hoạt, chuyển đi… are not counted). */
const EXPECTED = sql`('chinh_thuc', 'du_bi')`;

export interface UnitReads {
  orgId: string;
  name: string;
  members: number;
  read: number;
}

async function statsContext(deps: Deps, actor: Actor, id: string, orgId: string | undefined) {
  const db = deps.database.db;
  const found = await findVisible(db, await viewerOf(db, actor), id);
  if (!found) throw notFound('Không tìm thấy văn bản.');
  const audience = (await findOrg(db, found.doc.audienceOrgId))!;
  let unit: OrgRow | null = audience;
  if (orgId) {
    unit = await findOrg(db, orgId);
    if (!unit) throw notFound('Không tìm thấy đơn vị.');
    if (!isAncestorOrSelf(audience.path, unit.path)) {
      throw unprocessable('outside_audience', 'Đơn vị này không thuộc phạm vi nhận văn bản.');
    }
  } else if (!can(actor, 'document.stats', { orgPath: audience.path })) {
    // a chi ủy looks at their own chi bộ inside a commune-wide document
    const own = actor.roles.find(
      (r) =>
        isAncestorOrSelf(audience.path, r.orgPath) && can(actor, 'document.stats', { orgPath: r.orgPath }),
    );
    const ownId = own ? await orgIdOfPath(deps, own.orgPath) : null;
    unit = ownId ? await findOrg(db, ownId) : null;
  }
  if (!unit || !can(actor, 'document.stats', { orgPath: unit.path })) {
    throw forbidden('Bạn không có quyền xem thống kê đọc văn bản của đơn vị này.');
  }
  return { doc: found.doc, unit };
}

async function orgIdOfPath(deps: Deps, path: string) {
  const [o] = await rows<{ id: string }>(
    deps.database.db,
    sql`select id from org_units where path = ${path}::ltree`,
  );
  return o?.id ?? null;
}

/** Read rate of a document per child unit of `unit` (or of the unit itself when it has none). */
export async function readStats(deps: Deps, actor: Actor, id: string, orgId?: string) {
  const { doc, unit } = await statsContext(deps, actor, id, orgId);
  const perUnit = await rows<UnitReads>(
    deps.database.db,
    sql`with m as (
        select mem.id, o.path,
          exists (select 1 from document_reads r where r.document_id = ${doc.id} and r.member_id = mem.id) as read
        from members mem join org_units o on o.id = mem.org_id
        where o.path <@ ${unit.path}::ltree and mem.status in ${EXPECTED}
      ), units as (
        select id, name, path from org_units where parent_id = ${unit.id} and closed_at is null
        union all select id, name, path from org_units where id = ${unit.id}
          and not exists (select 1 from org_units c where c.parent_id = ${unit.id} and c.closed_at is null)
      )
      select u.id as "orgId", u.name, count(m.id)::int as members, (count(m.id) filter (where m.read))::int as read
      from units u left join m on m.path <@ u.path
      group by u.id, u.name order by u.name`,
  );
  const [total] = await rows<{ members: number; read: number }>(
    deps.database.db,
    sql`select count(*)::int as members,
        (count(*) filter (where exists (select 1 from document_reads r where r.document_id = ${doc.id} and r.member_id = mem.id)))::int as read
      from members mem join org_units o on o.id = mem.org_id
      where o.path <@ ${unit.path}::ltree and mem.status in ${EXPECTED}`,
  );
  return {
    document: { id: doc.id, number: doc.number, title: doc.title },
    org: { id: unit.id, name: unit.name },
    members: total?.members ?? 0,
    read: total?.read ?? 0,
    units: perUnit,
  };
}

/** Members of the unit's subtree who are expected to read the document and have not. */
export async function unreadMembers(
  deps: Deps,
  actor: Actor,
  id: string,
  orgId: string | undefined,
  page: number,
  pageSize: number,
) {
  const { doc, unit } = await statsContext(deps, actor, id, orgId);
  const where = sql`o.path <@ ${unit.path}::ltree and mem.status in ${EXPECTED}
    and not exists (select 1 from document_reads r where r.document_id = ${doc.id} and r.member_id = mem.id)`;
  const [items, [count]] = await Promise.all([
    rows<{ memberId: string; fullName: string; orgId: string; orgName: string }>(
      deps.database.db,
      sql`select mem.id as "memberId", mem.full_name as "fullName", o.id as "orgId", o.name as "orgName"
        from members mem join org_units o on o.id = mem.org_id where ${where}
        order by o.name, mem.name_sort, mem.id limit ${pageSize} offset ${(page - 1) * pageSize}`,
    ),
    rows<{ n: number }>(
      deps.database.db,
      sql`select count(*)::int as n from members mem join org_units o on o.id = mem.org_id where ${where}`,
    ),
  ]);
  return { items, total: count?.n ?? 0 };
}

const percent = (read: number, members: number) => (members ? Math.round((read / members) * 1000) / 10 : 0);

/** Both lists as one workbook: rates per unit, then who has not read. */
export async function readStatsWorkbook(
  deps: Deps,
  actor: Actor,
  id: string,
  orgId?: string,
): Promise<Buffer> {
  const stats = await readStats(deps, actor, id, orgId);
  const unread = await unreadMembers(deps, actor, id, orgId, 1, 100_000);
  const wb = new ExcelJS.Workbook();
  const title = `Văn bản ${stats.document.number ?? ''} — ${stats.document.title}`.replace('  ', ' ');
  const today = formatDateVi(deps.now().toISOString().slice(0, 10));

  const rates = wb.addWorksheet('Tỷ lệ đã đọc');
  rates.addRow([title]).font = { bold: true, size: 13 };
  rates.addRow([`Đơn vị: ${stats.org.name} — số liệu ngày ${today}`]);
  rates.addRow([]);
  const head = rates.addRow(['Đơn vị', 'Số đảng viên', 'Đã đọc', 'Chưa đọc', 'Tỷ lệ đã đọc (%)']);
  head.font = { bold: true };
  for (const u of stats.units)
    rates.addRow([u.name, u.members, u.read, u.members - u.read, percent(u.read, u.members)]);
  rates.addRow([
    'Tổng cộng',
    stats.members,
    stats.read,
    stats.members - stats.read,
    percent(stats.read, stats.members),
  ]).font = { bold: true };
  rates.columns.forEach((c, i) => {
    c.width = i === 0 ? 42 : 16;
  });

  const list = wb.addWorksheet('Chưa đọc');
  list.addRow([`Đảng viên chưa đọc: ${title}`]).font = { bold: true, size: 13 };
  list.addRow([]);
  list.addRow(['STT', 'Họ và tên', 'Chi bộ']).font = { bold: true };
  for (const [i, m] of unread.items.entries()) list.addRow([i + 1, m.fullName, m.orgName]);
  list.columns.forEach((c, i) => {
    c.width = [6, 32, 40][i] ?? 16;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
