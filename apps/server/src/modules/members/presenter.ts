import { type MemberStatus, maskCccd } from '@sotay/core';
import type { MemberWithOrg } from './repo.ts';
import type { MemberOut } from './schemas.ts';

/**
 * What a viewer sees of a member. `personal` (DESIGN §4: the member, their chi ủy, cấp ủy/văn phòng/admin
 * above) opens birth date, phone and e-mail; `fullCccd` additionally the unmasked CCCD — the caller audits it.
 */
export function presentMember(
  m: MemberWithOrg,
  { personal, fullCccd }: { personal: boolean; fullCccd: boolean },
): MemberOut {
  return {
    id: m.id,
    fullName: m.fullName,
    orgId: m.orgId,
    orgName: m.orgName,
    status: m.status as MemberStatus,
    gender: m.gender,
    ethnicity: m.ethnicity,
    hometown: m.hometown,
    partyCardNumber: m.partyCardNumber,
    cccd: fullCccd && personal ? m.cccd : maskCccd(m.cccd),
    cccdMasked: !(fullCccd && personal) && m.cccd != null,
    birthDate: personal ? m.birthDate : null,
    phone: personal ? m.phone : null,
    email: personal ? m.email : null,
    joinedOn: m.joinedOn,
    officialOn: m.officialOn,
    education: m.education,
    position: m.position,
    vneidLevel: m.vneidLevel,
    hasSmartphone: m.hasSmartphone,
    deviceSetAt: m.deviceSetAt?.toISOString() ?? null,
    profileConfirmedAt: m.profileConfirmedAt?.toISOString() ?? null,
  };
}
