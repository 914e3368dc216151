import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './client.ts';

/** Session problems found by any request send the person back to the right gate (login, new password, TOTP). */
function onApiError(error: unknown) {
  if (!isApiError(error)) return;
  if (
    error.status === 401 ||
    error.code === 'password_change_required' ||
    error.code === 'totp_enrollment_required'
  ) {
    void queryClient.invalidateQueries({ queryKey: ['me'] });
  }
}

export const queryClient = new QueryClient({
  // the `me` query is the gate itself: its own 401 must not ask for itself again
  queryCache: new QueryCache({ onError: (error, query) => query.queryKey[0] !== 'me' && onApiError(error) }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // only a lost connection is worth retrying; the server's own answers are final
      retry: (count, error) => isApiError(error, 'network') && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});
