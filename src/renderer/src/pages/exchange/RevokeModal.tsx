import { Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ExchangeOffice } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';

/** Revokes an office's keys, with the reason; the dialog itself is the confirmation. */
export function RevokeModal(props: {
  office: ExchangeOffice | null;
  onClose: () => void;
  onRevoked: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    setReason('');
    setErrors({});
  }, [props.office]);
  const o = props.office;
  return (
    <FormModal
      opened={o !== null}
      title={t('exchange.office.revokeTitle', { code: o?.code ?? '' })}
      saveTestId="revoke-confirm"
      saveLabel={t('exchange.office.revoke')}
      onClose={props.onClose}
      onErrors={setErrors}
      onSave={async () => {
        if (!o) return false;
        if (!reason.trim()) {
          setErrors({ reason: t('field.required') });
          return false;
        }
        await invoke('exchange.revokeOffice', { id: o.id, version: o.version, reason });
        props.onRevoked();
      }}
    >
      <Text mb="sm">{t('exchange.office.revokeWarning', { name: o?.name ?? '' })}</Text>
      <Textarea
        data-testid="revoke-reason"
        data-autofocus
        label={t('exchange.office.revokeReason')}
        required
        value={reason}
        error={errors.reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
    </FormModal>
  );
}
