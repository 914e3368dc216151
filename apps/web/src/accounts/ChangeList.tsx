import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import '../i18n/accounts.ts';
import type { CorrectionChanges } from '../api/types.ts';
import { isRecordField, RECORD_FIELDS, showValue } from './record-fields.ts';

/** Each field of a correction request, from what the record says to what the member asks, in words. */
export function ChangeList({ changes, status = 'pending' }: { changes: CorrectionChanges; status?: string }) {
  const { t } = useTranslation();
  const { t: ta } = useTranslation('accounts');
  const fields = Object.keys(changes).sort(
    (a, b) =>
      (isRecordField(a) ? RECORD_FIELDS.indexOf(a) : 99) - (isRecordField(b) ? RECORD_FIELDS.indexOf(b) : 99),
  );
  const shown = (field: string, v: string | null) => showValue(field, v, t) || ta('common.empty');
  return (
    <dl className="sotay-changes">
      {fields.map((f) => {
        const c = changes[f]!;
        return (
          <div key={f}>
            <dt>{isRecordField(f) ? t(`fields.${f}`) : f}</dt>
            <dd>
              <Text component="span" display="block">
                {status === 'approved' ? ta('corrections.fromBefore') : ta('corrections.from')}:{' '}
                {shown(f, c.from)}
              </Text>
              <Text component="span" display="block" fw={700}>
                {status === 'approved' ? ta('corrections.toAfter') : ta('corrections.to')}: {shown(f, c.to)}
              </Text>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
