import type { paths } from './schema.gen.ts';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;

/** Response shapes named for the screens, all derived from the generated OpenAPI types. */
export type Me = Ok<paths['/api/me']['get']>;
export type Member = NonNullable<Me['member']>;
export type MemberList = Ok<paths['/api/members']['get']>;
export type MemberHistory = Ok<paths['/api/members/{id}/history']['get']>;
export type OrgTree = Ok<paths['/api/orgs/tree']['get']>;
export type OrgNode = OrgTree['items'][number];
export type RoleList = Ok<paths['/api/roles']['get']>;
export type RoleAssignment = RoleList['items'][number];
export type AuditPage = Ok<paths['/api/audit']['get']>;
export type AuditEntry = AuditPage['items'][number];
export type ImportResult = Ok<paths['/api/imports/members']['post']>;
export type ImportProgress = Ok<paths['/api/imports/progress/{progressId}']['get']>;
export type Role = Me['roles'][number]['role'];
export type MemberStatus = Member['status'];
