import type { ReactNode } from 'react';
import type { Me } from '../api/types.ts';
import { useMe } from '../auth/session.ts';
import { Forbidden } from '../layout/RootLayout.tsx';

/** The server decides; this only spares people a screen of errors when a role is missing. */
export function RequireRole({ allow, children }: { allow: (me: Me) => boolean; children: ReactNode }) {
  const me = useMe();
  return allow(me) ? children : <Forbidden />;
}
