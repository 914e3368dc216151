import crypto from 'node:crypto';
import fs from 'node:fs';
import { type Actor, can } from '@sotay/core';
import type { members } from '@sotay/db';
import type { Deps } from '../../deps.ts';
import { AppError, forbidden } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import { nameSort, searchText } from '../members/search-text.ts';
import { findOrg, insertOrg, pathLabel, subtree } from '../orgs/repo.ts';
import { ChiBoResolver, type ChiBoTarget } from './chi-bo-resolver.ts';
import {
  BULK_BATCH,
  type ImportedColumn,
  type ImportedValues,
  insertMembers,
  type MemberChange,
  updateMembers,
} from './member-bulk.ts';
import { type MemberColumn, mapHeader } from './member-columns.ts';
import { COMPARED_FIELDS, type ExistingMember, existingByNumbers } from './member-match.ts';
import { type ImportedMember, parseMemberRow, type RowError } from './member-rows.ts';
import { readTable, sniffTable } from './read-table.ts';

export const MAX_ROWS = 200_000;
const HEADER_SEARCH_ROWS = 20;

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
}

interface Options {
  file: string;
  fileName: string;
  orgId: string;
  dryRun: boolean;
  progressId?: string | undefined;
}

type Planned = { row: ImportedMember; target: ChiBoTarget & { kind: 'existing' | 'new' } };
type Update = {
  existing: ExistingMember;
  patch: Partial<typeof members.$inferInsert>;
  orgTarget: ChiBoTarget | null;
};

async function readRows(file: string, report: (n: number) => void) {
  const head = Buffer.alloc(8192);
  const fd = fs.openSync(file, 'r');
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const kind = sniffTable(head.subarray(0, n));
  let columns: Map<MemberColumn, number> | null = null;
  const rows: ImportedMember[] = [];
  const errors: RowError[] = [];
  for await (const r of readTable(file, kind)) {
    if (!columns) {
      columns = mapHeader(r.cells);
      if (!columns && r.row >= HEADER_SEARCH_ROWS) break;
      continue;
    }
    const parsed = parseMemberRow(r.row, r.cells, columns);
    if (parsed === null) continue;
    if (Array.isArray(parsed)) errors.push(...parsed);
    else rows.push(parsed);
    if (rows.length + errors.length > MAX_ROWS) {
      throw new AppError(
        413,
        'too_many_rows',
        `Tệp có quá ${MAX_ROWS.toLocaleString('vi-VN')} dòng; hãy chia nhỏ tệp.`,
      );
    }
    if ((rows.length + errors.length) % 5000 === 0) report(rows.length + errors.length);
  }
  if (!columns) {
    throw new AppError(
      422,
      'no_header',
      'Không tìm thấy dòng tiêu đề có cột "Họ và tên" trong trang tính đầu tiên.',
    );
  }
  return { rows, errors };
}

/** Rows that repeat a số thẻ or CCCD of an earlier row are errors: one person, one row. */
function duplicateErrors(rows: ImportedMember[]): RowError[] {
  const seen = { partyCardNumber: new Map<string, number>(), cccd: new Map<string, number>() };
  const errors: RowError[] = [];
  for (const r of rows) {
    for (const [field, label] of [
      ['partyCardNumber', 'Số thẻ đảng viên'],
      ['cccd', 'Số CCCD'],
    ] as const) {
      const v = r[field];
      if (!v) continue;
      const first = seen[field].get(v);
      if (first !== undefined)
        errors.push({ row: r.row, field: label, message: `${label} ${v} trùng với dòng ${first}` });
      else seen[field].set(v, r.row);
    }
  }
  return errors;
}

function patchFor(row: ImportedMember, m: ExistingMember): Partial<typeof members.$inferInsert> {
  const patch: Record<string, unknown> = {};
  for (const f of COMPARED_FIELDS) {
    const v = row[f];
    if (v === undefined || v === null || v === '') continue;
    if ((m as Record<string, unknown>)[f] !== v) patch[f] = v;
  }
  return patch;
}

