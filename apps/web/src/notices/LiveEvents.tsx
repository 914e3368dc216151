import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useRouterState } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { connectLive } from './live.ts';
import { noticesUnreadQuery } from './unread.ts';
import './live.css';

type Banner =
  | { kind: 'notice'; id: string; title: string; urgent: boolean }
  | { kind: 'reply'; id: string; title: string };

/**
 * The member's live events while the app is open: the unread count of the home tile follows them, open
 * lists refresh, and a banner says when a notice or an answer to one's question arrives (it stays until
 * closed or opened: nobody should miss it because they looked away).
 */
export default function LiveEvents() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [banner, setBanner] = useState<Banner | null>(null);
  const path = useRouterState({ select: (s) => s.location.pathname });

  useEffect(
    () =>
      connectLive((e) => {
        if (e.type === 'unread' || e.type === 'notice') {
          queryClient.setQueryData(noticesUnreadQuery.queryKey, e.unread);
          void queryClient.invalidateQueries({ queryKey: ['notices', 'inbox'] });
        }
        if (e.type === 'notice') {
          setBanner({ kind: 'notice', id: e.id, title: e.title, urgent: e.priority === 'khan' });
        }
        if (e.type === 'feedback-reply') {
          void queryClient.invalidateQueries({ queryKey: ['feedback'] });
          setBanner({ kind: 'reply', id: e.feedbackId, title: e.title });
        }
      }),
    [queryClient],
  );

  // the list it is in, or the thing itself, is on screen (opened another way, a push): its work is done
  const onScreen =
    !!banner &&
    (banner.kind === 'notice'
      ? path === '/notices' || path === `/notices/${banner.id}`
      : path === '/feedback' || path === `/feedback/${banner.id}`);
  useEffect(() => {
    if (onScreen) setBanner(null);
  }, [onScreen]);

  return (
    <div className="sotay-live" role="status">
      {banner && (
        <Paper className="sotay-live-card" p="md" shadow="md">
          <Stack gap="xs">
            <Group gap="xs">
              <Text fw={700} component="span">
                {banner.kind === 'notice' ? t('live.notice') : t('live.reply')}
              </Text>
              {banner.kind === 'notice' && banner.urgent && (
                <Badge variant="filled" size="lg" radius="sm" tt="none">
                  {t('live.urgent')}
                </Badge>
              )}
            </Group>
            <Text size="lg" fw={700} lang="vi" lh={1.35}>
              {banner.title}
            </Text>
            <Group gap="sm">
              <Button
                onClick={() => setBanner(null)}
                renderRoot={(props) =>
                  banner.kind === 'notice' ? (
                    <Link {...props} to="/notices/$id" params={{ id: banner.id }} />
                  ) : (
                    <Link {...props} to="/feedback/$id" params={{ id: banner.id }} />
                  )
                }
              >
                {t('live.open')}
              </Button>
              <Button variant="default" onClick={() => setBanner(null)}>
                {t('live.dismiss')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </div>
  );
}
