import { Alert, Anchor, Button, Group, Radio, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/accounts.ts';
import '../components/print.css';
import { isCommittee } from '../auth/session.ts';
import { IconAlert } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { formatDay, formatInstant } from '../lib/format.ts';
import { groupCode } from './AccountPanel.tsx';
import { RequireRole } from './RequireRole.tsx';
import { type Slip, slipKey } from './slip.ts';

type Paper = 'A6' | 'A4';
/** Chrome knows A4 by name but not A6. */
const PAGE_SIZE: Record<Paper, string> = { A6: '105mm 148mm', A4: 'A4' };

function useQr(url: string): string | null {
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    void QRCode.toDataURL(url, { margin: 1, width: 320, errorCorrectionLevel: 'M' }).then(setQr);
  }, [url]);
  return qr;
}

/** The card itself: what is printed on A6 or A4 and handed to the member. */
function SlipCard({ slip, paper }: { slip: Slip; paper: Paper }) {
  const { t } = useTranslation('accounts');
  const qr = useQr(slip.appUrl);
  const account = slip.kind === 'account';
  return (
    <section className="sotay-slip" data-paper={paper} aria-labelledby="slip-title">
      <Stack gap="0.6em">
        <div className="sotay-slip-top">
          <Stack gap="0.4em" style={{ minWidth: 0 }}>
            <Text component="p" m={0} fw={700} size="sm" tt="uppercase" style={{ fontSize: '0.85em' }}>
              {t('slip.app')}
            </Text>
            <h2 id="slip-title" style={{ fontSize: '1.3em' }}>
              {account ? t('slip.title') : t('slip.resetTitle')}
            </h2>
            <dl>
              <dt>{t('slip.fullName')}</dt>
              <dd>{slip.fullName}</dd>
              <dt>{t('slip.org')}</dt>
              <dd>{slip.orgName}</dd>
            </dl>
          </Stack>
          {qr && (
            <figure className="sotay-slip-qr" style={{ margin: 0 }}>
              <img src={qr} alt={t('slip.qrAlt', { url: slip.appUrl })} />
              <figcaption>{t('slip.qrCaption')}</figcaption>
            </figure>
          )}
        </div>
        <dl className="sotay-slip-stack">
          <dt>{t('slip.username')}</dt>
          <dd>
            <span className="sotay-slip-secret" data-testid="slip-username">
              {slip.username}
            </span>
            {account && slip.otherUsernames.length > 0 && (
              <span style={{ fontWeight: 400 }}>
                {' '}
                {t('slip.otherUsernames', { names: slip.otherUsernames.join(', ') })}
              </span>
            )}
          </dd>
          {account ? (
            <>
              <dt>{t('slip.password')}</dt>
              <dd>
                <span className="sotay-slip-secret" data-testid="slip-password">
                  {slip.password}
                </span>
              </dd>
            </>
          ) : (
            <>
              <dt>{t('slip.code')}</dt>
              <dd>
                <span className="sotay-slip-secret" data-testid="slip-code">
                  {groupCode(slip.code)}
                </span>
              </dd>
              <dt>{t('slip.expires')}</dt>
              <dd>{formatInstant(slip.expiresAt)}</dd>
            </>
          )}
        </dl>
        <h3 style={{ fontSize: '1.05em' }}>{account ? t('slip.stepsTitle') : t('slip.resetStepsTitle')}</h3>
        <ol>
          <li>{t('slip.step1', { url: slip.appUrl })}</li>
          {account ? (
            <>
              <li>{t('slip.step2')}</li>
              <li>{t('slip.step3')}</li>
            </>
          ) : (
            <>
              <li>{t('slip.resetStep2')}</li>
              <li>{t('slip.resetStep3')}</li>
            </>
          )}
        </ol>
        <Text component="p" m={0} className="sotay-slip-small">
          {t('slip.keep')} {t('slip.issued', { date: formatDay(slip.issuedAt) })}
        </Text>
      </Stack>
    </section>
  );
}

/** Set by the account panel right before it opened this page; nothing to fetch. */
const useSlip = (memberId: string) =>
  useQuery<Slip | null>({
    queryKey: slipKey(memberId),
    queryFn: () => null,
    enabled: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 30 * 60_000,
  }).data;

function SlipScreen({ memberId }: { memberId: string }) {
  const { t } = useTranslation('accounts');
  const slip = useSlip(memberId);
  const [paper, setPaper] = useState<Paper>('A6');
  const back = (
    <Anchor
      renderRoot={(props) => <Link {...props} to="/members/$memberId" params={{ memberId: memberId }} />}
      fw={700}
      className="sotay-link-target sotay-noprint"
    >
      {t('slip.backToMember')}
    </Anchor>
  );
  if (!slip) {
    return (
      <>
        <Text size="lg">{t('slip.missing')}</Text>
        {back}
      </>
    );
  }
  return (
    <>
      <style>{`@page { size: ${PAGE_SIZE[paper]}; margin: ${paper === 'A6' ? '5mm' : '15mm'}; }`}</style>
      <Alert variant="outline" color="red" icon={<IconAlert />} className="sotay-noprint" role="status">
        {slip.kind === 'account' ? t('slip.once') : t('slip.codeOnce')}
      </Alert>
      <SlipCard slip={slip} paper={paper} />
      <Stack gap="md" className="sotay-noprint">
        <Radio.Group size="lg" label={t('slip.paper')} value={paper} onChange={(v) => setPaper(v as Paper)}>
          <Group gap="lg" mt="xs">
            <Radio value="A6" size="lg" label={t('slip.a6')} />
            <Radio value="A4" size="lg" label={t('slip.a4')} />
          </Group>
        </Radio.Group>
        <Button onClick={() => window.print()} w="fit-content">
          {t('slip.print')}
        </Button>
        {back}
      </Stack>
    </>
  );
}

/** Phiếu tài khoản: the one-time password (or reset code) with a QR code to the app, printable on A6/A4. */
export function AccountSlipPage() {
  const { t } = useTranslation('accounts');
  const { memberId } = useParams({ from: '/members/$memberId/slip' });
  const slip = useSlip(memberId);
  return (
    <Page title={slip?.kind === 'reset' ? t('slip.resetTitle') : t('slip.title')}>
      <RequireRole allow={isCommittee}>
        <SlipScreen memberId={memberId} />
      </RequireRole>
    </Page>
  );
}
