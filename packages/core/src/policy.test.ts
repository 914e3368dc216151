import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  can,
  canAssignRole,
  isAncestorOrSelf,
  mayEver,
  needsSecondFactor,
  type Role,
  scopePaths,
} from './policy.ts';

const ROOT = 'r';
const CB_A = 'r.a';
const CB_B = 'r.b';
const actor = (roles: { role: Role; orgPath: string }[], memberId: string | null = null): Actor => ({
  userId: 'u',
  memberId,
  roles,
});

describe('isAncestorOrSelf', () => {
  it('compares whole labels, not string prefixes', () => {
    expect(isAncestorOrSelf('r.a', 'r.a.x')).toBe(true);
    expect(isAncestorOrSelf('r.a', 'r.a')).toBe(true);
    expect(isAncestorOrSelf('r.a', 'r.ab')).toBe(false);
    expect(isAncestorOrSelf('r.a.x', 'r.a')).toBe(false);
  });
});

describe('can', () => {
  const chiUyA = actor([{ role: 'chi_uy', orgPath: CB_A }]);
  it('a chi ủy acts on members of their own chi bộ only', () => {
    expect(can(chiUyA, 'member.write', { orgPath: CB_A })).toBe(true);
    expect(can(chiUyA, 'member.write', { orgPath: CB_B })).toBe(false);
    expect(can(chiUyA, 'member.list', { orgPath: ROOT })).toBe(false);
    expect(can(chiUyA, 'member.personal', { orgPath: CB_B, memberId: 'm' })).toBe(false);
  });
  it('a member sees their own record and personal data, nobody else’s', () => {
    const m = actor([{ role: 'member', orgPath: CB_A }], 'me');
    expect(can(m, 'member.read', { orgPath: CB_A, memberId: 'me' })).toBe(true);
    expect(can(m, 'member.personal', { orgPath: CB_A, memberId: 'me' })).toBe(true);
    expect(can(m, 'member.read', { orgPath: CB_A, memberId: 'other' })).toBe(false);
    expect(can(m, 'member.list', { orgPath: CB_A })).toBe(false);
  });
  it('a cấp ủy manages units strictly below, an admin also their own unit', () => {
    const capUy = actor([{ role: 'cap_uy', orgPath: ROOT }]);
    const admin = actor([{ role: 'admin', orgPath: ROOT }]);
    expect(can(capUy, 'org.manage', { orgPath: CB_A })).toBe(true);
    expect(can(capUy, 'org.manage', { orgPath: ROOT })).toBe(false);
    expect(can(admin, 'org.manage', { orgPath: ROOT })).toBe(true);
    expect(can(chiUyA, 'org.manage', { orgPath: CB_A })).toBe(false);
  });
  it('only cấp ủy, văn phòng and admin may create units by import', () => {
    expect(can(chiUyA, 'org.createByImport', { orgPath: CB_A })).toBe(false);
    expect(can(actor([{ role: 'van_phong', orgPath: ROOT }]), 'org.createByImport', { orgPath: ROOT })).toBe(
      true,
    );
  });
  it('grants nothing outside the subtree of any role (property)', () => {
    const label = fc.stringMatching(/^[a-z]{1,3}$/);
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 4 }),
        fc.array(label, { minLength: 1, maxLength: 4 }),
        (p, q) => {
          const held = p.join('.');
          const target = q.join('.');
          const a = actor([{ role: 'admin', orgPath: held }]);
          return can(a, 'member.write', { orgPath: target }) === isAncestorOrSelf(held, target);
        },
      ),
    );
  });
});

describe('scopes and gates', () => {
  it('scopePaths drops paths covered by an ancestor', () => {
    const a = actor([
      { role: 'chi_uy', orgPath: CB_A },
      { role: 'cap_uy', orgPath: ROOT },
      { role: 'member', orgPath: CB_B },
    ]);
    expect(scopePaths(a, 'member.list')).toEqual([ROOT]);
  });
  it('mayEver is the route-level gate', () => {
    expect(mayEver(actor([{ role: 'member', orgPath: CB_A }]), 'member.list')).toBe(false);
    expect(mayEver(actor([{ role: 'chi_uy', orgPath: CB_A }]), 'member.list')).toBe(true);
    expect(mayEver(actor([{ role: 'chi_uy', orgPath: CB_A }]), 'org.manage')).toBe(false);
  });
  it('role assignment: admin anything, cấp ủy no admin, chi ủy nothing', () => {
    expect(canAssignRole(actor([{ role: 'admin', orgPath: ROOT }]), 'admin', CB_A)).toBe(true);
    expect(canAssignRole(actor([{ role: 'cap_uy', orgPath: ROOT }]), 'chi_uy', CB_A)).toBe(true);
    expect(canAssignRole(actor([{ role: 'cap_uy', orgPath: ROOT }]), 'admin', CB_A)).toBe(false);
    expect(canAssignRole(actor([{ role: 'chi_uy', orgPath: CB_A }]), 'member', CB_A)).toBe(false);
    expect(canAssignRole(actor([{ role: 'cap_uy', orgPath: CB_A }]), 'chi_uy', CB_B)).toBe(false);
  });
  it('committee roles need a second factor, plain members do not', () => {
    expect(needsSecondFactor([{ role: 'member', orgPath: CB_A }])).toBe(false);
    expect(needsSecondFactor([{ role: 'chi_uy', orgPath: CB_A }])).toBe(true);
  });
});
