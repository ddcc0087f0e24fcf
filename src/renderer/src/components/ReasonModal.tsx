import { Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { FormModal } from './FormModal';

/**
 * An act that needs a written reason (revoking keys, resolving a fork): the dialog itself is the
 * confirmation, so it states the consequence and refuses an empty reason before calling the core.
 */
export function ReasonModal(props: {
  /** The act to confirm; null keeps the dialog closed. A new act starts with an empty reason. */
  act: object | null;
  title: string;
  warning: string;
  reasonLabel: string;
  saveLabel: string;
  /** The prefix of the dialog's test ids: `<id>-reason`, `<id>-confirm`. */
  testId: string;
  /** The contract's minimum length, with the message shown under the field when it is short. */
  minLength?: { chars: number; message: string };
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    setReason('');
    setErrors({});
  }, [props.act]);
  const min = props.minLength ?? { chars: 1, message: t('field.required') };
  return (
    <FormModal
      opened={props.act !== null}
      title={props.title}
      saveTestId={`${props.testId}-confirm`}
      saveLabel={props.saveLabel}
      onClose={props.onClose}
      onErrors={setErrors}
      onSave={async () => {
        if (reason.trim().length < min.chars) {
          setErrors({ reason: min.message });
          return false;
        }
        await props.onSubmit(reason);
      }}
    >
      <Text mb="sm">{props.warning}</Text>
      <Textarea
        data-testid={`${props.testId}-reason`}
        data-autofocus
        label={props.reasonLabel}
        required
        value={reason}
        error={errors.reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
    </FormModal>
  );
}