type MemberFields = Pick<typeof members.$inferInsert, (typeof COMPARED_FIELDS)[number] | 'orgId'>;

/** What the bulk writes store for a member: the fields, and the search and sort keys made from them. */
function importedValues(m: MemberFields): ImportedValues {
  return {
    orgId: m.orgId,
    fullName: m.fullName,
    searchText: searchText(m),
    nameSort: nameSort(m.fullName),
    birthDate: m.birthDate,
    gender: m.gender,
    ethnicity: m.ethnicity,
    hometown: m.hometown,
    cccd: m.cccd,
    partyCardNumber: m.partyCardNumber,
    joinedOn: m.joinedOn,
    officialOn: m.officialOn,
    phone: m.phone,
    email: m.email,
    education: m.education,
    position: m.position,
    status: m.status,
  };
}

function memberChange(u: Update, orgId: string): MemberChange {
  return {
    id: u.existing.id,
    changed: Object.keys(u.patch) as ImportedColumn[],
    next: importedValues({ ...u.existing, ...u.patch, orgId }),
    moved: orgId !== u.existing.orgId,
    statusChanged: !!u.patch.status,
  };
}

export async function importMembers(deps: Deps, actor: Actor, opts: Options): Promise<ImportResult> {
  const db = deps.database.db;
  const progress = (
    phase: 'reading' | 'checking' | 'saving' | 'done' | 'failed',
    processed: number,
    total: number | null,
  ) => {
    if (opts.progressId) deps.progress.set(actor.userId, opts.progressId, { phase, processed, total });
  };
  const org = await findOrg(db, opts.orgId);
  if (!org || org.closedAt) throw new AppError(422, 'unknown_org', 'Không tìm thấy đơn vị nhận danh sách.');
  if (!can(actor, 'member.import', { orgPath: org.path }))
    throw forbidden('Bạn không có quyền nhập đảng viên vào đơn vị này.');

  try {
    progress('reading', 0, null);
    const { rows, errors } = await readRows(opts.file, (n) => progress('reading', n, null));
    progress('checking', 0, rows.length);
    errors.push(...duplicateErrors(rows));

    const resolver = new ChiBoResolver(
      org,
      await subtree(db, org.path),
      can(actor, 'org.createByImport', { orgPath: org.path }),
    );
    const existing = await existingByNumbers(
      db,
      rows.flatMap((r) => (r.partyCardNumber ? [r.partyCardNumber] : [])),
      rows.flatMap((r) => (r.cccd ? [r.cccd] : [])),
    );
    const byCard = new Map(existing.filter((m) => m.partyCardNumber).map((m) => [m.partyCardNumber!, m]));
    const byCccd = new Map(existing.filter((m) => m.cccd).map((m) => [m.cccd!, m]));

    const inserts: Planned[] = [];
    const updates: Update[] = [];
    /** Existing member id → the row that names them: one person, one row. */
    const matchedRow = new Map<string, number>();
    let unchanged = 0;
    for (const row of rows) {
      const target = resolver.resolve(row.chiBo);
      if ('error' in target) {
        errors.push({ row: row.row, field: 'Chi bộ', message: target.error });
        continue;
      }
      const viaCard = row.partyCardNumber ? byCard.get(row.partyCardNumber) : undefined;
      const viaCccd = row.cccd ? byCccd.get(row.cccd) : undefined;
      if (viaCard && viaCccd && viaCard.id !== viaCccd.id) {
        errors.push({
          row: row.row,
          field: 'Số CCCD',
          message: `Số CCCD ${row.cccd} đã thuộc đảng viên ${viaCccd.fullName}, khác người có số thẻ ${row.partyCardNumber}`,
        });
        continue;
      }
      const m = viaCard ?? viaCccd;
      if (!m) {
        inserts.push({ row, target });
        continue;
      }
      if (!can(actor, 'member.write', { orgPath: m.orgPath })) {
        errors.push({
          row: row.row,
          field: viaCard ? 'Số thẻ đảng viên' : 'Số CCCD',
          message: 'Đảng viên này đang sinh hoạt ở đơn vị ngoài phạm vi quản lý của bạn',
        });
        continue;
      }
      if (!viaCard && row.partyCardNumber && m.partyCardNumber) {
        errors.push({
          row: row.row,
          field: 'Số thẻ đảng viên',
          message: `Số CCCD ${row.cccd} đã thuộc đảng viên có số thẻ ${m.partyCardNumber}`,
        });
        continue;
      }
      const firstRow = matchedRow.get(m.id);
      if (firstRow !== undefined) {
        errors.push({
          row: row.row,
          field: viaCard ? 'Số thẻ đảng viên' : 'Số CCCD',
          message: `Dòng ${firstRow} cũng là đảng viên ${m.fullName}; mỗi người chỉ một dòng`,
        });
        continue;
      }
      matchedRow.set(m.id, row.row);
      const patch = patchFor(row, m);
      const moves = target.kind === 'new' || target.org.id !== m.orgId;
      if (!Object.keys(patch).length && !moves) unchanged++;
      else updates.push({ existing: m, patch, orgTarget: moves ? target : null });
    }

    if (errors.length) {
      errors.sort((a, b) => a.row - b.row);
      const rowsWithErrors = new Set(errors.map((e) => e.row)).size;
      throw new AppError(
        422,
        'import_rows_invalid',
        `Có ${rowsWithErrors} dòng lỗi; chưa nhập dòng nào. Sửa các dòng được liệt kê rồi nhập lại.`,
        { created: 0, updated: 0, unchanged: 0, errors },
      );
    }
    if (!rows.length) throw new AppError(422, 'empty_file', 'Tệp không có dòng đảng viên nào.');
    const result = { created: inserts.length, updated: updates.length, unchanged, errors: [] };
    if (opts.dryRun) {
      progress('done', rows.length, rows.length);
      return result;
    }

    const now = deps.now();
    const total = inserts.length + updates.length;
    await db.transaction(async (tx) => {
      const newUnits = new Map<string, string>();
      for (const u of resolver.newUnits()) {
        const id = crypto.randomUUID();
        await insertOrg(
          tx,
          { id, parentId: org.id, path: `${org.path}.${pathLabel(id)}`, kind: 'chi_bo', name: u.name },
          actor.userId,
        );
        newUnits.set(u.key, id);
      }
      const orgIdOf = (t: ChiBoTarget) => (t.kind === 'existing' ? t.org.id : newUnits.get(t.key)!);
      const history = { actorUserId: actor.userId, at: now, reason: 'Nhập từ danh sách' };
      for (let i = 0; i < inserts.length; i += BULK_BATCH) {
        const batch = inserts.slice(i, i + BULK_BATCH);
        await insertMembers(
          tx,
          batch.map(({ row, target }) => importedValues({ ...row, orgId: orgIdOf(target) })),
          history,
        );
        progress('saving', i + batch.length, total);
      }
      for (let i = 0; i < updates.length; i += BULK_BATCH) {
        const batch = updates.slice(i, i + BULK_BATCH);
        await updateMembers(
          tx,
          batch.map((u) => memberChange(u, u.orgTarget ? orgIdOf(u.orgTarget) : u.existing.orgId)),
          history,
        );
        progress('saving', inserts.length + i + batch.length, total);
      }
      await appendAudit(
        tx,
        {
          actorUserId: actor.userId,
          action: 'member.import',
          entity: 'org_unit',
          entityId: org.id,
          orgPath: org.path,
          after: {
            fileName: opts.fileName,
            created: inserts.length,
            updated: updates.length,
            unchanged,
            createdUnits: resolver.newUnits().map((u) => u.name),
            changes: updates.map((u) => ({
              memberId: u.existing.id,
              fields: Object.keys(u.patch),
              movedTo: u.orgTarget ? orgIdOf(u.orgTarget) : undefined,
            })),
          },
        },
        now,
      );
    });
    progress('done', total, total);
    return result;
  } catch (e) {
    progress('failed', 0, null);
    throw e;
  }
}
