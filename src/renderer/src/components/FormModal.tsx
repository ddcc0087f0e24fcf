import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { wayOut } from './ConfirmModal';
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
  /** Something was typed: closing without saving asks first. */
  dirty?: boolean;
  /** The user chose to drop what was typed (after saying so). */
  onDiscard?: () => void;
  /** The save button's words when not "Lưu" (e.g. "Vẫn vào sổ" after a warning). */
  saveLabel?: string | undefined;
  /** Shown above the buttons (a warning the caller keeps, such as a possible duplicate). */
  notice?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    setError(null);
    setAsking(false);
  }, [props.opened]);
  // Cancel, Escape, the close button and a click outside all come here.
  const requestClose = () => {
    if (props.dirty && !busy) setAsking(true);
    else props.onClose();
  };
  return (
    <Modal opened={props.opened} onClose={requestClose} title={props.title} size={props.size ?? 'lg'}>
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
        {props.notice}
        {error && (
          <Alert color="red" mt="md" data-testid="form-error" role="alert">
            {error}
          </Alert>
        )}
        {asking ? (
          <Alert color="orange" mt="md" data-testid="form-discard-ask" role="alertdialog">
            <Text size="sm" mb="sm">
              {t('form.discardAsk')}
            </Text>
            <Group justify="flex-end" gap="xs">
              <Button variant="default" data-autofocus onClick={() => setAsking(false)}>
                {t('form.keepEditing')}
              </Button>
              <Button
                color="orange"
                data-testid="form-discard"
                onClick={() => {
                  setAsking(false);
                  props.onDiscard?.();
                  props.onClose();
                }}
              >
                {t('form.discard')}
              </Button>
            </Group>
          </Alert>
        ) : (
          <Group justify="flex-end" mt="lg">
            <Button variant="default" data-testid="form-cancel" onClick={requestClose}>
              {wayOut(t, props.title, props.saveLabel ?? '')}
            </Button>
            <Button type="submit" data-testid={props.saveTestId} loading={busy}>
              {props.saveLabel ?? t('common.save')}
            </Button>
          </Group>
        )}
      </form>
    </Modal>
  );
}
