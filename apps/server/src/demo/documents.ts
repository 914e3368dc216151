import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Actor } from '@sotay/core';
import {
  documentBookmarks,
  documentReads,
  members,
  studyTopicDocuments,
  studyTopics,
  users,
} from '@sotay/db';
import { eq, like } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { textToDocx } from '../lib/text-docx.ts';
import { publishDocument, uploadDocument } from '../modules/documents/service.ts';
import type { OrgRow } from '../modules/orgs/repo.ts';
import type { DemoAccount } from './seed.ts';

const SOURCES = new URL('./documents/', import.meta.url);

interface DemoDocument {
  key: string;
  file: string;
  /** Plain text turned into a DOCX first (the seed plans), or a PDF/DOCX used as it is. */
  fromText?: boolean;
  category: string;
  /** Addressed to the first chi bộ instead of the whole commune. */
  chiBo?: boolean;
}

/** Real plans (the two seeds), a resolution and the plan and notice that cite it, and a chi bộ notice. */
const DOCUMENTS: DemoDocument[] = [
  { key: 'nq26', file: 'nghi-quyet-26-NQ-TU.pdf', category: 'Nghị quyết' },
  { key: 'kh73', file: 'ke-hoach-73-KH-DU.pdf', category: 'Kế hoạch triển khai' },
  { key: 'tb19', file: 'thong-bao-19-TB-DU.docx', category: 'Thông báo' },
  { key: 'kh18', file: 'seed-000-ke-hoach-18-KH-DU.txt', fromText: true, category: 'Kế hoạch triển khai' },
  { key: 'kh142', file: 'seed-003-ke-hoach-142-KH-DU.txt', fromText: true, category: 'Kế hoạch triển khai' },
  { key: 'tb05', file: 'chi-bo-thong-bao.txt', fromText: true, category: 'Thông báo', chiBo: true },
];

/**
 * The demo library: each document goes through the same upload path as a committee's (text read
 * from the file, number and citations detected, links resolved), then is published. Some members
 * have read some of them, so the read statistics show something; the demo member keeps one for
 * later; the demo study topic gets its resolution.
 */
export async function seedDemoDocuments(
  deps: Pick<Deps, 'database' | 'files' | 'now'>,
  root: OrgRow,
  accounts: DemoAccount[],
): Promise<void> {
  const db = deps.database.db;
  const [admin] = await db.select().from(users).where(eq(users.username, 'admin'));
  const memberAccount = accounts.find((a) => a.role === 'member');
  const [demoMember] = memberAccount
    ? await db
        .select({ userId: users.id, orgId: members.orgId })
        .from(users)
        .innerJoin(members, eq(members.id, users.memberId))
        .where(eq(users.username, memberAccount.username))
    : [];
  if (!admin || !demoMember) return;
  const chiBo = { id: demoMember.orgId };
  const actor: Actor = { userId: admin.id, memberId: null, roles: [{ role: 'admin', orgPath: root.path }] };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sotay-demo-'));
  const ids: Record<string, string> = {};
  try {
    for (const d of DOCUMENTS) {
      const source = new URL(d.file, SOURCES);
      const file = path.join(tmp, d.fromText ? d.file.replace(/\.txt$/, '.docx') : d.file);
      fs.writeFileSync(
        file,
        d.fromText ? await textToDocx(fs.readFileSync(source, 'utf8')) : fs.readFileSync(source),
      );
      const { id } = await uploadDocument(
        deps as Deps,
        actor,
        { path: file, name: path.basename(file), size: fs.statSync(file).size },
        { category: d.category, audienceOrgId: d.chiBo ? chiBo.id : root.id },
      );
      await publishDocument(deps as Deps, actor, id);
      ids[d.key] = id;
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  // the demo chi bộ's members with an account have read the resolution and the chi bộ notice
  const readers = await db
    .select({ memberId: members.id, userId: users.id })
    .from(members)
    .innerJoin(users, eq(users.memberId, members.id))
    .where(eq(members.orgId, chiBo.id));
  const at = deps.now();
  for (const key of ['nq26', 'tb05']) {
    const values = readers.map((r) => ({
      documentId: ids[key]!,
      userId: r.userId,
      memberId: r.memberId,
      firstReadAt: at,
      lastReadAt: at,
    }));
    if (values.length) await db.insert(documentReads).values(values).onConflictDoNothing();
  }
  await db
    .insert(documentBookmarks)
    .values({ documentId: ids.kh73!, userId: demoMember.userId })
    .onConflictDoNothing();
  // the demo study topic is about this resolution: its text is now in the library
  const topics = await db
    .select({ id: studyTopics.id })
    .from(studyTopics)
    .where(like(studyTopics.title, '%26-NQ/TU%'));
  if (topics.length) {
    await db
      .insert(studyTopicDocuments)
      .values(topics.map((t) => ({ topicId: t.id, documentId: ids.nq26!, position: 0 })))
      .onConflictDoNothing();
  }
}
