import type { paths } from './schema.gen.ts';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;
type Created<Op> = Op extends { responses: { 201: infer R } } ? Json<R> : never;

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
export type Registration = Ok<paths['/api/registrations']['get']>['items'][number];
export type Correction = Ok<paths['/api/corrections']['get']>['items'][number];
export type CorrectionChanges = Correction['changes'];
export type CorrectionRequest = NonNullable<
  paths['/api/me/corrections']['post']['requestBody']
>['content']['application/json'];
export type AccountInfo = Ok<paths['/api/members/{id}/account']['get']>;
export type AccountState = 'none' | 'pending' | 'active' | 'locked' | 'rejected' | 'disabled';
export type AccountSlip = Created<paths['/api/members/{id}/account']['post']>['slip'];
export type ResetCode = Created<paths['/api/members/{id}/reset-code']['post']>;
export type DeviceInfo = Ok<paths['/api/members/{id}/device']['get']>;
export type SessionList = Ok<paths['/api/me/sessions']['get']>;
export type SessionItem = SessionList['items'][number];
export type MyStudyList = Ok<paths['/api/me/study']['get']>;
export type MyStudyItem = MyStudyList['items'][number];
export type MyStudyTopic = Ok<paths['/api/me/study/{id}']['get']>['topic'];
export type StudyAttempt = Ok<paths['/api/me/study/{id}/attempts/{attemptId}']['get']>['attempt'];
export type StudyEssay = NonNullable<MyStudyTopic['essay']>;
export type StudyTopicList = Ok<paths['/api/study/topics']['get']>;
export type StudyTopic = Ok<paths['/api/study/topics/{id}']['get']>['topic'];
export type StudyTopicInput = NonNullable<
  paths['/api/study/topics']['post']['requestBody']
>['content']['application/json'];
export type StudyCompletion = Ok<paths['/api/study/topics/{id}/completion']['get']>;
export type StudyMemberProgress = Ok<paths['/api/study/topics/{id}/members']['get']>['items'][number];
export type StudyMemberReview = Ok<paths['/api/study/topics/{id}/members/{memberId}']['get']>;
