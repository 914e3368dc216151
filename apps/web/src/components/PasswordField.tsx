import { TextInput, type TextInputProps, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconEye, IconEyeOff } from './icons.tsx';

/** A password input with a large, worded show/hide button (an eye alone is not obvious to everyone). */
export function PasswordField(props: Omit<TextInputProps, 'type' | 'rightSection'>) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <TextInput
      {...props}
      type={visible ? 'text' : 'password'}
      autoCapitalize="off"
      autoCorrect="off"
      spellCheck={false}
      rightSectionWidth="5.5rem"
      rightSectionPointerEvents="all"
      rightSection={
        <UnstyledButton
          onClick={() => setVisible((v) => !v)}
          aria-label={visible ? t('login.hidePasswordLabel') : t('login.showPasswordLabel')}
          aria-pressed={visible}
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 4,
            minHeight: 44,
            minWidth: 44,
            padding: '0 0.5rem',
            fontSize: 'var(--mantine-font-size-sm)',
            fontWeight: 700,
            color: 'var(--mantine-color-anchor)',
          }}
        >
          {visible ? <IconEyeOff size="1.2em" /> : <IconEye size="1.2em" />}
          <span aria-hidden="true">{visible ? t('login.hidePassword') : t('login.showPassword')}</span>
        </UnstyledButton>
      }
    />
  );
}
