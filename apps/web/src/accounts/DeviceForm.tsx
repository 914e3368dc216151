import { Button, Radio, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/accounts.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';

export interface Device {
  vneidLevel: number;
  hasSmartphone: boolean | null;
}

const LEVELS = ['0', '1', '2'] as const;

/**
 * VNeID level and "has a smartphone": declared by the member on their profile, or recorded by the chi ủy
 * on the member's record (the roll-out counts both). `save` sends only what was chosen.
 */
export function DeviceForm({
  device,
  info,
  save,
  onSaved,
}: {
  device: Device;
  info?: string;
  save: (body: { vneidLevel: number; hasSmartphone?: boolean }) => Promise<unknown>;
  onSaved?: () => Promise<void> | void;
}) {
  const { t } = useTranslation('accounts');
  const [level, setLevel] = useState(String(device.vneidLevel));
  const [phone, setPhone] = useState(
    device.hasSmartphone === null ? '' : device.hasSmartphone ? 'yes' : 'no',
  );
  const mutation = useMutation({
    mutationFn: () =>
      save({ vneidLevel: Number(level), ...(phone ? { hasSmartphone: phone === 'yes' } : {}) }),
    onSuccess: async () => {
      await onSaved?.();
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    mutation.mutate();
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {info && <Text>{info}</Text>}
        <Radio.Group
          size="lg"
          label={t('device.level')}
          description={t('device.levelHelp')}
          value={level}
          onChange={setLevel}
        >
          <Stack gap={4} mt="xs">
            {LEVELS.map((l) => (
              <Radio key={l} value={l} size="lg" label={t(`device.levels.${l}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Radio.Group size="lg" label={t('device.smartphone')} value={phone} onChange={setPhone}>
          <Stack gap={4} mt="xs">
            <Radio value="yes" size="lg" label={t('device.yes')} />
            <Radio value="no" size="lg" label={t('device.no')} />
          </Stack>
        </Radio.Group>
        <ErrorAlert error={mutation.error} />
        {mutation.isSuccess && <SuccessAlert>{t('device.saved')}</SuccessAlert>}
        <Button type="submit" loading={mutation.isPending} w="fit-content">
          {t('device.save')}
        </Button>
      </Stack>
    </form>
  );
}
