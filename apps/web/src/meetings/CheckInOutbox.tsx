import { lazy, Suspense } from 'react';
import { useOutbox } from './outbox.ts';

const OutboxBanner = lazy(() => import('./OutboxBanner.tsx'));

/** In the app frame: nothing (and nothing downloaded) unless a check-in made offline is waiting or was just sent. */
export function CheckInOutbox() {
  const items = useOutbox();
  if (!items.length) return null;
  return (
    <Suspense fallback={null}>
      <OutboxBanner />
    </Suspense>
  );
}
