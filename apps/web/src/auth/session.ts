import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api, data, isApiError, setCsrfToken } from '../api/client.ts';
import type { Me, Role } from '../api/types.ts';
import { clearSavedDocuments } from '../documents/offline.ts';
import { clearSavedMeetings } from '../meetings/outbox.ts';
import { rememberSession } from './session-hint.ts';

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async () => {
    try {
      const me = await data(api.GET('/api/me'));
      setCsrfToken(me.csrfToken);
      rememberSession(true);
      return me;
    } catch (e) {
      if (isApiError(e) && e.status === 401) rememberSession(false);
      throw e;
    }
  },
  staleTime: 5 * 60_000,
});

/** The signed-in account; only used below the login gate, where it is always loaded. */
export function useMe(): Me {
  const { data: me } = useQuery(meQuery);
  if (!me) throw new Error('useMe() outside the signed-in area');
  return me;
}

export const hasRole = (me: Me, ...roles: Role[]) => me.roles.some((r) => roles.includes(r.role));
export const isCommittee = (me: Me) => hasRole(me, 'chi_uy', 'cap_uy', 'van_phong', 'admin');
export const canManageRoles = (me: Me) => hasRole(me, 'cap_uy', 'admin');
export const canReadAudit = (me: Me) => hasRole(me, 'admin');
/** DESIGN §4: every role above `member` needs an enrolled second factor before it can be used. */
export const needsTotpEnrollment = (me: Me) => !me.user.totpEnabled && isCommittee(me);

/**
 * A shared phone must not go on showing the last person's notices: signing out ends this device's web
 * push too (the server forgets it; offline, the push service soon reports it gone).
 */
async function forgetPushSubscription(): Promise<void> {
  const reg = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  const sub = await reg?.pushManager?.getSubscription().catch(() => null);
  if (!sub) return;
  await api.DELETE('/api/me/push-subscriptions', { body: { endpoint: sub.endpoint } }).catch(() => undefined);
  await sub.unsubscribe().catch(() => false);
}

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    await forgetPushSubscription();
    await api.POST('/api/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    await clearSavedDocuments();
    await clearSavedMeetings();
    await navigate({ to: '/', replace: true });
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    await queryClient.resetQueries({ queryKey: ['me'] });
  };
}
