import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { IconCheck } from './icons.tsx';

/** A done message: dark green with a tick, so it never looks like an error (which is red with a "!"). */
export function SuccessAlert({ title, children }: { title?: string; children?: ReactNode }) {
  return (
    <Alert variant="outline" color="var(--sotay-success)" icon={<IconCheck />} title={title} role="status">
      {children}
    </Alert>
  );
}
