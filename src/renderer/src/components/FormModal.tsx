import { Alert, Button, Group, Modal } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { errorText, fieldErrors, isConflict, notifyOk } from './errors';

/**
 * A modal form with Save/Cancel: Enter submits, Escape cancels. A failed save keeps the form open,
 * says why inside the dialog (where the user is looking) and hands the field errors to the caller.
 */
export function FormModal(props: {
  opened: boolean;
  title: string;
  size?: string;
  saveTestId: string;
  onClose: () => void;
  /** Resolves false when the caller's own checks refused the input (errors already shown). */
  onSave: () => Promise<boolean | void>;
  onErrors: (errors: Record<string, string>) => void;
  /** The record changed since it was read (CONFLICT): the caller reloads its list. */
  onConflict?: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setError(null), [props.opened]);
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size={props.size ?? 'lg'}>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            if ((await props.onSave()) === false) return;
            notifyOk(t('common.saved'));
            props.onClose();
          } catch (err) {
            props.onErrors(fieldErrors(t, err));
            setError(errorText(t, err));
            if (isConflict(err)) props.onConflict?.();
          } finally {
            setBusy(false);
          }
        }}
      >
        {props.children}
        {error && (
          <Alert color="red" mt="md" data-testid="form-error" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" data-testid={props.saveTestId} loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
