import { Badge, Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../api/types.ts';
import { formatDate, formatPhone } from '../lib/format.ts';
import { DataList } from './DataList.tsx';
import { Section } from './Section.tsx';

/** The status in words, never by colour alone. */
export function StatusBadge({ status }: { status: Member['status'] }) {
  const { t } = useTranslation();
  const active = status === 'chinh_thuc' || status === 'du_bi';
  return (
    <Badge
      variant={active ? 'outline' : 'filled'}
      color={active ? 'var(--mantine-color-text)' : 'gray.8'}
      size="xl"
      radius="sm"
      tt="none"
      fw={700}
    >
      {t(`status.${status}`)}
    </Badge>
  );
}

/**
 * The brief profile (thông tin sơ lược, DESIGN §2) in three blocks. `contactAction` is the edit button of
 * one's own profile; `onRevealCccd` asks the server for the full number (that read is audited).
 */
export function MemberFields({
  member,
  onRevealCccd,
  revealing,
  contactExtra,
}: {
  member: Member;
  onRevealCccd?: () => void;
  revealing?: boolean;
  contactExtra?: ReactNode;
}) {
  const { t } = useTranslation();
  const cccd = member.cccd ? (
    <Group gap="sm">
      <span>{member.cccd}</span>
      {member.cccdMasked && onRevealCccd && (
        <Button variant="default" size="md" onClick={onRevealCccd} loading={revealing}>
          {t('profile.showCccd')}
        </Button>
      )}
    </Group>
  ) : null;
  return (
    <>
      <Section title={t('profile.personal')}>
        <DataList
          items={[
            { label: t('fields.fullName'), value: member.fullName },
            { label: t('fields.birthDate'), value: formatDate(member.birthDate) },
            {
              label: t('fields.gender'),
              value:
                member.gender === 'nam' || member.gender === 'nu'
                  ? t(`gender.${member.gender}`)
                  : member.gender,
            },
            { label: t('fields.ethnicity'), value: member.ethnicity },
            { label: t('fields.hometown'), value: member.hometown },
            { label: t('fields.cccd'), value: cccd },
            { label: t('fields.education'), value: member.education },
            { label: t('fields.position'), value: member.position },
          ]}
        />
      </Section>
      <Section title={t('profile.party')}>
        <DataList
          items={[
            { label: t('fields.org'), value: member.orgName },
            { label: t('fields.status'), value: <StatusBadge status={member.status} /> },
            { label: t('fields.partyCardNumber'), value: member.partyCardNumber },
            { label: t('fields.joinedOn'), value: formatDate(member.joinedOn) },
            { label: t('fields.officialOn'), value: formatDate(member.officialOn) },
          ]}
        />
      </Section>
      <Section title={t('profile.contact')}>
        <DataList
          items={[
            { label: t('fields.phone'), value: formatPhone(member.phone) },
            { label: t('fields.email'), value: member.email },
            {
              label: t('fields.vneidLevel'),
              value: t(`profile.vneid.${String(member.vneidLevel) as '0' | '1' | '2'}`),
            },
            {
              label: t('fields.hasSmartphone'),
              value: member.hasSmartphone == null ? null : member.hasSmartphone ? t('app.yes') : t('app.no'),
            },
          ]}
        />
        {contactExtra}
      </Section>
    </>
  );
}
