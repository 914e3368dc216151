import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import './dialog.css';
import { ErrorAlert } from './ErrorAlert.tsx';

/**
 * A question before a step that is hard to undo (reject, lock, remove a second factor), in words a person
 * reads, with large buttons — instead of the browser's own confirm box. `children` may hold a reason field;
 * `onConfirm` runs on submit. The first field (or Cancel) has the focus, so Enter alone never confirms by accident.
 */
export function ActionDialog({
  open,
  title,
  text,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onClose,
  busy,
  error,
  children,
}: {
  open: boolean;
  title: string;
  text?: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  busy?: boolean;
  error?: unknown;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  function submit(e: FormEvent) {
    e.preventDefault();
    onConfirm();
  }
  return (
    <dialog ref={ref} className="sotay-dialog" aria-labelledby={titleId} onClose={onClose}>
      {open && (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Title order={2} id={titleId}>
              {title}
            </Title>
            {text && <Text>{text}</Text>}
            {children}
            <ErrorAlert error={error} />
            <Group gap="sm" justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {cancelLabel}
              </Button>
              <Button type="submit" loading={busy}>
                {confirmLabel}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </dialog>
  );
}
