import { useQueries, useQuery } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';
import type { Member, RoleAssignment } from '../api/types.ts';

export const rolesQuery = { queryKey: ['roles'], queryFn: () => data(api.GET('/api/roles')) };

export interface Account {
  userId: string;
  username: string;
  assignments: RoleAssignment[];
}

/** Accounts in scope, as the role list shows them (every account holds at least `member` somewhere). */
export function accountsOf(items: RoleAssignment[]): Map<string, Account> {
  const map = new Map<string, Account>();
  for (const a of items) {
    const acc = map.get(a.userId) ?? { userId: a.userId, username: a.username, assignments: [] };
    acc.assignments.push(a);
    map.set(a.userId, acc);
  }
  return map;
}

/** The account a member signs in with: usernames are their phone or số thẻ. */
export function accountOfMember(accounts: Iterable<Account>, m: Member): Account | null {
  const ids = [m.phone, m.partyCardNumber].filter(Boolean);
  for (const a of accounts) if (ids.includes(a.username)) return a;
  return null;
}

/** Names for usernames (phone / số thẻ), looked up in the member search, which matches both. */
export function useNamesOf(usernames: string[]): Map<string, string> {
  const results = useQueries({
    queries: usernames.map((u) => ({
      queryKey: ['member-by-username', u],
      queryFn: () => data(api.GET('/api/members', { params: { query: { q: u, pageSize: 2 } } })),
      enabled: /^\d{6,12}$/.test(u),
      staleTime: 5 * 60_000,
    })),
  });
  const names = new Map<string, string>();
  usernames.forEach((u, i) => {
    const items = results[i]?.data?.items;
    if (items?.length === 1 && items[0]) names.set(u, items[0].fullName);
  });
  return names;
}

export function useRoles() {
  return useQuery(rolesQuery);
}
