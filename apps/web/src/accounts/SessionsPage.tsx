import { Badge, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/accounts.ts';
import { api, data } from '../api/client.ts';
import type { SessionItem } from '../api/types.ts';
import { useLogout } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Page } from '../components/Page.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { formatInstant } from '../lib/format.ts';
import { describeUserAgent } from './user-agent.ts';

const sessionsKey = ['me', 'sessions'];

function useDeviceName() {
  const { t } = useTranslation('accounts');
  return (s: SessionItem) => {
    const d = describeUserAgent(s.userAgent);
    return d ? t('sessions.device', d) : t('sessions.unknownDevice');
  };
}

/** Các phiên đăng nhập: where this account is signed in, and a way to end the ones a person does not know. */
export function SessionsPage() {
  const { t } = useTranslation('accounts');
  const queryClient = useQueryClient();
  const logout = useLogout();
  const deviceName = useDeviceName();
  const [ended, setEnded] = useState<string | null>(null);
  const list = useQuery({ queryKey: sessionsKey, queryFn: () => data(api.GET('/api/me/sessions')) });
  const end = useMutation({
    mutationFn: (s: SessionItem) => api.DELETE('/api/me/sessions/{id}', { params: { path: { id: s.id } } }),
    onSuccess: async (_r, s) => {
      setEnded(t('sessions.ended', { device: deviceName(s) }));
      await queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
  });
  // the current session first, then the most recently used
  const items = [...(list.data?.items ?? [])].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
  );
  return (
    <Page title={t('sessions.title')}>
      <Text size="lg">{t('sessions.intro')}</Text>
      {ended && <SuccessAlert>{ended}</SuccessAlert>}
      <ErrorAlert error={list.error ?? end.error} />
      {list.isPending && <Skeleton h={160} />}
      <Stack component="ul" gap="sm" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((s) => {
          const device = deviceName(s);
          const lastSeen = formatInstant(s.lastSeenAt);
          return (
            <li key={s.id} className="sotay-box">
              <Stack gap="xs">
                <Group gap="sm" justify="space-between">
                  <Text fw={700} size="lg" component="h2" m={0}>
                    {device}
                  </Text>
                  {s.current && (
                    <Badge
                      variant="outline"
                      color="var(--mantine-color-text)"
                      size="lg"
                      radius="sm"
                      tt="none"
                    >
                      {t('sessions.thisDevice')}
                    </Badge>
                  )}
                </Group>
                <Text>{t('sessions.lastSeen', { at: lastSeen })}</Text>
                <Text c="dimmed">{t('sessions.signedInAt', { at: formatInstant(s.createdAt) })}</Text>
                {s.current ? (
                  <Button variant="default" w="fit-content" onClick={() => void logout()}>
                    {t('sessions.logoutHere')}
                  </Button>
                ) : (
                  <Button
                    variant="default"
                    w="fit-content"
                    loading={end.isPending && end.variables?.id === s.id}
                    onClick={() => {
                      setEnded(null);
                      end.mutate(s);
                    }}
                    aria-label={t('sessions.endLabel', { device, at: lastSeen })}
                  >
                    {t('sessions.end')}
                  </Button>
                )}
              </Stack>
            </li>
          );
        })}
      </Stack>
      {list.data && items.length === 1 && <Text>{t('sessions.only')}</Text>}
    </Page>
  );
}
