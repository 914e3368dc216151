import crypto from 'node:crypto';
import { isoDate, type MemberStatus } from '@sotay/core';
import {
  type Database,
  memberOrgHistory,
  memberStatusHistory,
  members,
  roleAssignments,
  users,
} from '@sotay/db';
import { hashPassword } from '../lib/password.ts';
import { readablePassword } from '../lib/tokens.ts';
import { newTotpSecret } from '../lib/totp.ts';
import { appendAudit } from '../modules/audit/repo.ts';
import { nameSort, searchText } from '../modules/members/search-text.ts';
import { insertOrg, type OrgRow, pathLabel } from '../modules/orgs/repo.ts';
import { CHI_BO_NAMES, EDUCATION, HOMETOWNS, PEOPLES } from './names.ts';
import { seedStudy } from './study.ts';

export interface DemoAccount {
  role: string;
  username: string;
  password: string;
  totpSecret: string | null;
  who: string;
}

/** A small deterministic PRNG, so every demo commune has the same people (passwords stay random). */
function prng(seed: number) {
  let s = seed | 0;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(a: readonly T[]): T => a[Math.floor(next() * a.length)]!;
  return { next, int, pick };
}

type NewMember = typeof members.$inferInsert;

function demoMembers(chiBo: OrgRow[], today: Date): NewMember[] {
  const r = prng(20260501);
  const year = today.getUTCFullYear();
  const out: NewMember[] = [];
  const usedCards = new Set<string>();
  let serial = 0;
  for (const unit of chiBo) {
    const n = r.int(24, 36);
    for (let i = 0; i < n; i++) {
      const roll = r.next();
      const people =
        PEOPLES.find((_, k) => roll < PEOPLES.slice(0, k + 1).reduce((a, p) => a + p.share, 0)) ?? PEOPLES[0];
      const female = r.next() < 0.38;
      const fullName = [
        r.pick(people.sur),
        r.pick(female ? people.midF : people.midM),
        r.pick(female ? people.givF : people.givM),
      ].join(' ');
      // ages skewed old: many members joined decades ago
      const age = Math.min(92, Math.max(20, Math.round(r.next() < 0.55 ? r.int(55, 88) : r.int(22, 60))));
      const birthYear = year - age;
      const birthDate = isoDate(birthYear, r.int(1, 12), r.int(1, 28));
      const joinYear = Math.min(year - 1, birthYear + r.int(19, Math.max(20, Math.min(45, age - 1))));
      const probation = joinYear >= year - 1 && r.next() < 0.8;
      let status: MemberStatus = probation ? 'du_bi' : 'chinh_thuc';
      const s = r.next();
      if (!probation && age >= 75 && s < 0.35) status = 'mien_sinh_hoat';
      else if (s > 0.985) status = 'chuyen_di';
      else if (s > 0.975 && age > 70) status = 'tu_tran';
      else if (s > 0.97) status = 'xoa_ten';
      const joinedOn = isoDate(joinYear, r.int(1, 12), r.int(1, 28));
      let card: string | null = null;
      if (status !== 'du_bi') {
        do card = String(r.int(10_000_000, 99_999_999));
        while (usedCards.has(card));
        usedCards.add(card);
      }
      serial++;
      const cccd = `0${String(r.int(1, 96)).padStart(2, '0')}${female ? (birthYear >= 2000 ? 3 : 1) : birthYear >= 2000 ? 2 : 0}${String(birthYear % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
      const hasPhone = age < 80 || r.next() < 0.3;
      const phone = hasPhone
        ? `0${r.pick(['9', '8', '3', '7'])}${String(r.int(10_000_000, 99_999_999))}`
        : null;
      const m: NewMember = {
        orgId: unit.id,
        fullName,
        birthDate,
        gender: female ? 'nu' : 'nam',
        ethnicity: people.ethnicity,
        hometown: r.pick(HOMETOWNS),
        cccd,
        partyCardNumber: card,
        joinedOn,
        officialOn: probation ? null : isoDate(joinYear + 1, r.int(1, 12), r.int(1, 28)),
        phone,
        education: r.pick(EDUCATION),
        position: null,
        status,
        vneidLevel: age > 75 ? r.pick([0, 0, 1, 2]) : r.pick([0, 1, 2, 2, 2]),
        hasSmartphone: age > 78 ? r.next() < 0.3 : r.next() < 0.9,
        searchText: '',
        nameSort: '',
      };
      m.searchText = searchText(m);
      m.nameSort = nameSort(fullName);
      out.push(m);
    }
  }
  return out;
}

/** Loads the fictional commune: ~20 chi bộ, ~600 members, and one account per kind of user. */
export async function seedDemo(database: Database, root: OrgRow, now = new Date()): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  await database.db.transaction(async (tx) => {
    const chiBo: OrgRow[] = [];
    for (const name of CHI_BO_NAMES) {
      const id = crypto.randomUUID();
      chiBo.push(
        await insertOrg(
          tx,
          { id, parentId: root.id, path: `${root.path}.${pathLabel(id)}`, kind: 'chi_bo', name },
          null,
        ),
      );
    }
    const rows = demoMembers(chiBo, now);
    const inserted = [];
    for (let i = 0; i < rows.length; i += 500) {
      inserted.push(
        ...(await tx
          .insert(members)
          .values(rows.slice(i, i + 500))
          .returning()),
      );
    }
    await tx
      .insert(memberStatusHistory)
      .values(inserted.map((m) => ({ memberId: m.id, status: m.status, reason: 'Dữ liệu mẫu', at: now })));
    await tx
      .insert(memberOrgHistory)
      .values(inserted.map((m) => ({ memberId: m.id, orgId: m.orgId, validFrom: now })));

    const active = inserted.filter((m) => m.status === 'chinh_thuc' && m.phone && m.partyCardNumber);
    const pickIn = (orgId: string, skip: string[] = []) =>
      active.find((m) => m.orgId === orgId && !skip.includes(m.id))!;
    const firstChiBo = chiBo[0]!;
    const biThu = pickIn(firstChiBo.id);
    const member = pickIn(firstChiBo.id, [biThu.id]);
    const capUy = pickIn(chiBo[chiBo.length - 1]!.id);
    const plan: { role: 'member' | 'chi_uy' | 'cap_uy'; m: typeof biThu; org: OrgRow; label: string }[] = [
      { role: 'member', m: member, org: firstChiBo, label: `Đảng viên, ${firstChiBo.name}` },
      { role: 'chi_uy', m: biThu, org: firstChiBo, label: `Bí thư ${firstChiBo.name}` },
      { role: 'cap_uy', m: capUy, org: root, label: `Ủy viên Ban Thường vụ ${root.name}` },
    ];
    const userIds: Partial<Record<(typeof plan)[number]['role'], string>> = {};
    for (const p of plan) {
      const password = readablePassword();
      const totpSecret = p.role === 'member' ? null : newTotpSecret();
      const [u] = await tx
        .insert(users)
        .values({
          username: p.m.phone!,
          memberId: p.m.id,
          passwordHash: await hashPassword(password),
          state: 'active',
          totpSecret,
          totpEnabledAt: totpSecret ? now : null,
        })
        .returning();
      await tx.insert(roleAssignments).values({ userId: u!.id, role: 'member', orgId: p.m.orgId });
      userIds[p.role] = u!.id;
      if (p.role !== 'member')
        await tx.insert(roleAssignments).values({ userId: u!.id, role: p.role, orgId: p.org.id });
      accounts.push({
        role: p.role,
        username: p.m.phone!,
        password,
        totpSecret,
        who: `${p.m.fullName} — ${p.label}`,
      });
    }
    await seedStudy(tx, {
      root,
      chiBo,
      active,
      accounts: {
        biThu: { userId: userIds.chi_uy!, memberId: biThu.id },
        capUy: { userId: userIds.cap_uy!, memberId: capUy.id },
      },
      skipMemberIds: [member.id],
      now,
    });
    await appendAudit(
      tx,
      {
        actorUserId: null,
        action: 'demo.seed',
        entity: 'org_unit',
        entityId: root.id,
        orgPath: root.path,
        after: { chiBo: chiBo.length, members: inserted.length },
      },
      now,
    );
  });
  return accounts;
}
