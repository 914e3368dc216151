import { Anchor, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import '../i18n/study.ts';
import type { Me } from '../api/types.ts';
import { hasRole, isCommittee, useMe } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconEdit } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { RequireRole } from '../console/RequireRole.tsx';
import { formatDate } from '../lib/format.ts';
import { studyTopicsQuery } from './queries.ts';
import { StateBadge } from './StudyBadges.tsx';

/** Who may compose topics (the server checks the exact unit): cấp ủy, văn phòng, admin. */
export const canComposeTopics = (me: Me) => hasRole(me, 'cap_uy', 'van_phong', 'admin');

function Topics() {
  const { t } = useTranslation('study');
  const me = useMe();
  const list = useQuery(studyTopicsQuery);
  return (
    <Stack gap="md">
      <Text>{t('manage.intro')}</Text>
      {canComposeTopics(me) && (
        <Button renderRoot={(props) => <Link {...props} to="/study-topics/new" />} size="lg" w="fit-content">
          {t('manage.create')}
        </Button>
      )}
      <ErrorAlert error={list.error} />
      {list.isPending && <Skeleton h={200} />}
      {list.data?.total === 0 && <Text fw={700}>{t('manage.none')}</Text>}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {list.data?.items.map((topic) => (
          <li key={topic.id} className="sotay-box">
            <Stack gap={6}>
              <Group gap="xs">
                <StateBadge tone="plain">{t(`kind.${topic.kind}`)}</StateBadge>
                <StateBadge tone={topic.status === 'assigned' ? 'done' : 'plain'}>
                  {t(`topicStatus.${topic.status}`)}
                </StateBadge>
              </Group>
              <Text fw={700} size="xl" component="h2" m={0} lh={1.35}>
                {topic.title}
              </Text>
              <Text>
                {[
                  topic.orgName,
                  topic.dueOn ? t('common.dueOnValue', { date: formatDate(topic.dueOn) }) : t('common.noDue'),
                  t('manage.counts', { questions: topic.questionCount, documents: topic.documentCount }),
                ].join(' · ')}
              </Text>
              <Group gap="md">
                {topic.status !== 'draft' && (
                  <Anchor
                    renderRoot={(props) => (
                      <Link {...props} to="/study-topics/$topicId" params={{ topicId: topic.id }} />
                    )}
                    fw={700}
                    className="sotay-link-target"
                    aria-label={t('manage.resultsLabel', { title: topic.title })}
                  >
                    {t('manage.results')}
                  </Anchor>
                )}
                {topic.canManage && (
                  <Anchor
                    renderRoot={(props) => (
                      <Link {...props} to="/study-topics/$topicId/edit" params={{ topicId: topic.id }} />
                    )}
                    fw={700}
                    className="sotay-link-target"
                    aria-label={t('manage.editLabel', { title: topic.title })}
                  >
                    <IconEdit size="1.1em" />
                    &nbsp;{t('manage.edit')}
                  </Anchor>
                )}
              </Group>
            </Stack>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}

/** Chuyên đề học tập (committee): topics in scope, with links to results and, where allowed, the editor. */
export function TopicsPage() {
  const { t } = useTranslation('study');
  return (
    <Page title={t('manage.title')} wide>
      <RequireRole allow={isCommittee}>
        <Topics />
      </RequireRole>
    </Page>
  );
}
