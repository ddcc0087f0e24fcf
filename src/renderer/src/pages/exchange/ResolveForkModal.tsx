import { Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { invoke } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';

export interface ForkToResolve {
  id: number;
  office: string;
  sequence: number;
  action: 'keep' | 'restart';
}

/** Resolves a quarantined fork with the reason; the dialog itself is the confirmation. */
export function ResolveForkModal(props: {
  fork: ForkToResolve | null;
  onClose: () => void;
  onResolved: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    setReason('');
    setErrors({});
  }, [props.fork]);
  const f = props.fork;
  const vars = { office: f?.office ?? '', seq: String(f?.sequence ?? '') };
  return (
    <FormModal
      opened={f !== null}
      title={t('exchange.fork.title', vars)}
      saveTestId="fork-confirm"
      saveLabel={f?.action === 'restart' ? t('exchange.fork.restart') : t('exchange.fork.keep')}
      onClose={props.onClose}
      onErrors={setErrors}
      onSave={async () => {
        if (!f) return false;
        if (reason.trim().length < 3) {
          setErrors({ reason: t('exchange.fork.reasonShort') });
          return false;
        }
        await invoke('exchange.quarantineResolve', { id: f.id, action: f.action, reason });
        props.onResolved();
      }}
    >
      <Text mb="sm">
        {f?.action === 'restart'
          ? t('exchange.fork.restartWarning', vars)
          : t('exchange.fork.keepWarning', vars)}
      </Text>
      <Textarea
        data-testid="fork-reason"
        data-autofocus
        label={t('exchange.fork.reason')}
        required
        value={reason}
        error={errors.reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
    </FormModal>
  );
}
