import { Radio, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Settings, TEXT_SIZE_PERCENT, updateSettings, useSettings } from '../settings/settings.ts';

/** The three text sizes as large radio buttons, each label shown at the size it picks. */
export function TextSizeControl({ label }: { label: string }) {
  const { t } = useTranslation();
  const { textSize } = useSettings();
  const sizes = [1, 2, 3] as const;
  return (
    <Radio.Group
      aria-label={label}
      value={String(textSize)}
      onChange={(v) => updateSettings({ textSize: Number(v) as Settings['textSize'] })}
    >
      <Stack gap={4}>
        {sizes.map((s) => (
          <Radio
            key={s}
            value={String(s)}
            size="lg"
            label={
              <span
                style={{ fontSize: `${(TEXT_SIZE_PERCENT[s] / TEXT_SIZE_PERCENT[textSize]) * 1.125}rem` }}
              >
                {t(`settings.size${s}`)}
              </span>
            }
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
