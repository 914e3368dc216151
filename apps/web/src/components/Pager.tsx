import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Previous / "Trang 2 / 13" / next: fewer, larger targets than a row of page numbers. */
export function Pager({
  page,
  total,
  pageSize,
  onChange,
}: {
  page: number;
  total: number;
  pageSize: number;
  onChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <Group justify="space-between" gap="sm" component="nav" aria-label={t('app.pageOf', { page, pages })}>
      <Button variant="default" disabled={page <= 1} onClick={() => onChange(page - 1)}>
        {t('app.previous')}
      </Button>
      <Text fw={700}>{t('app.pageOf', { page, pages })}</Text>
      <Button variant="default" disabled={page >= pages} onClick={() => onChange(page + 1)}>
        {t('app.next')}
      </Button>
    </Group>
  );
}
