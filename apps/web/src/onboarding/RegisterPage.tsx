import { Alert, Anchor, Button, Group, List, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/signin.ts';
import './onboarding.css';
import { api, isApiError } from '../api/client.ts';
import { DateFields } from '../components/DateFields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconAlert } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { PasswordField } from '../components/PasswordField.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { type DateParts, digits, emptyDate, isoOf } from '../lib/dates.ts';
import { formatDate, formatPhone } from '../lib/format.ts';

const STEPS = ['id', 'birth', 'phone', 'password', 'review'] as const;
/** Large fields for fingers and eyes, with labels no larger than the question above them. */
const BIG_INPUT = { label: { fontSize: 'var(--mantine-font-size-lg)' } };
type Step = (typeof STEPS)[number];
type IdKind = 'card' | 'cccd';

interface Answers {
  idKind: IdKind;
  idNumber: string;
  birth: DateParts;
  phone: string;
  password: string;
}

/** 0912 345 678, +84 912 345 678, 84912345678 → 0912345678; null when it is not a 10-digit mobile number. */
function mobile(raw: string): string | null {
  let d = digits(raw);
  if (d.startsWith('84') && d.length === 11) d = `0${d.slice(2)}`;
  return /^0\d{9}$/.test(d) ? d : null;
}

const idValid = (kind: IdKind, n: string) => (kind === 'card' ? /^\d{6,12}$/ : /^(\d{9}|\d{12})$/).test(n);

/** "Bước 2/5: Ngày sinh" with five segments filled up to the current one (the words carry the meaning). */
function StepIndicator({ step }: { step: Step }) {
  const { t } = useTranslation('signin');
  const index = STEPS.indexOf(step);
  return (
    <Stack gap={6}>
      <Text fw={700} size="lg">
        {t('register.stepOf', { step: index + 1, total: STEPS.length })}: {t(`register.steps.${step}`)}
      </Text>
      <div className="sotay-steps" aria-hidden="true">
        {STEPS.map((s, i) => (
          <span key={s} data-done={i <= index || undefined} />
        ))}
      </div>
    </Stack>
  );
}

/** One question per screen: the heading takes the focus, so a screen reader starts there and the page is at its top. */
function StepForm({
  title,
  onSubmit,
  onBack,
  submitLabel,
  busy,
  children,
}: {
  title: string;
  onSubmit: () => void;
  onBack?: () => void;
  submitLabel?: string;
  busy?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation('signin');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit();
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Title order={2} ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
          {title}
        </Title>
        {children}
        <Group gap="sm" grow wrap="wrap-reverse">
          {onBack && (
            <Button variant="default" onClick={onBack} size="xl">
              {t('register.back')}
            </Button>
          )}
          <Button type="submit" size="xl" loading={busy}>
            {submitLabel ?? t('register.next')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ReviewRow({
  label,
  value,
  extra,
  onEdit,
}: {
  label: string;
  value: ReactNode;
  extra?: ReactNode;
  onEdit: () => void;
}) {
  const { t } = useTranslation('signin');
  return (
    <div className="sotay-box">
      <Group justify="space-between" gap="xs" wrap="nowrap" align="center">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text c="dimmed">{label}</Text>
          <Text fw={700} size="xl" style={{ overflowWrap: 'anywhere' }}>
            {value}
          </Text>
          {extra}
        </Stack>
        <Button
          variant="default"
          onClick={onEdit}
          aria-label={t('register.editLabel', { field: label.toLowerCase() })}
          style={{ flex: 'none' }}
        >
          {t('register.edit')}
        </Button>
      </Group>
    </div>
  );
}

function Done({ phone }: { phone: string }) {
  const { t } = useTranslation('signin');
  const heading = useRef<HTMLDivElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <Stack gap="lg">
      <div ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
        <SuccessAlert title={t('register.doneTitle')} />
      </div>
      <Title order={2}>{t('register.doneNext')}</Title>
      <List type="ordered" spacing="sm" size="lg">
        <List.Item>{t('register.done1')}</List.Item>
        <List.Item>{t('register.done2', { phone: formatPhone(phone) })}</List.Item>
        <List.Item>{t('register.done3')}</List.Item>
      </List>
      <Button renderRoot={(props) => <Link {...props} to="/" />} size="xl">
        {t('register.toLogin')}
      </Button>
    </Stack>
  );
}

/** Đăng ký tài khoản: a member matches themselves by số thẻ (or CCCD) and birth date, then waits for approval. */
export function RegisterPage() {
  const { t } = useTranslation('signin');
  const [step, setStep] = useState<Step | 'done'>('id');
  const [a, setA] = useState<Answers>({
    idKind: 'card',
    idNumber: '',
    birth: emptyDate,
    phone: '',
    password: '',
  });
  const [problem, setProblem] = useState<string>();
  const [serverError, setServerError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [showPassword, setShowPassword] = useState(false);
  const set = (patch: Partial<Answers>) => setA((prev) => ({ ...prev, ...patch }));
  const go = (next: Step) => {
    setProblem(undefined);
    setStep(next);
    window.scrollTo(0, 0);
  };

  const birth = isoOf(a.birth);
  const idNumber = digits(a.idNumber);

  function checkId() {
    if (!idValid(a.idKind, idNumber))
      return setProblem(t(a.idKind === 'card' ? 'register.cardInvalid' : 'register.cccdInvalid'));
    go('birth');
  }
  function checkBirth() {
    if ('problem' in birth) {
      const date = `${a.birth.day}/${a.birth.month}/${a.birth.year}`;
      return setProblem(
        birth.problem === 'missing'
          ? t('register.birthMissing')
          : birth.problem === 'year'
            ? t('register.yearInvalid')
            : t('register.birthInvalid', { date }),
      );
    }
    go('phone');
  }
  function checkPhone() {
    if (!mobile(a.phone)) return setProblem(t('register.phoneInvalid'));
    go('password');
  }
  function checkPassword() {
    if (a.password.length < 8) return setProblem(t('register.passwordShort'));
    setServerError(null);
    go('review');
  }
  async function send() {
    if ('problem' in birth) return go('birth');
    setBusy(true);
    setServerError(null);
    try {
      await api.POST('/api/registrations', {
        body: {
          ...(a.idKind === 'card' ? { partyCardNumber: idNumber } : { cccd: idNumber }),
          birthDate: birth.iso,
          phone: mobile(a.phone) ?? a.phone,
          password: a.password,
        },
      });
      setStep('done');
      window.scrollTo(0, 0);
    } catch (err) {
      if (isApiError(err, 'weak_password')) {
        go('password');
        setProblem(err.message);
      } else {
        setServerError(err);
      }
    } finally {
      setBusy(false);
    }
  }

  const idLabel = t(a.idKind === 'card' ? 'register.cardLabel' : 'register.cccdLabel');
  return (
    <Page title={t('register.title')}>
      {step === 'done' ? (
        <Done phone={mobile(a.phone) ?? a.phone} />
      ) : (
        <>
          {step === 'id' && <Text size="lg">{t('register.intro')}</Text>}
          <StepIndicator step={step} />
          {step === 'id' && (
            <StepForm key="id" title={t('register.idQuestion')} onSubmit={checkId}>
              <Radio.Group
                size="lg"
                label={t('register.idKind')}
                value={a.idKind}
                onChange={(v) => {
                  set({ idKind: v as IdKind });
                  setProblem(undefined);
                }}
              >
                <Stack gap={4} mt="xs">
                  <Radio value="card" size="lg" label={t('register.card')} />
                  <Radio value="cccd" size="lg" label={t('register.cccd')} />
                </Stack>
              </Radio.Group>
              <TextInput
                label={idLabel}
                description={t(a.idKind === 'card' ? 'register.cardHelp' : 'register.cccdHelp')}
                value={a.idNumber}
                onChange={(e) => set({ idNumber: e.currentTarget.value })}
                error={problem}
                inputMode="numeric"
                autoComplete="off"
                size="xl"
                styles={BIG_INPUT}
                maxLength={16}
              />
            </StepForm>
          )}
          {step === 'birth' && (
            <StepForm
              key="birth"
              title={t('register.birthQuestion')}
              onSubmit={checkBirth}
              onBack={() => go('id')}
            >
              <DateFields
                legend={t('register.steps.birth')}
                hideLegend
                description={t('register.birthHelp')}
                value={a.birth}
                onChange={(birthParts) => set({ birth: birthParts })}
                error={problem}
                size="xl"
              />
            </StepForm>
          )}
          {step === 'phone' && (
            <StepForm
              key="phone"
              title={t('register.phoneQuestion')}
              onSubmit={checkPhone}
              onBack={() => go('birth')}
            >
              <TextInput
                label={t('register.phoneLabel')}
                description={t('register.phoneHelp')}
                value={a.phone}
                onChange={(e) => set({ phone: e.currentTarget.value })}
                error={problem}
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                size="xl"
                styles={BIG_INPUT}
                maxLength={20}
              />
            </StepForm>
          )}
          {step === 'password' && (
            <StepForm
              key="password"
              title={t('register.passwordQuestion')}
              onSubmit={checkPassword}
              onBack={() => go('phone')}
            >
              <PasswordField
                label={t('register.passwordLabel')}
                description={t('register.passwordHelp')}
                value={a.password}
                onChange={(e) => set({ password: e.currentTarget.value })}
                error={problem}
                autoComplete="new-password"
                size="xl"
                styles={BIG_INPUT}
              />
              <Text>{t('register.passwordRemember')}</Text>
            </StepForm>
          )}
          {step === 'review' && (
            <StepForm
              key="review"
              title={t('register.reviewQuestion')}
              onSubmit={() => void send()}
              onBack={() => go('password')}
              submitLabel={t('register.submit')}
              busy={busy}
            >
              <Text>{t('register.reviewHelp')}</Text>
              <Stack gap="xs">
                <ReviewRow label={idLabel} value={idNumber} onEdit={() => go('id')} />
                <ReviewRow
                  label={t('register.steps.birth')}
                  value={'iso' in birth ? formatDate(birth.iso) : ''}
                  onEdit={() => go('birth')}
                />
                <ReviewRow
                  label={t('register.phoneLabel')}
                  value={formatPhone(mobile(a.phone) ?? a.phone)}
                  onEdit={() => go('phone')}
                />
                <ReviewRow
                  label={t('register.passwordLabel')}
                  value={
                    showPassword ? a.password : t('register.passwordHidden', { count: a.password.length })
                  }
                  extra={
                    <Anchor
                      component="button"
                      type="button"
                      fw={700}
                      w="fit-content"
                      ta="left"
                      onClick={() => setShowPassword((v) => !v)}
                      aria-pressed={showPassword}
                    >
                      {showPassword ? t('register.hidePassword') : t('register.showPassword')}
                    </Anchor>
                  }
                  onEdit={() => go('password')}
                />
              </Stack>
              <SendProblem error={serverError} />
            </StepForm>
          )}
        </>
      )}
    </Page>
  );
}

/** The server's own message, with what to do next for the answers a person can act on. */
function SendProblem({ error }: { error: unknown }) {
  const { t } = useTranslation('signin');
  if (!error) return null;
  if (isApiError(error, 'registration_not_matched') || isApiError(error, 'account_exists')) {
    const exists = isApiError(error, 'account_exists');
    return (
      <Alert color="red" variant="outline" icon={<IconAlert />} role="alert">
        <Stack gap="xs">
          <Text>{error.message}</Text>
          <Text>{exists ? t('register.existsHelp') : t('register.notMatchedHelp')}</Text>
          {exists && (
            <Anchor component={Link} to="/reset-password" fw={700} className="sotay-link-target">
              {t('login.forgot')}
            </Anchor>
          )}
        </Stack>
      </Alert>
    );
  }
  return <ErrorAlert error={error} />;
}
