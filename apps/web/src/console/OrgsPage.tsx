import { Group, Skeleton, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isCommittee } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconChevronDown, IconChevronRight, IconSearch } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { fold } from '../lib/format.ts';
import { buildTree, flatten, type OrgTreeNode, orgTreeQuery } from './orgs.ts';
import { RequireRole } from './RequireRole.tsx';

const listStyle = { listStyle: 'none', margin: 0, padding: 0 } as const;

function OrgRow({
  node,
  expanded,
  onToggle,
}: {
  node: OrgTreeNode;
  expanded?: boolean;
  onToggle?: () => void;
}) {
  const { t } = useTranslation();
  const kind = t(`orgKind.${node.kind as 'chi_bo'}`, { defaultValue: node.kind });
  return (
    <Group
      gap="xs"
      wrap="nowrap"
      align="flex-start"
      className="sotay-list-row"
      style={{ padding: '0.5rem 0.75rem' }}
    >
      {onToggle ? (
        <UnstyledButton
          onClick={onToggle}
          aria-expanded={expanded}
          aria-label={
            expanded ? t('orgs.collapse', { name: node.name }) : t('orgs.expand', { name: node.name })
          }
          style={{ minWidth: 44, minHeight: 44, display: 'grid', placeItems: 'center', flex: 'none' }}
        >
          {expanded ? <IconChevronDown /> : <IconChevronRight />}
        </UnstyledButton>
      ) : (
        <span style={{ width: 44, flex: 'none' }} />
      )}
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }} py={6}>
        <Text fw={700} size="lg" lh={1.35}>
          {node.name}
        </Text>
        <Text c="dimmed">
          {kind} · {t('orgs.members', { count: node.subtreeMemberCount })}
          {node.children.length > 0 && node.memberCount > 0
            ? ` (${t('orgs.direct', { count: node.memberCount })})`
            : ''}
        </Text>
        <Link
          to="/members"
          search={{ orgId: node.id }}
          style={{
            fontWeight: 700,
            minHeight: 44,
            display: 'inline-flex',
            alignItems: 'center',
            width: 'fit-content',
          }}
          aria-label={`${t('orgs.viewMembers')}: ${node.name}`}
        >
          {t('orgs.viewMembers')}
        </Link>
      </Stack>
    </Group>
  );
}

function Branch({
  nodes,
  open,
  toggle,
}: {
  nodes: OrgTreeNode[];
  open: Set<string>;
  toggle: (id: string) => void;
}) {
  return (
    <Stack component="ul" gap="xs" style={listStyle}>
      {nodes.map((n) => {
        const expanded = open.has(n.id);
        return (
          <li key={n.id}>
            <OrgRow
              node={n}
              expanded={expanded}
              onToggle={n.children.length ? () => toggle(n.id) : undefined}
            />
            {expanded && n.children.length > 0 && (
              <div
                style={{ paddingLeft: 'clamp(0.5rem, 4vw, 1.5rem)', marginTop: 'var(--mantine-spacing-xs)' }}
              >
                <Branch nodes={n.children} open={open} toggle={toggle} />
              </div>
            )}
          </li>
        );
      })}
    </Stack>
  );
}

function OrgTree() {
  const { t } = useTranslation();
  const tree = useQuery(orgTreeQuery);
  const roots = useMemo(() => (tree.data ? buildTree(tree.data.items) : []), [tree.data]);
  const [open, setOpen] = useState<Set<string> | null>(null);
  const [filter, setFilter] = useState('');
  const expanded = open ?? new Set(roots.map((r) => r.id));
  const toggle = (id: string) => {
    const next = new Set(expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };
  const q = fold(filter);
  const matches = q ? flatten(roots).filter((n) => fold(n.name).includes(q)) : null;

  if (tree.error) return <ErrorAlert error={tree.error} />;
  if (!tree.data) return <Skeleton h={300} />;
  return (
    <Stack gap="md">
      <TextInput
        type="search"
        label={t('orgs.filter')}
        description={t('orgs.filterHelp')}
        leftSection={<IconSearch size="1.2em" />}
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
        autoComplete="off"
      />
      {matches ? (
        matches.length ? (
          <Stack component="ul" gap="xs" style={listStyle}>
            {matches.map((n) => (
              <li key={n.id}>
                <OrgRow node={n} />
              </li>
            ))}
          </Stack>
        ) : (
          <Text>{t('orgs.none')}</Text>
        )
      ) : (
        <Branch nodes={roots} open={expanded} toggle={toggle} />
      )}
    </Stack>
  );
}

export function OrgsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('orgs.title')} wide>
      <RequireRole allow={isCommittee}>
        <OrgTree />
      </RequireRole>
    </Page>
  );
}
