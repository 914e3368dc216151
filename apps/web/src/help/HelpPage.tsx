import { Anchor, Button, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isCommittee, useMe } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconEdit, IconPhone } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import '../i18n/feedback.ts';
import { formatPhone } from '../lib/format.ts';
import '../notices/notices.css';
import { type SupportContact, supportContactsQuery } from './queries.ts';

/** The people to call, grouped by unit (the member's own chi bộ first); each number one large tap away. */
export function HelpPage() {
  const { t } = useTranslation('feedback');
  const me = useMe();
  const contacts = useQuery(supportContactsQuery);
  const groups: { orgId: string; orgName: string; items: SupportContact[] }[] = [];
  for (const c of contacts.data?.items ?? []) {
    const g = groups.find((x) => x.orgId === c.orgId);
    if (g) g.items.push(c);
    else groups.push({ orgId: c.orgId, orgName: c.orgName, items: [c] });
  }
  return (
    <Page title={t('help.title')}>
      <Text size="lg">{t('help.intro')}</Text>
      <ErrorAlert error={contacts.error} />
      {contacts.isPending && <Skeleton h={200} />}
      {contacts.data && !groups.length && <Text size="lg">{t('help.none')}</Text>}
      {groups.map((g) => (
        <Stack key={g.orgId} gap="sm" component="section" aria-labelledby={`help-${g.orgId}`}>
          <Title order={2} id={`help-${g.orgId}`}>
            {g.orgName}
          </Title>
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {g.items.map((c) => (
              <li key={c.id} className="sotay-box">
                <Stack gap={6}>
                  <Text size="xl" fw={700} lang="vi">
                    {c.fullName}
                  </Text>
                  <Text lang="vi">{c.role}</Text>
                  <Button
                    component="a"
                    href={`tel:${c.phone}`}
                    size="xl"
                    fullWidth
                    leftSection={<IconPhone />}
                    aria-label={t('help.callLabel', { name: c.fullName, phone: formatPhone(c.phone) })}
                    classNames={{ label: 'sotay-call' }}
                  >
                    {t('help.call', { phone: formatPhone(c.phone) })}
                  </Button>
                </Stack>
              </li>
            ))}
          </Stack>
        </Stack>
      ))}
      <Stack gap={4}>
        <Text fw={700}>{t('help.orWrite')}</Text>
        <Anchor className="sotay-link-target" renderRoot={(props) => <Link {...props} to="/feedback/new" />}>
          {t('help.ask')}
        </Anchor>
      </Stack>
      {isCommittee(me) && (
        <Button
          variant="default"
          leftSection={<IconEdit />}
          w="fit-content"
          renderRoot={(props) => <Link {...props} to="/help/contacts" />}
        >
          {t('help.edit')}
        </Button>
      )}
    </Page>
  );
}
