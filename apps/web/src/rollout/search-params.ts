/** `?orgId=`: the unit shown by the roll-out screens, kept in the address so Back and a reload keep it. */
export interface RolloutSearch {
  orgId?: string;
}

export function validateRolloutSearch(s: Record<string, unknown>): RolloutSearch {
  return { orgId: typeof s.orgId === 'string' && /^[0-9a-f-]{36}$/i.test(s.orgId) ? s.orgId : undefined };
}
