import fs from 'node:fs';
import { type Actor, can, fold, parseSupportRoster, type RosterTeam } from '@sotay/core';
import { campaigns, orgUnits, supportSessions, supportTeamMembers, supportTeams } from '@sotay/db';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { badRequest, forbidden, notFound } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import { type Cell, readTable, sniffTable } from '../imports/read-table.ts';

/** A cell as the roster reader wants it: text (a date cell as d/m/yyyy, as people write it). */
function text(c: Cell): string {
  if (c === null) return '';
  if (c instanceof Date) return `${c.getUTCDate()}/${c.getUTCMonth() + 1}/${c.getUTCFullYear()}`;
  return String(c);
}

async function readRoster(file: string) {
  const fh = await fs.promises.open(file, 'r');
  const head = Buffer.alloc(8192);
  const { bytesRead } = await fh.read(head, 0, head.length, 0);
  await fh.close();
  const kind = sniffTable(head.subarray(0, bytesRead));
  const rows: { row: number; cells: string[] }[] = [];
  for await (const r of readTable(file, kind)) rows.push({ row: r.row, cells: r.cells.map(text) });
  return parseSupportRoster(rows);
}

/** One person across teams: the same loose spelling and the same chức vụ. */
const personKey = (p: { fullName: string; position: string | null }) =>
  `${fold(p.fullName).replace(/[^a-z ]/g, '')}|${fold(p.position ?? '')}`;

/**
 * Reads a roster laid out like the annex of seed 003. A dry run answers what was read (to correct in
 * the preview); otherwise the campaign's teams are replaced by what was read, all in one transaction.
 */
export async function importRoster(
  deps: Deps,
  actor: Actor,
  file: string,
  opts: { dryRun: boolean; campaignId?: string },
) {
  const { teams, warnings } = await readRoster(file);
  if (!teams.length) {
    throw badRequest(
      'Không thấy tổ công tác nào trong tệp: cần các mục I, II… và cột "Họ và tên".',
      'roster_empty',
    );
  }
  const out = {
    teams: teams.map(present),
    warnings: warnings.map((w) => ({ kind: w.kind, message: w.message, rows: w.rows })),
  };
  if (opts.dryRun) return out;
  if (!opts.campaignId)
    throw badRequest('Cần chọn kế hoạch hỗ trợ (campaignId) để lưu danh sách tổ công tác.');
  const db = deps.database.db;
  const [c] = await db
    .select({ campaign: campaigns, path: orgUnits.path })
    .from(campaigns)
    .innerJoin(orgUnits, eq(orgUnits.id, campaigns.orgId))
    .where(eq(campaigns.id, opts.campaignId));
  if (!c) throw notFound('Không tìm thấy kế hoạch hỗ trợ.');
  if (!can(actor, 'rollout.manage', { orgPath: c.path }))
    throw forbidden('Bạn không có quyền sửa kế hoạch này.');
  const units = await db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(sql`${orgUnits.path} <@ ${c.path}::ltree`);
  const matchUnits = (areas: string[]) =>
    units
      .filter((u) =>
        areas.some((a) => fold(a).includes(fold(u.name).replace(/^(chi bo|dang bo|dang uy)\s+/, ''))),
      )
      .map((u) => u.id);
  await db.transaction(async (tx) => {
    const old = await tx
      .select({ id: supportTeams.id })
      .from(supportTeams)
      .where(eq(supportTeams.campaignId, c.campaign.id));
    if (old.length) {
      const ids = old.map((t) => t.id);
      await tx.delete(supportTeamMembers).where(inArray(supportTeamMembers.teamId, ids));
      await tx.delete(supportSessions).where(inArray(supportSessions.teamId, ids));
      await tx.delete(supportTeams).where(inArray(supportTeams.id, ids));
    }
    for (const [position, t] of teams.entries()) {
      const [team] = await tx
        .insert(supportTeams)
        .values({
          campaignId: c.campaign.id,
          name: t.name,
          position,
          areas: t.areas,
          areaOrgIds: matchUnits(t.areas),
        })
        .returning();
      if (t.members.length) {
        await tx.insert(supportTeamMembers).values(
          t.members.map((m) => ({
            teamId: team!.id,
            fullName: m.fullName,
            position: m.position,
            teamRole: m.teamRole,
            personKey: personKey(m),
            row: m.row,
          })),
        );
      }
      if (t.sessions.length) {
        await tx.insert(supportSessions).values(
          t.sessions.map((s) => ({
            teamId: team!.id,
            date: s.date,
            startTime: s.startTime,
            endTime: s.endTime,
            place: s.place,
          })),
        );
      }
    }
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: 'campaign.roster.import',
      entity: 'campaign',
      entityId: c.campaign.id,
      orgPath: c.path,
      after: { teams: teams.length, people: teams.reduce((n, t) => n + t.members.length, 0) },
    });
  });
  return { ...out, saved: { campaignId: c.campaign.id, teams: teams.length } };
}

function present(t: RosterTeam) {
  return {
    name: t.name,
    members: t.members.map((m) => ({
      fullName: m.fullName,
      position: m.position,
      teamRole: m.teamRole,
      row: m.row,
    })),
    sessions: t.sessions,
    areas: t.areas,
  };
}
