/**
 * The one place that says who may do what. Routes and services ask `can(actor, action, resource)`;
 * nothing else compares roles. A role is held on an org unit and applies to its whole subtree.
 */
export const ROLES = ['member', 'chi_uy', 'cap_uy', 'van_phong', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const COMMITTEE_ROLES: readonly Role[] = ['chi_uy', 'cap_uy', 'van_phong', 'admin'];

export interface RoleGrant {
  role: Role;
  /** ltree path of the unit the role is held on. */
  orgPath: string;
}

export interface Actor {
  userId: string;
  memberId: string | null;
  roles: RoleGrant[];
}

export interface Resource {
  /** ltree path of the unit the resource belongs to (a member's chi bộ, a unit itself…). */
  orgPath: string;
  /** Set when the resource is one member's record: the member may see their own. */
  memberId?: string | null;
}

type Reach = 'subtree' | 'strictlyBelow';
interface Rule {
  roles: readonly Role[];
  reach?: Reach;
  /** The member the resource describes may do this too. */
  self?: boolean;
}

const COMMITTEE = COMMITTEE_ROLES;
const RULES = {
  'org.read': { roles: ROLES },
  /** Create a child, rename, move or close a unit (for create: the new unit's path). */
  'org.manage.admin': { roles: ['admin'] },
  'org.manage.capUy': { roles: ['cap_uy'], reach: 'strictlyBelow' },
  'role.read': { roles: ['cap_uy', 'admin'] },
  'member.list': { roles: COMMITTEE },
  'member.read': { roles: COMMITTEE, self: true },
  'member.write': { roles: COMMITTEE },
  /** Full CCCD, birth date and phone. */
  'member.personal': { roles: COMMITTEE, self: true },
  'member.import': { roles: COMMITTEE },
  /** Create the chi bộ an import names when it does not exist yet. */
  'org.createByImport': { roles: ['cap_uy', 'van_phong', 'admin'] },
  /** Approve or reject self-registrations, create accounts, issue reset codes, lock and unlock. */
  'account.manage': { roles: COMMITTEE },
  /** Clear a user's second factor (lost phone). */
  'account.resetSecondFactor': { roles: ['admin'] },
  'audit.read': { roles: ['admin'] },
  /** Upload, edit, publish, withdraw and replace documents addressed to the unit (and see its drafts). */
  'document.manage': { roles: COMMITTEE },
  /** Who has read a document, per unit of its audience. */
  'document.stats': { roles: COMMITTEE },
  /** Assign study topics (chuyên đề, nghị quyết) with their question bank to a subtree. */
  'study.manage': { roles: ['cap_uy', 'van_phong', 'admin'] },
  /** See members' study completion and comment on their bài thu hoạch. */
  'study.review': { roles: COMMITTEE },
  /** Create meetings of the unit, show the check-in code, mark attendance, write and finalise the minutes. */
  'meeting.manage': { roles: COMMITTEE },
  /** Attendance statistics of the units below. */
  'meeting.stats': { roles: COMMITTEE },
  /** Send, schedule, edit and recall notices to the unit's subtree; see who has read them. */
  'notice.send': { roles: COMMITTEE },
  /** Answer, move along, close and escalate members' questions and reports addressed to the unit. */
  'feedback.handle': { roles: COMMITTEE },
  /** Keep the unit's list of people to call for help with the app. */
  'support.manage': { roles: COMMITTEE },
  /** The roll-out funnel and needs-support lists of the units below. */
  'rollout.read': { roles: COMMITTEE },
  /** Run support campaigns: teams, rosters, sessions, outcomes, attestations. */
  'rollout.manage': { roles: ['cap_uy', 'van_phong', 'admin'] },
} as const satisfies Record<string, Rule>;

type RuleName = keyof typeof RULES;
export type Action = Exclude<RuleName, 'org.manage.admin' | 'org.manage.capUy'> | 'org.manage';

export function isAncestorOrSelf(ancestor: string, path: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

function reaches(grant: RoleGrant, path: string, reach: Reach = 'subtree'): boolean {
  return reach === 'subtree'
    ? isAncestorOrSelf(grant.orgPath, path)
    : path !== grant.orgPath && isAncestorOrSelf(grant.orgPath, path);
}

function allows(actor: Actor, name: RuleName, resource: Resource): boolean {
  const rule: Rule = RULES[name];
  if (rule.self && resource.memberId && actor.memberId === resource.memberId) return true;
  return actor.roles.some((g) => rule.roles.includes(g.role) && reaches(g, resource.orgPath, rule.reach));
}

export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (action === 'org.manage') {
    return allows(actor, 'org.manage.admin', resource) || allows(actor, 'org.manage.capUy', resource);
  }
  return allows(actor, action, resource);
}

/** Whether the actor holds any role that could allow the action somewhere (the route-level gate). */
export function mayEver(actor: Actor, action: Action): boolean {
  if (action === 'org.manage') return actor.roles.some((g) => g.role === 'admin' || g.role === 'cap_uy');
  const rule: Rule = RULES[action];
  return actor.roles.some((g) => rule.roles.includes(g.role));
}

/** The unit paths under which the action is allowed: list queries filter by `path <@ any(these)`. */
export function scopePaths(actor: Actor, action: Exclude<Action, 'org.manage'>): string[] {
  const rule: Rule = RULES[action];
  const paths = actor.roles.filter((g) => rule.roles.includes(g.role)).map((g) => g.orgPath);
  // drop paths already covered by an ancestor in the list
  return [...new Set(paths)].filter((p) => !paths.some((q) => q !== p && isAncestorOrSelf(q, p)));
}

/**
 * Assigning a role on a unit: an admin may assign any role in their subtree; a cấp ủy may assign the
 * non-admin roles in theirs. Nobody else assigns roles.
 */
export function canAssignRole(actor: Actor, role: Role, orgPath: string): boolean {
  return actor.roles.some(
    (g) =>
      isAncestorOrSelf(g.orgPath, orgPath) &&
      (g.role === 'admin' || (g.role === 'cap_uy' && role !== 'admin')),
  );
}

/** Roles that must have a second factor before they can be used (DESIGN §4). */
export function needsSecondFactor(roles: readonly RoleGrant[]): boolean {
  return roles.some((g) => g.role !== 'member');
}
