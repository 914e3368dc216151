import { Skeleton } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import '../i18n/accounts.ts';
import { DeviceForm } from '../accounts/DeviceForm.tsx';
import { api, data } from '../api/client.ts';
import type { DeviceInfo, Member } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Section } from '../components/Section.tsx';
import { formatInstant } from '../lib/format.ts';
import { deviceQuery } from './member-queries.ts';

/** When and by whom the VNeID level and smartphone were last recorded, in words. */
export function useDeviceInfoText() {
  const { t } = useTranslation('accounts');
  return (d: DeviceInfo) => {
    if (!d.setAt) return t('device.never');
    const at = formatInstant(d.setAt);
    if (d.setBySelf) return t('device.setBySelf', { at });
    return d.setByName ? t('device.setBy', { at, name: d.setByName }) : t('device.setAt', { at });
  };
}

/** VNeID level and smartphone on a member's record, as the chi ủy records them. */
export function DevicePanel({ member }: { member: Member }) {
  const { t } = useTranslation('accounts');
  const queryClient = useQueryClient();
  const infoText = useDeviceInfoText();
  const device = useQuery(deviceQuery(member.id));
  const key = deviceQuery(member.id).queryKey;
  return (
    <Section title={t('device.title')}>
      <ErrorAlert error={device.error} />
      {!device.data && !device.error && <Skeleton h={200} />}
      {device.data && (
        <DeviceForm
          device={device.data}
          info={infoText(device.data)}
          save={(body) =>
            data(api.PATCH('/api/members/{id}/device', { params: { path: { id: member.id } }, body }))
          }
          onSaved={async () => {
            await Promise.all([
              queryClient.invalidateQueries({ queryKey: key }),
              queryClient.invalidateQueries({ queryKey: ['member', member.id], exact: true }),
              queryClient.invalidateQueries({ queryKey: ['members'] }),
            ]);
          }}
        />
      )}
    </Section>
  );
}
