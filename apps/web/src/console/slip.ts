import type { AccountSlip, ResetCode } from '../api/types.ts';

/**
 * What the printable slip shows. It lives only in the query cache of this tab (never stored): the one-time
 * password or reset code is shown once, and signing out clears it with every other cached answer.
 */
export type Slip = { issuedAt: string } & (
  | ({ kind: 'account' } & AccountSlip)
  | ({ kind: 'reset'; fullName: string; orgName: string; appUrl: string } & ResetCode)
);

export const slipKey = (memberId: string) => ['slip', memberId] as const;
