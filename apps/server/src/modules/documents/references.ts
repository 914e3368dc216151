import { isAncestorOrSelf } from '@sotay/core';
import { documentReferences, type Executor } from '@sotay/db';
import { eq, sql } from 'drizzle-orm';
import { rows } from './repo.ts';
import { searchTokens } from './search-text.ts';

/** Issuers whose numbers are unique nationally: a number of theirs names one document. */
const CENTRAL = new Set(['TW', 'VPTW', 'BTCTW', 'BTGDVTW', 'BTGTW', 'UBKTTW', 'BDVTW', 'BKTTW', 'BNCTW']);

/** Words every Party body's name has; what is left ("hoa mau", "gia lai") tells bodies apart. */
const GENERIC = new Set(
  'ban chap hanh thuong vu dang uy bo chi tinh thanh huyen quan thi xa phuong tran khoi co so truc thuoc van phong to chuc tuyen giao dan van kiem tra trung uong tw tu du cua ve'.split(
    ' ',
  ),
);

export function placeTokens(name: string | null | undefined): string[] {
  return name ? searchTokens(name).filter((t) => !GENERIC.has(t) && !/^\d+$/.test(t)) : [];
}

export interface Candidate {
  id: string;
  orgPath: string;
  issuedOn: string | null;
  issuingBody: string | null;
}

export interface Cited {
  issuer: string;
  issuedOn: string | null;
  issuingOrg: string | null;
}

/**
 * Which library document a cited number means. The same number recurs across đảng ủy and terms, so
 * candidates are narrowed by the cited date, then by the place named in the citing context, then
 * (for local issuers) by sitting in the citing document's own branch of the tree. Anything but
 * exactly one survivor stays unresolved, with the survivors (or all candidates) as suggestions.
 */
export function chooseTarget(
  candidates: Candidate[],
  cited: Cited,
  citingOrgPath: string,
): { targetId: string | null; candidateIds: string[] } {
  let left = candidates;
  if (cited.issuedOn) left = left.filter((c) => !c.issuedOn || c.issuedOn === cited.issuedOn);
  const place = placeTokens(cited.issuingOrg);
  if (place.length) {
    left = left.filter((c) => {
      const own = placeTokens(c.issuingBody);
      return !own.length || own.every((t) => place.includes(t));
    });
  }
  const related = (c: Candidate) =>
    isAncestorOrSelf(c.orgPath, citingOrgPath) || isAncestorOrSelf(citingOrgPath, c.orgPath);
  if (left.length > 1 && !CENTRAL.has(cited.issuer) && left.some(related)) left = left.filter(related);
  const only = left.length === 1 ? left[0]! : null;
  // one candidate left is taken only when something ties it to the citation: a central issuer (numbers
  // unique nationally), the same date, the same place, or the citing document's own branch of the tree
  const confirmed =
    only &&
    (CENTRAL.has(cited.issuer) ||
      (cited.issuedOn !== null && only.issuedOn === cited.issuedOn) ||
      (place.length > 0 && placeTokens(only.issuingBody).length > 0) ||
      related(only));
  if (only && confirmed) return { targetId: only.id, candidateIds: [] };
  return { targetId: null, candidateIds: (left.length ? left : candidates).map((c) => c.id) };
}

async function candidatesFor(db: Executor, keys: string[]) {
  if (!keys.length) return new Map<string, Candidate[]>();
  const found = await rows<Candidate & { numberKey: string }>(
    db,
    sql`select d.id, d.number_key as "numberKey", o.path::text as "orgPath", d.issued_on::text as "issuedOn",
        d.issuing_body as "issuingBody"
      from documents d join org_units o on o.id = d.org_id
      where d.number_key in (${sql.join(
        keys.map((k) => sql`${k}`),
        sql`, `,
      )}) and d.status in ('draft', 'published', 'replaced')`,
  );
  const byKey = new Map<string, Candidate[]>();
  for (const c of found) byKey.set(c.numberKey, [...(byKey.get(c.numberKey) ?? []), c]);
  return byKey;
}

/**
 * Re-resolves every stored reference to the given number keys (after a document with such a number
 * was added, renumbered, withdrawn or replaced): references once unresolved resolve by themselves.
 */
export async function resolveReferences(db: Executor, keys: string[]): Promise<void> {
  const unique = [...new Set(keys)];
  if (!unique.length) return;
  const refs = await rows<{
    id: string;
    numberKey: string;
    issuer: string;
    citedIssuedOn: string | null;
    citedIssuingOrg: string | null;
    documentId: string;
    citingOrgPath: string;
  }>(
    db,
    sql`select r.id, r.number_key as "numberKey", split_part(r.number, '/', 2) as issuer,
        r.cited_issued_on::text as "citedIssuedOn", r.cited_issuing_org as "citedIssuingOrg",
        r.document_id as "documentId", o.path::text as "citingOrgPath"
      from document_references r join documents d on d.id = r.document_id join org_units o on o.id = d.org_id
      where r.number_key in (${sql.join(
        unique.map((k) => sql`${k}`),
        sql`, `,
      )})`,
  );
  const byKey = await candidatesFor(db, unique);
  for (const r of refs) {
    const candidates = (byKey.get(r.numberKey) ?? []).filter((c) => c.id !== r.documentId);
    const { targetId, candidateIds } = chooseTarget(
      candidates,
      { issuer: r.issuer, issuedOn: r.citedIssuedOn, issuingOrg: r.citedIssuingOrg },
      r.citingOrgPath,
    );
    await db
      .update(documentReferences)
      .set({ targetId, candidateIds })
      .where(eq(documentReferences.id, r.id));
  }
}

export interface NewReference {
  number: string;
  numberKey: string;
  typeName: string | null;
  citedIssuedOn: string | null;
  citedIssuingOrg: string | null;
}

/** Replaces a document's references with the given ones (one per cited number) and resolves them. */
export async function saveReferences(db: Executor, documentId: string, refs: NewReference[]): Promise<void> {
  await db.delete(documentReferences).where(eq(documentReferences.documentId, documentId));
  if (refs.length) {
    await db.insert(documentReferences).values(refs.map((r, position) => ({ ...r, documentId, position })));
  }
  await resolveReferences(
    db,
    refs.map((r) => r.numberKey),
  );
}
