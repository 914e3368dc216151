import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface DataItem {
  label: string;
  value: ReactNode;
}

/** Label/value pairs as a description list: two columns when there is room, stacked on a narrow phone. */
export function DataList({ items }: { items: DataItem[] }) {
  const { t } = useTranslation();
  return (
    <dl className="sotay-dl">
      {items.map((it) => (
        <div key={it.label} style={{ display: 'contents' }}>
          <dt>{it.label}</dt>
          <dd>
            {it.value === null || it.value === undefined || it.value === '' ? (
              <Text span c="dimmed">
                {t('app.notSet')}
              </Text>
            ) : (
              it.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
