import { Group, Text, TextInput } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DateParts } from '../lib/dates.ts';

/**
 * A date as three large number fields (day, month, year) under one legend: quicker for an elderly
 * person on a phone than a calendar that opens on this year and must be scrolled back seventy.
 */
export function DateFields({
  legend,
  description,
  value,
  onChange,
  error,
  size = 'lg',
  hideLegend,
}: {
  legend: string;
  /** When the screen's heading already asks the question (the legend still names the group for screen readers). */
  hideLegend?: boolean;
  description?: string;
  value: DateParts;
  onChange: (next: DateParts) => void;
  error?: string;
  size?: 'lg' | 'xl';
}) {
  const { t } = useTranslation();
  const id = useId();
  const described =
    [description && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const field = (key: keyof DateParts, width: string, max: number) => (
    <TextInput
      label={t(`date.${key}`)}
      value={value[key]}
      onChange={(e) => onChange({ ...value, [key]: e.currentTarget.value.replace(/\D/g, '').slice(0, max) })}
      inputMode="numeric"
      autoComplete="off"
      maxLength={max}
      size={size}
      w={width}
      error={!!error}
      aria-describedby={described}
      styles={{
        input: { textAlign: 'center', fontSize: size === 'xl' ? '1.5rem' : undefined },
        label: { fontSize: 'var(--mantine-font-size-lg)' },
      }}
    />
  );
  return (
    <fieldset className="sotay-fieldset">
      <legend className={hideLegend ? 'sotay-visually-hidden' : 'sotay-legend'}>{legend}</legend>
      {description && (
        <Text id={`${id}-help`} size="sm" c="dimmed" mb="xs">
          {description}
        </Text>
      )}
      <Group gap="xs" align="flex-end">
        {field('day', '4.25em', 2)}
        {field('month', '4.25em', 2)}
        {field('year', '5.75em', 4)}
      </Group>
      {error && (
        <Text id={`${id}-error`} c="var(--mantine-color-error)" size="sm" mt={6} fw={700}>
          {error}
        </Text>
      )}
    </fieldset>
  );
}
